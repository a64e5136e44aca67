"""One public origin: SCHOLIA_PUBLIC_ORIGIN when set, else the request's own.

Canonical links, og:url, JSON-LD, the sitemap, robots.txt, the feeds and the
Site record must all agree, and every sitemap location must answer as listed.
"""

import json
from io import StringIO
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.test import TestCase, override_settings
from django.test.client import RequestFactory
from lxml import html as lxml_html
from wagtail.models import Site

from blog.models import PaperPostPage
from home.origin import absolute_url, public_origin, sync_default_site
from site_project.settings import env_origin

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM_NS = "{http://www.w3.org/2005/Atom}"
PUBLIC = "https://scholia.example"
PUBLIC_HOSTS = ["testserver", "127.0.0.1", "scholia.example", "localhost"]
FEEDS = [
    "/writing/feed/",
    "/writing/feed/atom/",
    "/writing/tags/systems/feed/",
    "/writing/tags/systems/feed/atom/",
]


@pytest.mark.parametrize(
    ("raw", "origin"),
    [
        ("https://scholia.example", "https://scholia.example"),
        ("https://Scholia.Example:443/", "https://scholia.example"),
        ("http://localhost:8000", "http://localhost:8000"),
        ("http://[::1]:8000", "http://[::1]:8000"),
        ("", ""),
    ],
)
def test_public_origin_setting_is_normalised(monkeypatch, raw, origin):
    monkeypatch.setenv("SCHOLIA_PUBLIC_ORIGIN", raw)
    assert env_origin("SCHOLIA_PUBLIC_ORIGIN") == origin


@pytest.mark.parametrize(
    "raw",
    [
        "scholia.example",
        "ftp://scholia.example",
        "https://",
        "https://scholia.example/blog",
        "https://scholia.example/?a=1",
        "https://user@scholia.example",
        "https://scholia.example:99999",
        "https://scholia.example:port",
    ],
)
def test_malformed_public_origin_stops_startup_naming_the_setting(monkeypatch, raw):
    monkeypatch.setenv("SCHOLIA_PUBLIC_ORIGIN", raw)
    with pytest.raises(ImproperlyConfigured, match="SCHOLIA_PUBLIC_ORIGIN must be"):
        env_origin("SCHOLIA_PUBLIC_ORIGIN")


@pytest.mark.django_db
def test_absolute_url_uses_the_request_origin_without_the_setting():
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8000", secure=True)
    assert public_origin(request) == "https://127.0.0.1:8000"
    assert absolute_url("/writing/", request) == "https://127.0.0.1:8000/writing/"


@pytest.mark.django_db
@override_settings(SCHOLIA_PUBLIC_ORIGIN=PUBLIC)
def test_absolute_url_moves_site_record_urls_and_keeps_other_sites():
    request = RequestFactory().get("/")
    assert absolute_url("/writing/?page=2", request) == f"{PUBLIC}/writing/?page=2"
    assert absolute_url("http://localhost/writing/", request) == f"{PUBLIC}/writing/"
    paper = "https://arxiv.org/abs/2501.00663"
    assert absolute_url(paper, request) == paper


def json_ld_urls(data, found=None) -> list[str]:
    """Every url, item and @id of the page itself (the papers' own URLs excluded)."""
    found = [] if found is None else found
    if isinstance(data, list):
        for value in data:
            json_ld_urls(value, found)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key in {"url", "item", "@id", "mainEntityOfPage"}:
                found.append(value)
            elif key not in {"about", "citation"}:
                json_ld_urls(value, found)
    return found


def page_urls(response) -> list[str]:
    """canonical, og:url, feed links and JSON-LD URLs a page prints of itself."""
    tree = lxml_html.fromstring(response.content)
    urls = tree.xpath("//link[@rel='canonical' or @rel='alternate']/@href")
    urls += tree.xpath("//meta[@property='og:url']/@content")
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        urls += json_ld_urls(json.loads(script))
    return urls


def feed_urls(response) -> list[str]:
    """Every link, guid, id and self link of an RSS or Atom feed."""
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    urls = [element.text for element in root.iter("link")]
    urls += [element.text for element in root.iter("guid")]
    urls += [element.text for element in root.iter(f"{ATOM_NS}id")]
    urls += [element.get("href") for element in root.iter(f"{ATOM_NS}link")]
    return urls


class OriginTests(TestCase):
    """The demo site, asked for through different hosts, with and without origin."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=StringIO())
        cls.post = PaperPostPage.objects.live().order_by("-date").first()
        cls.pages = [
            "/",
            cls.post.url,
            "/glossary/",
            "/glossary/kv-cache/",
            "/topics/",
            "/writing/tags/systems/",
        ]

    def sitemap_locations(self, **request) -> list[str]:
        response = self.client.get("/sitemap.xml", **request)
        self.assertEqual(response.status_code, 200)
        root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
        return [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]

    def assert_answers_as_listed(self, location: str) -> None:
        scheme, host, path, query, _ = urlsplit(location)
        response = self.client.get(
            f"{path}?{query}" if query else path,
            headers={"host": host},
            secure=scheme == "https",
        )
        self.assertEqual(response.status_code, 200, location)

    def assert_everything_on(self, origin: str, **request) -> None:
        printed = []
        for path in self.pages:
            response = self.client.get(path, **request)
            self.assertEqual(response.status_code, 200, path)
            printed += page_urls(response)
        for path in FEEDS:
            printed += feed_urls(self.client.get(path, **request))
        robots = self.client.get("/robots.txt", **request).content.decode()
        printed += [
            line.removeprefix("Sitemap: ")
            for line in robots.splitlines()
            if line.startswith("Sitemap: ")
        ]
        printed += self.sitemap_locations(**request)
        self.assertGreater(len(printed), 100)
        strays = [url for url in printed if not url.startswith(f"{origin}/")]
        self.assertEqual(strays, [])

    def test_without_setting_every_sitemap_location_answers_as_listed(self):
        locations = self.sitemap_locations()
        self.assertGreater(len(locations), 50)
        for location in locations:
            self.assertTrue(location.startswith("http://testserver/"), location)
            self.assert_answers_as_listed(location)

    def test_without_setting_everything_uses_the_request_host(self):
        self.assert_everything_on("http://127.0.0.1", headers={"host": "127.0.0.1"})

    def test_without_setting_everything_uses_the_request_scheme(self):
        self.assert_everything_on("https://testserver", secure=True)

    @override_settings(SCHOLIA_PUBLIC_ORIGIN=PUBLIC, ALLOWED_HOSTS=PUBLIC_HOSTS)
    def test_with_setting_every_sitemap_location_answers_as_listed(self):
        locations = self.sitemap_locations()
        self.assertGreater(len(locations), 50)
        for location in locations:
            self.assertTrue(location.startswith(f"{PUBLIC}/"), location)
            self.assert_answers_as_listed(location)

    @override_settings(SCHOLIA_PUBLIC_ORIGIN=PUBLIC, ALLOWED_HOSTS=PUBLIC_HOSTS)
    def test_with_setting_everything_uses_it_whatever_the_request_host(self):
        self.assert_everything_on(PUBLIC)
        self.assert_everything_on(PUBLIC, headers={"host": "127.0.0.1"})

    @override_settings(SCHOLIA_PUBLIC_ORIGIN=PUBLIC)
    def test_site_record_follows_the_setting_on_migrate_and_stays(self):
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
        site = Site.objects.get(is_default_site=True)
        self.assertEqual((site.hostname, site.port), ("scholia.example", 443))
        self.assertEqual(site.root_url, PUBLIC)
        with self.assertNumQueries(1):  # the look, and no write
            sync_default_site()

    @override_settings(SCHOLIA_PUBLIC_ORIGIN="http://scholia.example:8000")
    def test_site_record_takes_the_port_of_the_setting(self):
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
        site = Site.objects.get(is_default_site=True)
        self.assertEqual(site.root_url, "http://scholia.example:8000")

    def test_site_record_is_left_alone_without_the_setting(self):
        before = Site.objects.values("hostname", "port").get(is_default_site=True)
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
        after = Site.objects.values("hostname", "port").get(is_default_site=True)
        self.assertEqual(after, before)
