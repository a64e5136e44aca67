"""A single-service outage degrades the site, never into a 500.

Redis: a throwaway redis-server that the tests stop and start; every page then
renders from the database and the cache comes back on its own. PostgreSQL:
mocked connection errors answer the designed 503 page with Retry-After.
"""

import shutil
import socket
import subprocess
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import IntegrityError, InterfaceError, OperationalError
from django.test import Client, TestCase

from site_project import resilience
from site_project.resilience import RETRY_AFTER_SECONDS, server_error
from tests.conftest import make_blog_index, make_post

REDIS_SERVER = shutil.which("redis-server")


def free_port() -> int:
    """A free port in 19470-19499 (the range kept for these tests)."""
    for port in range(19470, 19500):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 19470-19499")


class ThrowawayRedis:
    """A redis-server on 127.0.0.1 without persistence, stopped and started at will."""

    def __init__(self, port: int):
        self.port = port
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--loglevel", "notice"],
            stdout=subprocess.PIPE,
            text=True,
        )
        # Ready once it says so: read its log instead of waiting on a clock.
        for line in self.process.stdout:
            if "Ready to accept connections" in line:
                break
        else:
            raise RuntimeError("redis-server exited before it was ready")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait()
            self.process.stdout.close()
            self.process = None


@pytest.fixture(scope="module")
def throwaway_redis():
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    server = ThrowawayRedis(free_port())
    server.start()
    yield server
    server.stop()


def resilient_caches(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "site_project.resilience.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "scholia-test",
            # No back-off in tests: each call tries Redis, so recovery is immediate.
            "OPTIONS": {"RETRY_SECONDS": 0, "socket_connect_timeout": 0.5},
        },
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


@pytest.fixture
def redis_cache(throwaway_redis, settings):
    # Each test starts with Redis up and no outage remembered by the process.
    resilience._outages.clear()
    settings.CACHES = resilient_caches(throwaway_redis.url)
    yield throwaway_redis
    if throwaway_redis.process is None:
        throwaway_redis.start()


@pytest.fixture
def site(db):
    blog = make_blog_index()
    post = make_post(
        blog,
        title="Paged attention",
        body=[
            {
                "type": "markdown",
                "value": "Math $x^2$ and [a link](https://example.org).",
            }
        ],
    )
    return blog, post


def test_cache_reads_and_writes_while_redis_answers(redis_cache):
    cache.set("greeting", "hello")
    assert cache.get("greeting") == "hello"


def test_pages_render_from_the_database_while_redis_is_down(redis_cache, site):
    blog, post = site
    redis_cache.stop()
    for path in ["/", blog.url, post.url, "/search/?q=paged", "/healthz/"]:
        response = Client().get(path)
        assert response.status_code == 200, path


def test_reads_miss_and_writes_do_nothing_while_redis_is_down(redis_cache):
    redis_cache.stop()
    cache.set("key", "value")
    assert cache.get("key", "missing") == "missing"
    assert cache.get_many(["key"]) == {}
    assert cache.add("key", "value") is False
    assert cache.has_key("key") is False
    assert cache.get_or_set("key", "computed") == "computed"
    cache.delete("key")
    cache.delete_many(["key"])
    with pytest.raises(ValueError):
        cache.incr("counter")


def test_outage_is_logged_once_not_per_request(redis_cache, site, caplog):
    blog, post = site
    redis_cache.stop()
    with caplog.at_level("WARNING", logger="site_project.resilience"):
        for _ in range(5):
            Client().get(post.url)
    unreachable = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(unreachable) == 1
    redis_cache.start()
    with caplog.at_level("WARNING", logger="site_project.resilience"):
        cache.get("anything")
    assert any("answers again" in r.getMessage() for r in caplog.records)


def test_cache_works_again_when_redis_returns(redis_cache):
    redis_cache.stop()
    cache.set("key", "lost")
    redis_cache.start()
    cache.set("key", "kept")
    assert cache.get("key") == "kept"


def test_logged_in_editor_keeps_the_session_while_redis_is_down(redis_cache, db):
    user = User.objects.create_superuser("ada", "ada@example.org", "pw")
    client = Client()
    client.force_login(user)
    redis_cache.stop()
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"Dashboard" in response.content


def test_readiness_reports_the_cache_while_redis_is_down(redis_cache, db):
    redis_cache.stop()
    response = Client().get("/readyz/")
    assert response.status_code == 503
    assert b"cache" in response.content


def test_sessions_are_kept_in_the_database(settings):
    # Logins must survive a Redis outage: a cache session engine would not.
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


class DatabaseOutageTests(TestCase):
    """A lost database connection answers the 503 page with Retry-After."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.post = make_post(cls.blog, title="Paged attention")
        cls.editor = User.objects.create_superuser("ed", "ed@example.org", "pw")

    def get_during_outage(self, path, error=OperationalError, client=None):
        client = client or Client(raise_request_exception=False)
        with mock.patch(
            "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
            side_effect=error("connection to server failed"),
        ):
            return client.get(path)

    def assert_outage_page(self, response):
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], str(RETRY_AFTER_SECONDS))
        self.assertIn(b"Temporarily unavailable", response.content)
        self.assertIn(b"/static/css/site.css", response.content)

    def test_reader_page_answers_503_with_retry_after(self):
        for path in ["/", self.blog.url, self.post.url, "/search/?q=x", "/glossary/"]:
            with self.subTest(path=path):
                self.assert_outage_page(self.get_during_outage(path))

    def test_interface_error_is_an_outage_too(self):
        self.assert_outage_page(self.get_during_outage("/", error=InterfaceError))

    def test_outage_page_is_never_cached(self):
        response = self.get_during_outage(self.post.url)
        self.assertEqual(response["Cache-Control"], "no-store")

    def test_admin_answers_503_with_a_note_for_editors(self):
        client = Client(raise_request_exception=False)
        client.force_login(self.editor)
        response = self.get_during_outage(
            f"/admin/pages/{self.post.pk}/edit/", client=client
        )
        self.assert_outage_page(response)
        self.assertIn(b"your text is still in the form", response.content)

    def test_session_lost_before_the_view_answers_503(self):
        client = Client(raise_request_exception=False)
        client.force_login(self.editor)
        with mock.patch(
            "django.contrib.sessions.backends.db.SessionStore.load",
            side_effect=OperationalError("server closed the connection"),
        ):
            response = client.get("/admin/")
        self.assert_outage_page(response)

    def test_a_bug_in_a_query_is_still_a_500(self):
        response = self.get_during_outage(self.post.url, error=IntegrityError)
        self.assertEqual(response.status_code, 500)
        self.assertNotIn("Retry-After", response)


def test_handler500_answers_503_for_an_outage_outside_any_view(rf):
    request = rf.get("/writing/")
    try:
        raise OperationalError("could not connect to server")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)


def test_handler500_keeps_the_500_page_for_other_errors(rf):
    request = rf.get("/writing/")
    try:
        raise RuntimeError("bug")
    except RuntimeError:
        response = server_error(request)
    assert response.status_code == 500


def test_database_outage_is_reported_once_a_minute_not_per_request(caplog):
    from site_project.resilience import _ThrottledLog

    log = _ThrottledLog(interval=60.0)
    with caplog.at_level("WARNING", logger="site_project.resilience"):
        for _ in range(50):
            log.warning("database unreachable, answering 503: %s", "refused")
    assert len(caplog.records) == 1
