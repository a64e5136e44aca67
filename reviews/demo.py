"""Demo reviews: the topic index, a topic, its episodes, and glossary terms."""

import datetime

from home.demo import ensure_page
from reviews.models import (
    Episode,
    EpisodeIndexPage,
    GlossaryPage,
    GlossaryTerm,
    TopicAnchorEpisode,
    TopicIndexPage,
    TopicReviewPage,
)

DEMO_TERMS = [
    {
        "term": "KV cache",
        "slug": "kv-cache",
        "aliases": "KV caches, key-value cache",
        "definition": "The keys and values of past tokens, stored so each new token "
        "attends to them without recomputing them.",
    },
    {
        "term": "Attention",
        "slug": "attention",
        "aliases": "self-attention",
        "definition": "The operation that mixes every token with every other token, "
        "weighted by query-key similarity.",
    },
]

DEMO_EPISODES = [
    {
        "code": "E036",
        "title": "Attention as geometric search",
        "date": datetime.date(2025, 10, 2),
    },
    {
        "code": "E033",
        "title": "Dropping the KV cache for a closed-form memory",
        "date": datetime.date(2025, 9, 25),
    },
]

DEMO_SECTIONS = [
    {
        "heading": "Rethinking attention and the KV cache",
        "text": "Standard [[attention]] keeps a growing [[KV cache]]; reframing "
        "retrieval as geometric search gives large speed-ups E036. The more "
        "radical move drops the [[kv-cache|KV cache]] entirely E033.",
    },
]


def _publish_snippet(instance) -> None:
    instance.full_clean()
    instance.save()
    instance.save_revision().publish()


def load_reviews(home) -> list[str]:
    created = []
    for term_data in DEMO_TERMS:
        if not GlossaryTerm.objects.filter(slug=term_data["slug"]).exists():
            _publish_snippet(GlossaryTerm(**term_data))
            created.append(f"term {term_data['term']}")
    for episode_data in DEMO_EPISODES:
        if not Episode.objects.filter(code=episode_data["code"]).exists():
            _publish_snippet(Episode(**episode_data))
            created.append(f"episode {episode_data['code']}")

    for model, slug, title in [
        (GlossaryPage, "glossary", "Glossary"),
        (EpisodeIndexPage, "episodes", "Episodes"),
        (TopicIndexPage, "topics", "Literature review"),
    ]:
        page, new = ensure_page(home, model, slug, title=title)
        if new:
            created.append(f"page {page.url_path}")
    topics = TopicIndexPage.objects.child_of(home).get(slug="topics")

    if (
        not TopicReviewPage.objects.child_of(topics)
        .filter(slug="efficient-architectures")
        .exists()
    ):
        topic = TopicReviewPage(
            slug="efficient-architectures",
            title="Efficient architectures and serving",
            body=[{"type": "section", "value": section} for section in DEMO_SECTIONS],
        )
        for sort_order, episode_data in enumerate(DEMO_EPISODES):
            topic.anchor_episodes.add(
                TopicAnchorEpisode(
                    episode=Episode.objects.get(code=episode_data["code"]),
                    sort_order=sort_order,
                )
            )
        topics.add_child(instance=topic)
        topic.save_revision().publish()
        created.append(f"topic {topic.title}")
    return created
