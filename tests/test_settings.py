"""Settings fail closed: production refuses to start without a real secret."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


PRINT_BACKENDS = (
    "import site_project.settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'])"
)


def load_settings(**env) -> subprocess.CompletedProcess:
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    return subprocess.run(
        [sys.executable, "-c", PRINT_BACKENDS],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = load_settings(DJANGO_ALLOWED_HOSTS="example.com")
    assert result.returncode != 0
    assert "Set the DJANGO_SECRET_KEY environment variable." in result.stderr


def test_production_refuses_the_development_key():
    result = load_settings(
        DJANGO_SECRET_KEY="dev-only-not-secret", DJANGO_ALLOWED_HOSTS="x"
    )
    assert "must be a real secret" in result.stderr


def test_production_requires_allowed_hosts():
    result = load_settings(DJANGO_SECRET_KEY="a" * 50)
    assert "Set the DJANGO_ALLOWED_HOSTS environment variable." in result.stderr


def test_debug_defaults_to_sqlite_and_a_cache_shared_by_local_processes():
    result = load_settings(DJANGO_DEBUG="1")
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.filebased.FileBasedCache",
    ]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {"DATABASE_URL": "postgres://u@127.0.0.1:5432/db"},
            "django.db.backends.postgresql",
        ),
        (
            {"REDIS_URL": "redis://127.0.0.1:6379/0"},
            "site_project.resilience.ResilientRedisCache",
        ),
    ],
)
def test_environment_switches_database_and_cache(env, expected):
    result = load_settings(DJANGO_DEBUG="1", **env)
    assert expected in result.stdout.split()


def test_a_malformed_boolean_is_a_clear_error():
    result = load_settings(DJANGO_DEBUG="maybe")
    assert "DJANGO_DEBUG must be a boolean" in result.stderr
