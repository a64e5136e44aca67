"""What scholarly tools read about a paper: schema.org and Highwire Press tags."""

from papers.models import Paper, VenueKind


def identifiers(paper: Paper) -> list[dict]:
    """schema.org PropertyValue identifiers: DOI and arXiv id."""
    found = []
    if paper.doi:
        found.append(
            {"@type": "PropertyValue", "propertyID": "DOI", "value": paper.doi}
        )
    if paper.arxiv_id:
        found.append(
            {"@type": "PropertyValue", "propertyID": "arXiv", "value": paper.arxiv_id}
        )
    return found


def scholarly_article(paper: Paper) -> dict:
    """The paper as a schema.org ScholarlyArticle."""
    article = {
        "@type": "ScholarlyArticle",
        "name": paper.title,
        "headline": paper.title,
    }
    names = paper.author_names()
    if names:
        article["author"] = [{"@type": "Person", "name": name} for name in names]
    if paper.year:
        article["datePublished"] = str(paper.year)
    if paper.venue:
        article["isPartOf"] = {"@type": "Periodical", "name": paper.venue}
    if paper.link:
        article["url"] = paper.link
    found = identifiers(paper)
    if found:
        article["identifier"] = found
    sames = [link for link in (paper.doi_url, paper.arxiv_url) if link]
    if sames:
        article["sameAs"] = sames
    return article


def highwire_tags(paper: Paper) -> list[tuple[str, str]]:
    """Highwire Press ``citation_*`` meta tags (name, content) for the paper."""
    tags = [("citation_title", paper.title)]
    tags += [("citation_author", name) for name in paper.author_names()]
    if paper.year:
        tags.append(("citation_publication_date", str(paper.year)))
    if paper.venue:
        name = (
            "citation_journal_title"
            if paper.venue_kind == VenueKind.JOURNAL
            else "citation_conference_title"
            if paper.venue_kind == VenueKind.CONFERENCE
            else "citation_technical_report_institution"
            if paper.venue_kind == VenueKind.REPORT
            else ""
        )
        if name:
            tags.append((name, paper.venue))
    if paper.doi:
        tags.append(("citation_doi", paper.doi))
    if paper.arxiv_id:
        tags.append(("citation_arxiv_id", paper.arxiv_id))
        tags.append(("citation_pdf_url", f"https://arxiv.org/pdf/{paper.arxiv_id}"))
    return tags
