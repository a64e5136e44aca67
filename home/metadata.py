"""schema.org structured data shared by every kind of page."""

SCHEMA = "https://schema.org"


def breadcrumb_list(request, crumbs: list[tuple[str, str]]) -> dict:
    """schema.org BreadcrumbList from (name, url) pairs, outermost first."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(url) if request else url,
            }
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }
