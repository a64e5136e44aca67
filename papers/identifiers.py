"""DOIs, arXiv ids and citation keys: validation, normalisation, generation."""

import re
import unicodedata

from django.core.validators import RegexValidator

ARXIV_RE = re.compile(
    r"^(?:\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$"
)
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_ARXIV_URL = re.compile(r"^(?:https?://)?(?:www\.)?arxiv\.org/(?:abs|pdf)/", re.I)
_DOI_URL = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/|^doi:\s*", re.I)
# Words that never make a citation key: the key takes the first other word.
STOPWORDS = frozenset(
    "a an the on of in for to and with is are be by from at as towards toward via "
    "what how why when do does can we you your all need its it not".split()
)

arxiv_id_validator = RegexValidator(
    ARXIV_RE, "Enter an arXiv identifier such as 2401.12345 or 2401.12345v2."
)
doi_validator = RegexValidator(
    DOI_RE, "Enter a DOI such as 10.1145/3292500.3330701 (without https://doi.org/)."
)


def normalise_arxiv_id(value: str) -> str:
    """An arXiv id from an id, an abs/pdf URL or 'arXiv:…' (not validated)."""
    value = _ARXIV_URL.sub("", (value or "").strip())
    value = re.sub(r"^arxiv:\s*", "", value, flags=re.I)
    return value.removesuffix(".pdf").strip("/")


def normalise_doi(value: str) -> str:
    """A bare DOI from a DOI, a doi.org URL or 'doi:…' (not validated)."""
    return _DOI_URL.sub("", (value or "").strip())


def arxiv_base_id(arxiv_id: str) -> str:
    """The id without its version: 2401.12345v2 → 2401.12345."""
    return re.sub(r"v\d+$", "", arxiv_id or "")


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def surname(name: str) -> str:
    """'Albert Gu' → 'Gu'; 'Gu, Albert' → 'Gu'."""
    name = (name or "").strip()
    if "," in name:
        return name.split(",", 1)[0].strip()
    return name.split()[-1] if name.split() else ""


def citation_key_base(first_author: str, year: int | None, title: str) -> str:
    """gu2023mamba: first author's surname, year, first significant title word."""
    words = [_ascii_word(word) for word in re.split(r"[\s\-:/]+", title or "")]
    significant = [word for word in words if word and word not in STOPWORDS]
    parts = [_ascii_word(surname(first_author)), str(year or ""), *significant[:1]]
    return "".join(parts) or "paper"
