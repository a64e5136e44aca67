"""Bibliographic formats: CSL-JSON items, and BibTeX and RIS written from them."""

import json
import re

from papers.identifiers import surname
from papers.models import Paper, VenueKind

CSL_TYPES = {
    VenueKind.CONFERENCE: "paper-conference",
    VenueKind.JOURNAL: "article-journal",
    VenueKind.PREPRINT: "article",
    VenueKind.REPORT: "report",
}
BIBTEX_TYPES = {
    "paper-conference": ("inproceedings", "booktitle"),
    "article-journal": ("article", "journal"),
    "article": ("misc", "howpublished"),
    "report": ("techreport", "institution"),
    "post-weblog": ("online", "organization"),
}
RIS_TYPES = {
    "paper-conference": "CONF",
    "article-journal": "JOUR",
    "article": "GEN",
    "report": "RPRT",
    "post-weblog": "BLOG",
}
_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def csl_name(name: str) -> dict:
    """'Albert Gu' → {'family': 'Gu', 'given': 'Albert'}."""
    family = surname(name)
    given = name.split(",", 1)[1] if "," in name else name[: -len(family)]
    given = given.strip()
    return {"family": family, "given": given} if given else {"family": family}


def paper_csl(paper: Paper) -> dict:
    """The paper as a CSL-JSON item."""
    item = {
        "id": paper.citation_key,
        "type": CSL_TYPES.get(paper.venue_kind, "article"),
        "title": paper.title,
        "author": [csl_name(name) for name in paper.author_names()],
    }
    if paper.year:
        item["issued"] = {"date-parts": [[paper.year]]}
    if paper.venue:
        item["container-title"] = paper.venue
    if paper.doi:
        item["DOI"] = paper.doi
    if paper.link:
        item["URL"] = paper.link
    if paper.arxiv_id:
        item["number"] = f"arXiv:{paper.arxiv_id}"
    if paper.abstract:
        item["abstract"] = paper.abstract
    return item


def csl_json(items: list[dict]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2)


def _bibtex_value(text: str) -> str:
    return "{" + _BIBTEX_SPECIAL.sub(r"\\\1", str(text)) + "}"


def _date_parts(item: dict) -> list:
    return (item.get("issued") or {}).get("date-parts", [[]])[0]


def bibtex_entry(item: dict) -> str:
    """One BibTeX entry for a CSL item (biblatex field names where they differ)."""
    entry_type, venue_field = BIBTEX_TYPES.get(item["type"], ("misc", "howpublished"))
    names = [
        ", ".join(part for part in (name.get("family"), name.get("given")) if part)
        or name.get("literal", "")
        for name in item.get("author", [])
    ]
    fields = [("title", item["title"])]
    if names:
        fields.append(("author", " and ".join(names)))
    parts = _date_parts(item)
    if parts:
        fields.append(("year", parts[0]))
    if len(parts) > 1:
        fields.append(("date", "-".join(f"{part:02d}" for part in parts)))
    if item.get("container-title"):
        fields.append((venue_field, item["container-title"]))
    if item.get("DOI"):
        fields.append(("doi", item["DOI"]))
    number = item.get("number", "")
    if number.startswith("arXiv:"):
        fields += [("eprint", number[6:]), ("archiveprefix", "arXiv")]
    if item.get("URL"):
        fields.append(("url", item["URL"]))
    body = ",\n".join(f"  {name} = {_bibtex_value(value)}" for name, value in fields)
    return f"@{entry_type}{{{item['id']},\n{body}\n}}\n"


def bibtex(items: list[dict]) -> str:
    return "\n".join(bibtex_entry(item) for item in items)


def ris_record(item: dict) -> str:
    """One RIS record for a CSL item."""
    lines = [("TY", RIS_TYPES.get(item["type"], "GEN")), ("TI", item["title"])]
    for name in item.get("author", []):
        family, given = name.get("family", ""), name.get("given", "")
        lines.append(("AU", f"{family}, {given}" if given else family))
    parts = _date_parts(item)
    if parts:
        lines.append(("PY", str(parts[0])))
        lines.append(("DA", "/".join(f"{part:02d}" for part in parts)))
    if item.get("container-title"):
        lines.append(("T2", item["container-title"]))
    if item.get("DOI"):
        lines.append(("DO", item["DOI"]))
    if item.get("URL"):
        lines.append(("UR", item["URL"]))
    if item.get("abstract"):
        lines.append(("AB", item["abstract"]))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\n" for tag, value in lines)


def ris(items: list[dict]) -> str:
    return "\n".join(ris_record(item) for item in items)


def text_citation(item: dict) -> str:
    """A plain, APA-like citation: Authors (Year). Title. Container. URL"""
    names = [name.get("family") or name.get("literal", "") for name in item["author"]]
    authors = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else ""
    authors = authors or (names[0] if names else "")
    parts = _date_parts(item)
    year = f" ({parts[0]})" if parts else ""
    pieces = [
        f"{authors}{year}." if authors else f"{year.strip()}.",
        item["title"] + ".",
    ]
    if item.get("container-title"):
        pieces.append(item["container-title"] + ".")
    if item.get("URL"):
        pieces.append(item["URL"])
    return " ".join(piece for piece in pieces if piece.strip(". "))
