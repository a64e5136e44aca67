"""An Editor drafts, previews and shares a post; a Moderator publishes it."""

import re

import pytest

from blog.models import PaperPostPage
from sharing.models import DraftShareLink
from tests.conftest import (
    log_in,
    make_blog_index,
    make_group_user,
    make_reviews_tree,
    make_term,
    screenshot,
)

pytestmark = [
    pytest.mark.browser,
    # Live-server tests flush the database: restore migration data first.
    pytest.mark.usefixtures("migrated_site"),
]

TITLE = "Serving at scale"
DEK = "Why memory, not compute, decides serving cost."


def open_action_menu(page) -> None:
    """Open the dropdown next to the footer's main action ("Save draft")."""
    page.locator("footer button[aria-expanded]").last.click()


def preview_frame(page):
    return page.frame_locator("#w-preview-iframe")


def test_editor_drafts_previews_shares_and_moderator_publishes(
    live_server, browser, browser_page
):
    make_reviews_tree()
    make_term("KV cache", definition="Stored keys and values of past tokens.")
    blog = make_blog_index()
    make_group_user("editor", "Editors")
    make_group_user("moderator", "Moderators")
    base = live_server.url
    page = browser_page
    page.set_default_timeout(10_000)

    # The Editor writes a post with a glossary reference and saves a draft.
    log_in(page, base, "editor")
    page.goto(f"{base}/admin/pages/add/blog/paperpostpage/{blog.pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_dek", DEK)
    page.fill("#id_date", "2025-03-01")
    page.keyboard.press("Escape")
    page.locator("ul.tagit input").fill("Systems")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Markdown").first.click()
    page.locator(".CodeMirror").first.click()
    page.keyboard.type("The [[KV cache]] grows with every token.")
    screenshot(page, "editor-01-new-post")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    post = PaperPostPage.objects.get(slug="serving-at-scale")
    assert post.live is False
    screenshot(page, "editor-02-draft-saved")

    # Each preview mode shows what readers will see.
    page.locator('[data-side-panel-toggle="preview"]').click()
    frame = preview_frame(page)
    frame.locator("h1").filter(has_text=TITLE).wait_for()
    assert frame.locator("a.term").inner_text() == "KV cache"
    tip = frame.locator(".term-tip").text_content()
    assert tip == "Stored keys and values of past tokens."
    screenshot(page, "editor-03-preview-full-page")
    page.select_option("#id_preview_mode", "card")
    frame.locator(".post-card").wait_for()
    assert DEK in frame.locator(".post-card").inner_text()
    screenshot(page, "editor-04-preview-listing-card")
    page.select_option("#id_preview_mode", "social")
    frame.locator(".social-card").wait_for()
    assert TITLE in frame.locator(".social-card-title").inner_text()
    assert DEK in frame.locator(".social-card-description").inner_text()
    screenshot(page, "editor-05-preview-social-card")

    # A share link shows the draft to someone without an account.
    # "Share draft" sits in the header's "more" menu of the edit view.
    edit_html = page.request.get(f"{base}/admin/pages/{post.pk}/edit/").text()
    assert f'href="/admin/pages/{post.pk}/share/"' in edit_html
    page.goto(f"{base}/admin/pages/{post.pk}/share/")
    page.get_by_role("button", name="Create share link").click()
    share_url = page.get_by_label("Share link URL").first.input_value()
    assert DraftShareLink.objects.filter(page=post).count() == 1
    screenshot(page, "share-01-link-created")
    reviewer = browser.new_context().new_page()
    reviewer.goto(share_url)
    assert "Draft preview — not published" in reviewer.locator("body").inner_text()
    assert reviewer.locator("h1").filter(has_text=TITLE).count() == 1
    screenshot(reviewer, "share-02-reviewer-sees-draft")
    reviewer.context.close()

    # The Editor cannot publish, only submit for review.
    page.goto(f"{base}/admin/pages/{post.pk}/edit/")
    assert page.get_by_role("button", name="Publish").count() == 0
    open_action_menu(page)
    page.get_by_role("button", name=re.compile("Submit to Editorial review")).click()
    page.wait_for_load_state()
    screenshot(page, "editor-06-submitted-for-review")
    post.refresh_from_db()
    assert post.live is False
    assert post.workflow_in_progress is True

    # A Moderator approves, which publishes.
    page.context.clear_cookies()
    log_in(page, base, "moderator")
    page.goto(f"{base}/admin/pages/{post.pk}/edit/")
    screenshot(page, "moderator-01-review")
    open_action_menu(page)
    page.locator('[data-workflow-action-name="approve"]').first.click()
    page.wait_for_load_state()
    screenshot(page, "moderator-02-approved")
    post.refresh_from_db()
    assert post.live is True

    # An anonymous reader sees it on /writing/ and its tag page.
    reader = browser.new_context().new_page()
    reader.goto(f"{base}/writing/")
    assert reader.get_by_role("link", name=TITLE).count() == 1
    screenshot(reader, "reader-01-writing-index")
    reader.goto(f"{base}/writing/tags/systems/")
    assert reader.get_by_role("link", name=TITLE).count() == 1
    screenshot(reader, "reader-02-tag-page")
    reader.context.close()
