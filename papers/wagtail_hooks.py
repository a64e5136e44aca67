"""Admin registration for paper records."""

from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from papers.models import Paper


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
