"""Server-side syntax highlighting with Pygments."""

from django.utils.safestring import SafeString, mark_safe
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

# The class markdown's codehilite uses too, so one stylesheet covers both.
HIGHLIGHT_CSS_CLASS = "highlight"

LANGUAGE_CHOICES = [
    ("text", "Plain text"),
    ("python", "Python"),
    ("bash", "Shell"),
    ("c", "C"),
    ("cpp", "C++"),
    ("cuda", "CUDA"),
    ("go", "Go"),
    ("java", "Java"),
    ("javascript", "JavaScript"),
    ("json", "JSON"),
    ("rust", "Rust"),
    ("sql", "SQL"),
    ("yaml", "YAML"),
    ("latex", "LaTeX"),
]


def highlight_code(code: str, language: str) -> SafeString:
    try:
        lexer = get_lexer_by_name(language, stripnl=False)
    except ClassNotFound:
        lexer = get_lexer_by_name("text", stripnl=False)
    formatter = HtmlFormatter(cssclass=HIGHLIGHT_CSS_CLASS, wrapcode=True)
    # Pygments escapes every token itself, so its output is safe HTML.
    return mark_safe(highlight(code, lexer, formatter))  # noqa: S308
