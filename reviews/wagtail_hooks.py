"""Admin registration for glossary terms and episodes."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.models import Page, ReferenceIndex
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from reviews.models import Episode, GlossaryTerm


def _page_references(model):
    """Subquery: rows of the reference index saying a page links this object."""
    return ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(model),
        to_object_id=Cast(OuterRef("pk"), CharField()),
        base_content_type=ContentType.objects.get_for_model(Page),
    )


class UsageFilterSet(WagtailFilterSet):
    """Adds "Used by no page" to the filters each viewset's list_filter declares."""

    unused = django_filters.BooleanFilter(
        label="Used by no page", method="filter_unused"
    )

    def filter_unused(self, queryset, name, value):
        if value is None:
            return queryset
        used = Exists(_page_references(queryset.model))
        return queryset.filter(~used if value else used)


class UsageFilteringIndexView(IndexView):
    """The snippet listing, with the usage filter beside the list_filter ones."""

    base_filterset_class = UsageFilterSet


class GlossaryTermViewSet(SnippetViewSet):
    """Glossary terms in the admin: searchable, filterable by status and use."""

    model = GlossaryTerm
    icon = "help"
    menu_label = "Glossary"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["term", "slug", "definition", UpdatedAtColumn()]
    index_view_class = UsageFilteringIndexView
    list_filter = ["live", "has_unpublished_changes"]
    # Search uses the model's index fields; naming columns here (search_fields)
    # fails on the SQLite full-text backend ("no such column").


class EpisodeViewSet(SnippetViewSet):
    """Episodes in the admin: searchable by code and title, filterable by use."""

    model = Episode
    icon = "media"
    menu_label = "Episodes"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["code", "title", "date", UpdatedAtColumn()]
    index_view_class = UsageFilteringIndexView
    list_filter = ["live", "has_unpublished_changes"]


register_snippet(GlossaryTermViewSet)
register_snippet(EpisodeViewSet)
