"""The papers a post discusses, and what scholarly tools read about them."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from home.metadata import SCHEMA
from home.origin import absolute_url
from papers.metadata import highwire_tags, scholarly_article
from papers.models import Paper

__all__ = [
    "PaperPostPaper",
    "blog_posting",
    "discussed_papers",
    "highwire_tags",
]


class PaperPostPaper(Orderable):
    """One of the papers a post discusses, in the order the paper box lists them."""

    page = ParentalKey(
        "blog.PaperPostPage", on_delete=models.CASCADE, related_name="discussed_papers"
    )
    paper = models.ForeignKey(
        "papers.Paper", on_delete=models.PROTECT, related_name="discussing_posts"
    )

    panels = [FieldPanel("paper")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "paper"], name="unique_post_paper")
        ]


def discussed_papers(page) -> list:
    """The post's live papers in order, authors included (one query, two if any).

    A preview's papers are the form's, held in memory by modelcluster.
    """
    in_memory = getattr(page, "_cluster_related_objects", {})
    if page.pk is None or "discussed_papers" in in_memory:
        return [link.paper for link in page.discussed_papers.all() if link.paper.live]
    return list(
        Paper.objects.filter(live=True, discussing_posts__page=page)
        .order_by("discussing_posts__sort_order")
        .prefetch_related("authors")
    )


def legacy_about(page) -> dict:
    """The paper typed into the post's own fields (markdown imports), as JSON-LD."""
    paper = {"@type": "ScholarlyArticle", "name": page.paper_title}
    names = [name.strip() for name in page.paper_authors.split(",") if name.strip()]
    if names:
        paper["author"] = [{"@type": "Person", "name": name} for name in names]
    if page.paper_year:
        paper["datePublished"] = str(page.paper_year)
    if page.paper_venue:
        paper["publisher"] = page.paper_venue
    if page.paper_link:
        paper["url"] = page.paper_link
    return paper


def blog_posting(page, request) -> dict:
    """The post as a BlogPosting: ``about`` the papers it discusses, with a
    ``citation`` for each paper its text cites."""
    url = absolute_url(page.url, request)
    posting = {
        "@context": SCHEMA,
        "@type": "BlogPosting",
        "@id": url,
        "headline": page.title,
        "description": page.dek,
        "datePublished": page.date.isoformat(),
        "url": url,
        "mainEntityOfPage": url,
        "keywords": [tag.name for tag in page.tag_list],
        "author": page.authors_json_ld(request),
    }
    if page.last_published_at:
        posting["dateModified"] = page.last_published_at.isoformat()
    about = [scholarly_article(paper) for paper in page.papers]
    if about:
        posting["about"] = about[0] if len(about) == 1 else about
    elif page.paper_title:
        posting["about"] = legacy_about(page)
    if page.references:
        posting["citation"] = [scholarly_article(paper) for paper in page.references]
    return posting
