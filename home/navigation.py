"""What every page's chrome reads: the header's sections and the site settings.

Both live in the default cache (Redis in production, shared by every process),
so a page view reads neither from the database. Every change that could alter
them (a page published, unpublished, moved or deleted; a view restriction; a
Site or its settings saved) deletes them, in whichever process made it. The
entries also expire after CHROME_TIMEOUT seconds, which bounds the rare race
of a slow reader writing back what it read just before a change.
"""

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.urls import NoReverseMatch
from wagtail.models import Page, PageViewRestriction, Site

CHROME_TIMEOUT = 300
MENU_KEY = "scholia:chrome:menu:{site}"
SETTINGS_KEY = "scholia:chrome:site-settings:{site}"


def menu_pages(root: Page):
    """Live children of ``root`` shown in menus and readable by anyone.

    The same pages as ``root.get_children().live().public().in_menu()``, but
    the view-restriction check is a subquery, not a query of its own.
    """
    ancestor_paths = [
        root.path[:end] for end in range(root.steplen, len(root.path) + 1, root.steplen)
    ]
    restricted = PageViewRestriction.objects.filter(
        Q(page=OuterRef("pk")) | Q(page__path__in=ancestor_paths)
    )
    return root.get_children().live().in_menu().exclude(Exists(restricted))


def feed_urls(page, request) -> dict[str, str] | None:
    """RSS and Atom URLs of a section with ``feed``/``atom_feed`` routes, or None."""
    try:
        routes = {
            "rss": page.reverse_subpage("feed"),
            "atom": page.reverse_subpage("atom_feed"),
        }
    except (AttributeError, NoReverseMatch):
        return None
    base = page.get_url(request=request)
    return {kind: base + route for kind, route in routes.items()} if base else None


def site_sections(request) -> list[dict]:
    """The header's sections (title and URL) for the request's site."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    key = MENU_KEY.format(site=site.pk)
    sections = cache.get(key)
    if sections is None:
        # find_for_request selects the root page with the site: no query for it.
        sections = [
            {
                "title": page.title,
                "url": page.get_url(request=request),
                "feeds": feed_urls(page, request),
            }
            for page in menu_pages(site.root_page).specific(defer=True)
        ]
        cache.set(key, sections, CHROME_TIMEOUT)
    return sections


def cached_site_settings(model, site: Site):
    """``SiteSettings.for_site(site)`` through the default cache."""
    key = SETTINGS_KEY.format(site=site.pk)
    instance = cache.get(key)
    if instance is None:
        instance, _ = model.objects.get_or_create(site=site)
        cache.set(key, instance, CHROME_TIMEOUT)
    return instance


def forget_chrome(**kwargs) -> None:
    """Drop every cached header and settings entry (a signal receiver)."""
    site_ids = list(Site.objects.values_list("pk", flat=True))
    cache.delete_many(
        [MENU_KEY.format(site=pk) for pk in site_ids]
        + [SETTINGS_KEY.format(site=pk) for pk in site_ids]
    )


def connect_chrome_signals() -> None:
    """Clear the cached chrome on every change that could alter it."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from home.models import SiteSettings

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_chrome, dispatch_uid="chrome-page")
    post_delete.connect(_forget_on_page_delete, dispatch_uid="chrome-page-delete")
    for model in (PageViewRestriction, Site, SiteSettings):
        for signal in (post_save, post_delete):
            signal.connect(forget_chrome, sender=model, dispatch_uid=f"chrome-{model}")


def _forget_on_page_delete(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        forget_chrome()
