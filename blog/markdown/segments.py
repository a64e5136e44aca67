"""Split markdown into code and prose, so rewrites never touch code."""

import re
from dataclasses import dataclass

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
INDENTED = re.compile(r"^(?: {4}|\t)")
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
HIGHLIGHT_OPEN = re.compile(
    r"^(?P<indent>[ \t]*)(?:\{%-?\s*highlight\s+(?P<lang>[\w+#.-]+)[^%]*-?%\}"
    r"|\{\{<\s*highlight\s+(?P<hlang>[\w+#.-]+)[^>]*>\}\})\s*$"
)
HIGHLIGHT_CLOSE = re.compile(
    r"^[ \t]*(?:\{%-?\s*endhighlight\s*-?%\}|\{\{<\s*/highlight\s*>\}\})\s*$"
)
RAW_OPEN = re.compile(r"^[ \t]*\{%-?\s*raw\s*-?%\}[ \t]*$")
RAW_CLOSE = re.compile(r"^[ \t]*\{%-?\s*endraw\s*-?%\}[ \t]*$")


@dataclass
class Segment:
    """Consecutive lines that are either code (left alone) or prose."""

    code: bool
    lines: list[str]
    first_line: int
    kind: str = ""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _fence_end(lines: list[str], start: int, fence: str) -> int:
    closer = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
    end = start + 1
    while end < len(lines) and not closer.match(lines[end]):
        end += 1
    return min(end, len(lines) - 1)


def _until(lines: list[str], start: int, pattern: re.Pattern) -> int | None:
    for number in range(start + 1, len(lines)):
        if pattern.match(lines[number]):
            return number
    return None


def _code_region(lines: list[str], i: int, state: dict) -> tuple[int, str] | None:
    """The end (exclusive) and kind of a code region starting at line ``i``."""
    line = lines[i]
    opened = FENCE_OPEN.match(line)
    if opened and not (opened["fence"].startswith("`") and "`" in opened["info"]):
        return _fence_end(lines, i, opened["fence"]) + 1, "fence"
    if HIGHLIGHT_OPEN.match(line):
        end = _until(lines, i, HIGHLIGHT_CLOSE)
        if end is not None:
            return end + 1, "highlight"
    if RAW_OPEN.match(line):
        end = _until(lines, i, RAW_CLOSE)
        if end is not None:
            return end + 1, "raw"
    if state["blank"] and not state["list"] and INDENTED.match(line) and line.strip():
        end = i
        while end < len(lines) and (
            INDENTED.match(lines[end]) or not lines[end].strip()
        ):
            end += 1
        while end > i + 1 and not lines[end - 1].strip():
            end -= 1
        return end, "indented"
    return None


def split_segments(text: str, first_line: int = 1) -> list[Segment]:
    """Code regions (fenced, indented, Liquid highlight/raw) and the prose between."""
    lines = text.split("\n")
    segments: list[Segment] = []
    state = {"blank": True, "list": False}
    i = 0
    while i < len(lines):
        region = _code_region(lines, i, state)
        if region is not None:
            end, kind = region
            segments.append(Segment(True, lines[i:end], first_line + i, kind))
            state["blank"] = False
            i = end
            continue
        line = lines[i]
        if LIST_ITEM.match(line):
            state["list"] = True
        elif line.strip() and not line[0].isspace() and state["blank"]:
            state["list"] = False
        if segments and not segments[-1].code:
            segments[-1].lines.append(line)
        else:
            segments.append(Segment(False, [line], first_line + i))
        state["blank"] = not line.strip()
        i += 1
    return segments
