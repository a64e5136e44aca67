"""[@key] citations: found on the token stream, numbered, listed as References,
refused at publish when unknown, and recorded in Wagtail's reference index."""

import pytest
from django.contrib.auth import get_user_model
from lxml import html as lxml_html
from wagtail.models import ReferenceIndex
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from papers.citations import syntax
from papers.citations.rules import match_citation
from papers.models import CitationSettings, Paper
from reviews.models import EpisodePaper
from tests.conftest import (
    make_blog_index,
    make_episode,
    make_paper,
    make_post,
    make_reviews_tree,
    make_topic,
)

CITATIONS = '//div[@class="body"]//span[@class="citation"]'
CITATION_LINKS = CITATIONS + "/a"
REFERENCES = '//section[@class="references"]//li'


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("[@gu2023mamba]", (("gu2023mamba", ""),)),
        ("[@gu2023mamba, p. 4]", (("gu2023mamba", "p. 4"),)),
        ("[@a; @b]", (("a", ""), ("b", ""))),
        ("[@a, sec. 2; @b, fig. 3]", (("a", "sec. 2"), ("b", "fig. 3"))),
    ],
)
def test_citation_forms_name_their_keys_and_locators(text, items):
    citation, end = match_citation(text)
    assert citation.items == items
    assert end == len(text)


@pytest.mark.parametrize("text", ["[gu2023mamba]", "[@]", "email@example.com", "[@a"])
def test_text_that_only_looks_like_a_citation_is_not_one(text):
    assert match_citation(text) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "`[@gu2023mamba]`",
        "```\n[@gu2023mamba]\n```",
        "$x [@gu2023mamba]$",
        "[see [@gu2023mamba]](https://example.com)",
        "<!-- [@gu2023mamba] -->",
        "<https://example.com/[@gu2023mamba]>",
    ],
)
def test_citations_are_never_found_in_code_math_links_or_comments(text):
    assert list(syntax.find(text)) == []


class CitationRenderingTests(WagtailPageTestCase):
    """A post citing papers: numbered links, and a References section."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.mamba = make_paper(arxiv_id="2312.00752")
        cls.titans = make_paper(
            "Titans: Learning to Memorize at Test Time",
            authors=("Ali Behrouz", "Peilin Zhong", "Vahab Mirrokni"),
            year=2024,
            doi="10.48550/arXiv.2501.00663",
        )
        cls.post = make_post(
            cls.blog,
            slug="citing",
            body=[
                {"type": "markdown", "value": "Titans [@behrouz2024titans, p. 4]."},
                {
                    "type": "markdown",
                    "value": "Both [@gu2023mamba; @behrouz2024titans].",
                },
            ],
        )

    def page(self):
        response = self.client.get("/writing/citing/")
        self.assertEqual(response.status_code, 200)
        return lxml_html.fromstring(response.content)

    def test_keys_are_generated_from_first_author_year_and_title_word(self):
        self.assertEqual(self.mamba.citation_key, "gu2023mamba")
        self.assertEqual(self.titans.citation_key, "behrouz2024titans")

    def test_citations_are_numbered_in_order_of_first_citation_across_blocks(self):
        links = self.page().xpath(CITATION_LINKS)
        self.assertEqual(
            [(link.text, link.get("href")) for link in links],
            [
                ("1", "#ref-behrouz2024titans"),
                ("2", "#ref-gu2023mamba"),
                ("1", "#ref-behrouz2024titans"),
            ],
        )
        self.assertIn(", p. 4", self.page().xpath(CITATIONS)[0].text_content())

    def test_references_section_lists_cited_papers_with_doi_and_arxiv_links(self):
        entries = self.page().xpath(REFERENCES)
        self.assertEqual(
            [entry.get("id") for entry in entries],
            ["ref-behrouz2024titans", "ref-gu2023mamba"],
        )
        hrefs = [a.get("href") for entry in entries for a in entry.xpath(".//a")]
        self.assertIn("https://doi.org/10.48550/arXiv.2501.00663", hrefs)
        self.assertIn("https://arxiv.org/abs/2312.00752", hrefs)

    def test_author_year_style_is_a_site_setting(self):
        settings = CitationSettings.load()
        settings.style = "author-year"
        settings.save()
        citation = self.page().xpath(CITATIONS)[0].text_content()
        self.assertEqual(citation, "(Behrouz et al., 2024, p. 4)")

    def test_the_reference_index_records_each_cited_paper(self):
        referenced = {
            reference.to_object_id
            for reference in ReferenceIndex.get_references_for_object(self.post)
            if reference.to_content_type.model_class() is Paper
        }
        self.assertEqual(referenced, {str(self.mamba.pk), str(self.titans.pk)})

    def test_an_unpublished_paper_is_an_unknown_citation(self):
        draft = make_paper("Draft paper", authors=("Ann Other",), live=False)
        self.assertEqual(
            syntax.unknown(f"See [@{draft.citation_key}]."),
            [f"[@{draft.citation_key}]"],
        )


class CitationPublishCheckTests(WagtailPageTestCase):
    """Publishing refuses a citation of a key no published paper has."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        make_paper()
        cls.post = make_post(cls.blog, slug="checked")
        cls.user = get_user_model().objects.create_superuser("admin", "a@b.c", "pw")

    def publish(self, text: str):
        self.client.force_login(self.user)
        data = nested_form_data(
            {
                "title": "Checked",
                "slug": "checked",
                "dek": "Dek.",
                "date": "2025-01-01",
                "tags": "",
                "body": streamfield([("markdown", text)]),
                "comments": inline_formset([]),
                "discussed_papers": inline_formset([]),
                "post_authors": inline_formset([]),
            }
        )
        data["action-publish"] = "publish"
        return self.client.post(f"/admin/pages/{self.post.pk}/edit/", data)

    def test_unknown_key_is_refused_with_its_name(self):
        response = self.publish("Cites [@nobody2020nothing].")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "[@nobody2020nothing]")
        self.post.refresh_from_db()
        self.assertNotIn("nobody2020nothing", str(self.post.body.raw_data))

    def test_known_key_publishes(self):
        response = self.publish("Cites [@gu2023mamba].")
        self.assertEqual(response.status_code, 302)
        self.post.refresh_from_db()
        self.assertIn("[@gu2023mamba]", str(self.post.body.raw_data))


class TopicReferencesTests(WagtailPageTestCase):
    """A topic ends with References: what it cites, then its episodes' papers."""

    @classmethod
    def setUpTestData(cls):
        _glossary, _episodes, topics = make_reviews_tree()
        cls.cited = make_paper()
        cls.digested = make_paper(
            "Attention Is All You Need", authors=("Ashish Vaswani",), year=2017
        )
        episode = make_episode("E036")
        EpisodePaper.objects.create(episode=episode, paper=cls.digested, sort_order=0)
        make_topic(
            topics,
            sections=[("Attention", "State spaces [@gu2023mamba] and E036.")],
            episodes=[episode],
        )

    def test_topic_references_list_cited_then_digested_papers(self):
        response = self.client.get("/topics/efficient-serving/")
        tree = lxml_html.fromstring(response.content)
        self.assertEqual(
            [li.get("id") for li in tree.xpath(REFERENCES)],
            ["ref-gu2023mamba", "ref-vaswani2017attention"],
        )


class RichTextCitationTests(WagtailPageTestCase):
    """Rich text cites through its text nodes, never inside its links or code."""

    @classmethod
    def setUpTestData(cls):
        make_paper()

    def test_rich_text_citations_link_to_the_references(self):
        html = str(
            syntax.link_html(
                '<p>As [@gu2023mamba] shows, <a href="/x">[@gu2023mamba]</a> '
                "<code>[@gu2023mamba]</code></p>"
            )
        )
        tree = lxml_html.fromstring(html)
        self.assertEqual(
            [a.get("href") for a in tree.xpath('//span[@class="citation"]/a')],
            ["#ref-gu2023mamba"],
        )
        self.assertEqual(tree.xpath("//code/text()"), ["[@gu2023mamba]"])

    def test_rich_text_unknown_keys_are_named(self):
        self.assertEqual(
            syntax.unknown("<p>[@gu2023mamba; @nope2020x]</p>", "richtext"),
            ["[@nope2020x]"],
        )


class TopicStructuredDataTests(WagtailPageTestCase):
    """A topic is a schema.org CollectionPage whose parts are its episodes."""

    @classmethod
    def setUpTestData(cls):
        _glossary, _episodes, topics = make_reviews_tree()
        make_paper()
        make_topic(
            topics,
            sections=[("Attention", "State spaces [@gu2023mamba].")],
            episodes=[make_episode("E036", title="Sparse attention")],
        )

    def test_topic_json_ld_is_a_collection_with_episode_parts_and_citations(self):
        import json

        tree = lxml_html.fromstring(
            self.client.get("/topics/efficient-serving/").content
        )
        items = [
            json.loads(script.text)
            for script in tree.xpath('//script[@type="application/ld+json"]')
        ]
        (collection,) = [item for item in items if item["@type"] == "CollectionPage"]
        self.assertEqual(
            [part["name"] for part in collection["hasPart"]],
            ["E036 · Sparse attention"],
        )
        self.assertEqual(collection["citation"][0]["@type"], "ScholarlyArticle")
