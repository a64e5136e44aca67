"""The reference table is right in every process, whichever process changed it.

The table of live terms and episodes is kept per process and paired with a
generation token stored in the database; a change made anywhere (another
worker, ``publish_scheduled``, ``import_markdown``, the shell) is visible on the
next request or render here, with nothing cleared by hand.
"""

import ast
import os
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections, transaction
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from home.blocks import MarkdownBlock
from home.rendering.references import reference_syntax
from reviews.references.table import reference_table
from tests.conftest import (
    make_blog_index,
    make_episode,
    make_post,
    make_reviews_tree,
    make_term,
    make_topic,
)

ROOT = Path(__file__).resolve().parent.parent


def render(text: str) -> str:
    return str(MarkdownBlock().render(text))


class GenerationTests(TestCase):
    """Every change that can alter a rendered reference moves the generation."""

    @classmethod
    def setUpTestData(cls):
        cls.glossary, cls.episodes, cls.topics = make_reviews_tree()
        cls.term = make_term("KV cache")
        cls.episode = make_episode("E036")

    def assertMovesTheGeneration(self, change):
        before = reference_syntax().version()
        change()
        self.assertNotEqual(reference_syntax().version(), before)

    def test_publishing_a_term_links_it_on_the_next_render(self):
        self.assertIn("reference-unknown", render("[[Flash attention]]"))
        self.assertMovesTheGeneration(lambda: make_term("Flash attention"))
        self.assertIn('data-term="flash-attention"', render("[[Flash attention]]"))

    def test_unpublishing_an_episode_unlinks_it(self):
        self.assertIn("episode-ref", render("E036"))
        self.assertMovesTheGeneration(self.episode.unpublish)
        self.assertIn('<span class="reference-unknown">E036</span>', render("E036"))

    def test_deleting_a_term_unlinks_it(self):
        render("[[KV cache]]")
        self.assertMovesTheGeneration(self.term.delete)
        self.assertIn("reference-unknown", render("[[KV cache]]"))

    def test_renaming_the_glossary_page_moves_every_term_link(self):
        render("[[KV cache]]")

        def rename():
            self.glossary.slug = "terms"
            self.glossary.save_revision().publish()

        self.assertMovesTheGeneration(rename)
        self.assertIn('href="/terms/kv-cache/"', render("[[KV cache]]"))

    def test_a_rolled_back_change_leaves_no_stale_table(self):
        with transaction.atomic():
            make_term("Paged attention")
            self.assertIn('data-term="paged-attention"', render("[[Paged attention]]"))
            transaction.set_rollback(True)
        self.assertIn("reference-unknown", render("[[Paged attention]]"))

    def test_a_request_reads_the_generation_once(self):
        blog = make_blog_index()
        make_post(
            blog,
            slug="many",
            body=[
                {"type": "markdown", "value": "[[KV cache]] E036"},
                {"type": "markdown", "value": "E036 [[KV cache]]"},
            ],
        )
        # Rendering is measured, so the full-page cache is left out.
        uncached = [m for m in settings.MIDDLEWARE if not m.startswith("home.cache.")]
        with self.settings(MIDDLEWARE=uncached):
            self.client.get("/writing/many/")
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get("/writing/many/")
        self.assertContains(response, 'data-term="kv-cache"', count=2)
        reads = [q for q in queries if "reviews_generation" in q["sql"]]
        self.assertEqual(len(reads), 1)

    def test_the_table_is_reused_while_nothing_changes(self):
        self.assertIs(reference_table(), reference_table())


def test_reference_package_does_not_import_the_models():
    """No import circle models → pages → references.table → models."""
    package = ROOT / "reviews" / "references"
    importers = set()
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "reviews.models"
            ):
                importers.add(path.name)
    assert importers == set()


@contextmanager
def database_another_process_can_open(tmp_path):
    """A database URL that a subprocess shares with this process, or a skip."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        # A transactional test commits to the test database, which is real.
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        yield (
            f"postgres://{settings['USER']}{password}@{settings['HOST']}"
            f":{settings['PORT'] or 5432}/{settings['NAME']}"
        )
        return
    if connection.vendor != "sqlite":
        pytest.skip("needs SQLite or PostgreSQL")
    # The SQLite test database lives in memory: copy it to a file and point
    # this process at the file for the rest of the test.
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    original = connections["default"]
    shared = original.__class__({**settings, "NAME": str(path)}, "default")
    connections["default"] = shared
    try:
        yield f"sqlite:///{path}"
    finally:
        shared.close()
        connections["default"] = original


def in_another_process(database_url: str, code: str) -> None:
    """Run ``code`` in ``manage.py shell``, a separate Python process."""
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env={**os.environ, "DATABASE_URL": database_url},
        check=True,
        capture_output=True,
        timeout=300,
    )


PUBLISH_TERM = """
from reviews.models import GlossaryTerm
term = GlossaryTerm(term="Speculative decoding", slug="speculative-decoding",
                    definition="Draft cheaply, verify in one pass.", live=False)
term.save()
term.save_revision().publish()
"""
UNPUBLISH_TERM = """
from reviews.models import GlossaryTerm
GlossaryTerm.objects.get(slug="speculative-decoding").unpublish()
"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrated_site")
def test_term_published_by_another_process_is_linked_here(tmp_path, client):
    text = "Uses [[Speculative decoding]]."
    with database_another_process_can_open(tmp_path) as database_url:
        _, _, topics = make_reviews_tree()
        make_topic(topics, sections=[("One", text)])
        assert "reference-unknown" in render(text)
        assert "reference-unknown" in client.get("/topics/efficient-serving/").text

        in_another_process(database_url, PUBLISH_TERM)

        assert 'data-term="speculative-decoding"' in render(text)
        page = client.get("/topics/efficient-serving/").text
        assert 'href="/glossary/speculative-decoding/"' in page

        in_another_process(database_url, UNPUBLISH_TERM)

        assert "reference-unknown" in client.get("/topics/efficient-serving/").text
