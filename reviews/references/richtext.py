"""References in rich text, found in its own structure: the text nodes of its HTML.

Wagtail stores rich text as HTML. It is parsed with an HTML parser, and only
text outside ``<a>``, ``<code>`` and ``<pre>`` is read, with the same token
rules as markdown (:mod:`reviews.references.rules`). Attributes and comments
are markup, never text, so nothing in them is a reference.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.html import escape

from reviews.references.links import reference_html
from reviews.references.rules import Reference, continues_word, scan_text
from reviews.references.table import ReferenceTable

SKIP_TAGS = {"a", "code", "pre", "kbd", "samp", "script", "style", "math"}
# Already rendered: a reference's own markup, or typeset math.
SKIP_CLASSES = {"term-tip", "reference-unknown", "katex", "math"}
VOID_TAGS = {"br", "hr", "img", "input", "wbr", "source", "col", "meta", "link"}
# Text after one of these starts afresh; after any other tag it may continue a word.
BOUNDARY_TAGS = {
    *("p", "br", "li", "ul", "ol", "div", "blockquote", "hr", "table", "tr", "td"),
    *("th", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption"),
}


@dataclass(frozen=True)
class Part:
    """A piece of an HTML fragment: markup kept as written, or a text node."""

    markup: str = ""
    text: str = ""
    prose: bool = False
    glued: bool = False


class _Splitter(HTMLParser):
    """Splits an HTML fragment into markup and text nodes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[Part] = []
        # Open elements, each with whether its text is skipped.
        self.open: list[tuple[str, bool]] = []
        self.glued = False

    def handle_starttag(self, tag, attrs):
        self.parts.append(Part(markup=self.get_starttag_text()))
        if tag not in VOID_TAGS:
            classes = set((dict(attrs).get("class") or "").split())
            self.open.append((tag, tag in SKIP_TAGS or bool(classes & SKIP_CLASSES)))
        self._after_tag(tag)

    def handle_startendtag(self, tag, attrs):
        self.parts.append(Part(markup=self.get_starttag_text()))
        self._after_tag(tag)

    def handle_endtag(self, tag):
        self.parts.append(Part(markup=f"</{tag}>"))
        names = [name for name, _skip in self.open]
        if tag in names:
            del self.open[len(names) - 1 - names[::-1].index(tag) :]
        self._after_tag(tag)

    def handle_data(self, data):
        prose = not any(skip for _name, skip in self.open)
        self.parts.append(Part(text=data, prose=prose, glued=self.glued))
        self.glued = continues_word(data)

    def handle_comment(self, data):
        self.parts.append(Part(markup=f"<!--{data}-->"))

    def handle_decl(self, decl):
        self.parts.append(Part(markup=f"<!{decl}>"))

    def handle_pi(self, data):
        self.parts.append(Part(markup=f"<?{data}>"))

    def unknown_decl(self, data):
        self.parts.append(Part(markup=f"<![{data}]>"))

    def _after_tag(self, tag: str) -> None:
        if tag in BOUNDARY_TAGS:
            self.glued = False


def split_html(html: str) -> list[Part]:
    splitter = _Splitter()
    splitter.feed(html or "")
    splitter.close()
    return splitter.parts


def find_in_html(html: str) -> Iterator[Reference]:
    """Every reference in the prose of an HTML fragment, in order."""
    for part in split_html(html):
        if part.prose:
            for _start, _end, reference in scan_text(part.text, glued=part.glued):
                yield reference


def link_html(html: str, table: ReferenceTable) -> str:
    """The fragment with each reference in its prose replaced by its markup."""
    output = []
    for part in split_html(html):
        if not part.prose:
            output.append(part.markup or escape(part.text))
            continue
        position = 0
        for start, end, reference in scan_text(part.text, glued=part.glued):
            output.append(escape(part.text[position:start]))
            output.append(reference_html(reference, table))
            position = end
        output.append(escape(part.text[position:]))
    return "".join(output)
