"""'Cite this': downloads that parse back, and the metadata scholarly tools read."""

import json

import bibtexparser
from lxml import html as lxml_html
from wagtail.test.utils import WagtailPageTestCase

from blog.models import PaperPostPaper
from tests.conftest import make_blog_index, make_paper, make_post, publish


def parse_ris(text: str) -> list[dict[str, list[str]]]:
    """RIS records as {tag: [values]} (a tiny reader: 'TAG  - value' lines)."""
    records, record = [], {}
    for line in text.splitlines():
        if not line.strip():
            continue
        tag, _, value = line.partition("  - ")
        if tag == "ER":
            records.append(record)
            record = {}
        else:
            record.setdefault(tag, []).append(value)
    return records


class CiteDownloadTests(WagtailPageTestCase):
    """A post's BibTeX, RIS and CSL-JSON, and a paper's BibTeX."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.paper = make_paper(
            "Efficient Memory Management for LLM Serving with PagedAttention",
            authors=("Woosuk Kwon", "Zhuohan Li"),
            venue="SOSP",
            doi="10.1145/3600006.3613165",
            arxiv_id="2309.06180",
        )
        cls.post = make_post(cls.blog, slug="paged", title="Paged attention & you")
        cls.post.discussed_papers = [PaperPostPaper(paper=cls.paper)]
        publish(cls.post)

    def download(self, url: str) -> str:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_post_bibtex_parses_back_with_title_and_url(self):
        library = bibtexparser.parse_string(self.download("/writing/paged/cite.bib"))
        self.assertEqual(library.failed_blocks, [])
        entry = library.entries[0]
        self.assertEqual(entry.entry_type, "online")
        self.assertEqual(entry.fields_dict["title"].value, r"Paged attention \& you")
        self.assertEqual(
            entry.fields_dict["url"].value, "http://testserver/writing/paged/"
        )

    def test_post_ris_parses_back(self):
        (record,) = parse_ris(self.download("/writing/paged/cite.ris"))
        self.assertEqual(record["TY"], ["BLOG"])
        self.assertEqual(record["TI"], ["Paged attention & you"])
        self.assertEqual(record["UR"], ["http://testserver/writing/paged/"])

    def test_post_csl_json_parses_back(self):
        (item,) = json.loads(self.download("/writing/paged/cite.json"))
        self.assertEqual(item["type"], "post-weblog")
        self.assertEqual(item["title"], "Paged attention & you")
        self.assertEqual(item["issued"]["date-parts"][0][0], self.post.date.year)

    def test_paper_bibtex_has_authors_doi_and_eprint(self):
        url = self.paper.get_absolute_url() + "cite.bib"
        entry = bibtexparser.parse_string(self.download(url)).entries[0]
        fields = {name: field.value for name, field in entry.fields_dict.items()}
        self.assertEqual(entry.key, "kwon2023efficient")
        self.assertEqual(entry.entry_type, "inproceedings")
        self.assertEqual(fields["author"], "Kwon, Woosuk and Li, Zhuohan")
        self.assertEqual(fields["doi"], "10.1145/3600006.3613165")
        self.assertEqual(fields["eprint"], "2309.06180")
        self.assertEqual(fields["booktitle"], "SOSP")

    def test_downloads_of_a_draft_post_are_not_found(self):
        make_post(self.blog, slug="unpublished", live=False)
        response = self.client.get("/writing/unpublished/cite.bib")
        self.assertEqual(response.status_code, 404)

    def test_post_page_links_each_download_and_shows_a_text_citation(self):
        tree = lxml_html.fromstring(self.download("/writing/paged/"))
        section = tree.xpath('//section[@class="cite-this"]')[0]
        self.assertEqual(
            [a.get("href") for a in section.iter("a")],
            [
                "/writing/paged/cite.bib/",
                "/writing/paged/cite.ris/",
                "/writing/paged/cite.json/",
            ],
        )
        for link in section.iter("a"):
            self.assertEqual(self.client.get(link.get("href")).status_code, 200)
        self.assertIn("Paged attention & you.", section.text_content())


class ScholarlyMetadataTests(WagtailPageTestCase):
    """Highwire citation_* tags and schema.org JSON-LD, read as a parser reads them."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.paper = make_paper(
            "Titans: Learning to Memorize at Test Time",
            authors=("Ali Behrouz", "Peilin Zhong", "Vahab Mirrokni"),
            year=2024,
            venue="NeurIPS",
            arxiv_id="2501.00663",
        )
        cls.cited = make_paper(doi="10.48550/arXiv.2312.00752")
        cls.post = make_post(
            cls.blog,
            slug="titans",
            body=[{"type": "markdown", "value": "Compare [@gu2023mamba]."}],
        )
        cls.post.discussed_papers = [PaperPostPaper(paper=cls.paper)]
        publish(cls.post)

    def tree(self):
        return lxml_html.fromstring(self.client.get("/writing/titans/").content)

    def json_ld(self, type_name: str) -> dict:
        items = [
            json.loads(script.text)
            for script in self.tree().xpath('//script[@type="application/ld+json"]')
        ]
        return next(item for item in items if item["@type"] == type_name)

    def test_highwire_tags_describe_the_discussed_paper(self):
        meta = [
            (tag.get("name"), tag.get("content"))
            for tag in self.tree().xpath('//head/meta[starts-with(@name, "citation_")]')
        ]
        self.assertEqual(
            meta,
            [
                ("citation_title", "Titans: Learning to Memorize at Test Time"),
                ("citation_author", "Ali Behrouz"),
                ("citation_author", "Peilin Zhong"),
                ("citation_author", "Vahab Mirrokni"),
                ("citation_publication_date", "2024"),
                ("citation_conference_title", "NeurIPS"),
                ("citation_arxiv_id", "2501.00663"),
                ("citation_pdf_url", "https://arxiv.org/pdf/2501.00663"),
            ],
        )

    def test_blog_posting_is_about_the_paper_and_cites_what_the_text_cites(self):
        posting = self.json_ld("BlogPosting")
        self.assertEqual(posting["about"]["@type"], "ScholarlyArticle")
        self.assertEqual(posting["about"]["name"], self.paper.title)
        self.assertEqual(
            posting["about"]["identifier"],
            [{"@type": "PropertyValue", "propertyID": "arXiv", "value": "2501.00663"}],
        )
        (citation,) = posting["citation"]
        self.assertEqual(citation["@type"], "ScholarlyArticle")
        self.assertEqual(citation["identifier"][0]["propertyID"], "DOI")
