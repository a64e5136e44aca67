"""Former home of the front-matter format; the names now live in blog.markdown."""

from blog.markdown import MAX_FILE_BYTES, MAX_FILE_MB, PAPER_KEYS, parse, render

__all__ = ["MAX_FILE_BYTES", "MAX_FILE_MB", "PAPER_KEYS", "parse", "render"]
