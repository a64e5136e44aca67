"""Every public page kind renders in a constant number of SQL queries.

Each page is requested with a small site (5 posts, 3 terms, 3 episodes) and again
after growing it to 100 posts and 40 terms and episodes. The two counts must be
equal and within QUERY_BUDGET.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.conftest import (
    make_blog_index,
    make_episode,
    make_post,
    make_reviews_tree,
    make_term,
    make_topic,
)

# The developer guide's bar. Routing costs the Site lookup, the root page and
# one query per URL segment; the view-restriction check and every listing's
# ``.public()`` are folded into one query each (home/visibility.py); the
# header's sections and the site settings come from the shared cache
# (home/navigation.py).
QUERY_BUDGET = 10
# Known gap (issue 11): the post's byline (its ordered authors) added the
# eleventh query when authors landed; folding it into another query is left.
# Known gap (papers): the post's paper box (the live papers it discusses, for
# the box, Highwire tags and JSON-LD) adds a twelfth; also left to fold in.
BUDGETS: dict[str, int] = {"post": QUERY_BUDGET + 2}
# What is measured is rendering a page: the full-page cache would answer
# every request after the first without a query.
WITHOUT_PAGE_CACHE = [
    name for name in settings.MIDDLEWARE if not name.startswith("home.cache.")
]

PAGE_KINDS = {
    "home": "/",
    "blog index": "/writing/",
    "blog index page 2": "/writing/?page=2",
    "post": "/writing/post-a/",
    "tag list": "/writing/tags/",
    "tag page": "/writing/tags/systems/",
    "rss feed": "/writing/feed/",
    "atom feed": "/writing/feed/atom/",
    "tag feed": "/writing/tags/systems/feed/",
    "topic index": "/topics/",
    "topic": "/topics/efficient-serving/",
    "glossary": "/glossary/",
    "term": "/glossary/term-0/",
    "episode index": "/episodes/",
    "episode": "/episodes/e100/",
    "search": "/search/?q=post",
    "sitemap": "/sitemap.xml",
}


def grow(blog, topics, *, posts: int, terms: int, episodes: int, start: int):
    """Add posts, terms and episodes; every post is tagged and cites a term."""
    for number in range(start, start + terms):
        make_term(f"Term {number}", slug=f"term-{number}")
    for number in range(start, start + episodes):
        make_episode(f"E{100 + number}")
    for number in range(start, start + posts):
        make_post(
            blog,
            title=f"Post number {number}",
            tags=["Systems", f"tag-{number % 7}"],
            body=[
                {"type": "markdown", "value": "See [[term-0]] and E100."},
                {"type": "heading", "value": {"text": "Section", "level": "h2"}},
            ],
        )


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return len(queries)


@pytest.mark.django_db
@override_settings(MIDDLEWARE=WITHOUT_PAGE_CACHE)
def test_every_page_kind_uses_the_same_queries_with_5_or_100_posts(client):
    blog = make_blog_index(show_in_menus=True)  # as on the demo site
    _, _, topics = make_reviews_tree()
    grow(blog, topics, posts=4, terms=3, episodes=3, start=0)
    make_post(
        blog,
        title="Post A",
        slug="post-a",
        tags=["Systems"],
        body=[{"type": "markdown", "value": "Uses [[term-0]] and E100."}],
    )
    episode_list = [make_episode(f"E{900 + n}") for n in range(3)]
    make_topic(
        topics,
        sections=[("Attention", "The [[term-0]] grows; see E100 and E101.")],
        episodes=episode_list,
    )
    # Warm the per-site caches (root paths, settings) as a running site has them.
    for url in PAGE_KINDS.values():
        client.get(url)
    small = {kind: count_queries(client, url) for kind, url in PAGE_KINDS.items()}

    grow(blog, topics, posts=95, terms=37, episodes=37, start=10)
    for url in PAGE_KINDS.values():
        client.get(url)
    large = {kind: count_queries(client, url) for kind, url in PAGE_KINDS.items()}

    assert small == large
    over = {
        kind: count
        for kind, count in large.items()
        if count > BUDGETS.get(kind, QUERY_BUDGET)
    }
    assert over == {}, f"over the budget of {QUERY_BUDGET}: {over}"


@pytest.mark.django_db
def test_a_page_served_from_the_page_cache_runs_no_query(client):
    blog = make_blog_index()
    make_post(blog, title="Post A", slug="post-a", tags=["Systems"])
    client.get("/writing/post-a/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/writing/post-a/")
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0
