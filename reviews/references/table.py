"""The lookup table of published terms and episodes that references resolve against.

Built in four queries, kept in the default cache, and dropped whenever a term,
an episode, or the glossary or episode page changes, so rendering a page costs
no query per reference.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.text import slugify

CACHE_KEY = "reviews:reference-table:v1"


@dataclass(frozen=True)
class TermEntry:
    pk: int
    slug: str
    term: str
    definition: str
    url: str


@dataclass(frozen=True)
class EpisodeEntry:
    pk: int
    code: str
    title: str
    url: str


@dataclass
class ReferenceTable:
    terms: dict[str, TermEntry] = field(default_factory=dict)
    episodes: dict[str, EpisodeEntry] = field(default_factory=dict)

    def term(self, target: str) -> TermEntry | None:
        key = " ".join(target.split()).lower()
        return self.terms.get(key) or self.terms.get(slugify(key))

    def episode(self, code: str) -> EpisodeEntry | None:
        return self.episodes.get(code.upper())


def build_table() -> ReferenceTable:
    from reviews.models import Episode, EpisodeIndexPage, GlossaryPage, GlossaryTerm

    glossary = GlossaryPage.objects.live().first()
    episode_index = EpisodeIndexPage.objects.live().first()
    table = ReferenceTable()
    for term in GlossaryTerm.objects.filter(live=True).only(
        "pk", "slug", "term", "aliases", "definition"
    ):
        entry = TermEntry(
            pk=term.pk,
            slug=term.slug,
            term=term.term,
            definition=term.definition,
            url=glossary.term_url(term) if glossary else "",
        )
        for key in term.lookup_keys():
            table.terms.setdefault(key, entry)
    for episode in Episode.objects.filter(live=True).only("pk", "code", "title"):
        table.episodes[episode.code] = EpisodeEntry(
            pk=episode.pk,
            code=episode.code,
            title=episode.title,
            url=episode_index.episode_url(episode) if episode_index else "",
        )
    return table


def reference_table() -> ReferenceTable:
    table = cache.get(CACHE_KEY)
    if table is None:
        table = build_table()
        cache.set(CACHE_KEY, table, timeout=None)
    return table


def invalidate(**kwargs) -> None:
    cache.delete(CACHE_KEY)


def connect_invalidation_signals() -> None:
    from reviews.models import Episode, EpisodeIndexPage, GlossaryPage, GlossaryTerm

    for model in (GlossaryTerm, Episode, GlossaryPage, EpisodeIndexPage):
        post_save.connect(
            invalidate, sender=model, dispatch_uid=f"refs-save-{model.__name__}"
        )
        post_delete.connect(
            invalidate, sender=model, dispatch_uid=f"refs-del-{model.__name__}"
        )
