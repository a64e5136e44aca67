"""Hostile query strings get a page, never a server error."""

import pytest
from django.test import Client

from site_project.views import clean_query
from tests.conftest import make_blog_index, make_post

HOSTILE_QUERIES = ["\x00", "cache\x00", "a" * 5000, "%", "'; DROP TABLE x;--", "\u202e"]
HOSTILE_PAGES = ["-1", "0", "abc", "99999", "1e9", "\x00", ""]


@pytest.fixture
def blog(db):
    blog = make_blog_index()
    for number in range(3):
        make_post(blog, title=f"Caching post {number}", tags=["Systems"])
    return blog


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_search_answers_hostile_queries_with_a_page(blog, query):
    response = Client().get("/search/", {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize("page", HOSTILE_PAGES)
@pytest.mark.parametrize(
    "path", ["/writing/", "/writing/tags/systems/", "/search/?q=caching"]
)
def test_paginated_views_answer_hostile_page_numbers(blog, path, page):
    separator = "&" if "?" in path else "?"
    response = Client().get(f"{path}{separator}page={page}")
    # Out-of-range and malformed numbers fall back to the first or last page.
    assert response.status_code == 200
    assert b"Caching post" in response.content


def test_control_characters_become_spaces_in_a_query():
    assert clean_query("kv\x00cache\x07 \n") == "kv cache"
