"""Demo reviews: the topic index, the seed topic, its episodes and glossary terms."""

from pathlib import Path

from home.demo import load_data, sync_page, sync_snippet
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


def load_reviews(home, *, force: bool = False) -> list[str]:
    """Create terms, episodes and review pages; one line per change or skip.

    ``force`` writes the demo version over objects changed since they were seeded.
    """
    data = demo_data()
    lines = []
    for term in data["terms"]:
        synced = sync_snippet(GlossaryTerm, "slug", term_fields(term), force=force)
        lines += synced.report("term", repr(term["term"]))
    for episode in data["episodes"]:
        fields = episode_fields(episode)
        synced = sync_snippet(Episode, "code", fields, force=force)
        lines += synced.report("episode", synced.obj.code)
    index = data["index"]
    topics = sync_page(
        home,
        TopicIndexPage,
        index["slug"],
        {"title": index["title"], "show_in_menus": True},
        force=force,
    )
    lines += topics.report("page", topics.obj.url_path)
    topic = data["topic"]
    body = [{"type": "section", "value": section} for section in topic["sections"]]
    synced = sync_page(
        topics.obj,
        TopicReviewPage,
        topic["slug"],
        {"title": topic["title"], "body": body},
        relations=anchor_setter(topic["anchor_episodes"]),
        force=force,
    )
    lines += synced.report("topic", repr(topic["title"]))
    for model, slug, title in SECTION_PAGES:
        fields = {"title": title, "show_in_menus": True}
        synced = sync_page(home, model, slug, fields, force=force)
        lines += synced.report("page", synced.obj.url_path)
    return lines
