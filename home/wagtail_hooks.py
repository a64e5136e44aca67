"""Admin hooks for every page with text: warn about unknown references on save."""

from django.contrib import messages
from wagtail import hooks

from home.forms import describe_unknown, unknown_references


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
