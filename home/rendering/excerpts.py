"""Plain text and excerpts from markdown, for deks, meta descriptions and feeds.

Built from the token stream, so what a reader would not read as words never
reaches an excerpt: markup, code listings, footnote markers and definitions,
HTML comments, and math (simple formulas such as ``$O(n)$`` keep their plain
form, anything with TeX commands is left out).
"""

import re

from django.utils.html import strip_tags
from markdown_it.token import Token

from home.rendering.math.syntax import MATH_TOKENS
from home.rendering.parser import parse

_PLAIN_MATH_RE = re.compile(r"[\w\s()+\-=<>.,/|*']+")
_SKIPPED = {"footnote_ref", "footnote_anchor", "front_matter", "fence", "code_block"}


def _words(tokens: list[Token]) -> list[str]:
    words, in_note = [], False
    for token in tokens:
        if token.type == "footnote_reference_open":
            in_note = True
        elif token.type == "footnote_reference_close":
            in_note = False
        if in_note or token.type in _SKIPPED:
            continue
        if token.type in MATH_TOKENS:
            tex = token.content.strip()
            if _PLAIN_MATH_RE.fullmatch(tex):
                words.append(tex)
        elif token.type == "text":
            words.append(token.content)
        elif token.type == "code_inline":
            words.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            words.append(" ")
        elif token.type in ("html_inline", "html_block"):
            words.append(" " + strip_tags(token.content) + " ")
        elif (token.meta or {}).get("plain_text"):
            # A plugin's token (a reference) says which words it stands for.
            words.append(token.meta["plain_text"])
        elif token.children:
            words.extend(_words(token.children))
        if token.block and token.nesting == -1:
            words.append(" ")
    return words


def plain_text(text: str) -> str:
    """The words a reader sees in rendered markdown, as one line of plain text."""
    return " ".join("".join(_words(parse(text or ""))).split())


def excerpt(text: str, limit: int = 300) -> str:
    """The plain text cut at a word boundary to at most ``limit`` characters."""
    words = plain_text(text)
    if len(words) <= limit:
        return words
    head = words[: limit + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else words[:limit]
    return cut.rstrip(" ,;:-–—") + "…"
