"""The seam through which another app adds a reference syntax to every text block.

``settings.SCHOLIA_REFERENCE_SYNTAX`` names an object with the methods of
:class:`NoReferenceSyntax`. `home` calls it for rich text, reference extraction
and validation without knowing which app provides it; markdown references are
found and rendered by a parser plugin (``settings.SCHOLIA_MARKDOWN_PLUGINS``).
A text format is ``"markdown"`` or ``"richtext"`` (a block's
``Meta.reference_format``).
"""

from collections.abc import Iterator
from functools import cache

from django.conf import settings
from django.db.models import Model
from django.utils.module_loading import import_string


class NoReferenceSyntax:
    """The syntax used when none is configured: text passes through untouched."""

    def link_html(self, html: str) -> str:
        return html

    def references(
        self, text: str, text_format: str = "markdown"
    ) -> Iterator[tuple[type[Model], str]]:
        return iter(())

    def unknown(self, text: str, text_format: str = "markdown") -> list[str]:
        return []

    def awaiting_review(self, names: list[str]) -> list[str]:
        """Of these unknown references, those that exist but are not yet live."""
        return []

    def version(self) -> str:
        """Changes whenever what references resolve against changes."""
        return ""


@cache
def reference_syntax():
    dotted_path = getattr(settings, "SCHOLIA_REFERENCE_SYNTAX", None)
    return import_string(dotted_path) if dotted_path else NoReferenceSyntax()
