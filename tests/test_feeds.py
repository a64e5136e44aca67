"""RSS and Atom feeds parse cleanly and list the right posts."""

import feedparser
import pytest

from tests.conftest import make_blog_index, make_post


@pytest.fixture
def blog(db):
    blog = make_blog_index()
    make_post(blog, title="Titans", tags=["Systems", "AI"])
    make_post(blog, title="Pregel", tags=["Systems"])
    make_post(blog, title="Draft on Kafka", tags=["Systems"], live=False)
    return blog


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo is False, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("url", ["/writing/feed/", "/writing/feed/atom/"])
def test_blog_feed_lists_live_posts_newest_first(client, blog, url):
    feed = parse(client, url)
    assert [entry.title for entry in feed.entries] == ["Pregel", "Titans"]
    assert feed.entries[0].link.startswith("http://testserver/writing/post-")


@pytest.mark.parametrize(
    "url", ["/writing/tags/ai/feed/", "/writing/tags/ai/feed/atom/"]
)
def test_tag_feed_lists_only_that_tags_posts(client, blog, url):
    feed = parse(client, url)
    assert [entry.title for entry in feed.entries] == ["Titans"]
    assert {tag.term for tag in feed.entries[0].tags} == {"AI", "Systems"}


def test_atom_feed_is_atom_and_rss_feed_is_rss(client, blog):
    assert parse(client, "/writing/feed/atom/").version == "atom10"
    assert parse(client, "/writing/feed/").version == "rss20"


def test_draft_post_is_in_no_feed(client, blog):
    for url in ["/writing/feed/", "/writing/tags/systems/feed/atom/"]:
        titles = [entry.title for entry in parse(client, url).entries]
        assert "Draft on Kafka" not in titles
