"""Post body blocks as markdown, and back: the mapping export and import share.

A markdown block is written as it is. Every other block is written in its
usual markdown form between two HTML comments that name the block and hold
what markdown cannot say (other renderers show the markdown and hide the
comments)::

    <!-- scholia:heading {"anchor": "routing"} -->
    ## Routing {#routing}
    <!-- /scholia:heading -->

heading → ``##``/``###`` line with ``{#anchor}``; code → fenced block with its
language; equation → ``$$…$$``; table and paper_numbers → GFM pipe tables;
figure → ``![alt](images/… "caption")``; quote → blockquote ending with
"— source"; callout → blockquote starting with its bold label; rich_text →
its HTML; any other block → its stored value in the comment. Two markdown
blocks in a row are separated by ``<!-- scholia:split -->``.
"""

import json
import re
from collections.abc import Callable

from blog.markdown.front_matter import MarkdownFileError
from blog.markdown.segments import split_segments
from home.blocks import CalloutKind

OPEN = re.compile(r"^<!-- scholia:(?P<type>[a-z_]+)(?: (?P<attrs>\{.*\}))? -->$")
CLOSE = re.compile(r"^<!-- /scholia:(?P<type>[a-z_]+) -->$")
SPLIT = "<!-- scholia:split -->"
HEADING = re.compile(r"^(?P<marks>#{2,3}) (?P<text>.*?)(?: \{#(?P<anchor>[\w-]+)\})?$")
NUMBER_COLUMNS = ["metric", "reported", "baseline", "note"]


def _attrs(values: dict) -> str:
    kept = {key: value for key, value in values.items() if value not in (None, "")}
    if not kept:
        return ""
    # "--" would end the HTML comment early; JSON reads the escape back.
    return " " + json.dumps(kept, ensure_ascii=False).replace("--", "-\\u002d")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def _row(cells: list) -> str:
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def pipe_table(rows: list[list]) -> str:
    """A GFM table whose header row is ``rows[0]``."""
    width = max((len(row) for row in rows), default=1) or 1
    rows = [list(row) + [""] * (width - len(row)) for row in rows] or [[""] * width]
    lines = [_row(rows[0]), "|" + " --- |" * width]
    lines.extend(_row(row) for row in rows[1:])
    return "\n".join(lines)


def _fence(code: str, language: str = "") -> str:
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{language}\n{code}\n{ticks}"


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def block_to_markdown(kind: str, value, image_src: Callable[[int], str]) -> str:
    """The markdown for one block's stored (JSON) value."""
    if kind == "heading":
        marks = "###" if value.get("level") == "h3" else "##"
        anchor = value.get("anchor") or ""
        suffix = f" {{#{anchor}}}" if anchor else ""
        inner, attrs = f"{marks} {value['text']}{suffix}", {}
    elif kind == "code":
        inner = _fence(value["code"], value.get("language") or "")
        attrs = {"caption": value.get("caption")}
    elif kind == "equation":
        inner = "$$\n" + value["tex"].strip() + "\n$$"
        attrs = {"caption": value.get("caption")}
    elif kind == "figure":
        alt, caption = value.get("alt_text") or "", value.get("caption") or ""
        title = ' "' + caption.replace('"', "'") + '"' if caption else ""
        inner = f"![{alt.replace(']', ')')}]({image_src(value['image'])}{title})"
        attrs = {"alt_text": alt, "caption": caption}
    elif kind == "quote":
        source = value.get("source") or ""
        inner = _quoted(value["text"] + (f"\n\n\u2014 {source}" if source else ""))
        attrs = {"source": source, "source_url": value.get("source_url")}
    elif kind == "callout":
        label = CalloutKind(value.get("kind") or CalloutKind.NOTE).label
        inner = _quoted(f"**{label}**\n\n{value['text']}")
        attrs = {"kind": value.get("kind")}
    elif kind == "table":
        inner = pipe_table(value.get("data") or [[""]])
        attrs = {key: item for key, item in value.items() if key != "data"}
    elif kind == "paper_numbers":
        rows = [[row.get(key, "") for key in NUMBER_COLUMNS] for row in _items(value)]
        inner = pipe_table([[name.title() for name in NUMBER_COLUMNS], *rows])
        attrs = {"caption": value.get("caption")}
    elif kind == "rich_text":
        inner, attrs = value, {}
    else:
        inner, attrs = "", {"value": value}
    return f"<!-- scholia:{kind}{_attrs(attrs)} -->\n{inner}\n<!-- /scholia:{kind} -->"


def _items(value) -> list[dict]:
    rows = value.get("rows") or []
    return [row.get("value", row) if "type" in row else row for row in rows]


def _unquote(lines: list[str]) -> str:
    return "\n".join(re.sub(r"^> ?", "", line) for line in lines)


def _split_row(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    cells = re.split(r"(?<!\\)\|", line)
    return [
        cell.strip().replace("<br>", "\n").replace("\\|", "|").replace("\\\\", "\\")
        for cell in cells
    ]


def parse_pipe_table(text: str) -> list[list[str]]:
    """The rows of a GFM table (header first), the delimiter row left out."""
    lines = [line for line in text.strip().split("\n") if line.strip()]
    rows = [_split_row(line) for line in lines]
    return [
        row
        for number, row in enumerate(rows)
        if not (number == 1 and all(re.fullmatch(r":?-+:?", cell) for cell in row))
    ]


def markdown_to_value(kind: str, inner: str, attrs: dict, image_for) -> object:
    """A block's stored value from its markdown form and comment attributes."""
    if kind == "heading":
        found = HEADING.match(inner.strip())
        if not found:
            raise ValueError("a heading block must hold one '## Text {#anchor}' line")
        level = "h3" if len(found["marks"]) == 3 else "h2"
        return {"text": found["text"], "level": level, "anchor": found["anchor"] or ""}
    if kind in ("code", "equation"):
        lines = inner.strip("\n").split("\n")
        if kind == "code":
            language = lines[0].lstrip("`~").strip()
            return {
                "language": language or "text",
                "code": "\n".join(lines[1:-1]),
                "caption": attrs.get("caption", ""),
            }
        return {"tex": "\n".join(lines[1:-1]), "caption": attrs.get("caption", "")}
    if kind == "figure":
        found = re.match(r"^!\[[^\]]*\]\((?P<src>[^)\s]+)", inner.strip())
        if not found:
            raise ValueError("a figure block must hold one ![alt](path) image")
        image = image_for(found["src"])
        return {
            "image": image.pk if image is not None else None,
            "alt_text": attrs.get("alt_text", ""),
            "caption": attrs.get("caption", ""),
        }
    if kind in ("quote", "callout"):
        text = _unquote(inner.strip("\n").split("\n"))
        if kind == "callout":
            text = re.sub(r"^\*\*[^*\n]+\*\*\n\n?", "", text, count=1)
            return {"kind": attrs.get("kind", CalloutKind.NOTE), "text": text}
        source = attrs.get("source", "")
        if source:
            text = text.removesuffix(f"\n\n\u2014 {source}")
        return {"text": text, "source": source, "source_url": attrs.get("source_url")}
    if kind == "table":
        rows = [[cell or None for cell in row] for row in parse_pipe_table(inner)]
        return {**attrs, "data": rows}
    if kind == "paper_numbers":
        rows = parse_pipe_table(inner)[1:]
        return {
            "caption": attrs.get("caption", ""),
            "rows": [dict(zip(NUMBER_COLUMNS, row, strict=False)) for row in rows],
        }
    if kind == "rich_text":
        return inner
    return attrs.get("value")


def _code_lines(body: str) -> set[int]:
    lines: set[int] = set()
    for segment in split_segments(body, 0):
        if segment.code:
            lines.update(
                range(segment.first_line, segment.first_line + len(segment.lines))
            )
    return lines


def split_blocks(body: str, first_line: int, image_for, known: set[str]) -> list[dict]:
    """The body as stream blocks: markdown, and each block between markers.

    Markdown blocks carry the file line they start on as ``line``.
    """
    if "<!-- scholia:" not in body:
        return [{"type": "markdown", "value": body, "line": first_line}]
    lines, code = body.split("\n"), _code_lines(body)
    blocks, pending, i = [], [], 0

    def flush() -> None:
        text = "\n".join(pending)
        if text.strip():
            skipped = len(text) - len(text.lstrip("\n"))
            line = first_line + i - len(pending) + skipped
            blocks.append({"type": "markdown", "value": text.strip("\n"), "line": line})
        pending.clear()

    while i < len(lines):
        opened = None if i in code else OPEN.match(lines[i])
        if lines[i] == SPLIT and i not in code:
            flush()
        elif opened and opened["type"] in known:
            kind, start = opened["type"], i
            end = next(
                (j for j in range(i + 1, len(lines)) if j not in code
                 and CLOSE.match(lines[j]) and CLOSE.match(lines[j])["type"] == kind),
                None,
            )  # fmt: skip
            if end is None:
                raise MarkdownFileError(
                    f"'scholia:{kind}' block is not closed", first_line + start
                )
            try:
                attrs = json.loads(opened["attrs"] or "{}")
                inner = "\n".join(lines[start + 1 : end])
                value = markdown_to_value(kind, inner, attrs, image_for)
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                raise MarkdownFileError(
                    f"'scholia:{kind}' block: {error}", first_line + start
                ) from error
            flush()
            blocks.append({"type": kind, "value": value})
            i = end
        else:
            pending.append(lines[i])
        i += 1
    flush()
    return blocks
