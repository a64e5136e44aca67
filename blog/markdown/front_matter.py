"""Front matter: split it from the body and load it without trusting it.

YAML (``---``, Jekyll, al-folio, distill, Obsidian) is loaded with a safe
loader that refuses aliases and anchors (an alias bomb of a few hundred bytes
expands to gigabytes) and limits nesting depth (deep nesting exhausts the
stack). TOML (``+++``, Hugo) is loaded with the standard library's tomllib.
"""

import re
import tomllib

import yaml

MAX_DEPTH = 20
YAML_FENCE = "---"
TOML_FENCE = "+++"


class MarkdownFileError(Exception):
    """A file that cannot become a post; says why and, if known, on which line."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


class FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader without aliases or anchors and with a depth limit."""

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line + 2
        if isinstance(event, yaml.AliasEvent):
            raise MarkdownFileError(
                f"YAML alias '*{event.anchor}' refused: aliases are not allowed "
                "in front matter",
                line,
            )
        if getattr(event, "anchor", None):
            raise MarkdownFileError(
                f"YAML anchor '&{event.anchor}' refused: anchors are not allowed "
                "in front matter",
                line,
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise MarkdownFileError(
                    f"front matter is nested more than {MAX_DEPTH} levels deep", line
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def split_front_matter(text: str) -> tuple[str, str, str, int]:
    """The front matter's format, its text, the body, and the body's first line."""
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    fence = lines[0].strip() if lines else ""
    if fence not in (YAML_FENCE, TOML_FENCE):
        raise MarkdownFileError(
            "no front matter: the file must start with '---' (or '+++' for TOML)", 1
        )
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() == fence:
            front = "\n".join(lines[1:number])
            body = "\n".join(lines[number + 1 :])
            kind = "toml" if fence == TOML_FENCE else "yaml"
            return kind, front, body, number + 2
    raise MarkdownFileError(f"front matter is not closed by a '{fence}' line", 1)


def _load_yaml(front: str):
    loader = FrontMatterLoader(front)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise MarkdownFileError(
            f"front matter is not valid YAML: {problem}", line
        ) from error
    finally:
        loader.dispose()


def _check_depth(value, line: int) -> None:
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise MarkdownFileError(
                f"front matter is nested more than {MAX_DEPTH} levels deep", line
            )
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, dict | list):
            pending.extend((child, depth + 1) for child in children)


def _load_toml(front: str):
    try:
        meta = tomllib.loads(front)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        line = int(found.group(1)) + 1 if found else None
        problem = str(error).split(" (at ")[0]
        raise MarkdownFileError(
            f"front matter is not valid TOML: {problem}", line
        ) from error
    _check_depth(meta, 2)
    return meta


def load_front_matter(kind: str, front: str) -> dict:
    """The front matter as a dict; MarkdownFileError for anything else."""
    try:
        meta = _load_toml(front) if kind == "toml" else _load_yaml(front)
    except RecursionError as error:
        raise MarkdownFileError(
            f"front matter is nested more than {MAX_DEPTH} levels deep", 2
        ) from error
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise MarkdownFileError("front matter must be a mapping of keys", 2)
    return meta
