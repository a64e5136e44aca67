"""Admin registration for paper records."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from papers.models import Paper
from papers.views import lookup_fields


class PaperViewSet(SnippetViewSet):
    """Papers in the admin: searchable, filterable by status."""

    model = Paper
    icon = "doc-full"
    menu_label = "Papers"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "citation_key", "year", "venue", UpdatedAtColumn()]
    list_filter = ["live", "has_unpublished_changes", "venue_kind"]


register_snippet(PaperViewSet)


@hooks.register("register_admin_urls")
def register_lookup_url():
    return [path("papers/lookup/", lookup_fields, name="papers_lookup")]


@hooks.register("insert_global_admin_js")
def paper_lookup_js():
    """The 'Fill from arXiv id or DOI' button (it appears only on a paper form)."""
    return format_html(
        '<script src="{}" data-lookup-url="{}" defer></script>',
        static("js/paper_lookup.js"),
        reverse("papers_lookup"),
    )
