"""The markdown pipeline: CommonMark with GFM tables, footnotes and dollar math.

One parser (markdown-it-py) serves rendering and reference finding alike. Other
apps add syntax through ``settings.SCHOLIA_MARKDOWN_PLUGINS``: dotted paths to
callables ``plugin(md: MarkdownIt) -> None`` applied, in order, after the
built-in plugins, so `home` never imports the apps that provide them.
"""

from functools import cache

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from home.rendering.sanitise import sanitise


@cache
def markdown_parser() -> MarkdownIt:
    """The configured parser (built once per process; it holds no content)."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(dollarmath_plugin, allow_space=True, allow_digits=True, double_inline=True)
    for dotted_path in getattr(settings, "SCHOLIA_MARKDOWN_PLUGINS", []):
        md.use(import_string(dotted_path))
    return md


def parse(text: str) -> list[Token]:
    """The token stream of a markdown text (what renderers and checkers share)."""
    return markdown_parser().parse(text or "")


def render_markdown(text: str) -> SafeString:
    """Markdown to sanitised HTML (nh3), with references linked."""
    return sanitise(markdown_parser().render(text or ""))


def plain_text(text: str) -> str:
    """The words a reader sees in rendered markdown, as one line of plain text.

    Used for excerpts (deks, meta descriptions, feeds): markup, math source and
    footnote markers never reach them.
    """
    return " ".join(strip_tags(render_markdown(text)).split())
