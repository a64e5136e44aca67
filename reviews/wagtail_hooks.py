"""Admin registration for glossary terms and episodes."""

from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from reviews.models import Episode, GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    """Glossary terms in the admin: searchable, filterable by status."""

    model = GlossaryTerm
    icon = "help"
    menu_label = "Glossary"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["term", "slug", "definition", UpdatedAtColumn()]
    list_filter = ["live"]
    search_fields = ["term", "aliases", "definition"]


class EpisodeViewSet(SnippetViewSet):
    """Episodes in the admin: searchable by code and title."""

    model = Episode
    icon = "media"
    menu_label = "Episodes"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["code", "title", "date", UpdatedAtColumn()]
    list_filter = ["live"]
    search_fields = ["code", "title", "summary"]


register_snippet(GlossaryTermViewSet)
register_snippet(EpisodeViewSet)
