"""Admin registration for glossary terms and episodes."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.models import Page, ReferenceIndex
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from reviews.models import Episode, GlossaryTerm


def _page_references(model):
    """Subquery: rows of the reference index saying a page links this object."""
    return ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(model),
        to_object_id=Cast(OuterRef("pk"), CharField()),
        base_content_type=ContentType.objects.get_for_model(Page),
    )


class SnippetStatusFilterSet(WagtailFilterSet):
    """Filters shared by terms and episodes: live, pending changes, unused."""

    live = django_filters.BooleanFilter(label="Published")
    has_unpublished_changes = django_filters.BooleanFilter(
        label="Has unpublished changes"
    )
    unused = django_filters.BooleanFilter(
        label="Used by no page", method="filter_unused"
    )

    def filter_unused(self, queryset, name, value):
        if value is None:
            return queryset
        used = Exists(_page_references(queryset.model))
        return queryset.filter(~used if value else used)


class GlossaryTermFilterSet(SnippetStatusFilterSet):
    """Glossary term filters."""

    class Meta:
        model = GlossaryTerm
        fields = ["live", "has_unpublished_changes"]


class EpisodeFilterSet(SnippetStatusFilterSet):
    """Episode filters; 'used by no page' means cited by no topic or post."""

    class Meta:
        model = Episode
        fields = ["live", "has_unpublished_changes"]


class GlossaryTermViewSet(SnippetViewSet):
    """Glossary terms in the admin: searchable, filterable by status and use."""

    model = GlossaryTerm
    icon = "help"
    menu_label = "Glossary"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["term", "slug", "definition", UpdatedAtColumn()]
    filterset_class = GlossaryTermFilterSet
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
    filterset_class = EpisodeFilterSet


register_snippet(GlossaryTermViewSet)
register_snippet(EpisodeViewSet)
