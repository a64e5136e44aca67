"""Markdown files with YAML front matter: reading them into post fields and back.

The format (documented in the README)::

    ---
    title: "Mamba: What the Selective State Space Paper Actually Says"
    slug: mamba                  # optional, derived from the title
    dek: One paragraph summary.  # optional, defaults to the first paragraph
    date: 2025-10-24             # required
    tags: [Systems, AI]          # list, or "Systems, AI"
    paper: {title: ..., authors: [...], year: 2023, venue: arXiv,
            url: ..., arxiv_id: 2312.00752}
    draft: false
    topic: efficient-architectures-and-serving   # accepted, not stored
    ---
    The body, one markdown block.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.utils.text import slugify

MAX_FILE_MB = 2
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
FENCE = "---"
KNOWN_KEYS = {"title", "slug", "dek", "date", "tags", "paper", "draft", "topic"}
PAPER_KEYS = {
    "title": "paper_title",
    "authors": "paper_authors",
    "year": "paper_year",
    "venue": "paper_venue",
    "url": "paper_url",
    "arxiv_id": "paper_arxiv_id",
}


class MarkdownFileError(Exception):
    """A file that cannot become a post; says why and, if known, on which line."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass
class PostSource:
    """A post as read from one markdown file, before it touches the database."""

    title: str
    slug: str
    dek: str
    date: datetime.date
    body: str
    tags: list[str] = field(default_factory=list)
    paper: dict = field(default_factory=dict)
    draft: bool = False
    notes: list[str] = field(default_factory=list)

    def page_fields(self) -> dict:
        """PaperPostPage field values (everything but tags and body)."""
        fields = {"title": self.title, "dek": self.dek, "date": self.date}
        for key, name in PAPER_KEYS.items():
            fields[name] = self.paper.get(key, None if key == "year" else "")
        return fields


def read_text(path: Path) -> str:
    """The file as text; refuses oversized files and bytes that are not UTF-8."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        megabytes = round(size / 1024 / 1024, 1)
        raise MarkdownFileError(
            f"file is {megabytes} MB; the limit is {MAX_FILE_MB} MB"
        )
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start
        line = raw[:offset].count(b"\n") + 1
        byte = raw[offset : offset + 1].hex()
        raise MarkdownFileError(
            f"not UTF-8: byte 0x{byte} at offset {offset}; re-save the file as UTF-8",
            line,
        ) from error


def split_front_matter(text: str) -> tuple[str, str, int]:
    """The front matter, the body, and the line number the body starts on."""
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise MarkdownFileError("no front matter: the file must start with '---'", 1)
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() == FENCE:
            front = "\n".join(lines[1:number])
            body = "\n".join(lines[number + 1 :])
            return front, body, number + 2
    raise MarkdownFileError("front matter is not closed by a '---' line", 1)


def _as_list(value, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return [str(v).strip() for v in value if str(v).strip()]
    raise MarkdownFileError(f"'{name}' must be a list of strings or 'a, b'")


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    shown = repr(value)
    raise MarkdownFileError(f"'date' must be a date like 2025-10-24, not {shown}")


def _paper(value) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise MarkdownFileError("'paper' must be a mapping (title, authors, ...)")
    unknown = set(value) - set(PAPER_KEYS)
    if unknown:
        names = ", ".join(sorted(unknown))
        raise MarkdownFileError(f"unknown 'paper' key(s): {names}")
    paper = {}
    for key in PAPER_KEYS:
        item = value.get(key)
        if item in (None, ""):
            continue
        if key == "authors" and isinstance(item, list):
            item = ", ".join(str(author) for author in item)
        elif key == "year":
            if not isinstance(item, int):
                shown = repr(item)
                raise MarkdownFileError(f"'paper.year' must be a number, not {shown}")
        else:
            item = str(item)
        paper[key] = item
    return paper


def _first_paragraph(body: str) -> str:
    for block in body.strip().split("\n\n"):
        if block.strip() and not block.lstrip().startswith(("#", "!", "```")):
            return " ".join(block.split())
    return ""


def parse(text: str) -> PostSource:
    """A PostSource from the text of one file; MarkdownFileError when invalid."""
    front, body, _ = split_front_matter(text)
    try:
        meta = yaml.safe_load(front) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise MarkdownFileError(
            f"front matter is not valid YAML: {problem}", line
        ) from error
    if not isinstance(meta, dict):
        raise MarkdownFileError("front matter must be a mapping of keys", 2)
    title = meta.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        raise MarkdownFileError("missing 'title' in front matter", 2)
    if not isinstance(title, str):
        raise MarkdownFileError("'title' must be text; quote it", 2)
    if "date" not in meta:
        raise MarkdownFileError("missing 'date' in front matter", 2)
    body = body.strip("\n")
    slug = str(meta.get("slug") or slugify(title))
    if slug != slugify(slug):
        raise MarkdownFileError(f"'slug' '{slug}' is not a valid slug")
    dek = meta.get("dek")
    source = PostSource(
        title=title.strip(),
        slug=slug,
        dek=str(dek).strip() if dek else _first_paragraph(body),
        date=_as_date(meta["date"]),
        body=body,
        tags=_as_list(meta.get("tags"), "tags"),
        paper=_paper(meta.get("paper")),
        draft=bool(meta.get("draft", False)),
    )
    if not source.dek:
        raise MarkdownFileError("missing 'dek' and the body has no first paragraph")
    unknown = sorted(set(meta) - KNOWN_KEYS)
    if unknown:
        names = ", ".join(unknown)
        source.notes.append(f"ignored unknown key(s): {names}")
    if meta.get("topic"):
        source.notes.append(
            "'topic' is accepted but not stored (posts have no topic field)"
        )
    return source


def render(source: PostSource) -> str:
    """The markdown file for a post, in the format ``parse`` reads."""
    meta = {
        "title": source.title,
        "slug": source.slug,
        "dek": source.dek,
        "date": source.date,
        "tags": source.tags,
    }
    if source.paper:
        meta["paper"] = source.paper
    meta["draft"] = source.draft
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=88)
    return f"{FENCE}\n{front}{FENCE}\n{source.body}\n"


def markdown_files(paths: list[Path]) -> list[Path]:
    """The files named, and every .md/.markdown file under the folders named."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in {".md", ".markdown"}
                )
            )
        else:
            found.append(path)
    return found
