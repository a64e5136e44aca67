"""Admin hooks: warn about unknown references and untypesettable math on save."""

from django.contrib import messages
from wagtail import hooks

from home.forms import describe_unknown, unknown_references
from home.rendering.document import page_document


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
