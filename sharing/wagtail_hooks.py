"""Admin hooks: the share-link views and the page header's "Share draft" button."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin import widgets

from sharing.admin_views import revoke_share_link, share_links


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
