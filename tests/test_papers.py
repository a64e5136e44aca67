"""Paper records: identifiers, citation keys, the data migration, the paper box
and /papers/<key>/ with what cites it (live content only)."""

import importlib

from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import TestCase
from lxml import html as lxml_html
from wagtail.test.utils import WagtailPageTestCase

from blog.models import PaperPostPaper
from papers.models import Paper
from reviews.models import EpisodePaper
from tests.conftest import (
    make_blog_index,
    make_episode,
    make_paper,
    make_post,
    publish,
)

migration = importlib.import_module("blog.migrations.0005_move_paper_fields_to_papers")


class PaperRecordTests(TestCase):
    """Identifiers are normalised and validated; keys are generated and unique."""

    def test_pasted_doi_and_arxiv_urls_become_identifiers(self):
        paper = make_paper(
            doi="https://doi.org/10.1145/3600006.3613165",
            arxiv_id="https://arxiv.org/abs/2309.06180v1",
        )
        self.assertEqual(paper.doi, "10.1145/3600006.3613165")
        self.assertEqual(paper.arxiv_id, "2309.06180v1")

    def test_malformed_identifiers_are_refused_by_field(self):
        paper = Paper(title="Bad", doi="11.1/x", arxiv_id="2309.61")
        with self.assertRaises(ValidationError) as raised:
            paper.full_clean()
        self.assertEqual(set(raised.exception.message_dict), {"doi", "arxiv_id"})

    def test_old_style_and_versioned_arxiv_ids_are_accepted(self):
        for arxiv_id in ("hep-th/9901001", "math.GT/0309136v2", "2401.12345v12"):
            Paper(title="Fine", arxiv_id=arxiv_id, citation_key="k").full_clean(
                validate_unique=False
            )

    def test_a_clashing_key_gets_a_letter(self):
        first = make_paper()
        second = make_paper("Mamba-2")
        self.assertEqual(first.citation_key, "gu2023mamba")
        self.assertEqual(second.citation_key, "gu2023mambab")

    def test_an_editor_may_choose_the_key(self):
        self.assertEqual(make_paper(citation_key="mamba").citation_key, "mamba")


class DataMigrationTests(WagtailPageTestCase):
    """Each post's paper fields become a shared Paper record, and back."""

    @classmethod
    def setUpTestData(cls):
        blog = make_blog_index()
        legacy = {
            "paper_title": "Switch Transformers",
            "paper_authors": "Fedus, Zoph, Shazeer",
            "paper_year": 2021,
            "paper_venue": "JMLR",
            "paper_arxiv_id": "2101.03961",
        }
        cls.first = make_post(blog, slug="switch", **legacy)
        cls.second = make_post(
            blog, slug="switch-again", **{**legacy, "paper_arxiv_id": "2101.03961v3"}
        )
        cls.plain = make_post(blog, slug="plain")

    def test_forwards_makes_one_record_per_paper_and_links_each_post(self):
        migration.forwards(apps, None)
        migration.forwards(apps, None)  # a second run links nothing twice
        paper = Paper.objects.get()
        self.assertEqual(paper.citation_key, "fedus2021switch")
        self.assertEqual(paper.author_names(), ["Fedus", "Zoph", "Shazeer"])
        self.assertEqual(paper.venue_kind, "journal")
        self.assertEqual(
            sorted(PaperPostPaper.objects.values_list("page__slug", flat=True)),
            ["switch", "switch-again"],
        )

    def test_backwards_copies_the_first_paper_back_and_unlinks(self):
        migration.forwards(apps, None)
        type(self.first).objects.filter(pk=self.first.pk).update(
            paper_title="", paper_authors="", paper_year=None
        )
        migration.backwards(apps, None)
        self.first.refresh_from_db()
        self.assertEqual(
            (self.first.paper_title, self.first.paper_authors, self.first.paper_year),
            ("Switch Transformers", "Fedus, Zoph, Shazeer", 2021),
        )
        self.assertIs(PaperPostPaper.objects.exists(), False)


class PaperPageTests(WagtailPageTestCase):
    """/papers/<key>/: the paper, its BibTeX link, and what live content cites it."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.paper = make_paper(arxiv_id="2312.00752", abstract="Selective SSMs.")
        cls.discussing = make_post(cls.blog, slug="discussing", title="Discussing")
        cls.discussing.discussed_papers = [PaperPostPaper(paper=cls.paper)]
        publish(cls.discussing)
        cls.citing = make_post(
            cls.blog,
            slug="citing",
            title="Citing",
            body=[{"type": "markdown", "value": "As [@gu2023mamba] shows."}],
        )
        cls.draft = make_post(
            cls.blog,
            slug="draft",
            title="Draft citing",
            live=False,
            body=[{"type": "markdown", "value": "As [@gu2023mamba] shows."}],
        )
        episode = make_episode("E036", title="Selective state spaces")
        EpisodePaper.objects.create(episode=episode, paper=cls.paper, sort_order=0)

    def get(self, url: str):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return lxml_html.fromstring(response.content)

    def test_paper_page_lists_live_posts_and_episodes_that_cite_it(self):
        tree = self.get(self.paper.get_absolute_url())
        cited_by = [
            li.text_content() for li in tree.xpath('//ul[@class="cited-by"]/li')
        ]
        self.assertEqual(
            sorted(cited_by), ["Citing", "Discussing", "E036 · Selective state spaces"]
        )

    def test_draft_papers_have_no_page(self):
        draft = make_paper("Unpublished", authors=("Ann Other",), live=False)
        self.assertEqual(self.client.get(draft.get_absolute_url()).status_code, 404)

    def test_post_paper_box_shows_the_discussed_paper(self):
        tree = self.get(self.discussing.url)
        box = tree.xpath('//aside[@class="paper"]')[0]
        self.assertIn("Albert Gu, Tri Dao", box.text_content())
        self.assertIn(
            "https://arxiv.org/abs/2312.00752", [a.get("href") for a in box.iter("a")]
        )

    def test_paper_record_preview_shows_the_paper(self):
        response = self.paper.make_preview_request()
        self.assertEqual(response.status_code, 200)
        response.render()
        self.assertContains(response, "Selective SSMs.")
