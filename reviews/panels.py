"""Read-only admin panels for snippets: which pages use this term or episode."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.admin.panels import Panel

from reviews.references.usage import pages_referencing


class UsagePanel(Panel):
    """Lists the live pages that reference the edited object, linked to their editor."""

    def __init__(self, empty_text: str = "No published page yet.", **kwargs):
        super().__init__(**kwargs)
        self.empty_text = empty_text

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "empty_text": self.empty_text}

    class BoundPanel(Panel.BoundPanel):
        """The panel for one object: its usage as a list of links."""

        def render_html(self, parent_context=None):
            pages = list(pages_referencing(self.instance)) if self.instance.pk else []
            if not pages:
                return format_html("<p>{}</p>", self.panel.empty_text)
            return format_html(
                "<ul>{}</ul>",
                format_html_join(
                    "",
                    '<li><a href="{}">{}</a> <code>{}</code></li>',
                    (
                        (
                            reverse("wagtailadmin_pages:edit", args=[page.pk]),
                            page.title,
                            page.url or "",
                        )
                        for page in pages
                    ),
                ),
            )
