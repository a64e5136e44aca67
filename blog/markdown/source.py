"""One markdown file read into post fields, and a post written back as a file.

The format (documented in the README)::

    ---
    title: "Mamba: What the Selective State Space Paper Actually Says"
    slug: mamba                  # optional: from a Jekyll file name, else the title
    dek: One paragraph summary.  # or description/excerpt/summary/subtitle;
                                 # else derived from the first paragraph
    date: 2025-10-24             # or from a file name like 2025-10-24-mamba.md
    tags: [Systems, AI]          # list, or "Systems, AI"; merged with categories
    paper: {title: ..., authors: [...], year: 2023, venue: arXiv,
            url: ..., arxiv_id: 2312.00752}
    draft: false                 # or Jekyll's published: false
    ---
    The body, markdown.

Hugo's TOML front matter (between ``+++`` lines) is read the same way. Keys
that Jekyll, al-folio, distill, Hugo or Obsidian use for layout or features
this site does its own way are accepted and listed in a note; any other key is
reported as unknown; neither is fatal.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.utils.text import slugify

from blog.markdown.distill import convert_distill
from blog.markdown.excerpts import clean_excerpt, derive_dek, shorten
from blog.markdown.front_matter import (
    YAML_FENCE,
    MarkdownFileError,
    load_front_matter,
    split_front_matter,
)
from blog.markdown.liquid import convert_templates
from home.rendering.markdown import plain_text

MAX_TAGS = 100
MAX_TAG_CHARS = 100
JEKYLL_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>.+)$")
DEK_KEYS = ("dek", "description", "excerpt", "summary", "subtitle")
TAG_KEYS = ("tags", "categories", "category")
DATE_KEYS = ("date", "publishDate", "pubDate")
STORED_KEYS = {
    "title", "slug", "draft", "published", "paper", "author", "authors", "topic",
    "render_with_liquid",
}  # fmt: skip
# Keys other generators use for layout and features the site handles itself.
ACCEPTED_KEYS = {
    "layout", "permalink", "comments", "math", "toc", "lastmod", "weight",
    "aliases", "last_modified_at", "featured", "giscus_comments", "related_posts",
    "bibliography", "mermaid", "pretty_table", "tikzjax", "chart", "_styles",
    "hidden", "share", "sitemap", "redirect_from", "type", "series", "keywords",
    "lang", "mathjax", "katex", "use_math", "classes", "header", "image",
    "images", "cover", "showToc", "TocOpen", "url", "expiryDate", "modified",
    "updated", "created", "cssclasses", "cssclass", "publish", "thumbnail",
    "excerpt_separator", "read_time", "toc_sticky",
    "disqus", "highlight", "markup", "canonical_url",
}  # fmt: skip
PAPER_KEYS = {
    "title": "paper_title",
    "authors": "paper_authors",
    "year": "paper_year",
    "venue": "paper_venue",
    "url": "paper_url",
    "arxiv_id": "paper_arxiv_id",
}
FALSE_WORDS = {"false", "no", "off", "0", ""}


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
    # False when the body's {{ }} and {% %} are text, as Jekyll's own key says.
    liquid: bool = True
    authors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    body_line: int = 1

    def page_fields(self) -> dict:
        """PaperPostPage field values (everything but tags and body)."""
        fields = {"title": self.title, "dek": self.dek, "date": self.date}
        for key, name in PAPER_KEYS.items():
            fields[name] = self.paper.get(key, None if key == "year" else "")
        return fields


class _Fields:
    """Reads the front matter's values, naming the line of a bad one."""

    def __init__(self, meta: dict, front: str, name: str):
        self.meta = meta
        self.front_lines = front.split("\n")
        self.jekyll = JEKYLL_NAME.match(Path(name).stem) if name else None

    def line(self, key: str) -> int:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*[:=]")
        for number, text in enumerate(self.front_lines, start=2):
            if pattern.match(text):
                return number
        return 2

    def fail(self, key: str, reason: str):
        raise MarkdownFileError(reason, self.line(key))

    def title(self) -> str:
        title = self.meta.get("title")
        if isinstance(title, int | float) and not isinstance(title, bool):
            title = str(title)
        if title is None or (isinstance(title, str) and not title.strip()):
            raise MarkdownFileError("missing 'title' in front matter", 2)
        if not isinstance(title, str):
            self.fail("title", "'title' must be text; quote it")
        return " ".join(title.split())

    def slug(self, title: str) -> str:
        given = self.meta.get("slug")
        if given:
            slug = str(given)
            if slug != slugify(slug, allow_unicode=True):
                self.fail("slug", f"'slug' '{slug}' is not a valid slug")
            return slug
        if self.jekyll:
            slug = slugify(self.jekyll["slug"], allow_unicode=True)
        else:
            slug = slugify(title, allow_unicode=True)
        if not slug:
            self.fail("title", "cannot make a slug from the title; add 'slug'")
        return slug

    def date(self) -> datetime.date:
        for key in DATE_KEYS:
            if self.meta.get(key) not in (None, ""):
                return self._as_date(key, self.meta[key])
        if self.jekyll:
            return self._as_date("date", self.jekyll["date"])
        raise MarkdownFileError(
            "missing 'date' in front matter (or a file name like 2025-10-24-title.md)",
            2,
        )

    def _as_date(self, key: str, value) -> datetime.date:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip()[:10])
            except ValueError:
                pass
        shown = repr(value)[:60]
        self.fail(key, f"'{key}' must be a date like 2025-10-24, not {shown}")

    def tags(self, notes: list[str]) -> list[str]:
        jekyll_words = self.jekyll is not None or "layout" in self.meta
        found: dict[str, str] = {}
        for key in TAG_KEYS:
            for tag in self._list(key, split_words=jekyll_words or key != "tags"):
                found.setdefault(tag.casefold(), tag)
        tags = list(found.values())
        if len(tags) > MAX_TAGS:
            self.fail("tags", f"{len(tags)} tags; the limit is {MAX_TAGS}")
        long = [tag for tag in tags if len(tag) > MAX_TAG_CHARS]
        if long:
            self.fail(
                "tags", f"tag '{long[0][:40]}...' is over {MAX_TAG_CHARS} characters"
            )
        if self.meta.get("categories") or self.meta.get("category"):
            notes.append("'categories' merged into the tags")
        return tags

    def _list(self, key: str, split_words: bool) -> list[str]:
        value = self.meta.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            separator = "," if "," in value or not split_words else None
            return [part.strip() for part in value.split(separator) if part.strip()]
        if isinstance(value, list) and all(
            isinstance(item, str | int | float) for item in value
        ):
            return [str(item).strip() for item in value if str(item).strip()]
        self.fail(key, f"'{key}' must be a list of words or 'a, b'")

    def authors(self) -> list[str]:
        value = self.meta.get("authors", self.meta.get("author"))
        key = "authors" if "authors" in self.meta else "author"
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        names = []
        for item in items:
            if isinstance(item, dict):
                item = item.get("name")
            if isinstance(item, str) and item.strip():
                names.append(" ".join(item.split()))
            elif item is not None:
                self.fail(key, f"'{key}' must be names or a list of {{name: ...}}")
        return names

    def draft(self) -> bool:
        return self._flag("draft", False) or not self._flag("published", True)

    def _flag(self, key: str, default: bool) -> bool:
        value = self.meta.get(key, default)
        if isinstance(value, str):
            return value.strip().lower() not in FALSE_WORDS
        return bool(value)

    def dek(self, body: str, notes: list[str]) -> str:
        for key in DEK_KEYS:
            value = self.meta.get(key)
            if value in (None, ""):
                continue
            if not isinstance(value, str | int | float):
                self.fail(key, f"'{key}' must be text")
            text = " ".join(str(value).split())
            if key != "dek":
                # Other generators allow markdown here; a dek is plain text.
                text = shorten(clean_excerpt(plain_text(text)))
                notes.append(f"dek taken from '{key}'")
            return text
        return derive_dek(body)

    def paper(self) -> dict:
        value = self.meta.get("paper")
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail("paper", "'paper' must be a mapping (title, authors, ...)")
        unknown = set(value) - set(PAPER_KEYS)
        if unknown:
            names = ", ".join(sorted(map(str, unknown)))
            self.fail("paper", f"unknown 'paper' key(s): {names}")
        paper = {}
        for key in PAPER_KEYS:
            item = value.get(key)
            if item in (None, ""):
                continue
            if key == "authors" and isinstance(item, list):
                item = ", ".join(str(author) for author in item)
            elif key == "year":
                if not isinstance(item, int) or isinstance(item, bool):
                    shown = repr(item)[:40]
                    self.fail("paper", f"'paper.year' must be a number, not {shown}")
            else:
                item = str(item)
            paper[key] = item
        return paper

    def key_notes(self) -> list[str]:
        keys = [str(key) for key in self.meta]
        known = STORED_KEYS | set(DEK_KEYS) | set(TAG_KEYS) | set(DATE_KEYS)
        accepted = sorted(key for key in keys if key in ACCEPTED_KEYS)
        unknown = sorted(
            key for key in keys if key not in known and key not in ACCEPTED_KEYS
        )
        notes = []
        if accepted:
            names = ", ".join(accepted)
            notes.append(f"accepted, not used by this site: {names}")
        if unknown:
            names = ", ".join(unknown)
            notes.append(f"ignored unknown key(s): {names}")
        return notes


def parse(text: str, name: str = "") -> PostSource:
    """A PostSource from the text of one file; MarkdownFileError when invalid.

    ``name`` is the file's name, which may carry a Jekyll date and slug.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kind, front, body, body_line = split_front_matter(text)
    meta = load_front_matter(kind, front)
    fields = _Fields(meta, front, name)
    notes: list[str] = []
    title = fields.title()
    stripped = body.lstrip("\n")
    body_line += len(body) - len(stripped)
    body = stripped.rstrip("\n")
    body, distill_notes = convert_distill(body)
    liquid = meta.get("render_with_liquid") is not False
    template_notes = []
    if liquid:
        body, template_notes = convert_templates(body, body_line)
    notes.extend(distill_notes)
    notes.extend(f"Liquid/shortcode {note}" for note in template_notes)
    source = PostSource(
        title=title,
        slug=fields.slug(title),
        dek="",
        date=fields.date(),
        body=body.strip("\n"),
        tags=fields.tags(notes),
        paper=fields.paper(),
        draft=fields.draft(),
        authors=fields.authors(),
        liquid=liquid,
        body_line=body_line,
    )
    source.dek = fields.dek(source.body, notes)
    if not source.dek:
        raise MarkdownFileError("missing 'dek' and the body has no first paragraph")
    if source.authors:
        names = ", ".join(source.authors)
        notes.append(f"author(s) {names} read but not stored yet (no author field)")
    if meta.get("topic"):
        notes.append("'topic' is accepted but not stored (posts have no topic field)")
    source.notes = [*fields.key_notes(), *notes]
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
    if not source.liquid:
        meta["render_with_liquid"] = False
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=88)
    return f"{YAML_FENCE}\n{front}{YAML_FENCE}\n{source.body}\n"
