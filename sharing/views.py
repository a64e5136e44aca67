"""The public side of a share link: the draft, marked as such, and nothing else."""

from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from sharing.models import DraftShareLink


def _no_index(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is the secret: never send it to another site as a referrer.
    response["Referrer-Policy"] = "no-referrer"
    add_never_cache_headers(response)
    return response


def draft_share(request, token):
    """Serve the latest revision of the shared page, read-only, to anyone."""
    if request.method not in ("GET", "HEAD"):
        raise Http404
    link = DraftShareLink.from_token(token)
    if link is None or link.is_revoked:
        response = render(
            request, "sharing/unavailable.html", {"reason": "revoked"}, status=404
        )
        return _no_index(response)
    if link.is_expired:
        response = render(
            request, "sharing/unavailable.html", {"reason": "expired"}, status=410
        )
        return _no_index(response)
    draft = link.page.specific.get_latest_revision_as_object()
    mode = draft.default_preview_mode
    request.is_preview = True
    request.preview_mode = mode
    # base.html adds the draft banner and the robots noindex tag for this.
    request.draft_share_link = link
    return _no_index(draft.serve_preview(request, mode))
