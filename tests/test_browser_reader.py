"""A reader visits every page kind in Chromium: content, axe-core, screenshots.

Screenshots of each page kind, desktop and 375 px wide, go to
artifacts/screenshots/ (see the README).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import (
    make_blog_index,
    make_episode,
    make_post,
    make_reviews_tree,
    make_term,
    make_topic,
    screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def ensure_site_root() -> None:
    """The locale, root, home page and site the migrations create."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page, Site

    from home.models import HomePage

    if HomePage.objects.exists():
        return
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code=language)
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root")
    )
    home = root.add_child(instance=HomePage(title="Scholia", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )


@pytest.fixture(autouse=True, scope="module")
def _site_root_survives_flush(django_db_blocker):
    """live_server's database is flushed after each test: once this module is
    done, put back the site root that later tests expect from the migrations."""
    yield
    with django_db_blocker.unblock():
        ensure_site_root()


WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

# (name, path, h1, text the reader must see)
PAGE_KINDS = [
    ("home", "/", "Scholia", "Writing"),
    ("writing", "/writing/", "Writing", "Titans"),
    ("post", "/writing/titans/", "Titans", "The paper"),
    ("tags", "/writing/tags/", "Tags", "2 posts"),
    ("tag", "/writing/tags/systems/", "Systems", "2 posts tagged Systems."),
    ("topics", "/topics/", "Literature review", "1 episode"),
    ("topic", "/topics/efficient-serving/", "Efficient serving", "Episodes anchoring"),
    ("glossary", "/glossary/", "Glossary", "Stored keys and values"),
    ("term", "/glossary/kv-cache/", "KV cache", "Used in"),
    ("episodes", "/episodes/", "Episodes", "E036"),
    ("episode", "/episodes/e036/", "Sparse attention", "Cited by"),
    ("search", "/search/?q=titans", "Search", "result"),
    ("not-found", "/no-such-page/", "Page not found", "search"),
]


@pytest.fixture
def site(transactional_db):
    ensure_site_root()
    blog = make_blog_index()
    _, _, topics = make_reviews_tree()
    make_term("KV cache", definition="Stored keys and values of past tokens.")
    episode = make_episode("E036", title="Sparse attention")
    make_post(
        blog,
        title="Titans",
        slug="titans",
        dek="A neural memory whose weights are updated at test time.",
        tags=["Systems", "AI"],
        paper_title="Titans: Learning to Memorize at Test Time",
        paper_authors="Behrouz, Zhong, Mirrokni",
        paper_year=2024,
        paper_venue="arXiv",
        paper_arxiv_id="2501.00663",
        body=[
            {"type": "heading", "value": {"text": "The mechanism", "level": "h2"}},
            {"type": "markdown", "value": "The [[KV cache]] grows; see E036."},
        ],
    )
    make_post(blog, title="Pregel", slug="pregel", tags=["Systems"])
    make_topic(
        topics,
        sections=[("Attention", "The [[KV cache]] grows; see E036.")],
        episodes=[episode],
    )


@pytest.mark.parametrize(
    ("name", "path", "heading", "text"), PAGE_KINDS, ids=[k[0] for k in PAGE_KINDS]
)
def test_page_kind_reads_well_and_has_no_axe_violations(
    live_server, browser_page, site, name, path, heading, text
):
    browser_page.goto(f"{live_server.url}{path}")
    assert browser_page.locator("h1").first.inner_text() == heading
    assert text.lower() in browser_page.locator("main").inner_text().lower()
    results = Axe().run(browser_page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    screenshot(browser_page, f"{name}-desktop")
    browser_page.set_viewport_size({"width": 375, "height": 800})
    results = Axe().run(browser_page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    screenshot(browser_page, f"{name}-mobile")


def test_glossary_tooltip_shows_on_keyboard_focus(live_server, browser_page, site):
    browser_page.goto(f"{live_server.url}/topics/efficient-serving/")
    tooltip = browser_page.get_by_role("tooltip").first
    assert tooltip.is_hidden()
    browser_page.get_by_role("link", name="KV cache").first.focus()
    assert tooltip.is_visible()
    assert tooltip.inner_text() == "Stored keys and values of past tokens."


def test_skip_link_appears_on_focus_and_moves_to_main(live_server, browser_page, site):
    browser_page.goto(f"{live_server.url}/writing/")
    browser_page.keyboard.press("Tab")
    skip = browser_page.get_by_role("link", name="Skip to content")
    assert skip.is_visible()
    assert skip.bounding_box()["y"] >= 0


def test_writing_index_links_each_tag_to_its_page(live_server, browser_page, site):
    browser_page.goto(f"{live_server.url}/writing/")
    browser_page.get_by_role("link", name="AI").first.click()
    assert browser_page.url.endswith("/writing/tags/ai/")
    assert "1 post tagged AI." in browser_page.locator("main").inner_text()


def test_math_is_typeset_on_the_server_and_readable_without_javascript(
    live_server, browser, site
):
    ensure_site_root()
    blog = make_blog_index(slug="maths", title="Maths")
    make_post(
        blog,
        slug="softmax",
        body=[
            {"type": "markdown", "value": "Inline $x^2$ here."},
            {"type": "equation", "value": {"tex": r"\sum_i e^{x_i}", "caption": ""}},
        ],
    )
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/maths/softmax/")
    assert page.locator(".katex").count() == 2
    assert page.locator(".katex-display").count() == 1
    # KaTeX's CSS is loaded: it keeps the MathML copy for screen readers only.
    mathml = page.locator(".katex-mathml").first
    assert mathml.evaluate("node => getComputedStyle(node).position") == "absolute"
    assert page.locator(".katex-html").first.is_visible()
    context.close()
