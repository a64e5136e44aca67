"""schema.org structured data shared by every kind of page."""

from home.origin import absolute_url

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
                "item": absolute_url(url, request),
            }
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }
