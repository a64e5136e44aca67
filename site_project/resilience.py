"""Degrade instead of failing when Redis or PostgreSQL is down.

``ResilientRedisCache`` turns a Redis outage into cache misses: reads return
their default, writes do nothing, and the outage is logged once (per process)
when it starts and once when it ends. Every page can be rendered from the
database, so readers see no error.

``DatabaseOutageMiddleware`` and ``server_error`` turn a lost database
connection (``OperationalError``/``InterfaceError``, never a bug such as an
``IntegrityError``) into the designed 503 page with ``Retry-After``.
"""

import functools
import logging
import sys
import threading
import time

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError)
DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)


class _Outage:
    """Whether one Redis location is down, shared by every thread of the process."""

    def __init__(self, location: str, retry_seconds: float):
        self.location = location
        self.retry_seconds = retry_seconds
        self.down_since: float | None = None
        self.next_attempt = 0.0
        self.lock = threading.Lock()

    def skip(self) -> bool:
        """While down, try Redis again only every ``retry_seconds``."""
        return self.down_since is not None and time.monotonic() < self.next_attempt

    def failed(self, error: Exception) -> None:
        with self.lock:
            now = time.monotonic()
            self.next_attempt = now + self.retry_seconds
            if self.down_since is None:
                self.down_since = now
                logger.error(
                    "cache: Redis at %s unreachable (%s); serving without the "
                    "cache until it answers again",
                    self.location,
                    error,
                )

    def succeeded(self) -> None:
        if self.down_since is None:
            return
        with self.lock:
            if self.down_since is not None:
                logger.warning(
                    "cache: Redis at %s answers again after %.1f s",
                    self.location,
                    time.monotonic() - self.down_since,
                )
                self.down_since = None


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str, retry_seconds: float) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage(location, retry_seconds))


def _on_outage(fallback):
    """Run the Redis call; on a connection error return ``fallback(args)``."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.outage.skip():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except OUTAGE_ERRORS as error:
                self.outage.failed(error)
                return fallback(*args, **kwargs)
            self.outage.succeeded()
            return result

        return wrapper

    return decorator


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found (the cache is unreachable).")


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, where an unreachable Redis is an empty cache.

    ``OPTIONS["RETRY_SECONDS"]`` (default 1) is how long to skip Redis after a
    failed call, so a dead server costs one connection attempt a second, not
    one per cache call. Pair it with short ``socket_connect_timeout`` and
    ``socket_timeout`` options so an unanswering host fails fast too.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        retry_seconds = float(options.pop("RETRY_SECONDS", 1.0))
        super().__init__(server, {**params, "OPTIONS": options})
        self.outage = _outage_for(str(server), retry_seconds)

    @_on_outage(lambda key, value, timeout=DEFAULT_TIMEOUT, version=None: False)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, value, timeout, version)

    @_on_outage(lambda key, default=None, version=None: default)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @_on_outage(lambda key, value, timeout=DEFAULT_TIMEOUT, version=None: None)
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set(key, value, timeout, version)

    @_on_outage(lambda key, timeout=DEFAULT_TIMEOUT, version=None: False)
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version)

    @_on_outage(lambda key, version=None: False)
    def delete(self, key, version=None):
        return super().delete(key, version)

    @_on_outage(lambda keys, version=None: {})
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @_on_outage(lambda key, version=None: False)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    @_on_outage(_missing_key)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)

    @_on_outage(lambda data, timeout=DEFAULT_TIMEOUT, version=None: list(data))
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set_many(data, timeout, version)

    @_on_outage(lambda keys, version=None: None)
    def delete_many(self, keys, version=None):
        return super().delete_many(keys, version)

    @_on_outage(lambda: False)
    def clear(self):
        return super().clear()


def database_outage_response(request) -> HttpResponse:
    """The designed 503 page; rendered without the database or the request context."""
    in_admin = request.path.startswith("/admin/")
    # The site name comes from settings: the Site record is in the database.
    context = {"in_admin": in_admin, "site_name": settings.WAGTAIL_SITE_NAME}
    html = loader.get_template("503.html").render(context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Logged once here, not again as an error by Django's request logger.
    response._has_been_logged = True
    return response


class _ThrottledLog:
    """Logs at most once per interval per process, counting what it held back."""

    def __init__(self, interval: float):
        self.interval = interval
        self.last = -interval
        self.held_back = 0
        self.lock = threading.Lock()

    def warning(self, message: str, *args) -> None:
        with self.lock:
            now = time.monotonic()
            if now - self.last < self.interval:
                self.held_back += 1
                return
            held_back, self.held_back, self.last = self.held_back, 0, now
        logger.warning(message + " (%d more since the last report)", *args, held_back)


_database_log = _ThrottledLog(interval=60.0)


class DatabaseOutageMiddleware:
    """A view that loses the database answers the 503 page, not a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_OUTAGE_ERRORS):
            return None
        _database_log.warning("database unreachable, answering 503: %s", exception)
        return database_outage_response(request)


@requires_csrf_token
def server_error(request):
    """handler500: the 503 page when the database was lost outside a view
    (middleware, session loading), else the usual 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_OUTAGE_ERRORS):
        _database_log.warning("database unreachable, answering 503: %s", error)
        return database_outage_response(request)
    html = loader.get_template("500.html").render()
    return HttpResponseServerError(html)
