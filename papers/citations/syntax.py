"""The citation syntax `home` calls through settings.SCHOLIA_REFERENCE_SYNTAX."""

from collections.abc import Iterator

from django.apps import apps
from django.utils.safestring import SafeString, mark_safe

from home.rendering.markdown import parse
from home.rendering.text import stream_texts
from papers.citations.markdown import CITATION_TYPE, token_citation
from papers.citations.richtext import find_in_html
from papers.citations.richtext import link_html as link_rich_text
from papers.citations.rules import Citation
from papers.citations.table import citation_table, version

MARKDOWN, RICH_TEXT = "markdown", "richtext"


def _markdown_citations(tokens) -> Iterator[Citation]:
    for token in tokens:
        if token.type == CITATION_TYPE:
            yield token_citation(token)
        elif token.children:
            yield from _markdown_citations(token.children)


class CitationSyntax:
    """Finds, resolves, links and validates [@key] citations of Paper records.

    Markdown is read from the parser's token stream (the citation plugin's
    tokens), rich text from the text nodes of its HTML: rendering, the publish
    check and the reference index read the same list.
    """

    def find(self, text: str, text_format: str = MARKDOWN) -> Iterator[Citation]:
        if text_format == RICH_TEXT:
            return find_in_html(text or "")
        return _markdown_citations(parse(text or ""))

    def references(self, text: str, text_format: str = MARKDOWN):
        """(Paper, primary key) of each published paper cited."""
        table = citation_table()
        paper_model = apps.get_model("papers", "Paper")
        for citation in self.find(text, text_format):
            for key in citation.keys:
                entry = table.paper(key)
                if entry is not None:
                    yield paper_model, str(entry.pk)

    def unknown(self, text: str, text_format: str = MARKDOWN) -> list[str]:
        """Cited keys no published paper has, each named once as [@key]."""
        table = citation_table()
        names: list[str] = []
        for citation in self.find(text, text_format):
            for key in citation.keys:
                name = f"[@{key}]"
                if table.paper(key) is None and name not in names:
                    names.append(name)
        return names

    def link_html(self, html: str) -> SafeString:
        if "[@" not in html and "@" not in html:
            return mark_safe(html)  # noqa: S308 - returned unchanged
        return mark_safe(link_rich_text(html, citation_table(), {}))  # noqa: S308

    def version(self) -> str:
        return version()


def cited_keys(stream_value) -> list[str]:
    """Every key a stream cites, in order of first citation."""
    syntax = CitationSyntax()
    keys: list[str] = []
    for _path, text_format, text in stream_texts(stream_value):
        if "@" not in text:
            continue
        for citation in syntax.find(text, text_format):
            keys.extend(key for key in citation.keys if key not in keys)
    return keys


def cited_papers(*stream_values) -> list:
    """The published papers the streams cite, numbered in order of first citation."""
    keys: list[str] = []
    for stream_value in stream_values:
        keys.extend(key for key in cited_keys(stream_value) if key not in keys)
    if not keys:
        return []
    papers = {
        paper.citation_key: paper
        for paper in apps.get_model("papers", "Paper")
        .objects.filter(live=True, citation_key__in=keys)
        .prefetch_related("authors")
    }
    found = [papers[key] for key in keys if key in papers]
    for number, paper in enumerate(found, start=1):
        paper.number = number
    return found
