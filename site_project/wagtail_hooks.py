"""Admin hooks: the roles' delete rule (site_project/permissions.py) and the
markdown editor's options."""

from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin import wagtail_hooks as admin_hooks
from wagtail.models import Page
from wagtail.permissions import policy_registry, register_permission_policy

from site_project.permissions import (
    REFUSAL,
    DraftOwnerPermissionPolicy,
    draft_owner_models,
    may_delete_page,
)

# Snippets: the policy hides the delete buttons (Wagtail asks it per instance
# before showing them); before_delete_snippet below refuses the delete views,
# which check only the model-level permission.
for _model in draft_owner_models():
    register_permission_policy(_model, DraftOwnerPermissionPolicy(_model))


@hooks.register("before_delete_snippet")
def refuse_deleting_others_or_published_snippets(request, instances):
    refused = [
        obj
        for obj in instances
        if type(obj) in draft_owner_models()
        and not policy_registry.get(obj).user_has_permission_for_instance(
            request.user, "delete", obj
        )
    ]
    if refused:
        messages.error(request, REFUSAL)
        meta = refused[0]._meta
        return redirect(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:list")
    return None


@hooks.register("before_delete_page")
def refuse_deleting_others_or_published_pages(request, page):
    if not may_delete_page(request.user, page):
        messages.error(request, REFUSAL)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_others_or_published_pages(request, action_type, objects, view):
    if action_type != "delete":
        return None
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if any(not may_delete_page(request.user, page) for page in pages):
        messages.error(request, REFUSAL)
        return redirect("wagtailadmin_explore_root")
    return None


def _hide_refused_delete(hook):
    """Wrap one of Wagtail's page-button hooks so that its "Delete" item is
    left out for pages the user may not delete (Wagtail has no construct hook
    for the page header or the listing's "More" menu)."""

    def filtered(*args, **kwargs):
        for button in hook(*args, **kwargs):
            if isinstance(
                button, admin_hooks.PageListingDeleteButton
            ) and not may_delete_page(kwargs["user"], button.page):
                continue
            yield button

    return filtered


for _name, _hook in (
    ("register_page_header_buttons", admin_hooks.page_header_buttons),
    ("register_page_listing_more_buttons", admin_hooks.page_listing_more_buttons),
):
    hooks._hooks[_name] = [
        (_hide_refused_delete(fn) if fn is _hook else fn, order)
        for fn, order in hooks._hooks.get(_name, [])
    ]


@hooks.register("insert_global_admin_js")
def markdown_editor_options():
    """Keep the markdown editor from fetching spell-check dictionaries off-site."""
    src = static("site_project/markdown_editor.js")
    return format_html('<script src="{}"></script>', src)
