"""Heading levels and ids for markdown headings.

A post's title is its only ``<h1>``, so a markdown ``#`` is mapped to ``<h2>``
(other levels stay as written: ``##`` is already the section level posts use).
Every heading gets an id: ``{#id}`` at its end if the writer gave one (kramdown,
Pandoc and Hugo write it so), else a slug of its text, made unique across the
whole post by the :class:`Anchors` in the render's env.
"""

import re

from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_EXPLICIT_ID_RE = re.compile(r"\s*\{#([A-Za-z][\w:.-]*)\}\s*$")
# Inline tokens whose text is part of a heading's words (math and footnote
# markers are not).
_WORD_TOKENS = {"text", "code_inline"}


class Anchors:
    """Ids already used in one post: a second 'Results' becomes results-2."""

    def __init__(self):
        self.used: set[str] = set()

    def claim(self, wanted: str, fallback: str = "section") -> str:
        base = slugify(wanted) or fallback
        anchor, suffix = base, 2
        while anchor in self.used:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        self.used.add(anchor)
        return anchor


def heading_text(inline: Token) -> str:
    """The words of a heading, without markup, math or footnote markers."""
    return "".join(
        child.content for child in inline.children or [] if child.type in _WORD_TOKENS
    ).strip()


def _explicit_id(inline: Token) -> str | None:
    children = [child for child in inline.children or [] if child.type == "text"]
    if not children:
        return None
    last = children[-1]
    match = _EXPLICIT_ID_RE.search(last.content)
    if not match:
        return None
    last.content = last.content[: match.start()]
    inline.content = _EXPLICIT_ID_RE.sub("", inline.content)
    return match.group(1)


def _heading_ids(state: StateCore) -> None:
    anchors = state.env.setdefault("scholia_anchors", Anchors())
    headings = state.env.setdefault("scholia_headings", [])
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type not in ("heading_open", "heading_close"):
            continue
        if token.tag == "h1":
            token.tag = "h2"
        if token.type == "heading_close":
            continue
        inline = tokens[index + 1]
        explicit = _explicit_id(inline)
        text = heading_text(inline)
        anchor = anchors.claim(explicit or text)
        token.attrSet("id", anchor)
        headings.append({"text": text, "anchor": anchor, "level": token.tag})


def headings_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "scholia_heading_ids", _heading_ids)
