"""Liveness and readiness: a load balancer is told the truth during an outage."""

from unittest import mock

from django.db import OperationalError
from django.test import TestCase, override_settings

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Nothing listens on port 1: every cache call fails to connect.
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


class HealthEndpointTests(TestCase):
    """/healthz/ says the process is up; /readyz/ says it can serve pages."""

    def test_ready_when_database_and_cache_answer(self):
        response = self.client.get("/readyz/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"ready")
        self.assertIn("no-cache", response["Cache-Control"])

    def test_not_ready_with_retry_after_while_the_database_is_down(self):
        with mock.patch(
            "site_project.views.connection.cursor",
            side_effect=OperationalError("connection refused"),
        ):
            response = self.client.get("/readyz/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "5")
        self.assertIn(b"database", response.content)

    @override_settings(CACHES=UNREACHABLE_REDIS)
    def test_not_ready_while_the_cache_is_down(self):
        response = self.client.get("/readyz/")
        self.assertEqual(response.status_code, 503)
        self.assertIn(b"cache", response.content)

    def test_alive_while_the_database_is_down(self):
        with mock.patch(
            "site_project.views.connection.cursor",
            side_effect=OperationalError("connection refused"),
        ):
            response = self.client.get("/healthz/")
        self.assertEqual(response.status_code, 200)
