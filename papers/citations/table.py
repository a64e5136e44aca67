"""The published papers citations resolve against, rebuilt when any paper changes.

The version lives in the default cache (shared by every process in production,
Redis): any save or delete of a paper, an author or the citation settings
removes it once its transaction commits, and the next reader derives it again
from the database (one query: the style, the count and latest change of paper
records). It is read once per request; a process rebuilds its table when the
version differs, so every worker sees a publish on its next request.
"""

import threading
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Count, Max, Subquery

CACHE_KEY = "scholia:citations:version"


@dataclass(frozen=True)
class PaperEntry:
    """A published paper as citations need it."""

    pk: int
    key: str
    short_authors: str
    year: int | None
    title: str

    @property
    def author_year(self) -> str:
        return ", ".join(str(part) for part in (self.short_authors, self.year) if part)


@dataclass
class CitationTable:
    """Every live paper by citation key, and the site's citation style."""

    version: str = ""
    style: str = "numbered"
    papers: dict[str, PaperEntry] = field(default_factory=dict)

    def paper(self, key: str) -> PaperEntry | None:
        return self.papers.get(key)


def short_authors(names: list[str]) -> str:
    """'Gu', 'Gu and Dao', 'Gu et al.' from full names."""
    from papers.identifiers import surname

    surnames = [surname(name) for name in names]
    if len(surnames) > 2:
        return f"{surnames[0]} et al."
    return " and ".join(surnames)


def _version_from_database() -> str:
    styles = apps.get_model("papers", "CitationSettings").objects.values("style")
    stats = apps.get_model("papers", "Paper").objects.aggregate(
        count=Count("pk"), latest=Max("updated_at"), style=Max(Subquery(styles[:1]))
    )
    latest = stats["latest"].isoformat() if stats["latest"] else ""
    return f"{stats['style'] or 'numbered'}|{stats['count']}|{latest}"


def _read_version() -> str:
    current = cache.get(CACHE_KEY)
    if current is None:
        current = _version_from_database()
        cache.add(CACHE_KEY, current, timeout=None)
    return current


def build_table(version: str) -> CitationTable:
    papers = (
        apps.get_model("papers", "Paper")
        .objects.filter(live=True)
        .prefetch_related("authors")
    )
    table = CitationTable(version=version, style=version.split("|", 1)[0])
    for paper in papers:
        table.papers[paper.citation_key] = PaperEntry(
            pk=paper.pk,
            key=paper.citation_key,
            short_authors=short_authors(paper.author_names()),
            year=paper.year,
            title=paper.title,
        )
    return table


class _ThisRequest(threading.local):
    """The version read for the request this thread is serving."""

    serving = False
    version: str | None = None


_request = _ThisRequest()
_table = CitationTable(version="\0never built")


def version() -> str:
    if not _request.serving:
        return _read_version()
    if _request.version is None:
        _request.version = _read_version()
    return _request.version


def citation_table() -> CitationTable:
    """This process's table, rebuilt when the version has moved on."""
    global _table
    current = version()
    if _table.version != current:
        _table = build_table(current)
    return _table


def forget(**kwargs) -> None:
    """A paper or the style changed: every process derives the version anew."""
    _request.version = None
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def _request_started(**kwargs) -> None:
    _request.serving, _request.version = True, None


def _request_finished(**kwargs) -> None:
    _request.serving, _request.version = False, None


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    request_started.connect(_request_started, dispatch_uid="cite-request-started")
    request_finished.connect(_request_finished, dispatch_uid="cite-request-finished")
    for name in ("Paper", "PaperAuthor", "CitationSettings"):
        model = apps.get_model("papers", name)
        post_save.connect(forget, sender=model, dispatch_uid=f"cite-save-{name}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"cite-del-{name}")
