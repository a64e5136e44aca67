"""Demo content helpers: idempotent page creation keyed by slug, and the home page."""

from django.db import transaction
from wagtail.models import Page, Site

from home.models import HomePage

HOME_INTRO = (
    "Long reads on what research papers actually say, literature reviews built "
    "from short paper digests, and a glossary for the terms in between."
)


def ensure_page(parent: Page, model, slug: str, **fields):
    """The child of ``parent`` with ``slug``, created and published on first call.

    An existing page is left untouched, so a second run adds no revisions.
    """
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


@transaction.atomic
def ensure_home_page() -> HomePage:
    """The site's HomePage (created by migration), with the demo introduction."""
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get(pk=site.root_page_id)
    if home.intro != HOME_INTRO or home.title != "Scholia":
        home.title = "Scholia"
        home.intro = HOME_INTRO
        home.save_revision().publish()
    return home
