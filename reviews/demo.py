"""Demo reviews: the topic index, the seed topic, its episodes and glossary terms."""

from pathlib import Path

from home.demo import delete_children, load_data, sync_page, sync_snippet
from reviews.models import (
    Episode,
    EpisodeIndexPage,
    GlossaryPage,
    GlossaryTerm,
    TopicAnchorEpisode,
    TopicIndexPage,
    TopicReviewPage,
)

DATA_FILE = Path(__file__).resolve().parent / "demo_topic.yaml"
EPISODE_NOTE = (
    "*Demo text: this digest is a paraphrase of the sentence of the "
    "literature review that cites it.*"
)
SECTION_PAGES = [
    (GlossaryPage, "glossary", "Glossary"),
    (EpisodeIndexPage, "episodes", "Episodes"),
]


def demo_data() -> dict:
    return load_data(DATA_FILE)


def term_fields(term: dict) -> dict:
    return {
        "term": term["term"],
        "slug": term["slug"],
        "aliases": term.get("aliases", ""),
        "definition": term["definition"],
    }


def episode_fields(episode: dict) -> dict:
    return {
        "code": episode["code"],
        "title": episode["title"],
        "date": episode["date"],
        "summary": EPISODE_NOTE + "\n\n" + episode["title"] + ".",
    }


def anchor_setter(codes: list[str]):
    """A ``relations`` callback for sync_page that sets the anchoring episodes."""

    def set_anchors(page: TopicReviewPage) -> bool:
        current = [
            anchor.episode.code
            for anchor in sorted(page.anchor_episodes.all(), key=lambda a: a.sort_order)
        ]
        if current == codes:
            return False
        page.anchor_episodes = [
            TopicAnchorEpisode(episode=Episode.objects.get(code=code), sort_order=order)
            for order, code in enumerate(codes)
        ]
        return True

    return set_anchors


def reset_reviews(home) -> int:
    """Delete the demo review pages, episodes and terms; load_reviews rebuilds them."""
    data = demo_data()
    deleted = delete_children(
        home, [data["index"]["slug"], *(slug for _, slug, _ in SECTION_PAGES)]
    )
    Episode.objects.filter(code__in=[e["code"] for e in data["episodes"]]).delete()
    GlossaryTerm.objects.filter(slug__in=[t["slug"] for t in data["terms"]]).delete()
    return deleted


def load_reviews(home) -> list[str]:
    """Create or update terms, episodes and review pages; one line per change."""
    data = demo_data()
    changes = []
    for term in data["terms"]:
        instance, status = sync_snippet(GlossaryTerm, "slug", term_fields(term))
        if status != "unchanged":
            changes.append(f"{status} term {instance.term}")
    for episode in data["episodes"]:
        instance, status = sync_snippet(Episode, "code", episode_fields(episode))
        if status != "unchanged":
            changes.append(f"{status} episode {instance.code}")
    for model, slug, title in SECTION_PAGES:
        page, status = sync_page(home, model, slug, {"title": title})
        if status != "unchanged":
            changes.append(f"{status} page {page.url_path}")
    index = data["index"]
    topics, status = sync_page(
        home, TopicIndexPage, index["slug"], {"title": index["title"]}
    )
    if status != "unchanged":
        changes.append(f"{status} page {topics.url_path}")
    topic = data["topic"]
    page, status = sync_page(
        topics,
        TopicReviewPage,
        topic["slug"],
        {
            "title": topic["title"],
            "body": [
                {"type": "section", "value": section} for section in topic["sections"]
            ],
        },
        relations=anchor_setter(topic["anchor_episodes"]),
    )
    if status != "unchanged":
        changes.append(f"{status} topic {page.title}")
    return changes
