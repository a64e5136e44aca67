"""Images a markdown file refers to: checked like an admin upload, then stored.

Only files inside the folder being imported are read: a path that leaves it
(``../``, a site-root path that does not resolve inside it, a symbolic link
pointing outside) is refused. Each image passes the checks of Wagtail's
upload form (type by content, size, pixel count) before anything is stored.
"""

import re
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.utils.file import hash_filelike

from blog.markdown.front_matter import MarkdownFileError
from blog.markdown.segments import split_segments

IMAGE_PATTERN = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)(?P<rest>[^)]*)\)")
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


class ImageStore:
    """Finds, checks and stores the images of one file; remembers new files."""

    def __init__(self, root: Path, folder: Path):
        self.root = root.resolve()
        self.folder = folder
        self.stored: list = []

    def is_local(self, src: str) -> bool:
        return not EXTERNAL.match(src) and not src.startswith(settings.MEDIA_URL)

    def path_of(self, src: str, line: int | None) -> Path:
        """The file ``src`` names, refused unless it is inside the import folder."""
        name = unquote(src.split("#")[0].split("?")[0])
        # A site-root path (/assets/x.png) is looked up in the imported folder,
        # as the static-site generator that wrote it would.
        base = self.root if name.startswith("/") else self.folder
        try:
            path = (base / name.lstrip("/")).resolve()
        except (OSError, RuntimeError, ValueError) as error:
            raise MarkdownFileError(
                f"image '{src}' cannot be read: {error}", line
            ) from error
        if not path.is_relative_to(self.root):
            raise MarkdownFileError(
                f"image '{src}' is outside the folder being imported; refused", line
            )
        if not path.is_file():
            where = (
                "in the folder being imported"
                if base == self.root
                else "next to the file"
            )
            raise MarkdownFileError(f"image '{src}' not found {where}", line)
        return path

    def checked(self, path: Path, src: str, line: int | None) -> bytes:
        """The image's bytes, after the checks of Wagtail's upload form."""
        limit = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None)
        size = path.stat().st_size
        if limit is not None and size > limit:
            raise MarkdownFileError(
                f"image '{src}' refused: {filesizeformat(size)} is over the "
                f"{filesizeformat(limit)} limit",
                line,
            )
        data = path.read_bytes()
        try:
            WagtailImageField().clean(SimpleUploadedFile(path.name, data))
        except ValidationError as error:
            reason = " ".join(error.messages)
            raise MarkdownFileError(f"image '{src}' refused: {reason}", line) from None
        return data

    def image_for(self, src: str, line: int | None = None):
        """The library image for ``src``, stored if its content is new."""
        path = self.path_of(src, line)
        data = self.checked(path, src, line)
        image_model = get_image_model()
        digest = hash_filelike(BytesIO(data))
        image = image_model.objects.filter(file_hash=digest).first()
        if image is None:
            image = image_model(
                title=path.stem, file=ImageFile(BytesIO(data), name=path.name)
            )
            image.file_size = len(data)
            image.file_hash = digest
            self.stored.append(image.file)
            image.save()
        return image

    def discard_new_files(self) -> None:
        """Delete the files stored for a file whose import was rolled back."""
        for image_file in self.stored:
            if image_file.name:
                image_file.storage.delete(image_file.name)
        self.stored.clear()

    def rewrite(self, body: str, first_line: int = 1) -> str:
        """Import local images in prose; point the markdown at the library files."""
        parts = []
        for segment in split_segments(body, first_line):
            if segment.code:
                parts.append(segment.text)
                continue
            text = segment.text

            def replace(match: re.Match, segment=segment, text=text) -> str:
                src = match.group("src")
                if not self.is_local(src):
                    return match.group(0)
                line = segment.first_line + text.count("\n", 0, match.start())
                image = self.image_for(src, line)
                alt, rest = match.group("alt"), match.group("rest")
                return f"![{alt}]({image.file.url}{rest})"

            parts.append(IMAGE_PATTERN.sub(replace, text))
        return "\n".join(parts)
