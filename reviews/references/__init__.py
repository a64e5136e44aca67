"""The reference syntax: [[glossary term]] links and bare episode codes (E036)."""

from reviews.references.syntax import ReferenceSyntax

# The object settings.SCHOLIA_REFERENCE_SYNTAX names.
syntax = ReferenceSyntax()

__all__ = ["ReferenceSyntax", "syntax"]
