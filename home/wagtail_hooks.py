"""Admin hooks: warn about unknown references when a draft is saved."""

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
