"""Math in markdown: every delimiter posts use, as tokens the pipeline typesets.

``$…$`` and ``$$…$$`` (inline or display) come from mdit-py-plugins' dollarmath,
environments at the start of a line from its amsmath; this module adds
``\\(…\\)`` and ``\\[…\\]`` (inline and as blocks) and decides when an inline
``$$…$$`` is display math: when it stands on lines of its own.
"""

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin

# Token types whose content is TeX, and whether each is display math.
MATH_TOKENS = {
    "math_inline": False,
    "math_inline_double": True,
    "math_block": True,
    "math_block_label": True,
    "amsmath": True,
}
_BREAKS = {"softbreak", "hardbreak"}
_EQREF_RE = re.compile(r"\\eqref\{[^{}\s]+\}")


def _bracket_inline(state: StateInline, silent: bool) -> bool:
    """``\\(…\\)`` inline and ``\\[…\\]`` displayed, inside a paragraph; a bare
    ``\\eqref{…}`` in the text (MathJax reads it there too) as inline math."""
    match = _EQREF_RE.match(state.src, state.pos)
    if match:
        if not silent:
            token = state.push("math_inline", "math", 0)
            token.content = match.group(0)
        state.pos = match.end()
        return True
    opener = state.src[state.pos : state.pos + 2]
    if opener not in ("\\(", "\\["):
        return False
    closer = "\\)" if opener == "\\(" else "\\]"
    end = state.src.find(closer, state.pos + 2)
    if end < 0:
        return False
    if not silent:
        token = state.push(
            "math_inline" if opener == "\\(" else "math_inline_double", "math", 0
        )
        token.content = state.src[state.pos + 2 : end]
        token.markup = opener
        token.meta = {"display": opener == "\\["}
    state.pos = end + 2
    return True


def _bracket_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A ``\\[`` line starts display math that runs to the line ending in ``\\]``."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start] + state.tShift[start]
    first = state.src[begin : state.eMarks[start]]
    if not first.startswith("\\["):
        return False
    line, lines = start, []
    text = first[2:]
    while True:
        stripped = text.rstrip()
        if stripped.endswith("\\]"):
            lines.append(stripped[:-2])
            break
        lines.append(text)
        line += 1
        if line >= end or state.isEmpty(line):
            return False
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
    if silent:
        return True
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = "\n".join(lines).strip()
    token.markup = "\\["
    token.map = [start, line + 1]
    state.line = line + 1
    return True


def _display_double_dollars(state: StateCore) -> None:
    """An inline ``$$…$$`` alone on its lines is display math, else inline."""
    for token in state.tokens:
        children = token.children or []
        for index, child in enumerate(children):
            if child.type != "math_inline_double" or "display" in (child.meta or {}):
                continue
            before = children[index - 1].type if index else "softbreak"
            after = (
                children[index + 1].type if index + 1 < len(children) else "softbreak"
            )
            child.meta = {**(child.meta or {}), "display": {before, after} <= _BREAKS}


def _silent_safe(rule):
    """dollarmath's block rule pushes tokens even when only asked whether it
    would match (as paragraphs ask before they end); undo that."""

    def checked(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not silent:
            return rule(state, start, end, False)
        tokens, line = len(state.tokens), state.line
        matched = rule(state, start, end, False)
        del state.tokens[tokens:]
        state.line = line
        return matched

    return checked


def _placeholder(self, tokens, index, options, env) -> str:
    return env["scholia_math_placeholder"](tokens[index])


def math_plugin(md: MarkdownIt) -> None:
    """All math syntax; render rules emit placeholders filled after sanitising."""
    # Pandoc's rule for single dollars: no space inside the delimiters and no
    # digit after the closing one, so prices ("$5 and $10") stay text.
    md.use(
        dollarmath_plugin,
        allow_space=False,
        allow_digits=False,
        double_inline=True,
        allow_blank_lines=False,
    )
    # Display $$ may start on the line after a sentence, as in kramdown and
    # MathJax: the block rule may interrupt a paragraph (amsmath's already can).
    interrupts = {"alt": ["paragraph", "reference", "blockquote", "list"]}
    dollar_block = md.block.ruler.__rules__[md.block.ruler.__find__("math_block")]
    md.block.ruler.at("math_block", _silent_safe(dollar_block.fn), interrupts)
    md.use(amsmath_plugin)
    md.inline.ruler.before("escape", "math_brackets", _bracket_inline)
    md.block.ruler.before(
        "fence",
        "math_bracket_block",
        _bracket_block,
        interrupts,
    )
    md.core.ruler.after("inline", "math_display_double", _display_double_dollars)
    for token_type in MATH_TOKENS:
        md.add_render_rule(token_type, _placeholder)
