"""Rendered responses in the default cache, keyed by path and query string.

One key per path and query string; its value maps each origin the page was
served on (scheme and host) to the stored response, so a purge deletes a URL
for every host at once. Entries carry the time they were stored: they are
fresh for their TTL and kept SCHOLIA_PAGE_STALE_SECONDS longer, to be
served only when the database fails.
"""

import hashlib
import re
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict

KEY_PREFIX = "scholia:page:"
# Query parameters a cached page may carry: pagination (writing, sitemap pages)
# and the search query. Any other parameter bypasses the cache, so a purge of
# a path knows every variant it has to delete.
NUMBER = re.compile(r"^[1-9][0-9]{0,5}$")
CACHEABLE_PARAMETERS = {"page": NUMBER.match, "p": NUMBER.match, "q": bool}
SHORT_LIVED_PATHS = ("/search/",)


@dataclass
class Entry:
    """One stored response and when it was rendered."""

    status: int
    headers: list[tuple[str, str]]
    content: bytes
    stored_at: float
    fresh_for: int

    @property
    def age(self) -> float:
        return time.time() - self.stored_at

    @property
    def is_fresh(self) -> bool:
        return self.age < self.fresh_for


def normalised_query(query: QueryDict) -> str | None:
    """The query string as stored, or None when it makes the page uncacheable."""
    items = []
    for name in sorted(query):
        values = query.getlist(name)
        accepts = CACHEABLE_PARAMETERS.get(name)
        if accepts is None or len(values) != 1 or not accepts(values[0]):
            return None
        items.append((name, values[0]))
    return urlencode(items)


def entry_key(path: str, query: str) -> str:
    digest = hashlib.sha256(f"{path}?{query}".encode()).hexdigest()
    return KEY_PREFIX + digest


def fresh_seconds(path: str) -> int:
    if path.startswith(SHORT_LIVED_PATHS):
        return settings.SCHOLIA_PAGE_SEARCH_SECONDS
    return settings.SCHOLIA_PAGE_CACHE_SECONDS


def load(key: str, origin: str) -> Entry | None:
    return (cache.get(key) or {}).get(origin)


def save(key: str, origin: str, entry: Entry) -> None:
    variants = cache.get(key) or {}
    variants[origin] = entry
    timeout = entry.fresh_for + settings.SCHOLIA_PAGE_STALE_SECONDS
    cache.set(key, variants, timeout)


def delete(paths_and_queries: list[tuple[str, str]]) -> None:
    cache.delete_many([entry_key(path, query) for path, query in paths_and_queries])
