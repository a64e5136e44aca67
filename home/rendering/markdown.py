"""Markdown rendering for plain fields, through the same pipeline as MarkdownBlock."""

from django.utils.safestring import SafeString
from wagtailmarkdown.utils import render_markdown as _render_markdown


def render_markdown(text: str) -> SafeString:
    """Markdown to sanitised HTML (nh3), with references linked."""
    return _render_markdown(text or "")


def plain_text(text: str) -> str:
    """The words a reader sees in rendered markdown, as one line of plain text.

    Used for excerpts (deks, meta descriptions, feeds): markup, math source and
    footnote markers never reach them.
    """
    from django.utils.html import strip_tags

    return " ".join(strip_tags(render_markdown(text)).split())
