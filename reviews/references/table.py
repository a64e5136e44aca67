"""The lookup table of published terms and episodes that references resolve against.

Built in four queries and kept per process, paired with the ``references``
generation token (:class:`reviews.models.Generation`). Any save, delete,
publish or unpublish of a term, an episode, the glossary or the episode index,
in any process, changes the token in the same transaction; every process reads
the token once per request (once per call outside requests) and rebuilds its
table when the token differs. Nothing has to be cleared by hand, and no cache
needs to be shared between processes.
"""

import threading
from dataclasses import dataclass, field

from django.apps import apps
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from django.utils.text import slugify
from wagtail.models import Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

GENERATION = "references"
# Everything the table is built from: the snippets, and the pages their URLs
# hang from (a Site change can move those URLs too).
SOURCES = (
    ("reviews", "GlossaryTerm"),
    ("reviews", "Episode"),
    ("reviews", "GlossaryPage"),
    ("reviews", "EpisodeIndexPage"),
)


@dataclass(frozen=True)
class TermEntry:
    """A published glossary term as references need it."""

    pk: int
    slug: str
    term: str
    definition: str
    url: str


@dataclass(frozen=True)
class EpisodeEntry:
    """A published episode as references need it."""

    pk: int
    code: str
    title: str
    url: str


@dataclass
class ReferenceTable:
    """Every spelling of every live term, and every live episode code."""

    generation: str = ""
    terms: dict[str, TermEntry] = field(default_factory=dict)
    episodes: dict[str, EpisodeEntry] = field(default_factory=dict)

    def term(self, target: str) -> TermEntry | None:
        key = " ".join(target.split()).lower()
        return self.terms.get(key) or self.terms.get(slugify(key))

    def episode(self, code: str) -> EpisodeEntry | None:
        return self.episodes.get(code.upper())


def build_table(generation: str = "") -> ReferenceTable:
    # Models are looked up by name: this module is imported by the models.
    glossary = apps.get_model("reviews", "GlossaryPage").objects.live().first()
    episode_index = apps.get_model("reviews", "EpisodeIndexPage").objects.live().first()
    table = ReferenceTable(generation=generation)
    terms = apps.get_model("reviews", "GlossaryTerm").objects.filter(live=True)
    for term in terms.only("pk", "slug", "term", "aliases", "definition"):
        entry = TermEntry(
            pk=term.pk,
            slug=term.slug,
            term=term.term,
            definition=term.definition,
            url=glossary.term_url(term) if glossary else "",
        )
        for key in term.lookup_keys():
            table.terms.setdefault(key, entry)
    episodes = apps.get_model("reviews", "Episode").objects.filter(live=True)
    for episode in episodes.only("pk", "code", "title"):
        table.episodes[episode.code] = EpisodeEntry(
            pk=episode.pk,
            code=episode.code,
            title=episode.title,
            url=episode_index.episode_url(episode) if episode_index else "",
        )
    return table


class _ThisRequest(threading.local):
    """The generation token read for the request this thread is serving."""

    serving = False
    token: str | None = None


_request = _ThisRequest()
_table = ReferenceTable(generation="\0never built")


def generation() -> str:
    """The current token: read once per request, or on every call outside one."""
    if not _request.serving:
        return apps.get_model("reviews", "Generation").current(GENERATION)
    if _request.token is None:
        _request.token = apps.get_model("reviews", "Generation").current(GENERATION)
    return _request.token


def reference_table() -> ReferenceTable:
    """This process's table, rebuilt when the generation has moved on."""
    global _table
    token = generation()
    table = _table
    if table.generation != token:
        table = _table = build_table(token)
    return table


def bump(**kwargs) -> None:
    """Signal receiver: what the table is built from has changed."""
    apps.get_model("reviews", "Generation").bump(GENERATION)
    # This thread's own request must see its change too (e.g. a preview).
    _request.token = None


def _bump_for_sources(sender, **kwargs) -> None:
    if (sender._meta.app_label, sender.__name__) in SOURCES:
        bump(**kwargs)


def _request_started(**kwargs) -> None:
    _request.serving, _request.token = True, None


def _request_finished(**kwargs) -> None:
    _request.serving, _request.token = False, None


def connect_signals() -> None:
    request_started.connect(_request_started, dispatch_uid="refs-request-started")
    request_finished.connect(_request_finished, dispatch_uid="refs-request-finished")
    for app_label, model_name in SOURCES:
        model = apps.get_model(app_label, model_name)
        for action, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(
                bump, sender=model, dispatch_uid=f"refs-{action}-{model_name}"
            )
    post_save.connect(bump, sender=Site, dispatch_uid="refs-site-save")
    # Wagtail's own publishing signals, for any path that skips a model save.
    for action, signal in (
        ("publish", published),
        ("unpublish", unpublished),
        ("page-publish", page_published),
        ("page-unpublish", page_unpublished),
    ):
        signal.connect(_bump_for_sources, dispatch_uid=f"refs-{action}")
    post_page_move.connect(_bump_for_sources, dispatch_uid="refs-page-move")
