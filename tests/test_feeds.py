"""RSS and Atom feeds list the right posts, whole, and pass strict validation.

Atom is validated against the RELAX NG schema of RFC 4287 (tests/schemas), plus
the two Schematron rules the schema states but RELAX NG cannot check. RSS is
checked against the RSS 2.0 specification's rules, element by element.
"""

import re
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from django.core.management import call_command
from lxml import etree
from lxml import html as lxml_html
from taggit.models import Tag
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from home.models import SiteSettings
from tests.conftest import make_blog_index, make_post

SCHEMAS = Path(__file__).resolve().parent / "schemas"
ATOM_SCHEMA = etree.RelaxNG(etree.parse(SCHEMAS / "atom.rng"))
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
# RFC 822 date-time as RSS 2.0 requires it, with a four-digit year.
RFC_822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
FEEDS = [
    "/writing/feed/",
    "/writing/feed/atom/",
    "/writing/tags/systems/feed/",
    "/writing/tags/systems/feed/atom/",
]
BODY = """See [the writing](/writing/) and a note[^1].

[^1]: A footnote & more."""


@pytest.fixture
def blog(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from wagtail.images.models import Image

    image = Image.objects.create(title="Chart", file=get_test_image_file())
    blog = make_blog_index()
    make_post(
        blog,
        title="Titans",
        slug="titans",
        tags=["Systems", "AI"],
        body=[
            {"type": "markdown", "value": BODY},
            {"type": "heading", "value": {"text": "Memory", "level": "h2"}},
            {
                "type": "figure",
                "value": {"image": image.pk, "alt_text": "A chart", "caption": ""},
            },
        ],
    )
    make_post(blog, title="Pregel", tags=["Systems"])
    make_post(blog, title="Draft on Kafka", tags=["Systems"], live=False)
    return blog


def is_absolute(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def content_urls(markup: str) -> list[str]:
    tree = lxml_html.fragment_fromstring(markup, create_parent="div")
    return tree.xpath("//@href | //@src")


def assert_valid_atom(root, feed_url: str) -> None:
    """RFC 4287: the RELAX NG schema, its Schematron rules, absolute IRIs."""
    assert ATOM_SCHEMA.validate(root), ATOM_SCHEMA.error_log
    feed_has_author = bool(root.xpath("atom:author", namespaces=NS))
    for entry in root.xpath("atom:entry", namespaces=NS):
        assert feed_has_author or entry.xpath("atom:author", namespaces=NS)
        assert entry.xpath("atom:author/atom:name/text()", namespaces=NS)
        assert entry.xpath(
            "atom:link[@rel='alternate' or not(@rel)] | atom:content", namespaces=NS
        )
        assert entry.xpath("atom:updated", namespaces=NS)
        (content,) = entry.xpath("atom:content[@type='html']/text()", namespaces=NS)
        assert all(is_absolute(url) for url in content_urls(content))
    assert root.xpath("atom:link[@rel='self']/@href", namespaces=NS) == [feed_url]
    for iri in root.xpath("//atom:id/text() | //atom:link/@href", namespaces=NS):
        assert is_absolute(iri), iri


def assert_valid_rss(root, feed_url: str) -> None:
    """RSS 2.0: required elements, RFC 822 dates, absolute links, permalinks."""
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    (channel,) = root.findall("channel")
    for name in ("title", "link", "description"):
        assert (channel.findtext(name) or "").strip(), name
    assert is_absolute(channel.findtext("link"))
    assert RFC_822.match(channel.findtext("lastBuildDate"))
    assert channel.xpath("atom:link[@rel='self']/@href", namespaces=NS) == [feed_url]
    for item in channel.findall("item"):
        assert item.findtext("title") or item.findtext("description")
        link = item.findtext("link")
        assert is_absolute(link), link
        (guid,) = item.findall("guid")
        assert guid.get("isPermaLink") == "true"
        assert guid.text == link
        assert RFC_822.match(item.findtext("pubDate"))
        assert item.xpath("dc:creator/text()", namespaces=NS)
        (content,) = item.xpath("content:encoded/text()", namespaces=NS)
        assert all(is_absolute(url) for url in content_urls(content))


def fetch(client, url: str, **request):
    """The feed at ``url``: parsed, validated strictly, and read by feedparser."""
    response = client.get(url, **request)
    assert response.status_code == 200, url
    root = etree.fromstring(response.content)
    feed_url = f"http://testserver{url}"
    if root.tag == "{http://www.w3.org/2005/Atom}feed":
        assert_valid_atom(root, feed_url)
    else:
        assert_valid_rss(root, feed_url)
    feed = feedparser.parse(response.content)
    assert feed.bozo is False, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_passes_strict_validation(client, blog, url):
    assert fetch(client, url).entries


def test_validators_reject_todays_relative_ids_and_missing_authors():
    rss = etree.fromstring(
        b"<rss version='2.0'><channel><title>W</title><link>/writing/</link>"
        b"<description>d</description></channel></rss>"
    )
    with pytest.raises(AssertionError):
        assert_valid_rss(rss, "http://testserver/writing/feed/")
    atom = etree.fromstring(
        b"<feed xmlns='http://www.w3.org/2005/Atom'><title>W</title>"
        b"<id>/writing/</id><updated>2024-01-01T00:00:00Z</updated>"
        b"<entry><title>T</title><id>/writing/t/</id>"
        b"<updated>2024-01-01T00:00:00Z</updated></entry></feed>"
    )
    with pytest.raises(AssertionError):
        assert_valid_atom(atom, "http://testserver/writing/feed/atom/")
    no_id = b"<feed xmlns='http://www.w3.org/2005/Atom'><title>W</title></feed>"
    assert ATOM_SCHEMA.validate(etree.fromstring(no_id)) is False


@pytest.mark.parametrize("url", ["/writing/feed/", "/writing/feed/atom/"])
def test_blog_feed_lists_live_posts_newest_first(client, blog, url):
    feed = fetch(client, url)
    assert [entry.title for entry in feed.entries] == ["Pregel", "Titans"]
    assert feed.entries[0].link.startswith("http://testserver/writing/post-")


@pytest.mark.parametrize(
    "url", ["/writing/tags/ai/feed/", "/writing/tags/ai/feed/atom/"]
)
def test_tag_feed_lists_only_that_tags_posts(client, blog, url):
    feed = fetch(client, url)
    assert [entry.title for entry in feed.entries] == ["Titans"]
    assert {tag.term for tag in feed.entries[0].tags} == {"AI", "Systems"}


def test_atom_feed_is_atom_and_rss_feed_is_rss(client, blog):
    assert fetch(client, "/writing/feed/atom/").version == "atom10"
    assert fetch(client, "/writing/feed/").version == "rss20"


def test_draft_post_is_in_no_feed(client, blog):
    for url in FEEDS:
        titles = [entry.title for entry in fetch(client, url).entries]
        assert "Draft on Kafka" not in titles


@pytest.mark.parametrize("url", ["/writing/feed/", "/writing/feed/atom/"])
def test_entries_carry_the_whole_rendered_post_with_absolute_links(client, blog, url):
    (titans,) = [e for e in fetch(client, url).entries if e.title == "Titans"]
    (content,) = [c.value for c in titans.content if c.type == "text/html"]
    tree = lxml_html.fragment_fromstring(content, create_parent="div")
    links = tree.xpath("//a/@href")
    assert "http://testserver/writing/" in links
    # The footnote reference and its way back point into the post itself.
    in_post = [link for link in links if "#" in link]
    assert len(in_post) == 2
    assert all(
        link.startswith("http://testserver/writing/titans/#") for link in in_post
    )
    assert "A footnote &amp; more." in content
    assert 'id="memory"' in content
    (src,) = tree.xpath("//img/@src")
    assert src.startswith("http://testserver/media/images/"), src
    assert titans.summary.startswith("Dek of post")


@pytest.mark.parametrize("url", ["/writing/feed/", "/writing/feed/atom/"])
def test_entries_name_the_site_author_else_the_site_name(client, blog, url):
    assert {entry.author for entry in fetch(client, url).entries} == {"Scholia"}
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.author_name = "Ada Lovelace"
    site_settings.save()
    assert {entry.author for entry in fetch(client, url).entries} == {"Ada Lovelace"}


def test_dates_say_when_each_post_and_the_feed_last_changed(client, blog):
    atom = fetch(client, "/writing/feed/atom/")
    rss = fetch(client, "/writing/feed/")
    assert all(
        entry.updated_parsed and entry.published_parsed for entry in atom.entries
    )
    assert atom.feed.updated_parsed == max(e.updated_parsed for e in atom.entries)
    assert rss.feed.updated_parsed == max(e.updated_parsed for e in atom.entries)


@pytest.mark.django_db
def test_every_feed_of_the_demo_site_passes_strict_validation(client):
    call_command("load_demo_content", stdout=StringIO())
    urls = ["/writing/feed/", "/writing/feed/atom/"]
    for slug in Tag.objects.values_list("slug", flat=True):
        urls += [f"/writing/tags/{slug}/feed/", f"/writing/tags/{slug}/feed/atom/"]
    assert set(urls) >= {
        *FEEDS,
        "/writing/tags/ai/feed/",
        "/writing/tags/ai/feed/atom/",
    }
    for url in urls:
        assert fetch(client, url).entries, url
