"""Demo content helpers: idempotent pages and snippets keyed by slug, the home page.

Each ``sync_*`` helper compares what is stored with what the demo data asks
for and saves (and publishes) a revision only when something differs, so a
second run of ``load_demo_content`` adds no pages and no revisions.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from django.db import models
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from home.models import HomePage

HOME_INTRO = (
    "Long reads on what research papers actually say, literature reviews built "
    "from short paper digests, and a glossary for the terms in between."
)


def load_data(path: Path) -> dict:
    """A demo data file (YAML) shipped inside the repository."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _stream_data(field: StreamField, value) -> list[dict]:
    """A StreamField value as plain type/value pairs, without block ids."""
    block = field.stream_block
    raw = value.raw_data if hasattr(value, "raw_data") else value
    plain = [{"type": child["type"], "value": child["value"]} for child in raw]
    prepared = block.get_prep_value(block.to_python(plain))
    return [{"type": child["type"], "value": child["value"]} for child in prepared]


def changed_fields(instance: models.Model, fields: dict[str, Any]) -> list[str]:
    """The names in ``fields`` whose stored value differs from the wanted one."""
    changed = []
    for name, wanted in fields.items():
        field = instance._meta.get_field(name)
        current = getattr(instance, name)
        if isinstance(field, StreamField):
            differs = _stream_data(field, current) != _stream_data(field, wanted)
        else:
            differs = current != wanted
        if differs:
            changed.append(name)
    return changed


def sync_page(
    parent: Page,
    model: type[Page],
    slug: str,
    fields: dict[str, Any],
    relations: Callable[[Page], bool] | None = None,
) -> tuple[Page, str]:
    """Create, update or leave alone the child of ``parent`` with ``slug``.

    ``relations(page)`` sets the page's cluster relations (tags, ordered
    inlines) and returns True when it changed them. Returns the page and one
    of "created", "updated" or "unchanged".
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        if relations is not None:
            relations(page)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page, "created"
    changed = changed_fields(page, fields)
    for name in changed:
        setattr(page, name, fields[name])
    relations_changed = relations(page) if relations is not None else False
    if not changed and not relations_changed:
        return page, "unchanged"
    page.save_revision().publish()
    return page, "updated"


def sync_snippet(
    model: type[models.Model], key: str, fields: dict[str, Any]
) -> tuple[models.Model, str]:
    """Create, update or leave alone the published snippet whose ``key`` matches."""
    instance = model.objects.filter(**{key: fields[key]}).first()
    status = "created" if instance is None else "updated"
    if instance is None:
        instance = model(**fields)
    else:
        changed = changed_fields(instance, fields)
        if not changed:
            return instance, "unchanged"
        for name in changed:
            setattr(instance, name, fields[name])
    instance.full_clean()
    instance.save()
    instance.save_revision().publish()
    return instance, status


def ensure_home_page() -> HomePage:
    """The site's HomePage (created by migration), with the demo introduction."""
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get(pk=site.root_page_id)
    if home.intro != HOME_INTRO or home.title != "Scholia":
        home.title = "Scholia"
        home.intro = HOME_INTRO
        home.save_revision().publish()
    return home


def delete_children(parent: Page, slugs: list[str]) -> int:
    """Delete the children of ``parent`` with these slugs (and their subtrees)."""
    pages = list(Page.objects.child_of(parent).filter(slug__in=slugs))
    for page in pages:
        page.delete()
    return len(pages)
