"""Crawl a running Scholia site and fail on any public URL or asset that is not 200.

Starts from / and from every <loc> of /sitemap.xml, follows same-origin links
(never /admin/), and fetches every asset the pages reference: stylesheets,
icons, scripts, images and srcset candidates, og:image / twitter:image, and
the url()s of every stylesheet. Prints
each failure and a summary; exits 1 if anything failed.

Usage: python .ci/crawl.py http://127.0.0.1:18430
"""

import re
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

SKIP_PREFIXES = ("/admin/", "/django-admin/", "/share/")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MAX_URLS = 3000
CSS_URL = re.compile(r"""url\(\s*['"]?(?!data:)([^'")\s]+)""")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Report a redirect as its own status instead of following it."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


class Refs(HTMLParser):
    """Collects a page's links (to crawl) and assets (to fetch)."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attr = {name: value or "" for name, value in attrs}
        if tag == "a" and attr.get("href"):
            self.links.append(attr["href"])
        elif tag == "link" and attr.get("href"):
            rel = attr.get("rel", "").lower().split()
            target = self.links if "canonical" in rel else self.assets
            target.append(attr["href"])
        elif tag in ("script", "img", "source", "iframe") and attr.get("src"):
            self.assets.append(attr["src"])
        if tag in ("img", "source") and attr.get("srcset"):
            for candidate in attr["srcset"].split(","):
                if candidate.strip():
                    self.assets.append(candidate.split()[0])
        if tag == "meta" and attr.get("content"):
            key = attr.get("property") or attr.get("name") or ""
            if key in ("og:image", "twitter:image", "og:url"):
                self.assets.append(attr["content"])


class Crawler:
    """Breadth-first over one origin; records every non-200 with where it was seen."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.origin = urlsplit(self.base).netloc
        self.seen: set[str] = set()
        self.queue: deque[tuple[str, str, bool]] = deque()
        self.failures: list[str] = []
        self.fetched = 0
        self.pages = 0

    def add(self, url: str, source: str, *, crawl: bool) -> None:
        absolute, _ = urldefrag(urljoin(source, url))
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https"):
            return
        if parts.netloc != self.origin:
            if source.endswith("/sitemap.xml") or parts.netloc in ("localhost", ""):
                # A sitemap or canonical URL that names another origin.
                self.failures.append(f"OFF-ORIGIN {absolute} (in {source})")
                absolute = self.base + (parts.path or "/")
                if parts.query:
                    absolute += "?" + parts.query
            else:
                return
        if urlsplit(absolute).path.startswith(SKIP_PREFIXES):
            return
        if absolute not in self.seen and len(self.seen) < MAX_URLS:
            self.seen.add(absolute)
            self.queue.append((absolute, source, crawl))

    def fetch(self, url: str) -> tuple[int, str, bytes]:
        """Status, content type and body of one GET; redirects are not followed."""
        # Only http(s) URLs of the crawled origin are ever queued.
        request = urllib.request.Request(url, headers={"User-Agent": "scholia-ci"})  # noqa: S310
        try:
            with OPENER.open(request, timeout=30) as response:
                kind = response.headers.get_content_type()
                return response.status, kind, response.read()
        except urllib.error.HTTPError as error:
            return error.code, "", b""
        except OSError as error:
            return 0, str(error), b""

    def run(self) -> int:
        self.add("/", self.base + "/", crawl=True)
        self.add("/robots.txt", self.base + "/", crawl=False)
        status, _, body = self.fetch(self.base + "/sitemap.xml")
        if status != 200:
            self.failures.append(f"{status} {self.base}/sitemap.xml")
        else:
            for loc in ET.fromstring(body).iter(SITEMAP_NS + "loc"):  # noqa: S314
                self.add(loc.text.strip(), self.base + "/sitemap.xml", crawl=True)
        while self.queue:
            url, source, crawl = self.queue.popleft()
            status, kind, body = self.fetch(url)
            self.fetched += 1
            if status != 200:
                self.failures.append(f"{status} {url} (from {source})")
                continue
            if kind == "text/css":
                # Fonts and images a stylesheet names (KaTeX's fonts, for one).
                for ref in CSS_URL.findall(body.decode("utf-8", "replace")):
                    self.add(ref, url, crawl=False)
            if crawl and kind == "text/html":
                self.pages += 1
                refs = Refs()
                refs.feed(body.decode("utf-8", "replace"))
                for link in refs.links:
                    self.add(link, url, crawl=True)
                for asset in refs.assets:
                    self.add(asset, url, crawl=False)
        return len(self.failures)


def main(base: str) -> int:
    crawler = Crawler(base)
    failed = crawler.run()
    for line in crawler.failures:
        sys.stdout.write(f"  FAIL {line}\n")
    pages = crawler.pages
    sys.stdout.write(
        f"crawl: {crawler.fetched} URLs fetched ({pages} HTML pages), "
        f"{failed} failure(s)\n"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
