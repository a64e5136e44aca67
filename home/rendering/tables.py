"""Tables that start with their delimiter row, as kramdown writes them.

GFM needs a header row above the delimiter row; without one it shows the pipes
as text. kramdown (Jekyll's default, so most imported posts) reads such a table
as one without a header, and so does Scholia: the rows become a ``<tbody>``.
No GFM table changes, since GFM has no table that starts this way.
"""

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

_DELIMITER_ROW_RE = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def _cells(line: str) -> list[str]:
    line = line.strip()
    line = line.removeprefix("|")
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)]


def _alignments(line: str) -> list[str]:
    aligns = []
    for cell in _cells(line):
        left, right = cell.startswith(":"), cell.endswith(":")
        aligns.append(
            "center" if left and right else "right" if right else "left" if left else ""
        )
    return aligns


def _line(state: StateBlock, number: int) -> str:
    return state.src[state.bMarks[number] + state.tShift[number] : state.eMarks[number]]


def headerless_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    first = _line(state, start)
    if "|" not in first or not _DELIMITER_ROW_RE.match(first):
        return False
    line = start + 1
    while line < end and not state.isEmpty(line) and "|" in _line(state, line):
        line += 1
    if line == start + 1:
        return False
    if silent:
        return True
    aligns = _alignments(first)
    state.push("table_open", "table", 1).map = [start, line]
    state.push("tbody_open", "tbody", 1)
    for number in range(start + 1, line):
        state.push("tr_open", "tr", 1)
        for column, content in enumerate(_cells(_line(state, number))[: len(aligns)]):
            cell = state.push("td_open", "td", 1)
            if aligns[column]:
                cell.attrSet("style", f"text-align:{aligns[column]}")
            inline = state.push("inline", "", 0)
            inline.content = content
            inline.map = [number, number + 1]
            inline.children = []
            state.push("td_close", "td", -1)
        state.push("tr_close", "tr", -1)
    state.push("tbody_close", "tbody", -1)
    state.push("table_close", "table", -1)
    state.line = line
    return True


def headerless_table_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("table", "headerless_table", headerless_table)
