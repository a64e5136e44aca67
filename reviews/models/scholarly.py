"""A topic's bibliography and what scholarly tools read about it."""

from django.db.models import Prefetch

from home.metadata import SCHEMA
from home.origin import absolute_url
from papers.citations.syntax import cited_papers
from papers.metadata import scholarly_article
from papers.models import Paper
from reviews.models.episodes import EpisodePaper


def topic_references(body, episodes: list) -> list[Paper]:
    """Cited papers (numbered in order of citation), then the anchoring
    episodes' papers not cited in the text, numbered on."""
    papers = cited_papers(body)
    seen = {paper.pk for paper in papers}
    links = (
        EpisodePaper.objects.filter(episode__in=episodes, paper__live=True)
        .select_related("paper")
        .prefetch_related(Prefetch("paper__authors"))
        .order_by("sort_order")
        if episodes
        else []
    )
    order = {episode.pk: index for index, episode in enumerate(episodes)}
    for link in sorted(links, key=lambda link: order.get(link.episode_id, 0)):
        if link.paper.pk not in seen:
            seen.add(link.paper.pk)
            link.paper.number = len(papers) + 1
            papers.append(link.paper)
    return papers


def _episode_url(episode, request) -> str:
    """The episode's own absolute URL (its index page found once per request)."""
    own = episode.get_url(request)
    return absolute_url(own, request) if own else ""


def topic_collection(page, request, episodes: list, papers: list) -> dict:
    """The topic as a schema.org CollectionPage whose parts are its episodes."""
    url = absolute_url(page.url, request)
    collection = {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "@id": url,
        "url": url,
        "name": page.title,
        "headline": page.title,
        "hasPart": [
            {
                "@type": "CreativeWork",
                "name": f"{episode.code} · {episode.title}",
                "url": _episode_url(episode, request) or url,
            }
            for episode in episodes
        ],
    }
    if page.intro:
        collection["description"] = page.intro
    if page.last_published_at:
        collection["dateModified"] = page.last_published_at.isoformat()
    if papers:
        collection["citation"] = [scholarly_article(paper) for paper in papers]
    return collection
