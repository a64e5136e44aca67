"""Admin views: create share links for a page, list them, revoke them."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.models import Page

from sharing.models import DEFAULT_LIFETIME, DraftShareLink

EXPIRY_CHOICES = [
    (1, "1 day"),
    (3, "3 days"),
    (7, "7 days"),
    (14, "14 days"),
    (30, "30 days"),
]


class ShareLinkForm(forms.Form):
    """How long the new link should work."""

    days = forms.TypedChoiceField(
        label="Expires after",
        choices=EXPIRY_CHOICES,
        coerce=int,
        initial=DEFAULT_LIFETIME.days,
        help_text="Anyone with the link can read the latest draft until then.",
    )


def _editable_page(request, page_id: int) -> Page:
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def share_links(request, page_id):
    """List the page's share links; POST creates a new one."""
    page = _editable_page(request, page_id)
    form = ShareLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        link = DraftShareLink.objects.create(
            page=page,
            created_by=request.user,
            expires_at=timezone.now()
            + timezone.timedelta(days=form.cleaned_data["days"]),
        )
        messages.success(
            request,
            f"Share link created: {request.build_absolute_uri(link.path)}",
        )
        return redirect("draft_share_links", page_id=page.pk)
    links = [
        (
            link,
            request.build_absolute_uri(link.path),
            link.can_be_revoked_by(request.user),
        )
        for link in DraftShareLink.objects.filter(page=page).select_related(
            "created_by", "page"
        )
    ]
    return TemplateResponse(
        request,
        "sharing/admin_links.html",
        {"page": page, "form": form, "links": links, "now": timezone.now()},
    )


@require_POST
def revoke_share_link(request, link_id):
    link = get_object_or_404(DraftShareLink, pk=link_id)
    _editable_page(request, link.page_id)
    if not link.can_be_revoked_by(request.user):
        raise PermissionDenied
    link.revoke()
    messages.success(request, "Share link revoked; it now shows 'not valid'.")
    return redirect("draft_share_links", page_id=link.page_id)
