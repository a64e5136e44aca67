"""What a reference looks like: the token rules every text format shares.

``[[target]]`` or ``[[target|label]]`` names a glossary term; ``E036`` (E and
three or more digits) names an episode when it is a whole word that starts the
text or follows whitespace or opening punctuation, so ``nndyn-E763``,
``x/E763`` and ``E763x`` are not references.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

# What may come right before an episode code: whitespace, opening punctuation
# or a dash between codes (E036–E040); never a hyphen, slash or letter.
BEFORE_A_CODE = "([{\"'“‘«–—"
TERM_RE = re.compile(r"\[\[([^\[\]|\n]{1,100}?)(?:\|([^\[\]\n]{1,200}?))?\]\]")
EPISODE_RE = re.compile(rf"(?<![^\s{re.escape(BEFORE_A_CODE)}])E\d{{3,}}(?!\w)")


@dataclass(frozen=True)
class Reference:
    """One reference found in text: a term or an episode, and what readers see."""

    kind: str  # "term" or "episode"
    target: str
    label: str

    @property
    def name(self) -> str:
        """How an error message names it: as the editor would have typed it."""
        return f"[[{self.target}]]" if self.kind == "term" else self.target


def continues_word(text: str) -> bool:
    """Whether a code right after ``text`` would be inside a word."""
    last = text[-1:]
    return bool(last) and not last.isspace() and last not in BEFORE_A_CODE


def match_term(text: str, pos: int = 0) -> tuple[Reference, int] | None:
    """The term reference starting exactly at ``pos``, and where it ends."""
    match = TERM_RE.match(text, pos)
    if match is None or not match.group(1).strip():
        return None
    target = match.group(1).strip()
    label = (match.group(2) or match.group(1)).strip() or target
    return Reference("term", target, label), match.end()


def episode_matches(text: str, *, glued: bool = False) -> Iterator[re.Match]:
    """Episode codes in a run of text.

    ``glued`` says the run continues a word (the text before it ended in a
    letter, a closing tag or code), so a code at its very start is not whole.
    """
    for match in EPISODE_RE.finditer(text):
        if match.start() == 0 and glued:
            continue
        yield match


def scan_text(
    text: str, *, glued: bool = False
) -> Iterator[tuple[int, int, Reference]]:
    """(start, end, reference) for every reference in plain text, in order.

    Used where there is no markdown (rich text's text nodes); markdown finds
    terms with its inline rule and episodes with :func:`episode_matches`.
    """
    spans = []
    for match in TERM_RE.finditer(text):
        found = match_term(text, match.start())
        if found:
            spans.append((match.start(), found[1], found[0]))
    for match in episode_matches(text, glued=glued):
        if not any(start <= match.start() < end for start, end, _ in spans):
            code = match.group(0)
            spans.append((match.start(), match.end(), Reference("episode", code, code)))
    return iter(sorted(spans, key=lambda span: span[0]))
