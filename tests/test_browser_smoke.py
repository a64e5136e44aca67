"""A reader opens the site in a real browser and follows a glossary link."""

import pytest

from tests.conftest import (
    make_blog_index,
    make_post,
    make_reviews_tree,
    make_term,
    make_topic,
)

pytestmark = [
    pytest.mark.browser,
    # Live-server tests flush the database: restore migration data first.
    pytest.mark.usefixtures("migrated_site"),
]


def test_reader_sees_a_topic_and_its_glossary_tooltip(live_server, browser_page):
    _, _, topics = make_reviews_tree()
    make_term("KV cache", definition="Stored keys and values of past tokens.")
    make_topic(topics, sections=[("Attention", "The [[KV cache]] grows.")])
    make_post(make_blog_index(), title="Titans")

    browser_page.goto(f"{live_server.url}/topics/efficient-serving/")
    assert browser_page.locator("h1").inner_text() == "Efficient serving"
    tooltip = browser_page.get_by_role("tooltip")
    assert tooltip.is_hidden()
    browser_page.get_by_role("link", name="KV cache").focus()
    assert tooltip.is_visible()
    assert tooltip.inner_text() == "Stored keys and values of past tokens."
