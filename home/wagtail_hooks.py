"""Admin hooks: warn about unknown references on save; share links for drafts."""

from django.contrib import messages
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin import widgets

from home.forms import describe_unknown, unknown_references
from home.rendering.document import page_document
from home.sharing.admin_views import revoke_share_link, share_links


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_unknown_references(request, page):
    """A draft with unknown references is kept, and the editor is told which ones."""
    names = unknown_references(page)
    if names:
        messages.warning(
            request,
            f"{describe_unknown(names)} The draft is saved; it cannot be published "
            "until these are fixed.",
        )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def render_and_warn_about_math(request, page):
    """Render the saved body once (readers then get it from the cache) and tell
    the editor which formulas could not be typeset; saving and publishing go on,
    and readers see those formulas' source."""
    document = page_document(page)
    for warning in document.warnings if document else []:
        messages.warning(request, warning)


@hooks.register("register_admin_urls")
def register_share_link_urls():
    return [
        path("pages/<int:page_id>/share/", share_links, name="draft_share_links"),
        path(
            "share-links/<int:link_id>/revoke/",
            revoke_share_link,
            name="draft_share_revoke",
        ),
    ]


@hooks.register("register_page_header_buttons")
def share_draft_button(page, user, view_name, next_url=None):
    """'Share draft' in the page header menu, for anyone who can edit the page."""
    if page.is_root() or not page.permissions_for_user(user).can_edit():
        return
    yield widgets.Button(
        "Share draft",
        reverse("draft_share_links", args=[page.pk]),
        icon_name="link",
        attrs={"title": "Create a link that shows this draft to a reviewer"},
        priority=68,
    )
