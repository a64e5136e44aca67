"""Views of the blog beside Wagtail's page serving."""

from wagtail.views import serve


def serve_cite_download(request, page_path: str, filename: str):
    """Serve /<post path>/cite.bib (and .ris, .json) through Wagtail's own serve view.

    Wagtail's URL pattern takes no dot in a path; this one hands such a request
    to the post's route, with Wagtail's hooks (privacy, live checks) applied.
    """
    return serve(request, f"{page_path}{filename}/")
