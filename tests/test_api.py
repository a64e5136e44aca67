"""The read API at /api/v2/: live content only, paginated, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_blog_index, make_paper, make_post


def count_queries(client, url: str) -> tuple[int, dict]:
    client.get(url)  # warm the per-site caches, as a running site has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), response.json()


@pytest.mark.django_db
def test_pages_endpoint_lists_live_posts_never_drafts(client):
    blog = make_blog_index()
    make_post(blog, title="Published", slug="published")
    make_post(blog, title="Draft", slug="draft", live=False)
    data = client.get("/api/v2/pages/", {"type": "blog.PaperPostPage"}).json()
    assert [item["title"] for item in data["items"]] == ["Published"]
    assert client.get("/api/v2/pages/?search=Draft").json()["meta"]["total_count"] == 0


@pytest.mark.django_db
def test_papers_endpoint_lists_published_papers_with_their_authors(client):
    make_paper()
    make_paper("Unpublished", authors=("Ann Other",), live=False)
    data = client.get("/api/v2/papers/").json()
    assert data["meta"]["total_count"] == 1
    (item,) = data["items"]
    assert (item["citation_key"], item["author_names"]) == (
        "gu2023mamba",
        ["Albert Gu", "Tri Dao"],
    )
    detail = client.get(f"/api/v2/papers/{item['id']}/").json()
    assert detail["title"] == "Mamba"


@pytest.mark.django_db
def test_a_draft_paper_has_no_detail(client):
    draft = make_paper("Unpublished", authors=("Ann Other",), live=False)
    assert client.get(f"/api/v2/papers/{draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_api_is_read_only(client):
    assert client.post("/api/v2/papers/", {"title": "x"}).status_code == 405


@pytest.mark.django_db
def test_listings_are_paginated_and_use_constant_queries(client):
    blog = make_blog_index()
    for number in range(10):
        make_post(blog, title=f"Post {number}", slug=f"p-{number}")
        make_paper(f"Paper {number}", authors=("Ann Author", "Bo Writer"))
    urls = [
        "/api/v2/pages/?type=blog.PaperPostPage&limit=20",
        "/api/v2/papers/?limit=20",
    ]
    small = [count_queries(client, url)[0] for url in urls]
    for number in range(10, 100):
        make_post(blog, title=f"Post {number}", slug=f"p-{number}")
        make_paper(f"Paper {number}", authors=("Ann Author", "Bo Writer"))
    large = [count_queries(client, url) for url in urls]
    assert [count for count, _data in large] == small
    assert [data["meta"]["total_count"] for _count, data in large] == [100, 100]
    assert [len(data["items"]) for _count, data in large] == [20, 20]
