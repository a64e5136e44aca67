"""The markdown parser: CommonMark, GFM tables and strikethrough, footnotes,
front matter (ignored), task lists, heading ids and math typeset on the server.

One parser (markdown-it-py) serves rendering and reference finding alike. Other
apps add syntax through ``settings.SCHOLIA_MARKDOWN_PLUGINS``: dotted paths to
callables ``plugin(md: MarkdownIt) -> None`` applied, in order, after the
built-in plugins, so `home` never imports the apps that provide them.
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from home.rendering.headings import headings_plugin
from home.rendering.math.syntax import math_plugin
from home.rendering.tables import headerless_table_plugin
from home.rendering.tasks import tasks_plugin


@cache
def markdown_parser() -> MarkdownIt:
    """The configured parser (built once per process; it holds no content)."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    # Footnotes are gathered from every block of a post and listed once at its
    # end (home.rendering.document), so the plugin must not move them per block.
    md.use(footnote_plugin, move_to_end=False)
    md.use(tasks_plugin)
    md.use(headerless_table_plugin)
    md.use(math_plugin)
    md.use(headings_plugin)
    for dotted_path in getattr(settings, "SCHOLIA_MARKDOWN_PLUGINS", []):
        md.use(import_string(dotted_path))
    return md


def parse(text: str, env: dict | None = None) -> list[Token]:
    """The token stream of a markdown text (what renderers and checkers share)."""
    return markdown_parser().parse(text or "", {} if env is None else env)
