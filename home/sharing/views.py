"""The public side of a share link: the draft, marked as such, and nothing else."""

import re

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from home.sharing.models import DraftShareLink

_HEAD_END = re.compile(r"</head>", re.IGNORECASE)
_BODY_START = re.compile(r"<body[^>]*>", re.IGNORECASE)


def _no_index(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response


def _mark_as_draft(html: str, link: DraftShareLink) -> str:
    """Add noindex to <head> and the draft banner at the top of <body>."""
    html = _HEAD_END.sub(
        '<meta name="robots" content="noindex, nofollow">\n</head>', html, count=1
    )
    banner = render_to_string("share/banner.html", {"link": link})
    return _BODY_START.sub(lambda match: match.group(0) + banner, html, count=1)


def draft_share(request, token):
    """Serve the latest revision of the shared page, read-only, to anyone."""
    if request.method not in ("GET", "HEAD"):
        raise Http404
    link = DraftShareLink.from_token(token)
    if link is None or link.is_revoked:
        response = render(
            request, "share/unavailable.html", {"reason": "revoked"}, status=404
        )
        return _no_index(response)
    if link.is_expired:
        response = render(
            request, "share/unavailable.html", {"reason": "expired"}, status=410
        )
        return _no_index(response)
    draft = link.page.specific.get_latest_revision_as_object()
    mode = draft.default_preview_mode
    request.is_preview = True
    request.preview_mode = mode
    response = draft.serve_preview(request, mode)
    if hasattr(response, "render"):
        response.render()
    response.content = _mark_as_draft(response.content.decode(), link).encode()
    return _no_index(response)
