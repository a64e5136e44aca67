"""Exporting posts as markdown files that import_markdown reads back.

Each post is written from its live revision; drafts (never published, or the
unpublished changes of a live post) only when asked, marked ``draft: true``.
Images (figure blocks, and markdown images under MEDIA_URL) are copied to
``images/`` next to the files and referred to by relative path.
"""

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from django.conf import settings
from wagtail.images import get_image_model

from blog.markdown.blocks import SPLIT, block_to_markdown
from blog.markdown.images import IMAGE_PATTERN
from blog.markdown.liquid import convert_templates
from blog.markdown.segments import split_segments
from blog.markdown.source import PAPER_KEYS, PostSource, render
from blog.models import PaperPostPage

IMAGES = "images"


class ImageCopier:
    """Copies library images into the export folder once each."""

    def __init__(self, folder: Path):
        self.folder = folder / IMAGES
        self.names: dict[str, str] = {}

    def _copy(self, storage_file) -> str:
        name = storage_file.name
        if name not in self.names:
            self.folder.mkdir(parents=True, exist_ok=True)
            target = PurePosixPath(name).name
            stem, suffix = Path(target).stem, Path(target).suffix
            number = 1
            while target in self.names.values():
                number += 1
                target = f"{stem}-{number}{suffix}"
            with storage_file.open("rb") as handle:
                (self.folder / target).write_bytes(handle.read())
            self.names[name] = target
        return f"{IMAGES}/{self.names[name]}"

    def for_image(self, pk: int) -> str:
        image = get_image_model().objects.filter(pk=pk).first()
        if image is None:
            raise LookupError(f"image {pk} no longer exists")
        return self._copy(image.file)

    def for_url(self, url: str) -> str:
        name = unquote(url.removeprefix(settings.MEDIA_URL))
        image = get_image_model().objects.filter(file=name).first()
        return self._copy(image.file) if image is not None else url


def _markdown_images(text: str, images: ImageCopier) -> str:
    def replace(match: re.Match) -> str:
        src = match.group("src")
        if not src.startswith(settings.MEDIA_URL):
            return match.group(0)
        alt, rest = match.group("alt"), match.group("rest")
        return f"![{alt}]({images.for_url(src)}{rest})"

    return "\n".join(
        segment.text if segment.code else IMAGE_PATTERN.sub(replace, segment.text)
        for segment in split_segments(text)
    )


def _body(page: PaperPostPage, images: ImageCopier) -> str:
    parts, previous = [], None
    for block in page.body:
        value = block.block.get_prep_value(block.value)
        if block.block_type == "markdown":
            if previous == "markdown":
                parts.append(SPLIT)
            parts.append(_markdown_images(value or "", images))
        else:
            parts.append(block_to_markdown(block.block_type, value, images.for_image))
        previous = block.block_type
    return "\n\n".join(parts)


def post_source(page: PaperPostPage, drafts: bool, images: ImageCopier):
    """The revision to export as a PostSource, or None when it is not exported."""
    latest = page.get_latest_revision_as_object()
    if page.live and not (drafts and page.has_unpublished_changes):
        chosen = page.live_revision.as_object() if page.live_revision else page
        draft = False
    elif drafts:
        chosen, draft = latest, True
    else:
        return None
    paper = {}
    for key, name in PAPER_KEYS.items():
        value = getattr(chosen, name)
        if value not in (None, ""):
            paper[key] = value
    body = _body(chosen, images)
    return PostSource(
        title=chosen.title,
        slug=chosen.slug,
        dek=chosen.dek,
        date=chosen.date,
        body=body,
        tags=sorted(tag.name for tag in chosen.tags.all()),
        paper=paper,
        draft=draft,
        # Text that looks like Liquid is the post's own; tell the importer.
        liquid=convert_templates(body)[0] == body,
    )


def export_posts(folder: Path, drafts: bool = False) -> list[str]:
    """Write posts to ``folder/<slug>.md``; one line per file or problem."""
    folder.mkdir(parents=True, exist_ok=True)
    images = ImageCopier(folder)
    lines, used = [], set()
    for page in PaperPostPage.objects.order_by("path"):
        try:
            source = post_source(page, drafts, images)
        except (LookupError, OSError, ValueError, KeyError, TypeError) as error:
            lines.append(f"skipped {page.slug}: {type(error).__name__}: {error}")
            continue
        if source is None:
            lines.append(f"skipped {page.slug}: draft (use --drafts)")
            continue
        name = f"{source.slug}.md"
        if name in used:
            name = f"{page.get_parent().slug}-{source.slug}.md"
        used.add(name)
        target = folder / name
        target.write_text(render(source), encoding="utf-8")
        lines.append(f"wrote {target}")
    return lines
