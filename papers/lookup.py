"""Fill a paper from its identifier: arXiv's API (Atom), Crossref or DataCite (JSON).

One HTTP client with a timeout; answers are cached for a day; any failure to
reach a service becomes a :class:`LookupFailed` with a message an editor can act
on. Nothing here writes to the database: the admin form is filled and reviewed.
"""

import re

import httpx
from defusedxml import ElementTree
from django.core.cache import cache
from django.utils.html import strip_tags

from papers.identifiers import (
    ARXIV_RE,
    DOI_RE,
    normalise_arxiv_id,
    normalise_doi,
)

TIMEOUT = httpx.Timeout(8.0)
CACHE_SECONDS = 60 * 60 * 24
ARXIV_API = "https://export.arxiv.org/api/query"
CROSSREF_API = "https://api.crossref.org/works/"
DATACITE_API = "https://api.datacite.org/dois/"
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV_NS = "{http://arxiv.org/schemas/atom}"
CROSSREF_KINDS = {
    "proceedings-article": "conference",
    "journal-article": "journal",
    "posted-content": "preprint",
    "report": "report",
}


class LookupFailed(Exception):
    """The identifier could not be read or its service could not answer."""


def parse_identifier(text: str) -> tuple[str, str]:
    """("arxiv", id) or ("doi", doi) from an id, a DOI or either kind of URL."""
    text = (text or "").strip()
    doi = normalise_doi(text)
    if DOI_RE.match(doi):
        return "doi", doi
    arxiv_id = normalise_arxiv_id(text)
    if ARXIV_RE.match(arxiv_id):
        return "arxiv", arxiv_id
    raise LookupFailed(
        f"'{text}' is neither an arXiv id (2312.00752) nor a DOI (10.1145/…)."
    )


def lookup(text: str, client: httpx.Client | None = None) -> dict:
    """Paper fields (title, authors, year, venue, venue_kind, abstract, doi,
    arxiv_id) for an identifier, from the cache or the service that owns it."""
    kind, identifier = parse_identifier(text)
    key = f"scholia:paper-lookup:{kind}:{identifier.lower()}"
    found = cache.get(key)
    if found is None:
        with client or httpx.Client(timeout=TIMEOUT, follow_redirects=True) as http:
            found = (
                from_arxiv(http, identifier)
                if kind == "arxiv"
                else from_doi(http, identifier)
            )
        cache.set(key, found, CACHE_SECONDS)
    return found


def _get(http: httpx.Client, service: str, url: str, **params) -> httpx.Response:
    try:
        return http.get(url, params=params or None)
    except httpx.TimeoutException as error:
        raise LookupFailed(f"{service} did not answer in time; try again.") from error
    except httpx.TransportError as error:
        raise LookupFailed(
            f"Could not reach {service} (offline?); fill the fields by hand."
        ) from error


def from_arxiv(http: httpx.Client, arxiv_id: str) -> dict:
    response = _get(http, "arXiv", ARXIV_API, id_list=arxiv_id)
    if response.status_code != 200:
        raise LookupFailed(f"arXiv answered {response.status_code}.")
    entry = ElementTree.fromstring(response.content).find(f"{ATOM}entry")
    title = entry.findtext(f"{ATOM}title") if entry is not None else None
    if not title or entry.find(f"{ATOM}id") is None:
        raise LookupFailed(f"arXiv has no paper {arxiv_id}.")
    doi = entry.findtext(f"{ARXIV_NS}doi") or ""
    journal = entry.findtext(f"{ARXIV_NS}journal_ref") or ""
    return {
        "title": " ".join(title.split()),
        "authors": [
            " ".join(author.findtext(f"{ATOM}name", "").split())
            for author in entry.findall(f"{ATOM}author")
        ],
        "year": int(entry.findtext(f"{ATOM}published", "0000")[:4]) or None,
        "venue": journal,
        "venue_kind": "journal" if journal else "preprint",
        "abstract": " ".join((entry.findtext(f"{ATOM}summary") or "").split()),
        "doi": doi,
        "arxiv_id": arxiv_id,
    }


def from_doi(http: httpx.Client, doi: str) -> dict:
    response = _get(http, "Crossref", CROSSREF_API + doi)
    if response.status_code == 200:
        return _crossref(response.json()["message"], doi)
    if response.status_code != 404:
        raise LookupFailed(f"Crossref answered {response.status_code}.")
    # Not a Crossref DOI: arXiv's and many data DOIs are registered with DataCite.
    response = _get(http, "DataCite", DATACITE_API + doi)
    if response.status_code == 404:
        raise LookupFailed(f"Neither Crossref nor DataCite knows the DOI {doi}.")
    if response.status_code != 200:
        raise LookupFailed(f"DataCite answered {response.status_code}.")
    return _datacite(response.json()["data"]["attributes"], doi)


def _crossref(message: dict, doi: str) -> dict:
    issued = (message.get("issued") or {}).get("date-parts") or [[None]]
    return {
        "title": " ".join((message.get("title") or [""])[0].split()),
        "authors": [
            " ".join(part for part in (a.get("given"), a.get("family")) if part)
            or a.get("name", "")
            for a in message.get("author", [])
        ],
        "year": issued[0][0],
        "venue": (message.get("container-title") or [""])[0],
        "venue_kind": CROSSREF_KINDS.get(message.get("type"), "conference"),
        "abstract": " ".join(strip_tags(message.get("abstract", "")).split()),
        "doi": message.get("DOI", doi),
        "arxiv_id": "",
    }


def _datacite(attributes: dict, doi: str) -> dict:
    abstract = next(
        (
            d.get("description", "")
            for d in attributes.get("descriptions", [])
            if d.get("descriptionType") == "Abstract"
        ),
        "",
    )
    arxiv = re.search(r"arxiv\.(\d{4}\.\d{4,5})$", doi, re.I)
    publisher = attributes.get("publisher") or ""
    if isinstance(publisher, dict):  # the API's newer shape: {"name": …}
        publisher = publisher.get("name", "")
    return {
        "title": (attributes.get("titles") or [{}])[0].get("title", ""),
        "authors": [
            " ".join(part for part in (c.get("givenName"), c.get("familyName")) if part)
            or c.get("name", "")
            for c in attributes.get("creators", [])
        ],
        "year": attributes.get("publicationYear"),
        "venue": "" if arxiv else publisher,
        "venue_kind": "preprint" if arxiv else "report",
        "abstract": " ".join(abstract.split()),
        "doi": attributes.get("doi", doi),
        "arxiv_id": arxiv.group(1) if arxiv else "",
    }
