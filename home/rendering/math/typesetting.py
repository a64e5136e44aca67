"""Typesetting every formula of a document in one pass.

Formulas are collected from the token streams first, so macros defined anywhere
in the post (a hidden ``$$ \\newcommand… $$`` block or an HTML comment) and
equation labels apply everywhere. Markdown renders each formula as a
placeholder; after nh3 has sanitised the HTML, :meth:`MathPass.fill` puts the
typeset (trusted) KaTeX output in its place, so no math markup needs to be in
the allowlist.
"""

import json
import re
import secrets

from django.utils.html import escape
from markdown_it.token import Token

from home.rendering.math.engine import Formula, typeset_all
from home.rendering.math.syntax import MATH_TOKENS
from home.rendering.math.tex import Equations, split_definitions

_BLOCK_TOKENS = {"math_block", "math_block_label", "amsmath"}
_COMMENT_RE = re.compile(r"<!--(.*?)-->", re.DOTALL)


class _Entry:
    """One formula of the document and where it shows."""

    def __init__(self, tex: str, display: bool, block: bool):
        self.tex, self.display, self.block = tex, display, block
        self.anchor: str | None = None
        self.html = ""


class MathPass:
    """The formulas of one document: collected, numbered, typeset, filled in."""

    def __init__(self):
        self.nonce = secrets.token_hex(8)
        self.entries: list[_Entry] = []
        self.equations: dict[str, list[int]] = {}
        self.macros: dict[str, str] = {}
        self.warnings: list[str] = []

    def _add(self, tex: str, display: bool, block: bool) -> int:
        macros, rest = split_definitions(tex)
        self.macros.update(macros)
        self.entries.append(_Entry(rest.strip(), display, block))
        return len(self.entries) - 1

    def collect_tokens(self, tokens: list[Token]) -> None:
        for token in tokens:
            if token.type in MATH_TOKENS:
                display = (token.meta or {}).get("display", MATH_TOKENS[token.type])
                block = token.type in _BLOCK_TOKENS
                tex = token.content
                if token.type == "math_block_label":  # $$ … $$ (label)
                    tex = f"{tex} \\label{{{token.info}}}"
                token.meta = {
                    **(token.meta or {}),
                    "math": self._add(tex, display, block),
                }
            elif token.type in ("html_block", "html_inline"):
                for comment in _COMMENT_RE.findall(token.content):
                    self.macros.update(split_definitions(comment)[0])
            if token.children:
                self.collect_tokens(token.children)

    def collect_equation(self, tex: str) -> None:
        self.equations.setdefault(tex, []).append(self._add(tex, True, True))

    @property
    def has_math(self) -> bool:
        return any(entry.tex for entry in self.entries)

    def typeset(self) -> None:
        numbering = Equations()
        for entry in self.entries:
            if entry.display and entry.tex:
                entry.tex, entry.anchor = numbering.number(entry.tex)
        macros_json = json.dumps(self.macros, sort_keys=True)
        formulas = {}
        for index, entry in enumerate(self.entries):
            if entry.tex:
                entry.tex = numbering.link_references(entry.tex)
                formulas[index] = Formula(entry.tex, entry.display, macros_json)
        results = typeset_all(list(formulas.values()))
        for index, formula in formulas.items():
            entry, result = self.entries[index], results[formula]
            if result.error:
                self.warnings.append(
                    f"Formula “{_shorten(entry.tex)}” cannot be typeset: {result.error}"
                )
            entry.html = _wrap(entry, result.html)
        self.warnings.extend(dict.fromkeys(numbering.problems))

    def placeholder(self, token: Token) -> str:
        return f"scholiamath{self.nonce}x{token.meta['math']}x"

    def fill(self, html: str) -> str:
        pattern = re.compile(f"scholiamath{self.nonce}x(\\d+)x")
        return pattern.sub(lambda match: self.entries[int(match[1])].html, html)

    def equation_html(self, tex: str) -> str:
        index = self.equations[tex].pop(0)
        self.equations[tex].append(index)
        return self.entries[index].html


def _wrap(entry: _Entry, html: str) -> str:
    anchor = f' id="{escape(entry.anchor)}"' if entry.anchor else ""
    kind = "display" if entry.display else "inline"
    tag = "div" if entry.block else "span"
    return f'<{tag} class="math {kind}"{anchor}>{html}</{tag}>'


def _shorten(tex: str, limit: int = 60) -> str:
    flat = " ".join(tex.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
