"""Demo content helpers: idempotent pages and snippets keyed by slug, the home page.

Each ``sync_*`` helper compares what is stored with what the demo data asks
for. It creates what is missing and leaves alone what already matches, so a
second run of ``load_demo_content`` adds no pages and no revisions. An object
that differs and has revisions was changed after the demo wrote it (by an
editor in the admin, an import, the shell): it is skipped, never overwritten,
unless ``force`` (``load_demo_content --reset``) asks for the demo version back.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import models
from wagtail.models import Page, Revision, Site

from home.field_changes import changed_fields
from home.models import HomePage

HOME_INTRO = (
    "Long reads on what research papers actually say, literature reviews built "
    "from short paper digests, and a glossary for the terms in between."
)


def load_data(path: Path) -> dict:
    """A demo data file (YAML) shipped inside the repository."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@dataclass(frozen=True)
class Synced:
    """What syncing one demo object did: created, updated, unchanged or skipped."""

    obj: Any
    status: str
    reason: str = ""

    def report(self, kind: str, label: str) -> list[str]:
        """The output line for this object (none when it was unchanged)."""
        status, reason = self.status, self.reason
        if status == "unchanged":
            return []
        if status == "skipped":
            return [
                f"skipped {kind} {label}: {reason} (--reset puts the demo version back)"
            ]
        return [f"{status} {kind} {label}"]


def edit_note(instance: models.Model) -> str | None:
    """Who changed ``instance`` after the demo wrote it, or None if nobody did.

    The demo writes revisions without a user. A revision with a user is a
    person's edit; any other revision of an object that no longer matches the
    demo data was written by something else (an import, the shell). An object
    without revisions (the home page a migration made) was never seeded.
    """
    revisions = Revision.objects.for_instance(instance)
    by_person = (
        revisions.filter(user__isnull=False)
        .select_related("user")
        .order_by("-created_at", "-pk")
        .first()
    )
    if by_person is not None:
        username = by_person.user.get_username()
        return f"edited by {username} since it was seeded"
    if revisions.exists():
        return "changed since it was seeded"
    return None


def _update(
    instance: models.Model, fields: dict[str, Any], changed: list[str], force: bool
) -> Synced:
    """Write the demo values over ``changed`` unless someone else changed them."""
    note = None if force else edit_note(instance)
    if note is not None:
        return Synced(instance, "skipped", note)
    for name in changed:
        setattr(instance, name, fields[name])
    if not isinstance(instance, Page):
        instance.full_clean()
        instance.save()
    instance.save_revision().publish()
    return Synced(instance, "updated")


def sync_page(
    parent: Page,
    model: type[Page],
    slug: str,
    fields: dict[str, Any],
    relations: Callable[[Page], bool] | None = None,
    *,
    force: bool = False,
) -> Synced:
    """Create, update, skip or leave alone the child of ``parent`` with ``slug``.

    ``relations(page)`` sets the page's cluster relations (tags, ordered
    inlines) in memory and returns True when it changed them; nothing is
    written unless the page is created or updated.
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        if relations is not None:
            relations(page)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return Synced(page, "created")
    changed = changed_fields(page, fields)
    relations_changed = relations(page) if relations is not None else False
    if not changed and not relations_changed:
        return Synced(page, "unchanged")
    return _update(page, fields, changed, force)


def sync_snippet(
    model: type[models.Model], key: str, fields: dict[str, Any], *, force: bool = False
) -> Synced:
    """Create, update, skip or leave alone the snippet whose ``key`` matches."""
    instance = model.objects.filter(**{key: fields[key]}).first()
    if instance is None:
        instance = model(**fields)
        instance.full_clean()
        instance.save()
        instance.save_revision().publish()
        return Synced(instance, "created")
    changed = changed_fields(instance, fields)
    if not changed:
        return Synced(instance, "unchanged")
    return _update(instance, fields, changed, force)


def sync_home_page(*, force: bool = False) -> Synced:
    """The site's HomePage (created by migration), with the demo introduction."""
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get(pk=site.root_page_id)
    fields = {"title": "Scholia", "intro": HOME_INTRO}
    changed = changed_fields(home, fields)
    if not changed:
        return Synced(home, "unchanged")
    return _update(home, fields, changed, force)
