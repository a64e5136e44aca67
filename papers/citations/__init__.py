"""Citations of Paper records in text: [@key], [@key, p. 4], [@a; @b]."""

from papers.citations.syntax import CitationSyntax

# The object settings.SCHOLIA_REFERENCE_SYNTAX names (after the reviews syntax).
syntax = CitationSyntax()

__all__ = ["CitationSyntax", "syntax"]
