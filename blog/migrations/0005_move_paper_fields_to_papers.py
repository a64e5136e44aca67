"""Each post's own paper fields become a Paper record the post discusses.

Papers are shared: a post whose paper has the same arXiv id (any version) or
the same title as an existing record links that record. Running it again
links nothing twice; reversing copies each post's first paper back into its
fields and removes the links (the Paper records stay: episodes may use them).
"""

import re

from django.db import migrations

from papers.identifiers import arxiv_base_id, citation_key_base


def venue_kind(venue: str) -> str:
    lowered = venue.lower()
    if "arxiv" in lowered:
        return "preprint"
    if "report" in lowered:
        return "report"
    if "journal" in lowered or "transactions" in lowered or lowered == "jmlr":
        return "journal"
    return "conference"


def author_names(authors: str) -> list[str]:
    return [name.strip() for name in re.split(r",|\band\b", authors) if name.strip()]


def find_or_create_paper(Paper, PaperAuthor, post):
    if post.paper_arxiv_id:
        base = arxiv_base_id(post.paper_arxiv_id)
        for paper in Paper.objects.filter(arxiv_id__startswith=base):
            if arxiv_base_id(paper.arxiv_id) == base:
                return paper
    paper = Paper.objects.filter(title__iexact=post.paper_title.strip()).first()
    if paper is not None:
        return paper
    names = author_names(post.paper_authors)
    base = citation_key_base(names[0] if names else "", post.paper_year, post.paper_title)
    key, suffix = base, ord("b")
    while Paper.objects.filter(citation_key=key).exists():
        key, suffix = f"{base}{chr(suffix)}", suffix + 1
    paper = Paper.objects.create(
        title=post.paper_title.strip(),
        year=post.paper_year,
        venue=post.paper_venue,
        venue_kind=venue_kind(post.paper_venue),
        arxiv_id=post.paper_arxiv_id,
        url=post.paper_url,
        citation_key=key,
        live=True,
    )
    PaperAuthor.objects.bulk_create(
        PaperAuthor(paper=paper, name=name, sort_order=order)
        for order, name in enumerate(names)
    )
    return paper


def forwards(apps, schema_editor):
    PaperPostPage = apps.get_model("blog", "PaperPostPage")
    PaperPostPaper = apps.get_model("blog", "PaperPostPaper")
    Paper = apps.get_model("papers", "Paper")
    PaperAuthor = apps.get_model("papers", "PaperAuthor")
    for post in PaperPostPage.objects.exclude(paper_title="").order_by("path"):
        if PaperPostPaper.objects.filter(page=post).exists():
            continue
        paper = find_or_create_paper(Paper, PaperAuthor, post)
        PaperPostPaper.objects.create(page=post, paper=paper, sort_order=0)


def backwards(apps, schema_editor):
    PaperPostPage = apps.get_model("blog", "PaperPostPage")
    PaperPostPaper = apps.get_model("blog", "PaperPostPaper")
    PaperAuthor = apps.get_model("papers", "PaperAuthor")
    for post in PaperPostPage.objects.order_by("path"):
        link = (
            PaperPostPaper.objects.filter(page=post)
            .select_related("paper")
            .order_by("sort_order", "pk")
            .first()
        )
        if link is None:
            continue
        paper = link.paper
        names = PaperAuthor.objects.filter(paper=paper).order_by("sort_order", "pk")
        post.paper_title = paper.title
        post.paper_authors = ", ".join(names.values_list("name", flat=True))
        post.paper_year = paper.year
        post.paper_venue = paper.venue
        post.paper_url = paper.url
        post.paper_arxiv_id = paper.arxiv_id
        post.save(
            update_fields=[
                "paper_title",
                "paper_authors",
                "paper_year",
                "paper_venue",
                "paper_url",
                "paper_arxiv_id",
            ]
        )
    PaperPostPaper.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0004_add_discussed_papers"),
        ("papers", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
