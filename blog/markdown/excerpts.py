"""Deks a file did not give: the first paragraph's rendered words, shortened."""

import html
import re

from blog.markdown.segments import split_segments
from home.rendering.markdown import plain_text

DEK_CHARS = 300
# Blocks that are not a paragraph of prose: headings, images, HTML, display
# math, tables, quotes, lists, rules, footnote definitions, Liquid, markers.
NOT_PROSE = re.compile(
    r"^\s*(?:#|!\[|<|\$\$|\\\[|\\begin|\||>|[-*+]\s|\d+[.)]\s|---|\*\*\*|___"
    r"|\[\^[^\]]+\]:|\{[{%]|:::|\[[^\]]+\]:\s)"
)
FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
LEFTOVER_MATH = re.compile(
    r"\\\((?P<a>.*?)\\\)|\\\[(?P<b>.*?)\\\]|\$\$(?P<c>.*?)\$\$|\$(?P<d>[^$]+?)\$"
)
SIMPLE_MATH = re.compile(r"^[\w\s()+\-=<>,.*/|^]*$")
LEFTOVER_MARKUP = re.compile(
    r"\[\[(?:[^\]|]*\|)?(?P<label>[^\]]*)\]\]"
    r"|\[(?P<text>[^\]]+)\]\[[^\]]*\]"
    r"|[*`]{1,3}|(?<![A-Za-z0-9])_{1,3}|_{1,3}(?![A-Za-z0-9])"
)


def _paragraphs(body: str):
    for segment in split_segments(body):
        if segment.code:
            continue
        for block in re.split(r"\n[ \t]*\n", segment.text):
            if block.strip() and not NOT_PROSE.match(block):
                yield block


def _plain_math(match: re.Match) -> str:
    tex = next(group for group in match.groups() if group is not None).strip()
    return tex if SIMPLE_MATH.match(tex) else ""


def clean_excerpt(text: str) -> str:
    """Whatever markup the renderer left in plain text, removed."""
    text = html.unescape(text).replace("\u21a9", "")
    text = LEFTOVER_MATH.sub(_plain_math, text)
    text = LEFTOVER_MARKUP.sub(
        lambda match: match.group("label") or match.group("text") or "", text
    )
    return " ".join(text.split())


def shorten(text: str, limit: int = DEK_CHARS) -> str:
    """``text`` cut at a word boundary before ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "\u2026"


def derive_dek(body: str) -> str:
    """The first prose paragraph of ``body`` as plain text of at most ~300 chars."""
    for paragraph in _paragraphs(body):
        words = clean_excerpt(plain_text(FOOTNOTE_REF.sub("", paragraph)))
        if words:
            return shorten(words)
    return ""
