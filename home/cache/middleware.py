"""Serves anonymous readers' GET and HEAD requests from the page cache.

Why not a package: wagtail-cache 3.0.0 (its latest release) requires
Wagtail < 8, and Django's cache middleware keys entries by the full URL and
the Vary'd headers (every distinct Cookie header gets its own entry), so a
purge cannot name the entries of a URL. This middleware keeps Django's
conventions (``get_conditional_response``, ``patch_cache_control``) and keys
entries by path and an allow-listed query string (store.py).
"""

import hashlib
import logging
import time
from email.utils import formatdate

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag

from home.cache import store

logger = logging.getLogger(__name__)

NEVER_CACHED_PREFIXES = (
    "/admin/",
    "/share/",
    "/documents/",
    "/healthz/",
    "/readyz/",
    "/static/",
    "/media/",
)


def cache_slot(request) -> tuple[str, str] | None:
    """(key, origin) for a request the page cache may answer, else None."""
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None  # logged in (or a password-protected page's pass)
    if request.path.startswith(NEVER_CACHED_PREFIXES):
        return None
    query = store.normalised_query(request.GET)
    if query is None:
        return None
    origin = f"{request.scheme}://{request.get_host()}"
    return store.entry_key(request.path, query), origin


def storable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200:
        return False
    if response.streaming or response.cookies:
        return False  # a cookie (CSRF, messages, session) belongs to one reader
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def mark_shared(response, fresh_for: int, stored_at: float) -> None:
    """Headers every cached copy carries: shared-cacheable, revalidated by browsers."""
    # Browsers revalidate every time (a 304 costs nothing here); shared caches
    # in front keep it for fresh_for seconds, and are purged on publish.
    patch_cache_control(response, public=True, max_age=0, s_maxage=fresh_for)
    response["Last-Modified"] = formatdate(stored_at, usegmt=True)


def respond_from(request, entry: store.Entry, state: str):
    response = HttpResponse(
        b"" if request.method == "HEAD" else entry.content, status=entry.status
    )
    for name, value in entry.headers:
        response[name] = value
    response["X-Page-Cache"] = state
    conditional = get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=int(entry.stored_at),
        response=response,
    )
    return conditional


class PageCacheMiddleware:
    """The full-page cache: hits skip sessions, auth, CSRF and the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        slot = cache_slot(request)
        if slot is None:
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                patch_cache_control(response, private=True)
            return response
        key, origin = slot
        entry = store.load(key, origin)
        if entry is not None and entry.is_fresh:
            return respond_from(request, entry, "hit")
        request.page_cache_fallback = entry
        response = self.get_response(request)
        if getattr(response, "page_cache_stale", False) or not storable(
            request, response
        ):
            return response
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        stored_at = time.time()
        fresh_for = store.fresh_seconds(request.path)
        mark_shared(response, fresh_for, stored_at)
        response["ETag"] = quote_etag(
            hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        )
        headers = [
            (name, value) for name, value in response.items() if name != "X-Page-Cache"
        ]
        store.save(
            key,
            origin,
            store.Entry(200, headers, response.content, stored_at, fresh_for),
        )
        response["X-Page-Cache"] = "miss"
        return response

    def process_exception(self, request, exception):
        """With the database down, a stored copy younger than the bound, if any.

        The hook the outage handling relies on: a view that raises DatabaseError
        gets the last stored copy of its URL (fresh or not) while that copy is
        at most SCHOLIA_PAGE_STALE_SECONDS past its freshness.
        """
        entry = getattr(request, "page_cache_fallback", None)
        if not isinstance(exception, DatabaseError) or entry is None:
            return None
        if entry.age > entry.fresh_for + settings.SCHOLIA_PAGE_STALE_SECONDS:
            return None
        logger.warning("database error: serving %s from the page cache", request.path)
        response = respond_from(request, entry, "stale")
        response.page_cache_stale = True
        return response
