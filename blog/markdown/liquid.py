"""Liquid (Jekyll, al-folio) and Hugo shortcodes: converted or dropped, with notes.

Code is never touched: fenced and indented code, inline code spans and math
are left as written. The one exception is a ``{% raw %}…{% endraw %}`` pair,
which is a Jekyll escape wherever it appears, so its tags are removed and its
content kept as is.
"""

import re
from dataclasses import dataclass, field

from blog.markdown.segments import (
    HIGHLIGHT_CLOSE,
    HIGHLIGHT_OPEN,
    Segment,
    split_segments,
)

MAX_NOTES = 12
RAW_PAIR = re.compile(
    r"\{%-?\s*raw\s*-?%\}(?P<body>.*?)\{%-?\s*endraw\s*-?%\}", re.DOTALL
)
RAW_TAG_LINE = re.compile(r"^[ \t]*\{%-?\s*(?:end)?raw\s*-?%\}[ \t]*\n?", re.MULTILINE)
PROTECTED = re.compile(
    r"(?P<raw>\{%-?\s*raw\s*-?%\}(?P<body>.*?)\{%-?\s*endraw\s*-?%\})"
    r"|(?P<ticks>`+)(?:.+?)(?<!`)(?P=ticks)(?!`)"
    r"|\$\$.+?\$\$|\\\[.+?\\\]|\\\(.+?\\\)|\$[^$\n]+?\$"
    r"|\\begin\{(?P<env>[A-Za-z*]+)\}.*?\\end\{(?P=env)\}",
    re.DOTALL,
)
SITE_URL = re.compile(r"\{\{-?\s*site\.(?:url|baseurl)\b[^{}]*-?\}\}")
POST_URL = re.compile(r"\{%-?\s*post_url\s+\d{4}-\d{2}-\d{2}-(?P<slug>[\w-]+)\s*-?%\}")
DROPPED_BLOCK = re.compile(
    r"\{%-?\s*(?P<tag>comment|capture)\b.*?\{%-?\s*end(?P=tag)\s*-?%\}", re.DOTALL
)
LIQUID_TAG = re.compile(r"\{%(?:(?!%\}).){0,500}%\}", re.DOTALL)
LIQUID_OUTPUT = re.compile(r"\{\{(?![<%])(?:(?!\}\}).){0,500}\}\}", re.DOTALL)
SHORTCODE = re.compile(
    r"\{\{(?P<open>[<%])(?:(?!\}\}).){0,500}(?P=open)?\}\}", re.DOTALL
)


@dataclass
class Conversion:
    """What was converted or dropped in one body, one note per kind and place."""

    notes: list[str] = field(default_factory=list)
    more: int = 0

    def add(self, note: str) -> None:
        if len(self.notes) < MAX_NOTES:
            self.notes.append(note)
        else:
            self.more += 1

    def summary(self) -> list[str]:
        extra = [f"... and {self.more} more"] if self.more else []
        return self.notes + extra


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."


class _ProseRewriter:
    """Rewrites one prose segment, recording each change with its line."""

    def __init__(self, segment: Segment, conversion: Conversion):
        self.text = segment.text
        self.first_line = segment.first_line
        self.conversion = conversion

    def line_of(self, offset: int) -> int:
        return self.first_line + self.text.count("\n", 0, offset)

    def rewrite(self) -> str:
        parts, position = [], 0
        for match in PROTECTED.finditer(self.text):
            parts.append(self._convert(self.text[position : match.start()], position))
            if match.group("raw") is not None:
                line = self.line_of(match.start())
                self.conversion.add(
                    f"line {line}: unwrapped {{% raw %}}, kept its text"
                )
                parts.append(match.group("body"))
            else:
                parts.append(match.group(0))
            position = match.end()
        parts.append(self._convert(self.text[position:], position))
        return "".join(parts)

    def _convert(self, text: str, offset: int) -> str:
        def replace(pattern: re.Pattern, verb: str, replacement) -> None:
            nonlocal text
            pieces, position, cursor = [], 0, offset
            for match in pattern.finditer(text):
                pieces.append(text[position : match.start()])
                # Matches are original text; find each in the original to name
                # its line, whatever earlier replacements removed.
                found = self.text.find(match.group(0), cursor)
                cursor = found + 1 if found >= 0 else cursor
                line = self.line_of(found if found >= 0 else offset)
                self.conversion.add(f"line {line}: {verb} {_short(match.group(0))}")
                pieces.append(
                    replacement(match) if callable(replacement) else replacement
                )
                position = match.end()
            pieces.append(text[position:])
            text = "".join(pieces)

        replace(SITE_URL, "removed", "")
        replace(POST_URL, "linked", lambda match: f"../{match['slug']}/")
        replace(DROPPED_BLOCK, "dropped Liquid block", "")
        replace(SHORTCODE, "dropped Hugo shortcode", "")
        replace(LIQUID_TAG, "dropped Liquid tag", "")
        replace(LIQUID_OUTPUT, "dropped Liquid output", "")
        return text


def _code(segment: Segment, conversion: Conversion) -> str:
    lines = segment.lines
    if segment.kind == "highlight":
        opened = HIGHLIGHT_OPEN.match(lines[0])
        indent = opened["indent"]
        language = opened["lang"] or opened["hlang"] or ""
        closing = lines[-1] if HIGHLIGHT_CLOSE.match(lines[-1]) else None
        body = lines[1:-1] if closing is not None else lines[1:]
        conversion.add(
            f"line {segment.first_line}: highlight block ({language}) "
            "became a fenced code block"
        )
        return "\n".join([f"{indent}```{language}", *body, f"{indent}```"])
    if segment.kind == "raw":
        conversion.add(
            f"line {segment.first_line}: unwrapped {{% raw %}}, kept its text"
        )
        return "\n".join(lines[1:-1])
    text = segment.text
    if RAW_PAIR.search(text) and len(RAW_TAG_LINE.findall(text + "\n")) % 2 == 0:
        conversion.add(
            f"line {segment.first_line}: unwrapped {{% raw %}} inside code, "
            "kept the code"
        )
        text = RAW_TAG_LINE.sub("", text)
        text = RAW_PAIR.sub(lambda match: match.group("body"), text)
    return text


def convert_templates(body: str, first_line: int = 1) -> tuple[str, list[str]]:
    """The body without Liquid or Hugo shortcodes, and a note per change."""
    if "{%" not in body and "{{" not in body:
        return body, []
    conversion = Conversion()
    parts = []
    for segment in split_segments(body, first_line):
        if segment.code:
            parts.append(_code(segment, conversion))
        else:
            parts.append(_ProseRewriter(segment, conversion).rewrite())
    return "\n".join(parts), conversion.summary()
