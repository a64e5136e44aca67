"""distill.pub's custom elements mapped to markdown, with a note for each kind."""

import re

from blog.markdown.segments import split_segments

FOOTNOTE = re.compile(r"<d-footnote[^>]*>(?P<text>.*?)</d-footnote>", re.DOTALL)
CITE = re.compile(
    r"<d-cite\b[^>]*\bkey=[\"'](?P<keys>[^\"']*)[\"'][^>]*>(?:\s*</d-cite>)?"
)
MATH = re.compile(r"<d-math(?P<block>\s+block)?[^>]*>(?P<tex>.*?)</d-math>", re.DOTALL)
OTHER = re.compile(r"</?d-[a-z-]+\b[^>]*>")


def _prose(text: str, footnotes: list[str], notes: dict) -> str:
    def footnote(match: re.Match) -> str:
        footnotes.append(" ".join(match.group("text").split()))
        return f"[^d{len(footnotes)}]"

    def cite(match: re.Match) -> str:
        keys = [key.strip() for key in match.group("keys").split(",") if key.strip()]
        notes.setdefault("cite", []).extend(keys)
        return "[" + "; ".join(keys) + "]"

    def math(match: re.Match) -> str:
        notes["math"] = notes.get("math", 0) + 1
        tex = match.group("tex").strip()
        return f"\n$$\n{tex}\n$$\n" if match.group("block") else f"${tex}$"

    def other(match: re.Match) -> str:
        notes.setdefault("tags", set()).add(match.group(0).split()[0].strip("<>/"))
        return ""

    text = FOOTNOTE.sub(footnote, text)
    text = CITE.sub(cite, text)
    text = MATH.sub(math, text)
    return OTHER.sub(other, text)


def convert_distill(body: str) -> tuple[str, list[str]]:
    """The body with d-footnote, d-cite and d-math as markdown, and what changed."""
    if "<d-" not in body:
        return body, []
    footnotes: list[str] = []
    notes: dict = {}
    parts = [
        segment.text if segment.code else _prose(segment.text, footnotes, notes)
        for segment in split_segments(body)
    ]
    text = "\n".join(parts)
    messages = []
    if footnotes:
        text += "\n\n" + "\n".join(
            f"[^d{number}]: {note}" for number, note in enumerate(footnotes, start=1)
        )
        messages.append(f"{len(footnotes)} <d-footnote> became markdown footnotes")
    if notes.get("cite"):
        keys = ", ".join(dict.fromkeys(notes["cite"]))
        messages.append(
            f"<d-cite> keys kept as [key] text ({keys}): add the papers and "
            "write [@key] to cite them"
        )
    if notes.get("math"):
        messages.append(f"{notes['math']} <d-math> became $ math")
    if notes.get("tags"):
        names = ", ".join(sorted(notes["tags"]))
        messages.append(f"removed distill tags, kept their text: {names}")
    return text, messages
