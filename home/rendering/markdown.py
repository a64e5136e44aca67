"""The markdown pipeline's entry points for one text (see ``parser`` and
``document`` for how it is built): HTML, plain text and excerpts.
"""

from django.utils.safestring import SafeString

from home.rendering.document import render_texts
from home.rendering.excerpts import excerpt, plain_text
from home.rendering.parser import markdown_parser, parse

__all__ = ["excerpt", "markdown_parser", "parse", "plain_text", "render_markdown"]


def render_markdown(text: str) -> SafeString:
    """Markdown to sanitised HTML (nh3) with typeset math, as its own document."""
    return render_texts([("markdown", text or "")]).markdown_html(text or "")
