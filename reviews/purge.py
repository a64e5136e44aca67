"""Which URLs show a topic, a glossary term or an episode: what a change purges."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, Q
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex

from home.cache.purge import page_path, sitemap_paths
from reviews.models import (
    Episode,
    EpisodeIndexPage,
    GlossaryPage,
    GlossaryTerm,
    TopicReviewPage,
)


def referencing_paths(obj) -> set[str]:
    """Paths of the live pages whose content references ``obj``.

    A topic anchored on an episode also shows in its index's episode counts.
    """
    ids = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(type(obj)),
        to_object_id=str(obj.pk),
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list(Cast("object_id", BigIntegerField()), flat=True)
    paths = set()
    for page in Page.objects.live().filter(pk__in=ids).specific(defer=True):
        paths.add(page_path(page))
        if isinstance(page, TopicReviewPage):
            paths.add(page_path(page.get_parent()))
    return paths


def pages_naming(texts: list[str]) -> set[str]:
    """Paths of live pages whose body contains any of ``texts``.

    A reference to a draft term or episode is not in the reference index (it
    links nothing yet), but the page showing it must change when it goes live.
    """
    wanted = Q()
    for text in texts:
        wanted |= Q(body__icontains=text)
    paths = set()
    for model in apps.get_models():
        if issubclass(model, Page) and any(
            field.name == "body" for field in model._meta.local_fields
        ):
            for page in model.objects.live().filter(wanted).defer("body"):
                paths.add(page_path(page))
    return paths


def term_page_path(term: GlossaryTerm) -> str | None:
    glossary = GlossaryPage.objects.live().first()
    base = page_path(glossary) if glossary else None
    return base + glossary.reverse_subpage("term", args=[term.slug]) if base else None


def episode_page_path(episode: Episode) -> str | None:
    index = EpisodeIndexPage.objects.live().first()
    base = page_path(index) if index else None
    if not base:
        return None
    return base + index.reverse_subpage("episode", args=[episode.code.lower()])


def term_paths(term: GlossaryTerm) -> set[str]:
    """The term's page, the glossary, pages citing it, home and sitemap."""
    glossary = GlossaryPage.objects.live().first()
    names = [f"[[{key}{end}" for key in term.lookup_keys() for end in ("]]", "|")]
    paths = {
        "/",
        *sitemap_paths(),
        term_page_path(term),
        *referencing_paths(term),
        *pages_naming(names),
    }
    if glossary:
        paths.add(page_path(glossary))
    return paths


def episode_paths(episode: Episode) -> set[str]:
    """The episode's page, the episode list, pages citing it, home and sitemap."""
    index = EpisodeIndexPage.objects.live().first()
    paths = {
        "/",
        *sitemap_paths(),
        episode_page_path(episode),
        *referencing_paths(episode),
        *pages_naming([episode.code]),
    }
    if index:
        paths.add(page_path(index))
    return paths


def topic_paths(topic: TopicReviewPage) -> set[str]:
    """The topic, the topic index, home and sitemap."""
    paths = {"/", *sitemap_paths(), page_path(topic)}
    parent = topic.get_parent()
    if parent is not None:
        paths.add(page_path(parent))
    return paths


def cited_snippet_paths(page: Page) -> set[str]:
    """Pages of the terms and episodes ``page`` cites: each lists its citers."""
    cited = {GlossaryTerm: term_page_path, Episode: episode_page_path}
    paths = set()
    for model, path_of in cited.items():
        ids = ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=str(page.pk),
            to_content_type=ContentType.objects.get_for_model(model),
        ).values_list(Cast("to_object_id", BigIntegerField()), flat=True)
        paths |= {path_of(obj) for obj in model.objects.filter(pk__in=ids, live=True)}
    return paths


def every_path() -> set[str]:
    """Every published term's and episode's page."""
    terms = GlossaryTerm.objects.filter(live=True)
    episodes = Episode.objects.filter(live=True)
    return {term_page_path(term) for term in terms} | {
        episode_page_path(episode) for episode in episodes
    }
