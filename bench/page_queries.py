"""Queries and requests per second for the blog index with N posts.

Builds a throwaway SQLite site (or uses DATABASE_URL), adds N posts, then
requests /writing/ repeatedly through Django's test client:

    DJANGO_SECRET_KEY=x DJANGO_ALLOWED_HOSTS=testserver \\
        .venv/bin/python bench/page_queries.py --posts 10 100 500 --requests 200
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.settings")
os.environ.setdefault(
    "DJANGO_STATICFILES_STORAGE",
    "django.contrib.staticfiles.storage.StaticFilesStorage",
)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--url", default="/writing/")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # As in Django's own test runner: keep one connection, so its log is readable.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    from tests.conftest import make_blog_index, make_post

    blog = make_blog_index(slug="writing")
    client = Client()
    made = 0
    print(f"{'posts':>6} {'queries':>8} {'req/s':>8}  {args.url}")
    for target in sorted(args.posts):
        while made < target:
            make_post(blog, tags=["Systems", f"tag-{made % 7}"])
            made += 1
        client.get(args.url)  # warm caches
        # The log is a bounded deque, full after setup: empty it to count.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(args.url)
        assert response.status_code == 200, response.status_code
        query_count = len(queries)
        started = time.perf_counter()
        for _ in range(args.requests):
            client.get(args.url)
        rate = args.requests / (time.perf_counter() - started)
        print(f"{target:>6} {query_count:>8} {rate:>8.1f}")


if __name__ == "__main__":
    main()
