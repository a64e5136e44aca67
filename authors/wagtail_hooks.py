"""Admin registration for authors."""

from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from authors.models import Author


class AuthorViewSet(SnippetViewSet):
    """Authors in the admin: searchable by name, filterable by status."""

    model = Author
    icon = "user"
    menu_label = "Authors"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "slug", UpdatedAtColumn()]
    list_filter = ["live", "has_unpublished_changes"]


register_snippet(AuthorViewSet)
