"""Every internal link on the demo site works, and templates never build a URL.

The crawl starts at each page kind of the demo site and follows every link and
asset on the same origin (the admin and share links aside) until none is left.
Static files and media are checked on disk: the test server does not serve them.
"""

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted(
    [*(ROOT / "templates").rglob("*.html"), *ROOT.glob("*/templates/**/*.html")]
)
ORIGIN = "http://testserver"
# Each page kind of the demo site; the crawl reaches the rest from these.
PAGE_KINDS = [
    "/",
    "/writing/",
    "/writing/tags/",
    "/writing/tags/systems/",
    "/topics/",
    "/glossary/",
    "/episodes/",
    "/search/?q=cache",
    "/no-such-page/",
]
NOT_CRAWLED = ("/admin/", "/share/")


class Links(HTMLParser):
    """Every href and src (and srcset candidate) in a page."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)
            elif name == "srcset" and value:
                self.urls.extend(part.split()[0] for part in value.split(","))


def internal(url: str, base: str) -> str | None:
    """``url`` as a path and query on the test origin, or None if it leaves it."""
    absolute, _ = urldefrag(urljoin(ORIGIN + base, url))
    parts = urlsplit(absolute)
    if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def file_exists(path: str) -> bool | None:
    """Whether a static or media URL names a file; None for any other URL."""
    from django.conf import settings

    if path.startswith(settings.STATIC_URL):
        return finders.find(path.removeprefix(settings.STATIC_URL)) is not None
    if path.startswith(settings.MEDIA_URL):
        return default_storage.exists(path.removeprefix(settings.MEDIA_URL))
    return None


@pytest.mark.django_db
def test_every_internal_link_on_every_demo_page_kind_works(client):
    call_command("load_demo_content", verbosity=0)
    queue = deque(PAGE_KINDS)
    seen = set(PAGE_KINDS)
    broken, pages = [], 0
    while queue:
        path = queue.popleft()
        response = client.get(path)
        if path == "/no-such-page/":
            assert response.status_code == 404
        elif response.status_code != 200:
            broken.append(f"{path}: {response.status_code}")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        parser = Links()
        parser.feed(response.content.decode())
        for url in parser.urls:
            target = internal(url, path)
            if target is None or target.startswith(NOT_CRAWLED) or target in seen:
                continue
            seen.add(target)
            exists = file_exists(target)
            if exists is None:
                queue.append(target)
            elif not exists:
                broken.append(f"{target} (in {path}): no such file")
    assert broken == []
    assert {"/writing/feed/", "/sitemap.xml", "/episodes/e036/"} <= seen
    # Every post, topic, term and episode page was reached, not just the index pages.
    assert pages > 40


# A URL written or joined in a template rather than asked of Python.
PATH_LITERALS = [
    re.compile(r"""(?:href|src|action)=["']/(?!/)"""),  # href="/writing/"
    re.compile(r"""\{%\s*(?:absolute_url|url)\s+["']/"""),  # {% absolute_url "/x/" %}
    re.compile(r"""\}\}\s*/\S*["']"""),  # "{{ page.url }}{{ tag.slug }}/"
    re.compile(r"""\.url\s*\}\}\s*\{\{"""),  # "{{ page.url }}{{ slug }}"
    re.compile(r"""\+\s*["']/|["']/["']\s*\+"""),  # + "/" joins
    re.compile(r"""\|add:["']/"""),  # {{ base|add:"/" }}
]


def path_literals(text: str) -> list[str]:
    return [
        line.strip()
        for line in text.splitlines()
        if any(pattern.search(line) for pattern in PATH_LITERALS)
    ]


@pytest.mark.parametrize(
    "line",
    [
        '<a href="/writing/">Writing</a>',
        '<form action="/search/">',
        '<a href="{{ page.url }}{{ tag.slug }}/">',
        '{% absolute_url "/writing/feed/" %}',
        "{{ base|add:'/' }}",
    ],
)
def test_the_path_literal_check_catches(line):
    assert path_literals(line) == [line]


def test_templates_ask_for_urls_and_never_write_or_join_them():
    found = {
        str(path.relative_to(ROOT)): path_literals(path.read_text())
        for path in TEMPLATES
        if path_literals(path.read_text())
    }
    assert found == {}


def test_templates_take_the_site_name_from_the_site_record():
    found = [
        str(path.relative_to(ROOT))
        for path in TEMPLATES
        if "Scholia" in path.read_text()
    ]
    assert found == []
