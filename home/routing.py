"""Routing to a child page in one query instead of Wagtail's two."""

from collections.abc import Iterable

from django.http import Http404
from wagtail.models import Page


def _model_names(page_types: Iterable[str]) -> list[str]:
    return [page_type.rsplit(".", 1)[-1].lower() for page_type in page_types]


def specific_child(parent: Page, slug: str, page_types: Iterable[str]) -> Page | None:
    """The child with this slug as its specific class, joined in one query.

    ``page_types`` are the parent's ``subpage_types`` ("app.Model" strings), so
    `home` names the apps below it without importing them.
    """
    names = _model_names(page_types)
    child = Page.objects.child_of(parent).filter(slug=slug).select_related(*names)
    child = child.first()
    if child is None:
        return None
    name = child.specific_class._meta.model_name if child.specific_class else ""
    specific = getattr(child, name, None) if name in names else None
    specific = specific or child.specific
    # Treebeard's get_parent() reads this instead of querying.
    specific._cached_parent_obj = parent
    return specific


class SpecificChildRouteMixin:
    """Routes to children with ``specific_child``: one query per URL segment."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        child = specific_child(self, path_components[0], self.subpage_types)
        if child is None:
            raise Http404
        return child.route(request, path_components[1:])
