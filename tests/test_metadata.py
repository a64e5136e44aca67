"""Titles, descriptions, canonical URLs, social cards, JSON-LD, sitemap, robots."""

import json
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from reviews.models import GlossaryPage
from tests.conftest import (
    make_blog_index,
    make_episode,
    make_post,
    make_reviews_tree,
    make_term,
)

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture
def site(db):
    blog = make_blog_index()
    make_reviews_tree()
    make_term("KV cache", definition="Stored keys & values of <past> tokens.")
    make_episode("E036", title="Sparse attention")
    post = make_post(
        blog,
        title="Titans",
        slug="titans",
        dek="A neural memory updated at test time.",
        tags=["Systems"],
        paper_title="Titans: Learning to Memorize at Test Time",
        paper_authors="Behrouz, Zhong, Mirrokni",
        paper_year=2024,
        paper_venue="arXiv",
        paper_arxiv_id="2501.00663",
    )
    make_post(blog, title="Secret draft", slug="secret-draft", live=False)
    return post


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(html)]


def test_post_has_title_description_canonical_and_social_tags(client, site):
    html = client.get("/writing/titans/").content.decode()
    assert "<title>Titans · Scholia</title>" in html
    assert '<meta name="description" content="A neural memory updated' in html
    assert '<link rel="canonical" href="http://testserver/writing/titans/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Titans">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert 'rel="alternate" type="application/rss+xml"' in html
    assert 'rel="alternate" type="application/atom+xml"' in html


def test_post_json_ld_is_a_blog_posting_about_the_paper(client, site):
    posting, breadcrumbs = json_ld(client.get("/writing/titans/").content.decode())
    assert posting["@type"] == "BlogPosting"
    assert posting["headline"] == "Titans"
    assert posting["about"]["@type"] == "ScholarlyArticle"
    assert posting["about"]["url"] == "https://arxiv.org/abs/2501.00663"
    assert [a["name"] for a in posting["about"]["author"]][0] == "Behrouz"
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == [
        "Writing",
        "Titans",
    ]


def test_term_json_ld_is_a_defined_term_and_survives_markup_in_text(client, site):
    html = client.get("/glossary/kv-cache/").content.decode()
    term, _ = json_ld(html)
    assert term["@type"] == "DefinedTerm"
    assert term["description"] == "Stored keys & values of <past> tokens."
    assert "<past>" not in JSON_LD.search(html).group(1)
    assert "<title>KV cache · Glossary · Scholia</title>" in html


def test_sitemap_lists_live_pages_and_routes_but_no_drafts(client, site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    locations = {urlsplit(loc.text).path for loc in root.iter(f"{SITEMAP_NS}loc")}
    for path in [
        "/",
        "/writing/",
        "/writing/titans/",
        "/writing/tags/",
        "/writing/tags/systems/",
        "/glossary/kv-cache/",
        "/episodes/e036/",
        "/topics/",
    ]:
        assert path in locations, path
    assert not any("secret-draft" in location for location in locations)


def test_robots_txt_points_to_the_sitemap(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_header_lists_sections_and_follows_publishing(client, site):
    # The header lists the sections shown in menus (tests/test_navigation.py).
    GlossaryPage.objects.update(show_in_menus=True)
    html = client.get("/writing/").content.decode()
    assert '<a href="/glossary/">Glossary</a>' in html
    glossary = GlossaryPage.objects.get()
    glossary.unpublish()
    html = client.get("/writing/").content.decode()
    assert '<a href="/glossary/">Glossary</a>' not in html


def test_post_json_ld_names_the_canonical_url_as_its_id(client, site):
    html = client.get("/writing/titans/", headers={"host": "127.0.0.1"}).content
    posting, breadcrumbs = json_ld(html.decode())
    canonical = "http://127.0.0.1/writing/titans/"
    assert f'<link rel="canonical" href="{canonical}">' in html.decode()
    assert posting["@id"] == posting["url"] == posting["mainEntityOfPage"] == canonical
    assert breadcrumbs["itemListElement"][-1]["item"] == canonical
