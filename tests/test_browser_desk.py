"""The editor's desk in a browser: a new term and its post reviewed together."""

import re

import pytest

from blog.models import PaperPostPage
from reviews.models import GlossaryTerm
from tests.conftest import (
    log_in,
    make_blog_index,
    make_group_user,
    make_reviews_tree,
    screenshot,
)

pytestmark = [
    pytest.mark.browser,
    # Live-server tests flush the database: restore migration data first.
    pytest.mark.usefixtures("migrated_site"),
]


def open_action_menu(page) -> None:
    page.locator("footer button[aria-expanded]").last.click()


def submit_for_review(page) -> None:
    open_action_menu(page)
    page.get_by_role("button", name=re.compile("Submit to Editorial review")).click()
    page.wait_for_load_state()


def approve(page, edit_url: str) -> None:
    page.goto(edit_url)
    open_action_menu(page)
    page.locator('[data-workflow-action-name="approve"]').first.click()
    page.wait_for_load_state()


def test_editor_submits_a_term_and_its_post_and_a_moderator_approves_both(
    live_server, browser_page, migrated_site
):
    make_reviews_tree()
    blog = make_blog_index()
    make_group_user("editor", "Editors")
    make_group_user("moderator", "Moderators")
    base = live_server.url
    page = browser_page
    page.set_default_timeout(15_000)

    # The Editor creates a term.
    log_in(page, base, "editor")
    page.goto(f"{base}/admin/snippets/reviews/glossaryterm/add/")
    page.fill("#id_term", "Draft model")
    page.fill("#id_slug", "draft-model")
    page.fill("#id_definition", "A small model that proposes tokens.")
    submit_for_review(page)
    term = GlossaryTerm.objects.get(slug="draft-model")
    assert term.live is False
    assert term.workflow_in_progress is True
    screenshot(page, "desk-01-term-submitted")

    # ... and a post that uses it, submitted too.
    page.goto(f"{base}/admin/pages/add/blog/paperpostpage/{blog.pk}/")
    page.fill("#id_title", "Speculative decoding")
    page.fill("#id_dek", "A draft model proposes, the large model checks.")
    page.fill("#id_date", "2025-03-01")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Markdown").first.click()
    page.locator(".CodeMirror").first.click()
    page.keyboard.type("A [[draft model]] proposes tokens.")
    submit_for_review(page)
    messages = page.locator(".messages").inner_text()
    assert "submitted for moderation" in messages
    assert "[[draft model]] is awaiting review" in messages
    post = PaperPostPage.objects.get(slug="speculative-decoding")
    assert post.live is False
    assert post.workflow_in_progress is True
    screenshot(page, "desk-02-post-submitted")

    # A Moderator sees both in the dashboard and approves both.
    log_in(page, base, "moderator")
    review = page.locator("body").inner_text()
    assert "Draft model" in review
    assert "Speculative decoding" in review
    screenshot(page, "desk-03-moderator-dashboard")
    approve(page, f"{base}/admin/snippets/reviews/glossaryterm/edit/{term.pk}/")
    term.refresh_from_db()
    assert term.live is True
    approve(page, f"{base}/admin/pages/{post.pk}/edit/")
    post.refresh_from_db()
    assert post.live is True

    # Readers get the post with the term linked.
    reader = page.context.browser.new_context().new_page()
    reader.goto(f"{base}/writing/speculative-decoding/")
    link = reader.locator("a.term")
    assert link.inner_text() == "draft model"
    assert link.get_attribute("href").endswith("/glossary/draft-model/")
    screenshot(reader, "desk-04-reader-sees-linked-term")
    reader.context.close()
