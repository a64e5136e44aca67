"""TeX the way posts write it, turned into what KaTeX takes.

KaTeX has no preamble, no ``eqnarray``, no ``\\label``/``\\eqref`` and numbers
each formula on its own. So a post's macro definitions are collected once and
passed to every formula, numbered environments get explicit ``\\tag``s from one
counter across the post, and references become links to the equation.
"""

import re
from dataclasses import dataclass, field

from django.utils.text import slugify

_DEFINITION_RE = re.compile(
    r"\\(newcommand|renewcommand|providecommand|DeclareMathOperator|def|gdef)"
    r"(?![A-Za-z])(\*?)"
)
_NAME_RE = re.compile(r"\s*(\\[A-Za-z]+|\\.)")
_ARGS_RE = re.compile(r"\s*\[(\d)\]")
_DEFAULT_RE = re.compile(r"\s*\[[^\]]*\]")
_DEF_PARAMS_RE = re.compile(r"((?:#\d)*)\s*")
_GROUPABLE_RE = re.compile(r"^\\[A-Za-z]+(?!.*\\(?:begin|end)\b)", re.S)
_NUMBERED_ENV_RE = re.compile(
    r"\\begin\{(equation|align|gather|eqnarray|multline|flalign|alignat)(\*?)\}"
)
_LABEL_RE = re.compile(r"\\label\{([^}]*)\}")
_NOTAG_RE = re.compile(r"\\(?:nonumber|notag)(?![A-Za-z])")
_TAG_RE = re.compile(r"\\tag\*?\{([^}]*)\}")
_REF_RE = re.compile(r"\\(eqref|ref)\{([^}]*)\}")
# Environments numbered once as a whole, not row by row.
_WHOLE_ENVS = {"equation", "multline"}
# What KaTeX, which lacks these, typesets in their place.
_KATEX_ENVS = {"eqnarray": "align", "multline": "gather", "flalign": "align"}


def _group(text: str, start: int) -> tuple[str, int] | None:
    """The balanced {...} group at ``start`` (after spaces): its inside, its end."""
    index = start
    while index < len(text) and text[index].isspace():
        index += 1
    if index >= len(text) or text[index] != "{":
        return None
    depth, position = 0, index
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return text[index + 1 : position], position + 1
        position += 1
    return None


def _name(text: str, start: int) -> tuple[str, int] | None:
    braced = _group(text, start)
    if braced:
        name = braced[0].strip()
        return (name, braced[1]) if re.fullmatch(r"\\[A-Za-z]+|\\.", name) else None
    match = _NAME_RE.match(text, start)
    return (match.group(1), match.end()) if match else None


def _definition(text: str, match: re.Match) -> tuple[str, str, int] | None:
    """(macro name, KaTeX expansion, end) of the definition ``match`` starts."""
    command, star = match.groups()
    named = _name(text, match.end())
    if not named:
        return None
    name, position = named
    if command in ("def", "gdef"):
        params = _DEF_PARAMS_RE.match(text, position)
        position = params.end()
    elif command != "DeclareMathOperator":
        args = _ARGS_RE.match(text, position)
        if args:
            position = args.end()
            default = _DEFAULT_RE.match(text, position)
            position = default.end() if default else position
    body = _group(text, position)
    if not body:
        return None
    expansion, end = body
    if command == "DeclareMathOperator":
        expansion = f"\\operatorname{star}{{{expansion}}}"
    elif _GROUPABLE_RE.match(expansion) and "#" not in expansion:
        # TeX lets `x_\vtheta` take the whole expansion as the subscript; KaTeX
        # only does so when the expansion is one group.
        expansion = f"{{{expansion}}}"
    return name, expansion, end


def split_definitions(tex: str) -> tuple[dict[str, str], str]:
    """The macros a formula defines, and the formula without the definitions."""
    macros: dict[str, str] = {}
    kept, position = [], 0
    for match in _DEFINITION_RE.finditer(tex):
        if match.start() < position:
            continue
        definition = _definition(tex, match)
        if definition is None:
            continue
        name, expansion, end = definition
        macros[name] = expansion
        kept.append(tex[position : match.start()])
        position = end
    kept.append(tex[position:])
    return macros, "".join(kept)


def _top_level_rows(body: str) -> list[str]:
    """Split an environment's body on ``\\\\`` outside braces and inner envs."""
    rows, depth, start, index = [], 0, 0, 0
    while index < len(body):
        if body.startswith("\\begin{", index):
            depth += 1
        elif body.startswith("\\end{", index):
            depth -= 1
        elif body[index] == "{":
            depth += 1
        elif body[index] == "}":
            depth -= 1
        elif body.startswith("\\\\", index) and depth == 0:
            rows.append(body[start:index])
            index += 2
            start = index
            continue
        elif body[index] == "\\":
            index += 1
        index += 1
    rows.append(body[start:])
    if len(rows) > 1 and not rows[-1].strip():
        rows.pop()
    return rows


def _eqnarray_row(row: str) -> str:
    """``a &=& b`` (three columns) as ``a &= b`` (align's two)."""
    first = row.find("&")
    second = row.find("&", first + 1) if first >= 0 else -1
    return row if second < 0 else row[:second] + row[second + 1 :]


@dataclass
class Equations:
    """Equation numbers and labels across one post, in reading order."""

    count: int = 0
    labels: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def _tag(self, text: str, numbered: bool) -> tuple[str, str | None]:
        """The row with its label removed and a \\tag added; the label's anchor."""
        labels = _LABEL_RE.findall(text)
        text = _LABEL_RE.sub("", text)
        explicit = _TAG_RE.search(text)
        if _NOTAG_RE.search(text):
            return _NOTAG_RE.sub("", text), None
        if explicit:
            number = explicit.group(1)
        elif numbered or labels:
            self.count += 1
            number = str(self.count)
            text = f"{text.rstrip()} \\tag{{{number}}}"
        else:
            return text, None
        anchor = None
        for label in labels:
            if label in self.labels:
                self.problems.append(f"Equation label '{label}' is used twice.")
            self.labels[label] = number
            anchor = anchor or equation_anchor(label)
        return text, anchor

    def number(self, tex: str) -> tuple[str, str | None]:
        """A display formula with numbers as tags; its anchor if labelled."""
        match = _NUMBERED_ENV_RE.search(tex)
        if not match:
            return self._tag(tex, numbered=False)
        env, star = match.groups()
        end_marker = f"\\end{{{env}{star}}}"
        end = tex.find(end_marker, match.end())
        if end < 0:
            return tex, None
        body = tex[match.end() : end]
        opening = tex[match.start() : match.end()]
        if env == "alignat":
            arguments = _group(tex, match.end())
            if arguments:
                opening = tex[match.start() : arguments[1]]
                body = tex[arguments[1] : end]
        rows = _top_level_rows(body)
        if env == "eqnarray":
            rows = [_eqnarray_row(row) for row in rows]
        anchor = None
        if env in _WHOLE_ENVS:
            body, anchor = self._tag(body, numbered=not star)
        else:
            tagged = []
            for row in rows:
                row, row_anchor = self._tag(row, numbered=not star)
                anchor = anchor or row_anchor
                tagged.append(row)
            body = "\\\\".join(tagged)
        new_env = _KATEX_ENVS.get(env, env)
        opening = opening.replace(f"{{{env}{star}}}", f"{{{new_env}*}}", 1)
        closing = f"\\end{{{new_env}*}}"
        formula = tex[: match.start()] + opening + body + closing
        return formula + tex[end + len(end_marker) :], anchor

    def link_references(self, tex: str) -> str:
        """\\eqref/\\ref as a link to the equation showing its number."""

        def link(match: re.Match) -> str:
            kind, label = match.groups()
            number = self.labels.get(label)
            if number is None:
                self.problems.append(f"\\{kind}{{{label}}} names no equation label.")
                return r"\text{(??)}"
            shown = f"({number})" if kind == "eqref" else number
            return f"\\href{{#{equation_anchor(label)}}}{{\\text{{{shown}}}}}"

        return _REF_RE.sub(link, tex)


def equation_anchor(label: str) -> str:
    return "eq-" + (slugify(label) or "label")
