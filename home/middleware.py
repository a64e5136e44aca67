"""Middleware shared by the whole site."""

from django.http import Http404


class HideAdminPreviewsMiddleware:
    """Anonymous requests for admin preview URLs get a 404, not a login redirect.

    Readers have no business with previews; a 404 tells them nothing about which
    drafts exist, and matches what the draft's own URL answers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            match
            and "preview" in (match.url_name or "")
            and match.namespace.startswith("wagtail")
            and not request.user.is_authenticated
        ):
            raise Http404("No such page.")
