"""Importing markdown files as posts, one transaction per file.

A file that fails leaves nothing behind (no page, revision, tag, image row or
image file) and never stops the others. Each file's transaction locks the
blog index row first, so two imports of one folder run file by file instead
of both creating the same post.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from blog.blocks import PostBodyBlock
from blog.markdown.blocks import split_blocks
from blog.markdown.files import read_text
from blog.markdown.front_matter import MarkdownFileError
from blog.markdown.images import ImageStore
from blog.markdown.source import PostSource, parse
from blog.models import BlogIndexPage, PaperPostPage
from home.field_changes import changed_fields
from home.rendering.references import reference_syntax


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


def _body_blocks(source: PostSource, images: ImageStore) -> list[dict]:
    known = set(PostBodyBlock.base_blocks)
    blocks = split_blocks(source.body, source.body_line, images.image_for, known)
    for block in blocks:
        if block["type"] == "markdown":
            block["value"] = images.rewrite(block["value"], block.pop("line"))
    return [block for block in blocks if block["value"] not in ("", None)]


def _save(parent: BlogIndexPage, source: PostSource, body: list, draft: bool) -> str:
    fields = {**source.page_fields(), "body": body}
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


def _unknown_references(body: list[dict]) -> list[str]:
    """Unknown [[term]]/episode references in the blocks that may hold them,
    each block read in its own format (rich text is HTML, not markdown)."""
    syntax = reference_syntax()
    names: list[str] = []
    for block in body:
        value = block["value"]
        if block["type"] == "markdown":
            found = syntax.unknown(value, "markdown")
        elif block["type"] == "rich_text":
            found = syntax.unknown(value, "richtext")
        elif block["type"] == "callout":
            found = syntax.unknown(value.get("text") or "", "markdown")
        else:
            continue
        names.extend(name for name in found if name not in names)
    return names


def _import(path: Path, parent_pk: int, dry_run: bool, images: ImageStore):
    source = parse(read_text(path), path.name)
    with transaction.atomic():
        # The lock serialises imports into one blog index (a no-op on SQLite,
        # which serialises writes anyway); the slug is looked up under it.
        parent = BlogIndexPage.objects.select_for_update().get(pk=parent_pk)
        body = _body_blocks(source, images)
        unknown = _unknown_references(body)
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


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def import_file(
    path: Path, parent: BlogIndexPage, dry_run: bool = False, root: Path | None = None
) -> ImportOutcome:
    """Import one file as a post in its own transaction; never raises.

    ``root`` is the folder being imported (default: the file's folder): the
    file and every image it names must be inside it.
    """
    root = root or path.parent
    images = ImageStore(root, path.parent)
    try:
        if not _inside(path, root):
            raise MarkdownFileError("file is outside the folder being imported")
        outcome = _import(path, parent.pk, dry_run, images)
    except MarkdownFileError as error:
        outcome = ImportOutcome(path, "failed", error.reason, error.line)
    except ValidationError as error:
        outcome = ImportOutcome(path, "failed", _describe_validation(error))
    except RecursionError:
        outcome = ImportOutcome(path, "failed", "nested too deeply to read")
    except Exception as error:  # a hostile file must not end the run
        kind = type(error).__name__
        outcome = ImportOutcome(path, "failed", f"{kind}: {error}"[:300])
    if outcome.status == "failed" or dry_run:
        # The image rows were rolled back with the page; their files go too.
        images.discard_new_files()
    return outcome
