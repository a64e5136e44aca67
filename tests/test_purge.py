"""Every change a reader can see purges exactly the URLs that show it.

Each test makes one kind of change and asserts the set of URLs handed to
wagtail.contrib.frontend_cache, then that an anonymous reader going through
the page cache sees the new content on the next request.
"""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from home.models import SiteSettings
from tests.conftest import (
    make_blog_index,
    make_episode,
    make_post,
    make_reviews_tree,
    make_term,
    make_topic,
    publish,
    write_markdown,
)

ORIGIN = "http://testserver"
FAR = datetime.date(2031, 1, 1)
FARTHER = datetime.date(2031, 2, 1)


class RecordingBackend(BaseBackend):
    """Remembers every URL purged (the page cache backend purges alongside it)."""

    purged: set[str] = set()

    def purge(self, url) -> None:
        RecordingBackend.purged.add(url)


BACKENDS = {
    "pagecache": {"BACKEND": "home.cache.backend.PageCacheBackend"},
    "recorder": {"BACKEND": "tests.test_purge.RecordingBackend"},
}


@pytest.fixture
def purged():
    RecordingBackend.purged = set()
    with override_settings(WAGTAILFRONTENDCACHE=BACKENDS, SCHOLIA_PUBLIC_ORIGIN=ORIGIN):
        yield RecordingBackend.purged


def paths(urls) -> set[str]:
    """Path and query of each URL: Wagtail's own handler purges a page on the
    Site record's host as well, and the page cache purges a path on every host."""
    return {urlsplit(url)._replace(scheme="", netloc="").geturl() for url in urls}


def cached(client, url: str) -> str:
    """The page as an anonymous reader gets it; a second request is a cache hit."""
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit", url
    return response.content.decode()


def next_request(client, url: str) -> str:
    """The next anonymous request after a change: rendered anew (purged), 200."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["X-Page-Cache"] == "miss", url
    return response.content.decode()


@pytest.fixture
def site(purged):
    blog = make_blog_index()
    glossary, episodes, topics = make_reviews_tree()
    term = make_term("KV cache")
    episode = make_episode("E036")
    first = make_post(blog, title="First", slug="first", tags=["Systems"])
    middle = make_post(
        blog,
        title="Middle",
        slug="middle",
        tags=["Systems", "Math"],
        body=[{"type": "markdown", "value": "On [[kv-cache]] and E036."}],
    )
    last = make_post(blog, title="Last", slug="last", tags=["Math"])
    topic = make_topic(
        topics, sections=[("S", "See [[kv-cache]].")], episodes=[episode]
    )
    purged.clear()
    return {
        "blog": blog,
        "first": first,
        "middle": middle,
        "last": last,
        "term": term,
        "episode": episode,
        "topic": topic,
        "topics": topics,
    }


WRITING = {
    "/",
    "/sitemap.xml",
    "/writing/",
    "/writing/?page=1",
    "/writing/?page=2",
    "/writing/feed/",
    "/writing/feed/atom/",
    "/writing/tags/",
}


def tag(slug: str) -> set[str]:
    base = f"/writing/tags/{slug}/"
    return {base, base + "feed/", base + "feed/atom/"}


@pytest.mark.django_db
def test_publishing_a_post_purges_its_listings_tags_neighbours_and_citations(
    client, site, purged
):
    middle = site["middle"]
    cached(client, "/writing/middle/")
    cached(client, "/writing/")
    middle.title = "Middle, revised"
    publish(middle)
    assert paths(purged) == WRITING | tag("systems") | tag("math") | {
        "/writing/middle/",
        "/writing/first/",
        "/writing/last/",
        "/glossary/kv-cache/",
        "/episodes/e036/",
    }
    assert "Middle, revised" in next_request(client, "/writing/middle/")
    assert "Middle, revised" in next_request(client, "/writing/")


@pytest.mark.django_db
def test_unpublishing_a_post_purges_what_showed_it(client, site, purged):
    cached(client, "/writing/")
    site["middle"].unpublish()
    assert paths(purged) == WRITING | tag("systems") | tag("math") | {
        "/writing/middle/",
        "/writing/first/",
        "/writing/last/",
        "/glossary/kv-cache/",
        "/episodes/e036/",
    }
    assert "Middle" not in next_request(client, "/writing/")


@pytest.mark.django_db
def test_a_slug_and_tag_change_purges_the_old_and_new_urls(client, site, purged):
    first = site["first"]
    cached(client, "/writing/tags/systems/")
    first.slug = "first-renamed"
    first.tags.set(["Ideas"])
    publish(first)
    assert paths(purged) == WRITING | tag("systems") | tag("ideas") | {
        "/writing/first/",
        "/writing/first-renamed/",
        "/writing/middle/",
    }
    assert "First" not in next_request(client, "/writing/tags/systems/")
    assert "First" in next_request(client, "/writing/first-renamed/")


@pytest.mark.django_db
def test_a_post_listed_as_related_elsewhere_purges_those_posts(site, purged):
    blog = site["blog"]
    other = make_post(blog, title="Other", slug="other", tags=["Rare"], date=FAR)
    related = make_post(blog, title="Rel", slug="rel", tags=["Rare"], date=FARTHER)
    purged.clear()
    related.title = "Rel, revised"
    publish(related)
    # "other" lists "rel" as related (its only post sharing a tag) and is also
    # its neighbour by date; "last" is the neighbour on the other side.
    assert paths(purged) == WRITING | tag("rare") | {
        "/writing/rel/",
        "/writing/other/",
    }
    assert other.related_posts()[0].pk == related.pk


@pytest.mark.django_db
def test_deleting_a_post_purges_what_showed_it(client, site, purged):
    cached(client, "/writing/")
    site["last"].delete()
    assert paths(purged) == WRITING | tag("math") | {
        "/writing/last/",
        "/writing/middle/",
    }
    assert "Last" not in next_request(client, "/writing/")


@pytest.mark.django_db
def test_moving_a_post_purges_both_places(site, purged):
    from tests.conftest import make_blog_index as make_second_blog

    second = make_second_blog(title="Notes", slug="notes")
    purged.clear()
    site["last"].move(second, pos="last-child")
    moved = paths(purged)
    assert {"/writing/last/", "/notes/last/", "/notes/", "/writing/"} <= moved
    assert "/writing/middle/" in moved  # its old neighbour


@pytest.mark.django_db
def test_publishing_a_term_purges_its_page_the_glossary_and_its_citers(
    client, site, purged
):
    term = site["term"]
    cached(client, "/topics/efficient-serving/")
    cached(client, "/glossary/kv-cache/")
    term.definition = "The keys and values kept between decoding steps."
    term.save_revision().publish()
    assert paths(purged) == {
        "/",
        "/sitemap.xml",
        "/glossary/",
        "/glossary/kv-cache/",
        "/writing/middle/",
        "/topics/efficient-serving/",
        "/topics/",
    }
    assert "kept between decoding steps" in next_request(client, "/glossary/kv-cache/")
    # The topic's tooltip text comes from the render cache, refreshed by the
    # reference table's generation (reviews/references); here: it is re-rendered.
    next_request(client, "/topics/efficient-serving/")


@pytest.mark.django_db
def test_publishing_an_episode_purges_its_page_the_list_and_its_citers(
    client, site, purged
):
    episode = site["episode"]
    cached(client, "/episodes/")
    episode.title = "Renamed episode"
    episode.save_revision().publish()
    assert paths(purged) == {
        "/",
        "/sitemap.xml",
        "/episodes/",
        "/episodes/e036/",
        "/writing/middle/",
        "/topics/efficient-serving/",
        "/topics/",
    }
    assert "Renamed episode" in next_request(client, "/episodes/")


@pytest.mark.django_db
def test_publishing_a_topic_purges_it_its_index_and_the_terms_it_cites(
    client, site, purged
):
    topic = site["topic"]
    cached(client, "/topics/")
    topic.title = "Serving, revised"
    publish(topic)
    assert paths(purged) == {
        "/",
        "/sitemap.xml",
        "/topics/",
        "/topics/efficient-serving/",
        "/glossary/kv-cache/",
        "/episodes/e036/",
    }
    assert "Serving, revised" in next_request(client, "/topics/")


@pytest.mark.django_db
def test_changing_the_site_settings_purges_every_page(client, site, purged):
    cached(client, "/writing/first/")
    settings_row = SiteSettings.for_site(site["blog"].get_site())
    settings_row.tagline = "A new tagline"
    settings_row.save()
    purged_paths = paths(purged)
    for path in ("/", "/writing/first/", "/glossary/kv-cache/", "/topics/"):
        assert path in purged_paths
    assert "/episodes/e036/" in purged_paths
    next_request(client, "/writing/first/")


@pytest.mark.django_db
def test_the_scheduler_purges_as_a_publish_does(client, site, purged):
    post = site["first"]
    cached(client, "/writing/first/")
    post.title = "First, scheduled"
    revision = post.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(hours=1)
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    assert "/writing/first/" in paths(purged)
    assert "First, scheduled" in next_request(client, "/writing/first/")


@pytest.mark.django_db
def test_an_import_purges_as_a_publish_does(client, site, purged, tmp_path):
    cached(client, "/writing/")
    write_markdown(
        tmp_path,
        "imported.md",
        "title: Imported post\ndate: 2030-01-01\ntags: [Systems]",
    )
    call_command("import_markdown", str(tmp_path), verbosity=0)
    assert {"/writing/", "/writing/tags/systems/"} <= paths(purged)
    assert "Imported post" in next_request(client, "/writing/")


@pytest.mark.django_db
def test_publishing_a_draft_term_purges_the_pages_that_name_it(client, site, purged):
    blog = site["blog"]
    draft = make_term("Speculative decoding", live=False)
    make_post(
        blog,
        title="Waiting",
        slug="waiting",
        body=[{"type": "markdown", "value": "On [[speculative-decoding]]."}],
    )
    cached(client, "/writing/waiting/")
    purged.clear()
    draft.save_revision().publish()
    assert "/writing/waiting/" in paths(purged)
    assert "/writing/middle/" not in paths(purged)
    next_request(client, "/writing/waiting/")
