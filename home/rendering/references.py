"""The seam through which another app adds a reference syntax to every text block.

``settings.SCHOLIA_REFERENCE_SYNTAX`` names an object with the methods of
:class:`NoReferenceSyntax`, or lists several (terms and episodes, citations),
which act as one. `home` calls it for rich text, reference extraction
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


class CombinedSyntax:
    """Several syntaxes as one: each links, extracts and validates in turn."""

    def __init__(self, syntaxes: list):
        self.syntaxes = syntaxes

    def link_html(self, html: str) -> str:
        for syntax in self.syntaxes:
            html = syntax.link_html(html)
        return html

    def references(
        self, text: str, text_format: str = "markdown"
    ) -> Iterator[tuple[type[Model], str]]:
        for syntax in self.syntaxes:
            yield from syntax.references(text, text_format)

    def unknown(self, text: str, text_format: str = "markdown") -> list[str]:
        return [
            name
            for syntax in self.syntaxes
            for name in syntax.unknown(text, text_format)
        ]

    def awaiting_review(self, names: list[str]) -> list[str]:
        pending: list[str] = []
        for syntax in self.syntaxes:
            check = getattr(syntax, "awaiting_review", None)
            if check is not None:
                pending.extend(name for name in check(names) if name not in pending)
        return pending

    def version(self) -> str:
        return "/".join(syntax.version() for syntax in self.syntaxes)


@cache
def reference_syntax():
    dotted_paths = getattr(settings, "SCHOLIA_REFERENCE_SYNTAX", None)
    if not dotted_paths:
        return NoReferenceSyntax()
    if isinstance(dotted_paths, str):
        return import_string(dotted_paths)
    return CombinedSyntax([import_string(path) for path in dotted_paths])
