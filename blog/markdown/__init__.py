"""Markdown files with front matter as posts: reading, importing and exporting."""

from blog.markdown.exporter import export_posts, post_source
from blog.markdown.files import MAX_FILE_BYTES, MAX_FILE_MB, markdown_files, read_text
from blog.markdown.front_matter import MarkdownFileError
from blog.markdown.importer import ImportOutcome, default_parent, import_file
from blog.markdown.source import PAPER_KEYS, PostSource, parse, render

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
