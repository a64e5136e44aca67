"""The site header's sections: the root page's live, public "Show in menus" children.

Read from the database on every request (one query) rather than cached, so a
publish, unpublish or menu change made by any process shows on the next request.
"""

from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page, PageViewRestriction, Site


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


def site_sections(request) -> list[Page]:
    """The header's sections for the request's site (none without a site)."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    # find_for_request selects the root page with the site: no query for it here.
    return list(menu_pages(site.root_page))
