"""Markdown rendering for plain fields, through the same pipeline as MarkdownBlock."""

from django.utils.safestring import SafeString
from wagtailmarkdown.utils import render_markdown as _render_markdown


def render_markdown(text: str) -> SafeString:
    """Markdown to sanitised HTML (nh3), with references linked."""
    return _render_markdown(text or "")
