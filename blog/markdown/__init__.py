"""Markdown files with front matter as posts: reading, importing and exporting."""

from blog.markdown.exporter import export_posts, post_source
from blog.markdown.front_matter import MarkdownFileError
from blog.markdown.importer import ImportOutcome, default_parent, import_file
from blog.markdown.source import (
    MAX_FILE_BYTES,
    MAX_FILE_MB,
    PAPER_KEYS,
    PostSource,
    markdown_files,
    parse,
    read_text,
    render,
)

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_FILE_MB",
    "PAPER_KEYS",
    "ImportOutcome",
    "MarkdownFileError",
    "PostSource",
    "default_parent",
    "export_posts",
    "import_file",
    "markdown_files",
    "parse",
    "post_source",
    "read_text",
    "render",
]
