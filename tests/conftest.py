"""Shared fixtures and small builders for the page tree and snippets."""

import datetime
import itertools
import os
from pathlib import Path

import pytest
from django.core.cache import cache

from blog.models import BlogIndexPage, PaperPostPage, TagIndexPage
from home.models import HomePage
from reviews.models import (
    Episode,
    EpisodeIndexPage,
    GlossaryPage,
    GlossaryTerm,
    TopicAnchorEpisode,
    TopicIndexPage,
    TopicReviewPage,
)

_dates = itertools.count()

CHROMIUM = "/usr/bin/chromium"
# Browser tests save screenshots here (named in the README; not committed).
SCREENSHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (its own download does not work here)."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make to set up data are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser):
    """A fresh browser context (no cookies) and page, desktop sized."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached lookup tables must not leak between tests (rolled-back rows)."""
    cache.clear()
    yield
    cache.clear()


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def home_page() -> HomePage:
    return HomePage.objects.get()


def make_blog_index(parent=None, **fields) -> BlogIndexPage:
    parent = parent or home_page()
    fields = {"title": "Writing", "slug": "writing", "intro": "Posts.", **fields}
    blog = parent.add_child(instance=BlogIndexPage(**fields))
    publish(blog)
    tag_index = blog.add_child(instance=TagIndexPage(title="Tags", slug="tags"))
    publish(tag_index)
    return blog


def make_post(blog, *, tags=(), live=True, body=None, **fields) -> PaperPostPage:
    number = next(_dates)
    fields = {
        "title": f"Post {number}",
        "dek": f"Dek of post {number}.",
        "date": datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
        **fields,
    }
    fields.setdefault("slug", f"post-{number}")
    post = PaperPostPage(
        body=body if body is not None else [{"type": "markdown", "value": "Text."}],
        live=live,
        **fields,
    )
    post.tags.add(*tags)
    blog.add_child(instance=post)
    if live:
        publish(post)
    else:
        post.save_revision()
    return post


def make_term(term="KV cache", *, live=True, **fields) -> GlossaryTerm:
    from django.utils.text import slugify

    fields = {"slug": slugify(term), "definition": f"What {term} means.", **fields}
    instance = GlossaryTerm(term=term, live=live, **fields)
    instance.full_clean()
    instance.save()
    if live:
        instance.save_revision().publish()
    return instance


def make_episode(code="E036", *, live=True, **fields) -> Episode:
    fields = {"title": f"Episode {code}", "date": datetime.date(2025, 1, 1), **fields}
    instance = Episode(code=code, live=live, **fields)
    instance.full_clean()
    instance.save()
    if live:
        instance.save_revision().publish()
    return instance


def make_paper(title="Mamba", *, authors=("Albert Gu", "Tri Dao"), live=True, **fields):
    from papers.models import Paper, PaperAuthor

    fields = {"year": 2023, "venue": "COLM", **fields}
    paper = Paper(title=title, live=live, **fields)
    paper.authors = [
        PaperAuthor(name=name, sort_order=order) for order, name in enumerate(authors)
    ]
    paper.full_clean()
    paper.save()
    if live:
        paper.save_revision().publish()
    return paper


def make_reviews_tree(parent=None):
    """Glossary, episode index and topic index pages under the home page."""
    parent = parent or home_page()
    glossary = publish(
        parent.add_child(instance=GlossaryPage(title="Glossary", slug="glossary"))
    )
    episodes = publish(
        parent.add_child(instance=EpisodeIndexPage(title="Episodes", slug="episodes"))
    )
    topics = publish(
        parent.add_child(
            instance=TopicIndexPage(title="Literature review", slug="topics")
        )
    )
    return glossary, episodes, topics


def make_topic(topics, *, sections=(), episodes=(), live=True, **fields):
    fields = {"title": "Efficient serving", "slug": "efficient-serving", **fields}
    topic = TopicReviewPage(
        body=[
            {"type": "section", "value": {"heading": heading, "text": text}}
            for heading, text in sections
        ],
        live=live,
        **fields,
    )
    for order, episode in enumerate(episodes):
        topic.anchor_episodes.add(TopicAnchorEpisode(episode=episode, sort_order=order))
    topics.add_child(instance=topic)
    if live:
        publish(topic)
    else:
        topic.save_revision()
    return topic


# Seed captures (copied verbatim from ../shared/seeds) that the demo must match.
SEEDS = Path(__file__).resolve().parent / "seeds"


def seed_lines(prefix: str) -> list[str]:
    """The non-blank lines of the seed capture whose name starts with ``prefix``."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def seed_posts(prefix: str) -> list[tuple[str, str]]:
    """(title, summary) pairs of a writing or tag capture, in page order."""
    lines = seed_lines(prefix)
    counts = [i for i, line in enumerate(lines) if " posts tagged " in line]
    # The writing index has no count line; its posts follow the intro paragraph.
    start = counts[0] + 1 if counts else lines.index("Blog") + 2
    posts = lines[start:]
    return list(zip(posts[::2], posts[1::2], strict=True))


def seed_sections(prefix: str = "003") -> list[tuple[str, str]]:
    """(heading, text) pairs of the topic capture."""
    lines = seed_lines(prefix)
    body = lines[3 : lines.index("Episodes anchoring this topic")]
    return list(zip(body[::2], body[1::2], strict=True))


def write_markdown(folder: Path, name: str, front: str, body: str = "Body.") -> Path:
    """A markdown file with front matter in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\n{front.strip()}\n---\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def migrated_site(transactional_db):
    """Put back what migrations create (root, home page, groups, workflow).

    Live-server tests run in transactions that end with a flush, which removes
    migration data for every later live-server test.
    """
    from importlib import import_module

    from django.apps import apps
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code=language)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    import_module("home.migrations.0002_create_homepage").create_homepage(apps, None)
    import_module(
        "home.migrations.0003_editorial_groups_and_workflow"
    ).create_groups_and_workflow(apps, None)
    # The data migrations that grant the groups their snippet permissions and
    # put terms and episodes in the workflow.
    import_module("reviews.migrations.0004_editorial_snippet_permissions").grant(
        apps, None
    )
    import_module("reviews.migrations.0007_snippets_in_editorial_review").assign(
        apps, None
    )
    import_module(
        "site_project.migrations.0001_editors_delete_own_snippet_drafts"
    ).grant(apps, None)


ADMIN_PASSWORD = "correct horse battery staple"


def make_group_user(username: str, group: str):
    """A user in one of the editorial groups, with ADMIN_PASSWORD."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password=ADMIN_PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(page, base_url: str, username: str) -> None:
    """Sign in to the admin in a Playwright page (after signing anyone out)."""
    import re

    page.context.clear_cookies()
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", ADMIN_PASSWORD)
    page.locator("form [type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
