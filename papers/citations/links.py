"""The HTML a citation becomes: numbered or author–year links to the References."""

from django.utils.html import format_html, format_html_join

from papers.citations.rules import Citation
from papers.citations.table import CitationTable


def anchor(key: str) -> str:
    """The id of a paper's entry in a page's References section."""
    return f"ref-{key}"


def citation_html(citation: Citation, table: CitationTable, numbers: dict) -> str:
    """Markup for one citation; ``numbers`` maps keys to their number on the page."""
    if any(table.paper(key) is None for key in citation.keys):
        return format_html('<span class="reference-unknown">{}</span>', citation.source)
    parts = []
    for key, locator in citation.items:
        number = numbers.setdefault(key, len(numbers) + 1)
        entry = table.paper(key)
        label = str(number) if table.style == "numbered" else entry.author_year
        parts.append(
            (anchor(key), entry.title, label, f", {locator}" if locator else "")
        )
    opening, closing = ("[", "]") if table.style == "numbered" else ("(", ")")
    return format_html(
        '<span class="citation">{}{}{}</span>',
        opening,
        format_html_join("; ", '<a href="#{}" title="{}">{}</a>{}', parts),
        closing,
    )
