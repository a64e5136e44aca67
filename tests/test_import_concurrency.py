"""Two import_markdown processes on one folder, on PostgreSQL: no duplicates."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import write_markdown

REPO = Path(__file__).resolve().parent.parent
# One database per test run: runs on one machine never share its migrations.
DATABASE = f"scholia_import_concurrency_{os.getpid()}"
SERVER = "postgres://postgres@127.0.0.1:5432"
SETUP = """
from blog.models import BlogIndexPage, PaperPostPage
from home.models import HomePage
for post in PaperPostPage.objects.all():
    post.delete()
if not BlogIndexPage.objects.exists():
    home = HomePage.objects.get()
    home.add_child(instance=BlogIndexPage(title="Writing", slug="writing", intro="x"))
"""
REPORT = """
from blog.models import PaperPostPage
slugs = list(PaperPostPage.objects.values_list("slug", flat=True))
print(len(slugs), len(set(slugs)), PaperPostPage.objects.live().count())
"""


def _fresh_database() -> bool:
    try:
        import psycopg

        with psycopg.connect(
            f"{SERVER}/postgres", autocommit=True, connect_timeout=3
        ) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
            connection.execute(f"CREATE DATABASE {DATABASE}")
    except Exception:  # any failure to reach PostgreSQL means: skip
        return False
    return True


@pytest.fixture
def database():
    """The run's own PostgreSQL database, dropped afterwards."""
    yield f"{SERVER}/{DATABASE}"
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def manage(env: dict, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    assert "Traceback" not in out + err
    return out


@pytest.mark.skipif(not _fresh_database(), reason="PostgreSQL is not reachable")
def test_two_imports_of_one_folder_create_each_post_once(tmp_path, database):
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
    }
    finished(manage(env, "migrate", "--noinput", "-v0"))
    finished(manage(env, "shell", "-c", SETUP))
    folder = tmp_path / "posts"
    for number in range(15):
        write_markdown(
            folder,
            f"post-{number}.md",
            f"title: Post {number}\ndate: 2025-01-{number + 1:02d}\ntags: [T{number}]",
            f"Body of post {number}.",
        )

    first = manage(env, "import_markdown", str(folder))
    second = manage(env, "import_markdown", str(folder))
    outputs = [finished(first), finished(second)]

    for out in outputs:
        assert "0 failed" in out, out
        assert "in use" not in out, out
    created = sum(out.count(": created") for out in outputs)
    skipped = sum(out.count(": skipped") for out in outputs)
    assert (created, skipped) == (15, 15)
    report = finished(manage(env, "shell", "-c", REPORT)).splitlines()[-1].split()
    assert report == ["15", "15", "15"]
