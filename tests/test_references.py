"""The [[term]] / E036 reference syntax: rendering, validation, and usage records."""

import pytest
from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from blog.models import PaperPostPage
from home.blocks import MarkdownBlock, RichTextBlock
from reviews.references import syntax
from tests.conftest import (
    make_blog_index,
    make_episode,
    make_post,
    make_reviews_tree,
    make_term,
    make_topic,
)


@pytest.fixture
def references(db):
    make_reviews_tree()
    return make_term("KV cache", aliases="KV caches"), make_episode("E036")


def render_markdown(text: str) -> str:
    return str(MarkdownBlock().render(text))


def test_term_reference_links_to_its_glossary_entry_with_definition(references):
    html = render_markdown("The [[KV cache]] grows.")
    assert 'href="/glossary/kv-cache/"' in html
    assert 'role="tooltip"' in html
    assert "What KV cache means." in html


@pytest.mark.parametrize(
    ("source", "label"),
    [
        ("[[kv-cache|KV caches]]", "KV caches"),
        ("[[kv caches]]", "kv caches"),
        ("[[KV CACHE]]", "KV CACHE"),
    ],
)
def test_term_matches_slug_term_or_alias_case_insensitively(references, source, label):
    html = render_markdown(f"See {source}.")
    assert 'data-term="kv-cache" aria-describedby' in html
    assert f">{label}</a>" in html


def test_episode_code_links_to_the_episode(references):
    html = render_markdown("As E036 shows.")
    assert '<a class="episode-ref" href="/episodes/e036/"' in html


def test_codes_inside_words_or_code_are_not_references(references):
    html = render_markdown("XE036 and `E036` and\n\n```\n[[KV cache]]\n```\n")
    assert "episode-ref" not in html
    assert 'class="term"' not in html


def test_rich_text_references_are_linked(references):
    block = RichTextBlock()
    html = str(block.render(block.to_python("<p>The [[KV cache]] in E036.</p>")))
    assert 'href="/glossary/kv-cache/"' in html
    assert 'href="/episodes/e036/"' in html


def test_unknown_references_are_named(references):
    assert syntax.unknown("[[no-such-term]] E999 [[KV cache]] E036") == [
        "[[no-such-term]]",
        "E999",
    ]


def test_hostile_markdown_is_sanitised(references):
    html = render_markdown(
        "<script>alert(1)</script> [x](javascript:alert(1)) "
        "<img src=x onerror=alert(1)>"
    )
    assert "<script" not in html
    # CommonMark refuses the javascript: destination, so it stays visible text.
    assert 'href="javascript:' not in html
    assert "onerror" not in html


class ReferenceUsageTests(TestCase):
    """A term page lists the pages using it; an episode page the pages citing it."""

    @classmethod
    def setUpTestData(cls):
        cls.glossary, cls.episodes, cls.topics = make_reviews_tree()
        cls.term = make_term("KV cache")
        cls.episode = make_episode("E036")
        cls.topic = make_topic(
            cls.topics, sections=[("One", "The [[KV cache]] and E036.")]
        )
        blog = make_blog_index()
        cls.draft = make_post(
            blog,
            title="Unpublished draft",
            live=False,
            body=[{"type": "markdown", "value": "[[KV cache]]"}],
        )

    def test_term_page_lists_the_live_pages_using_it(self):
        response = self.client.get("/glossary/kv-cache/")
        self.assertContains(response, "Efficient serving")
        self.assertNotContains(response, "Unpublished draft")

    def test_episode_page_lists_the_pages_citing_it(self):
        self.assertContains(self.client.get("/episodes/e036/"), "Efficient serving")


class PublishingWithUnknownReferencesTests(WagtailTestUtils, TestCase):
    """Publishing is refused with the bad reference named; a draft save keeps it."""

    @classmethod
    def setUpTestData(cls):
        make_reviews_tree()
        make_term("KV cache")
        cls.blog = make_blog_index()

    def setUp(self):
        self.login()

    def post_data(self, text: str, **extra) -> dict:
        return nested_form_data(
            {
                "title": "New post",
                "slug": "new-post",
                "dek": "Dek.",
                "date": "2025-01-01",
                "tags": "",
                "body": streamfield([("markdown", text)]),
                "comments": inline_formset([]),
                "discussed_papers": inline_formset([]),
                "post_authors": inline_formset([]),
                **extra,
            }
        )

    def add_url(self):
        return reverse(
            "wagtailadmin_pages:add", args=["blog", "paperpostpage", self.blog.pk]
        )

    def test_publish_is_refused_naming_each_unknown_reference(self):
        response = self.client.post(
            self.add_url(),
            {
                **self.post_data("[[no-such-term]] and E999"),
                "action-publish": "publish",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "[[no-such-term]]")
        self.assertContains(response, "E999")
        self.assertIs(PaperPostPage.objects.filter(slug="new-post").exists(), False)

    def test_draft_save_keeps_the_text_and_warns(self):
        response = self.client.post(
            self.add_url(), self.post_data("Keep [[no-such-term]]."), follow=True
        )
        post = PaperPostPage.objects.get(slug="new-post")
        self.assertIs(post.live, False)
        latest = post.get_latest_revision_as_object()
        self.assertIn("[[no-such-term]]", latest.body[0].value)
        warnings = [str(m) for m in response.context["messages"]]
        self.assertTrue(any("[[no-such-term]]" in m for m in warnings), warnings)

    def test_publish_with_known_references_succeeds(self):
        self.client.post(
            self.add_url(),
            {**self.post_data("The [[KV cache]]."), "action-publish": "publish"},
        )
        self.assertIs(PaperPostPage.objects.get(slug="new-post").live, True)
