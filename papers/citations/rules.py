"""What a citation looks like: [@key], [@key, p. 4], [@a; @b]."""

import re
from dataclasses import dataclass

KEY = r"[A-Za-z0-9_](?:[\w:.\-]*[A-Za-z0-9_])?"
_ITEM = rf"@{KEY}(?:,[^;\[\]\n]*)?"
CITATION_RE = re.compile(rf"\[\s*({_ITEM}(?:\s*;\s*{_ITEM})*)\s*\]")
_ITEM_RE = re.compile(rf"@({KEY})(?:,\s*([^;\[\]\n]*))?")


@dataclass(frozen=True)
class Citation:
    """One bracketed citation: the keys it cites, each with an optional locator."""

    items: tuple[tuple[str, str], ...]
    source: str

    @property
    def keys(self) -> list[str]:
        return [key for key, _locator in self.items]


def match_citation(text: str, pos: int = 0) -> tuple[Citation, int] | None:
    """The citation starting exactly at ``pos``, and where it ends."""
    match = CITATION_RE.match(text, pos)
    if match is None:
        return None
    items = tuple(
        (item.group(1), (item.group(2) or "").strip())
        for item in _ITEM_RE.finditer(match.group(1))
    )
    return Citation(items, match.group(0)), match.end()


def scan_text(text: str):
    """(start, end, citation) for every citation in plain text, in order."""
    for match in CITATION_RE.finditer(text):
        found = match_citation(text, match.start())
        if found:
            yield match.start(), found[1], found[0]
