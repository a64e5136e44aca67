"""Which pages anonymous readers may see, without a query of its own.

Wagtail's ``PageQuerySet.public()`` reads every view restriction in a query
of its own each time it is called, and its view-restriction check before
serving a page reads the page's ancestors and then their restrictions: two
queries. Here both are folded into the query that needs them.
"""

from django.db.models import CharField, Exists, F, OuterRef
from django.db.models.functions import Coalesce, Length, Substr
from wagtail.models import Page, PageViewRestriction


def restricted_pages():
    """Restrictions on the outer page or any of its ancestors (an Exists subquery)."""
    # The restricted page is the outer page or an ancestor: its path is a prefix.
    prefix = Substr(
        OuterRef("path"), 1, Length(F("page__path")), output_field=CharField()
    )
    return PageViewRestriction.objects.filter(page__path=prefix)


def public(queryset):
    """``queryset.public()``, with the restrictions read inside the same query."""
    return queryset.exclude(Exists(restricted_pages()))


class OneQueryViewRestrictionsMixin:
    """Reads a page's view restrictions (its own and its ancestors') in one query."""

    def get_view_restrictions(self):
        # Same pages as Wagtail's: the page and its ancestors, each alias replaced
        # by its source page (an alias's alias_of is never itself an alias).
        paths = [
            self.path[:end]
            for end in range(self.steplen, len(self.path) + 1, self.steplen)
        ]
        targets = Page.objects.filter(path__in=paths).values(
            target=Coalesce("alias_of_id", "id")
        )
        return PageViewRestriction.objects.filter(page_id__in=targets)
