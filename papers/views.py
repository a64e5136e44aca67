"""A paper's public page, with what cites it, and its BibTeX."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from papers import formats
from papers.lookup import LookupFailed, lookup
from papers.metadata import highwire_tags, scholarly_article
from papers.models import Paper
from papers.usage import citing_objects


def live_paper(key: str) -> Paper:
    papers = Paper.objects.filter(live=True).prefetch_related("authors")
    return get_object_or_404(papers, citation_key=key)


def paper_detail(request, key):
    paper = live_paper(key)
    cited_by = citing_objects(paper)
    article = {"@context": "https://schema.org", **scholarly_article(paper)}
    return TemplateResponse(
        request,
        "papers/paper.html",
        {
            "paper": paper,
            "cited_by": cited_by,
            "highwire_tags": highwire_tags(paper),
            "meta_title": paper.title,
            "meta_description": paper.abstract[:300] or paper.title,
            "json_ld_items": [article],
        },
    )


def paper_bibtex(request, key):
    paper = live_paper(key)
    response = HttpResponse(
        formats.bibtex([formats.paper_csl(paper)]),
        content_type="application/x-bibtex; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{paper.citation_key}.bib"'
    return response


def lookup_fields(request):
    """Admin JSON: the fields of the paper an arXiv id or DOI names, or an error."""
    if not (
        request.user.has_perm("papers.add_paper")
        or request.user.has_perm("papers.change_paper")
    ):
        return JsonResponse({"error": "You may not edit papers."}, status=403)
    try:
        return JsonResponse(lookup(request.GET.get("identifier", "")))
    except LookupFailed as error:
        return JsonResponse({"error": str(error)}, status=400)
