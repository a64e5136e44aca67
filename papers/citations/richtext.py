"""Citations in rich text: the text nodes of its HTML outside links and code."""

from html.parser import HTMLParser

from django.utils.html import escape

from papers.citations.links import citation_html
from papers.citations.rules import scan_text
from papers.citations.table import CitationTable

SKIP_TAGS = {"a", "code", "pre", "kbd", "samp", "script", "style", "math"}
SKIP_CLASSES = {"citation", "reference-unknown", "katex", "math", "term-tip"}
VOID_TAGS = {"br", "hr", "img", "input", "wbr", "source", "col", "meta", "link"}


class _Splitter(HTMLParser):
    """Splits HTML into (markup, None) and (text, is_prose) parts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[str, bool | None]] = []
        self.open: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        self.parts.append((self.get_starttag_text(), None))
        if tag not in VOID_TAGS:
            classes = set((dict(attrs).get("class") or "").split())
            self.open.append((tag, tag in SKIP_TAGS or bool(classes & SKIP_CLASSES)))

    def handle_startendtag(self, tag, attrs):
        self.parts.append((self.get_starttag_text(), None))

    def handle_endtag(self, tag):
        self.parts.append((f"</{tag}>", None))
        names = [name for name, _skip in self.open]
        if tag in names:
            del self.open[len(names) - 1 - names[::-1].index(tag) :]

    def handle_data(self, data):
        self.parts.append((data, not any(skip for _name, skip in self.open)))

    def handle_comment(self, data):
        self.parts.append((f"<!--{data}-->", None))


def split_html(html: str) -> list[tuple[str, bool | None]]:
    splitter = _Splitter()
    splitter.feed(html or "")
    splitter.close()
    return splitter.parts


def find_in_html(html: str):
    for text, prose in split_html(html):
        if prose:
            for _start, _end, citation in scan_text(text):
                yield citation


def link_html(html: str, table: CitationTable, numbers: dict) -> str:
    output = []
    for text, prose in split_html(html):
        if prose is None:
            output.append(text)
            continue
        if not prose:
            output.append(escape(text))
            continue
        position = 0
        for start, end, citation in scan_text(text):
            output.append(escape(text[position:start]))
            output.append(citation_html(citation, table, numbers))
            position = end
        output.append(escape(text[position:]))
    return "".join(output)
