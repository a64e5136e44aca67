"""Finding, resolving and linking [[term]] and E036 references in text."""

import itertools
import re
from collections.abc import Iterator

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from reviews.references.table import reference_table

TERM_PATTERN = re.compile(r"\[\[([^\[\]|\n]{1,100}?)(?:\|([^\[\]\n]{1,200}?))?\]\]")
EPISODE_PATTERN = re.compile(r"\b(E\d{3,})\b")
REFERENCE_PATTERN = re.compile(f"{TERM_PATTERN.pattern}|{EPISODE_PATTERN.pattern}")

# Text inside these elements is never a reference: code shows syntax literally,
# links must not nest, and math belongs to KaTeX.
_SKIP_TAGS = {"a", "code", "pre", "script", "style", "kbd", "samp"}
_TAG_SPLIT = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"^</?\s*([a-zA-Z0-9]+)")
_CODE_IN_SOURCE = re.compile(
    r"(```.*?```|~~~.*?~~~|`[^`\n]*`|<(code|pre)\b.*?</\2>|\$\$.*?\$\$)", re.DOTALL
)

_tooltip_ids = itertools.count(1)


def scannable(text: str) -> str:
    """Source text with code and display math removed, as rendering will skip them."""
    return _CODE_IN_SOURCE.sub(" ", text or "")


class ReferenceSyntax:
    """What `home` calls (through settings) to link, extract and validate references."""

    def find(self, text: str) -> Iterator[tuple[str, str]]:
        """Yield ("term", target) and ("episode", code) for each reference in text."""
        for match in REFERENCE_PATTERN.finditer(scannable(text)):
            if match.group(1):
                yield "term", match.group(1).strip()
            else:
                yield "episode", match.group(3)

    def references(self, text: str):
        from reviews.models import Episode, GlossaryTerm

        table = reference_table()
        for kind, target in self.find(text):
            entry = table.term(target) if kind == "term" else table.episode(target)
            if entry is not None:
                yield (GlossaryTerm if kind == "term" else Episode), str(entry.pk)

    def unknown(self, text: str) -> list[str]:
        table = reference_table()
        names: list[str] = []
        for kind, target in self.find(text):
            if kind == "term" and table.term(target) is None:
                name = f"[[{target}]]"
            elif kind == "episode" and table.episode(target) is None:
                name = target
            else:
                continue
            if name not in names:
                names.append(name)
        return names

    def link_html(self, html: str) -> str:
        """Turn references in the text nodes of an HTML fragment into links."""
        if "[[" not in html and not EPISODE_PATTERN.search(html):
            return html
        table = reference_table()
        parts = []
        skipping: list[str] = []
        for chunk in _TAG_SPLIT.split(html):
            if chunk.startswith("<"):
                parts.append(chunk)
                name_match = _TAG_NAME.match(chunk)
                name = name_match.group(1).lower() if name_match else ""
                closing = chunk.startswith("</")
                if skipping and name == skipping[-1] and closing:
                    skipping.pop()
                elif (
                    not closing
                    and not chunk.endswith("/>")
                    and (
                        name in _SKIP_TAGS
                        or "arithmatex" in chunk
                        or (skipping and name == skipping[-1])
                    )
                ):
                    skipping.append(name)
            elif skipping:
                parts.append(chunk)
            else:
                parts.append(REFERENCE_PATTERN.sub(lambda m: _link(m, table), chunk))
        return "".join(parts)


def _link(match: re.Match, table) -> str:
    if match.group(3):
        code = match.group(3)
        episode = table.episode(code)
        if episode is None:
            return format_html('<span class="reference-unknown">{}</span>', code)
        return format_html(
            '<a class="episode-ref" href="{}" data-episode="{}" title="{}">{}</a>',
            episode.url,
            episode.code,
            episode.title,
            episode.code,
        )
    target, label = match.group(1).strip(), (match.group(2) or match.group(1)).strip()
    term = table.term(target)
    if term is None:
        return format_html('<span class="reference-unknown">{}</span>', label)
    tooltip_id = f"term-tip-{next(_tooltip_ids)}"
    # The label comes from already-escaped HTML text, so it is not escaped again.
    return format_html(
        '<a class="term" href="{}" data-term="{}" aria-describedby="{}">{}</a>'
        '<span class="term-tip" role="tooltip" id="{}">{}</span>',
        term.url,
        term.slug,
        tooltip_id,
        _already_escaped(label),
        tooltip_id,
        term.definition,
    )


def _already_escaped(text: str) -> SafeString:
    # Only ever text between tags of sanitised HTML: no '<' can be in it.
    return mark_safe(text.replace("<", escape("<")))  # noqa: S308
