"""The full-page cache: who gets cached copies, what they carry, and outages."""

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from home.cache import store
from home.cache.middleware import storable
from tests.conftest import make_blog_index, make_post


@pytest.fixture
def post(db):
    blog = make_blog_index()
    return make_post(blog, title="Cached post", slug="cached-post")


def test_a_second_anonymous_request_is_served_from_the_cache(client, post):
    first = client.get("/writing/cached-post/")
    second = client.get("/writing/cached-post/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_cached_copies_are_shared_and_revalidated_by_browsers(client, post):
    response = client.get("/writing/cached-post/")
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=86400"} <= directives
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


def test_a_matching_etag_gets_a_304_from_the_cache(client, post):
    etag = client.get("/writing/cached-post/")["ETag"]
    response = client.get("/writing/cached-post/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_head_is_answered_from_the_cache_without_a_body(client, post):
    client.get("/writing/cached-post/")
    response = client.head("/writing/cached-post/")
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b""


def test_search_results_are_cached_briefly(client, post):
    response = client.get("/search/?q=cached")
    assert "s-maxage=60" in response["Cache-Control"]
    assert client.get("/search/?q=cached")["X-Page-Cache"] == "hit"


def test_a_logged_in_reader_is_never_served_or_stored(client, post):
    user = get_user_model().objects.create_user("editor", password="x")
    client.force_login(user)
    response = client.get("/writing/cached-post/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert client.get("/writing/cached-post/")["X-Page-Cache"] == "miss"


@pytest.mark.parametrize(
    "url",
    ["/admin/login/", "/writing/cached-post/?utm_source=x", "/writing/?page=abc"],
)
def test_admin_share_and_unknown_query_strings_bypass_the_cache(client, post, url):
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)


def test_a_share_link_bypasses_the_cache(client, post):
    client.get("/share/not-a-token/")
    assert "X-Page-Cache" not in client.get("/share/not-a-token/")


def test_a_response_that_sets_a_cookie_is_not_stored():
    request = RequestFactory().get("/writing/")
    response = HttpResponse("hello")
    response.set_cookie("csrftoken", "abc")
    assert storable(request, response) is False


def age_entries(seconds: float) -> None:
    """Move every stored copy ``seconds`` into the past."""
    from django.core.cache import cache

    key = store.entry_key("/writing/cached-post/", "")
    variants = cache.get(key)
    for entry in variants.values():
        entry.stored_at -= seconds
    cache.set(key, variants)


@override_settings(SCHOLIA_PAGE_CACHE_SECONDS=100, SCHOLIA_PAGE_STALE_SECONDS=50)
def test_with_the_database_down_a_stale_copy_within_the_bound_is_served(client, post):
    rendered = client.get("/writing/cached-post/").content
    age_entries(120)
    with mock.patch(
        "blog.models.PaperPostPage.serve", side_effect=OperationalError("down")
    ):
        response = client.get("/writing/cached-post/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "stale"
    assert response.content == rendered


@override_settings(SCHOLIA_PAGE_CACHE_SECONDS=100, SCHOLIA_PAGE_STALE_SECONDS=50)
def test_a_copy_older_than_the_stale_bound_is_not_served(client, post):
    client.get("/writing/cached-post/")
    age_entries(200)
    client.raise_request_exception = False
    with mock.patch(
        "blog.models.PaperPostPage.serve", side_effect=OperationalError("down")
    ):
        response = client.get("/writing/cached-post/")
    # Not the stale copy: the database-outage page (site_project/resilience.py).
    assert response.status_code == 503
    assert "X-Page-Cache" not in response


def test_an_expired_copy_is_rendered_again(client, post):
    client.get("/writing/cached-post/")
    age_entries(86400 + 1)
    assert client.get("/writing/cached-post/")["X-Page-Cache"] == "miss"
