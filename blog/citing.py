"""'Cite this': a post's citation as BibTeX, RIS and CSL-JSON downloads."""

from django.conf import settings
from django.http import HttpResponse
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home.origin import absolute_url
from papers import formats

DOWNLOADS = {
    "bib": ("application/x-bibtex; charset=utf-8", formats.bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", formats.ris),
    "json": (
        "application/vnd.citationstyles.csl+json; charset=utf-8",
        formats.csl_json,
    ),
}


class CitablePostMixin(RoutablePageMixin):
    """Routes /cite.bib, /cite.ris and /cite.json under a post."""

    def serve_preview(self, request, mode_name):
        # Previews honour their mode's template; routing would always pick the page's.
        return super(RoutablePageMixin, self).serve_preview(request, mode_name)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["citation_text"] = self.text_citation(request)
        return context

    def csl_item(self, request=None) -> dict:
        """The post itself as a CSL-JSON item (a blog post on this site)."""
        site_name = getattr(settings, "WAGTAIL_SITE_NAME", "") or self.title
        return {
            "id": self.slug.replace("-", "_"),
            "type": "post-weblog",
            "title": self.title,
            "author": [{"literal": site_name}],
            "issued": {
                "date-parts": [[self.date.year, self.date.month, self.date.day]]
            },
            "container-title": site_name,
            "URL": absolute_url(self.url, request),
        }

    def text_citation(self, request=None) -> str:
        return formats.text_citation(self.csl_item(request))

    def cite_download(self, request, extension: str):
        content_type, write = DOWNLOADS[extension]
        response = HttpResponse(write([self.csl_item(request)]), content_type)
        response["Content-Disposition"] = f'inline; filename="{self.slug}.{extension}"'
        return response

    @path("")
    def post(self, request):
        return self.render(request)

    @path("cite.bib/", name="cite_bib")
    def cite_bib(self, request):
        return self.cite_download(request, "bib")

    @path("cite.ris/", name="cite_ris")
    def cite_ris(self, request):
        return self.cite_download(request, "ris")

    @path("cite.json/", name="cite_json")
    def cite_json(self, request):
        return self.cite_download(request, "json")
