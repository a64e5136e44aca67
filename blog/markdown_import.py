"""Importing markdown files as posts, and exporting posts back to markdown.

Each file is imported in its own transaction: a file that fails leaves nothing
behind (no page, no revision, no tag, no image row) and never stops the others.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import DatabaseError, transaction
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from blog.markdown_io import (
    PAPER_KEYS,
    MarkdownFileError,
    PostSource,
    parse,
    read_text,
    render,
)
from blog.models import BlogIndexPage, PaperPostPage
from home.demo import changed_fields
from home.rendering.references import reference_syntax

IMAGE_PATTERN = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)(?P<rest>[^)]*)\)")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}


@dataclass
class ImportOutcome:
    """What happened to one file: created, updated, skipped or failed."""

    path: Path
    status: str
    reason: str = ""
    line: int | None = None
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        detail = f": {self.reason}" if self.reason else ""
        return f"{where}: {self.status}{detail}"


def _is_relative(src: str) -> bool:
    return not re.match(r"^([a-z][a-z0-9+.-]*:|/|#)", src, re.IGNORECASE)


def _stored_image(path: Path, stored: list):
    """The library image with this file's content, added to the library if new.

    A new image's file is appended to ``stored`` so a failed import can delete it.
    """
    image_model = get_image_model()
    with path.open("rb") as handle:
        digest = hash_filelike(handle)
    image = image_model.objects.filter(file_hash=digest).first()
    if image is None:
        with path.open("rb") as handle:
            image = image_model(title=path.stem, file=ImageFile(handle, name=path.name))
            image.file_size = path.stat().st_size
            image.file_hash = digest
            image.save()
        stored.append(image.file)
    return image


def rewrite_images(
    body: str, folder: Path, dry_run: bool, stored: list | None = None
) -> str:
    """Import images referenced by relative path; point the markdown at them."""
    stored = [] if stored is None else stored

    def replace(match: re.Match) -> str:
        src = match.group("src")
        if not _is_relative(src):
            return match.group(0)
        path = (folder / src).resolve()
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            raise MarkdownFileError(f"image '{src}' is not a supported image type")
        if not path.is_file():
            raise MarkdownFileError(f"image '{src}' not found next to the file")
        if dry_run:
            return match.group(0)
        url = _stored_image(path, stored).file.url
        alt, rest = match.group("alt"), match.group("rest")
        return f"![{alt}]({url}{rest})"

    return IMAGE_PATTERN.sub(replace, body)


def _describe_validation(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            name + ": " + " ".join(messages)
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def default_parent(spec: str | None) -> BlogIndexPage:
    """The blog index named by id or slug, or the first one in the tree."""
    indexes = BlogIndexPage.objects.order_by("path")
    if spec is None:
        parent = indexes.first()
    elif spec.isdigit():
        parent = indexes.filter(pk=int(spec)).first()
    else:
        parent = indexes.filter(slug=spec).first()
    if parent is None:
        wanted = spec or "(any)"
        raise LookupError(f"no blog index page matches '{wanted}'")
    return parent


def _save(parent: BlogIndexPage, source: PostSource, body: str, draft: bool) -> str:
    fields = {**source.page_fields(), "body": [{"type": "markdown", "value": body}]}
    existing = PaperPostPage.objects.child_of(parent).filter(slug=source.slug).first()
    if existing is None:
        page = PaperPostPage(slug=source.slug, live=not draft, **fields)
        page.tags.add(*source.tags)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if not draft:
            revision.publish()
        return "created"
    page = existing.get_latest_revision_as_object()
    changed = changed_fields(page, fields)
    tags_changed = sorted(t.name for t in page.tags.all()) != sorted(source.tags)
    needs_publish = not draft and (
        not existing.live or existing.has_unpublished_changes
    )
    if not changed and not tags_changed and not needs_publish:
        return "skipped"
    for name in changed:
        setattr(page, name, fields[name])
    if tags_changed:
        page.tags.clear()
        page.tags.add(*source.tags)
    revision = page.save_revision()
    if not draft:
        revision.publish()
    return "updated"


def _import(path: Path, parent: BlogIndexPage, dry_run: bool, stored: list):
    source = parse(read_text(path))
    with transaction.atomic():
        body = rewrite_images(source.body, path.parent, dry_run, stored)
        unknown = reference_syntax().unknown(body)
        status = _save(parent, source, body, source.draft or bool(unknown))
        if dry_run:
            transaction.set_rollback(True)
    outcome = ImportOutcome(path, status, notes=list(source.notes))
    if unknown:
        names = ", ".join(unknown)
        outcome.notes.append(
            f"saved as a draft: unknown reference(s) {names}; "
            "create the glossary term or episode, then publish"
        )
    return outcome


def import_file(path: Path, parent: BlogIndexPage, dry_run: bool = False):
    """Import one file as a post in its own transaction; never raises."""
    stored: list = []
    try:
        return _import(path, parent, dry_run, stored)
    except MarkdownFileError as error:
        outcome = ImportOutcome(path, "failed", error.reason, error.line)
    except ValidationError as error:
        outcome = ImportOutcome(path, "failed", _describe_validation(error))
    except (DatabaseError, OSError, ValueError, TypeError) as error:
        kind = type(error).__name__
        outcome = ImportOutcome(path, "failed", f"{kind}: {error}")
    # The image rows were rolled back with the page; their files go too.
    for image_file in stored:
        image_file.storage.delete(image_file.name)
    return outcome


def _markdown_body(page: PaperPostPage) -> tuple[str, list[str]]:
    parts, dropped = [], []
    for block in page.body:
        if block.block_type == "markdown":
            parts.append(block.value or "")
        elif block.block_type == "heading":
            parts.append("#" * int(block.value["level"]) + " " + block.value["text"])
        else:
            dropped.append(block.block_type)
    return "\n\n".join(parts), dropped


def post_source(page: PaperPostPage) -> tuple[PostSource, list[str]]:
    """A post's latest revision as a PostSource, and the block types left out."""
    latest = page.get_latest_revision_as_object()
    body, dropped = _markdown_body(latest)
    paper = {}
    for key, name in PAPER_KEYS.items():
        value = getattr(latest, name)
        if value not in (None, ""):
            paper[key] = value
    source = PostSource(
        title=latest.title,
        slug=latest.slug,
        dek=latest.dek,
        date=latest.date,
        body=body,
        tags=sorted(tag.name for tag in latest.tags.all()),
        paper=paper,
        draft=not page.live,
    )
    return source, dropped


def export_posts(folder: Path) -> list[str]:
    """Write every post to ``folder/<slug>.md``; one line per file or problem."""
    folder.mkdir(parents=True, exist_ok=True)
    lines, used = [], set()
    for page in PaperPostPage.objects.order_by("path"):
        source, dropped = post_source(page)
        name = f"{source.slug}.md"
        if name in used:
            parent_slug = page.get_parent().slug
            name = f"{parent_slug}-{source.slug}.md"
        used.add(name)
        target = folder / name
        target.write_text(render(source), encoding="utf-8")
        lines.append(f"wrote {target}")
        if dropped:
            kinds = ", ".join(dropped)
            lines.append(f"{target}: left out block(s) with no markdown form: {kinds}")
    return lines
