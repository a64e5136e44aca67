"""Finding markdown files under the folders named, and reading one safely."""

import os
from pathlib import Path

from blog.markdown.front_matter import MarkdownFileError

MAX_FILE_MB = 2
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
MARKDOWN_SUFFIXES = {".md", ".markdown"}


def read_text(path: Path) -> str:
    """The file as text; refuses oversized files and bytes that are not UTF-8."""
    if not path.is_file():
        raise MarkdownFileError("not a regular file")
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


def markdown_files(paths: list[Path]) -> list[Path]:
    """The files named, and every .md/.markdown file under the folders named.

    Symbolic links to folders are not followed, so a walk stays in its folder.
    """
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        for folder, folders, files in os.walk(path):
            folders.sort()
            found.extend(
                Path(folder) / name
                for name in sorted(files)
                if Path(name).suffix.lower() in MARKDOWN_SUFFIXES
            )
    return found
