"""The markdown-it plugin that finds references in the token stream and renders them.

Terms are an inline rule, so code spans, math, autolinks, raw HTML and escapes,
which other rules consume first, never contain one; a link's own text wins over
a term (``[[HTML]](https://…)`` is a link). Episode codes are split out of text
tokens after inline parsing, skipping link text and raw ``<a>``/``<code>``
elements. Both become ``reference`` tokens whose ``meta`` holds kind, target
and label: what rendering, the publish check and the reference index all read.
"""

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from reviews.references.links import reference_html
from reviews.references.rules import (
    Reference,
    continues_word,
    episode_matches,
    match_term,
)
from reviews.references.table import reference_table

REFERENCE_TYPE = "reference"
# Raw HTML elements whose text is not prose: links do not nest, code is literal.
_SKIP_HTML = re.compile(r"^<(/?)(a|code|pre|kbd|samp|script|style|math)\b", re.I)
# Tokens that only wrap text: a code glued to their content is still inside a word.
_TRANSPARENT = re.compile(r"_open$|_close$")


def references_plugin(md: MarkdownIt) -> None:
    """Add [[term]] and E036 references (named in settings.SCHOLIA_MARKDOWN_PLUGINS)."""
    md.inline.ruler.after("link", "reference_term", term_rule)
    md.core.ruler.after("text_join", "reference_episodes", episode_rule)
    md.add_render_rule(REFERENCE_TYPE, render_reference)


def reference_meta(reference: Reference) -> dict[str, str]:
    return {
        "kind": reference.kind,
        "target": reference.target,
        "label": reference.label,
        # What excerpts (home.rendering.excerpts) read: the words, not markup.
        "plain_text": reference.label,
    }


def reference_token(reference: Reference, source: str) -> Token:
    return Token(
        REFERENCE_TYPE,
        "",
        0,
        content=reference.label,
        markup=source,
        meta=reference_meta(reference),
    )


def token_reference(token: Token) -> Reference:
    return Reference(token.meta["kind"], token.meta["target"], token.meta["label"])


def term_rule(state: StateInline, silent: bool) -> bool:
    # Silent mode only measures a link's text; answering False there lets the
    # link keep text that contains [[…]] instead of being cut short by it.
    if silent or state.linkLevel > 0 or not state.src.startswith("[[", state.pos):
        return False
    found = match_term(state.src, state.pos)
    if found is None or found[1] > state.posMax:
        return False
    reference, end = found
    token = state.push(REFERENCE_TYPE, "", 0)
    token.content = reference.label
    token.markup = state.src[state.pos : end]
    token.meta = reference_meta(reference)
    state.pos = end
    return True


def episode_rule(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _with_episodes(token.children)


def _with_episodes(children: list[Token]) -> list[Token]:
    result: list[Token] = []
    link_depth = 0
    skipping: list[str] = []
    glued = False
    for token in children:
        if token.type == "link_open":
            link_depth += 1
        elif token.type == "link_close":
            link_depth -= 1
        elif token.type == "html_inline":
            _track_html(token.content, skipping)
        prose = not link_depth and not skipping
        if token.type == REFERENCE_TYPE and not prose:
            token = _source_text(token)
        elif token.type == "image" and token.children:
            # Alt text is an attribute: what was typed there stays as typed.
            token.children = [
                _source_text(child) if child.type == REFERENCE_TYPE else child
                for child in token.children
            ]
        if token.type == "text" and prose:
            result.extend(_split_episodes(token, glued=glued))
        else:
            result.append(token)
        glued = _glues(token, glued)
    return result


def _track_html(html: str, skipping: list[str]) -> None:
    match = _SKIP_HTML.match(html)
    if match is None or html.endswith("/>"):
        return
    closing, name = match.group(1), match.group(2).lower()
    if not closing:
        skipping.append(name)
    elif name in skipping:
        del skipping[len(skipping) - 1 - skipping[::-1].index(name) :]


def _glues(token: Token, glued: bool) -> bool:
    """Whether text right after ``token`` would continue a word."""
    if token.type == "text":
        return continues_word(token.content)
    if token.type in ("softbreak", "hardbreak"):
        return False
    if token.type == "html_inline" or _TRANSPARENT.search(token.type):
        return glued
    return True


def _split_episodes(token: Token, *, glued: bool) -> list[Token]:
    pieces: list[Token] = []
    position = 0
    for match in episode_matches(token.content, glued=glued):
        if match.start() > position:
            pieces.append(_text(token, token.content[position : match.start()]))
        code = match.group(0)
        reference = reference_token(Reference("episode", code, code), code)
        reference.level = token.level
        pieces.append(reference)
        position = match.end()
    if not pieces:
        return [token]
    if position < len(token.content):
        pieces.append(_text(token, token.content[position:]))
    return pieces


def _source_text(token: Token) -> Token:
    return Token("text", "", 0, content=token.markup, level=token.level)


def _text(token: Token, content: str) -> Token:
    return Token("text", "", 0, content=content, level=token.level)


def render_reference(self, tokens, idx, options, env) -> str:
    # One table per render, however many references the text has.
    if "reference_table" not in env:
        env["reference_table"] = reference_table()
    return reference_html(token_reference(tokens[idx]), env["reference_table"])
