"""Search: every kind of content, ranked together, with dates and marked excerpts.

Runs on SQLite and on PostgreSQL (DATABASE_URL); stemming is PostgreSQL's.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html

from authors.models import Author
from blog.authorship import AuthorIndexPage
from blog.models import PaperPostPage
from site_project.search import (
    find_hits,
    highlighted_excerpt,
    match_pattern,
    query_words,
)
from tests.conftest import (
    home_page,
    make_blog_index,
    make_episode,
    make_post,
    make_reviews_tree,
    make_term,
    make_topic,
    publish,
)

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming is PostgreSQL's"
)


def markdown(text: str) -> list[dict]:
    return [{"type": "markdown", "value": text}]


@pytest.fixture
def site(db):
    blog = make_blog_index()
    glossary, episodes, topics = make_reviews_tree()
    publish(
        home_page().add_child(instance=AuthorIndexPage(title="Authors", slug="authors"))
    )
    make_post(
        blog,
        title="Mooncake",
        slug="mooncake",
        dek="Disaggregated serving <img src=x onerror=alert(1)> over RDMA.",
        date=datetime.date(2024, 6, 1),
        body=markdown("Prefill and decode run apart. The KV cache moves between them."),
    )
    make_post(blog, title="Pregel", slug="pregel", body=markdown("Graphs."))
    make_post(blog, title="Draft about cache", slug="draft-cache", live=False)
    make_term(
        "KV cache", definition="Keys and values kept per token.", aliases="KV caches"
    )
    make_episode("E036", title="Paged attention for the cache", summary="Pages.")
    make_topic(
        topics,
        sections=[("Serving", "Where the cache lives decides the cost.")],
        title="Efficient serving",
    )
    author = Author(name="Cache Expert", slug="cache-expert", bio="Writes on caches.")
    author.save()
    author.save_revision().publish()
    return blog


def results(client, query: str):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    tree = html.fromstring(response.content)
    return response, tree.xpath("//li[@class='search-result']")


def test_every_kind_is_found_with_its_kind_title_and_excerpt(client, site):
    response, items = results(client, "cache")
    kinds = {item.xpath("string(.//span[@class='kind'])") for item in items}
    assert kinds == {"Post", "Topic", "Term", "Episode", "Author"}
    titles = [item.xpath("string(.//h2)").strip() for item in items]
    assert "Mooncake" in titles
    assert "Draft about cache" not in titles
    (post,) = [item for item in items if "Mooncake" in item.xpath("string(.//h2)")]
    assert post.xpath(".//time/@datetime") == ["2024-06-01"]
    assert post.xpath(".//a/@href") == ["/writing/mooncake/"]
    assert post.xpath(".//p[@class='excerpt']/mark/text()") == ["cache"]


def test_excerpts_escape_content_before_marking_matches(client, site):
    response, items = results(client, "RDMA")
    body = response.content.decode()
    assert "<mark>RDMA</mark>" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "<img src=x" not in body


def test_results_of_all_kinds_are_ordered_by_one_relevance_score(site):
    hits = find_hits("cache")
    assert len({hit.kind for hit in hits}) == 5
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)


@on_postgresql
def test_caching_finds_a_post_about_cache_on_postgresql(client, site):
    response, items = results(client, "caching")
    titles = [item.xpath("string(.//h2)").strip() for item in items]
    assert "Mooncake" in titles
    assert "<mark>cache</mark>" in response.content.decode()


def test_a_short_query_with_no_whole_word_match_offers_titles_starting_with_it(
    client, site
):
    response, items = results(client, "Moonc")
    assert [item.xpath("string(.//h2)").strip() for item in items] == ["Mooncake"]
    assert "start with it" not in response.content.decode()
    assert "titles start" in response.content.decode() or "title starts" in (
        response.content.decode()
    )


def test_a_search_with_nothing_to_find_says_so(client, site):
    response, items = results(client, "zebra")
    assert items == []
    assert "0 results" in response.content.decode()


@pytest.mark.parametrize(
    ("text", "query", "marked"),
    [
        ("The KV cache grows.", "caching", ["cache"]),
        ("Caches and CACHE.", "cache", ["Caches", "CACHE"]),
        ("Nothing here.", "cache", []),
    ],
)
def test_highlighting_marks_words_sharing_the_querys_stem(text, query, marked):
    excerpt = highlighted_excerpt(text, match_pattern(query_words(query)))
    tree = html.fromstring(f"<p>{excerpt}</p>")
    assert tree.xpath("//mark/text()") == marked


def test_a_long_text_is_cut_around_its_first_match():
    text = "word " * 200 + "needle " + "word " * 200
    excerpt = highlighted_excerpt(text, match_pattern(["needle"]), length=100)
    assert excerpt.startswith("… ")
    assert excerpt.endswith(" …")
    assert "<mark>needle</mark>" in excerpt
    assert len(excerpt) < 140


def add_posts(blog, count: int, start: int) -> None:
    for number in range(start, start + count):
        blog.add_child(
            instance=PaperPostPage(
                title=f"Cache note {number}",
                slug=f"cache-note-{number}",
                dek="About the cache.",
                date=datetime.date(2023, 1, 1),
                body=markdown("The cache again."),
                live=True,
            )
        )


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_search_queries_do_not_grow_with_10_or_500_posts(client, site):
    add_posts(site, 8, start=0)
    url = "/search/?q=cache"
    client.get(url)
    small = count_queries(client, url)
    add_posts(site, 490, start=8)
    client.get(url)
    large = count_queries(client, url)
    assert PaperPostPage.objects.live().count() == 500
    assert small == large
