"""The site header's sections, cached so a page view spends no query on them."""

from django.core.cache import cache
from wagtail.models import Site

CACHE_KEY = "scholia:site-sections:{site_id}"
CACHE_SECONDS = 600


def site_sections(request) -> list[dict]:
    """Title and URL of each live section under the site's root page."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    key = CACHE_KEY.format(site_id=site.pk)
    sections = cache.get(key)
    if sections is None:
        root = site.root_page
        sections = [
            {"title": page.title, "url": page.get_url(request)}
            for page in root.get_children().live().public()
        ]
        cache.set(key, sections, CACHE_SECONDS)
    return sections


def forget_site_sections(**kwargs) -> None:
    """Drop every site's cached sections (a page was published or unpublished)."""
    cache.delete_many(
        [
            CACHE_KEY.format(site_id=pk)
            for pk in Site.objects.values_list("pk", flat=True)
        ]
    )
