"""Glossary terms and episodes: validation, drafts, and their admin previews."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils

from reviews.models import Episode, GlossaryTerm
from tests.conftest import make_episode, make_reviews_tree, make_term


@pytest.mark.parametrize("code", ["E36", "e036x", "X036", "E", "036", "E03a"])
def test_episode_code_must_be_e_and_three_digits(db, code):
    episode = Episode(code=code, title="t", date=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        episode.full_clean()
    assert "code" in error.value.message_dict


def test_episode_code_is_normalised_to_upper_case(db):
    episode = Episode(code="e036", title="t", date=datetime.date(2025, 1, 1))
    episode.full_clean()
    assert episode.code == "E036"


def test_duplicate_episode_code_is_refused(db):
    make_episode("E036")
    with pytest.raises(ValidationError) as error:
        Episode(code="e036", title="again", date=datetime.date(2025, 1, 1)).full_clean()
    assert "code" in error.value.message_dict


def test_term_alias_clashing_with_another_term_names_it(db):
    make_term("KV cache", aliases="key-value cache")
    clash = GlossaryTerm(term="KV store", slug="kv-store", aliases="Key-Value cache")
    clash.definition = "x"
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "KV cache" in str(error.value.message_dict["aliases"])


class SnippetPreviewTests(WagtailTestUtils, TestCase):
    """Editors preview a term or an episode before publishing it."""

    @classmethod
    def setUpTestData(cls):
        make_reviews_tree()
        cls.term = make_term("KV cache", explanation="Grows with **context**.")
        cls.episode = make_episode("E036", title="Geometric attention")

    def setUp(self):
        self.login()

    def preview(self, model, instance, data):
        url = reverse(
            f"wagtailsnippets_reviews_{model}:preview_on_edit", args=[instance.pk]
        )
        response = self.client.post(url, data)
        self.assertEqual(response.json(), {"is_valid": True, "is_available": True})
        return self.client.get(url)

    def test_glossary_term_preview_shows_the_unsaved_definition(self):
        response = self.preview(
            "glossaryterm",
            self.term,
            {
                "term": "KV cache",
                "slug": "kv-cache",
                "aliases": "",
                "definition": "A draft definition.",
                "explanation": "Grows with **context**.",
            },
        )
        self.assertContains(response, "A draft definition.")
        self.assertContains(response, "<strong>context</strong>", html=True)

    def test_episode_preview_shows_the_unsaved_title(self):
        response = self.preview(
            "episode",
            self.episode,
            {
                "code": "E036",
                "title": "A draft title",
                "date": "2025-01-01",
                "summary": "",
                "papers-TOTAL_FORMS": "0",
                "papers-INITIAL_FORMS": "0",
                "papers-MIN_NUM_FORMS": "0",
                "papers-MAX_NUM_FORMS": "1000",
            },
        )
        self.assertContains(response, "A draft title")


class SnippetDraftTests(TestCase):
    """Readers never see an unpublished term or episode."""

    @classmethod
    def setUpTestData(cls):
        make_reviews_tree()
        make_term("Draft term", live=False)
        make_episode("E077", live=False)

    def test_draft_term_is_not_listed_or_served(self):
        self.assertNotContains(self.client.get("/glossary/"), "Draft term")
        self.assertEqual(self.client.get("/glossary/draft-term/").status_code, 404)

    def test_draft_episode_is_not_listed_or_served(self):
        self.assertNotContains(self.client.get("/episodes/"), "E077")
        self.assertEqual(self.client.get("/episodes/e077/").status_code, 404)
