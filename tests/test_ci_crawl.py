"""The CI crawler (.ci/crawl.py): every asset a page names, off-origin URLs flagged."""

import importlib.util
from pathlib import Path

CRAWL = Path(__file__).resolve().parent.parent / ".ci" / "crawl.py"
spec = importlib.util.spec_from_file_location("ci_crawl", CRAWL)
crawl = importlib.util.module_from_spec(spec)
spec.loader.exec_module(crawl)

PAGE = """
<link rel="stylesheet" href="/static/css/site.css">
<link rel="canonical" href="http://127.0.0.1:18430/writing/">
<meta property="og:image" content="http://127.0.0.1:18430/media/images/a.png">
<script src="/static/js/math.js"></script>
<img src="/media/images/b.png" srcset="/media/images/b.png 1x, /media/images/c.png 2x">
<a href="/writing/post/">Post</a> <a href="https://arxiv.org/abs/1">paper</a>
"""


def parsed() -> "crawl.Refs":
    refs = crawl.Refs()
    refs.feed(PAGE)
    return refs


def test_links_to_crawl_include_anchors_and_the_canonical_link():
    links = parsed().links
    assert "/writing/post/" in links
    assert "http://127.0.0.1:18430/writing/" in links


def test_assets_include_stylesheets_scripts_images_srcset_and_og_image():
    assets = parsed().assets
    for url in (
        "/static/css/site.css",
        "/static/js/math.js",
        "/media/images/b.png",
        "/media/images/c.png",
        "http://127.0.0.1:18430/media/images/a.png",
    ):
        assert url in assets, url


def test_a_sitemap_url_on_another_origin_is_a_failure_and_is_crawled_here():
    crawler = crawl.Crawler("http://127.0.0.1:18430")
    sitemap = "http://127.0.0.1:18430/sitemap.xml"
    crawler.add("http://localhost/writing/", sitemap, crawl=True)
    assert crawler.failures == [
        "OFF-ORIGIN http://localhost/writing/ (in http://127.0.0.1:18430/sitemap.xml)"
    ]
    assert crawler.queue[0][0] == "http://127.0.0.1:18430/writing/"


def test_external_links_and_the_admin_are_not_crawled():
    crawler = crawl.Crawler("http://127.0.0.1:18430")
    page = "http://127.0.0.1:18430/"
    crawler.add("https://arxiv.org/abs/1", page, crawl=True)
    crawler.add("/admin/", page, crawl=True)
    assert list(crawler.queue) == []
    assert crawler.failures == []


def test_stylesheet_urls_are_found_but_data_uris_are_not():
    css = "a{background:url(data:image/png;base64,xx)} @font-face{src:url('f.woff2')}"
    assert crawl.CSS_URL.findall(css) == ["f.woff2"]
