"""A wagtail.contrib.frontend_cache backend that purges the Django page cache."""

from urllib.parse import urlsplit

from django.http import QueryDict
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from home.cache import store


class PageCacheBackend(BaseBackend):
    """Deletes the page cache's entries for the purged URLs, on every host."""

    def purge(self, url) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        keys = []
        for url in urls:
            parts = urlsplit(url)
            query = store.normalised_query(QueryDict(parts.query))
            if query is not None:
                keys.append((parts.path or "/", query))
        store.delete(keys)
