"""Every change a reader can see purges exactly the URLs that show it.

Which URLs show a model is the owning app's business: SCHOLIA_PURGE_PATHS maps
"app.model" to a function returning paths (blog.purge, reviews.purge). Other
pages purge their own URL, their parent's, the home page and the sitemap.
The paths shown before a change (old slug, old tags, old place in the tree)
are collected before the save, move or delete and purged with the new ones,
through wagtail.contrib.frontend_cache's PurgeBatch: its backends are this
site's page cache and, when configured, the HTTP cache in front.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils.module_loading import import_string
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    pre_page_move,
    published,
    unpublished,
)

from home.origin import absolute_url

SITEMAP_PATHS = ["/sitemap.xml"]


def page_path(page) -> str | None:
    """The page's path on its site, or None when it has no URL."""
    parts = page.get_url_parts()
    return parts[2] if parts else None


def sitemap_paths() -> list[str]:
    return list(SITEMAP_PATHS)


def default_page_paths(page) -> set[str]:
    paths = {"/", *sitemap_paths()}
    for candidate in (page, page.get_parent()):
        path = page_path(candidate) if candidate is not None else None
        if path:
            paths.add(path)
    return paths


def paths_for(instance) -> set[str]:
    """The paths that show ``instance``, as it is now."""
    functions = settings.SCHOLIA_PURGE_PATHS.get(instance._meta.label_lower)
    if functions:
        return {
            path
            for dotted in functions
            for path in import_string(dotted)(instance)
            if path
        }
    if isinstance(instance, Page):
        return default_page_paths(instance)
    return set()


def every_path() -> set[str]:
    """Every cached path of the site (a settings change shows on all of them):
    each live page's own, and what SCHOLIA_PURGE_EVERY_PATH's functions add
    (listing pages, feeds, routes)."""
    paths = {"/", *sitemap_paths()}
    for page in Page.objects.live().filter(depth__gt=1).iterator():
        paths.add(page_path(page))
    for dotted in settings.SCHOLIA_PURGE_EVERY_PATH:
        paths |= set(import_string(dotted)())
    return paths


def in_site_menu(page) -> bool:
    """Whether the header (on every page) lists ``page`` when it is live."""
    if not page.show_in_menus:
        return False
    return page.get_parent().pk in {site.root_page_id for site in Site.objects.all()}


def purge_paths(paths: Iterable[str]) -> None:
    urls = {absolute_url(path) for path in paths if path}
    if urls:
        PurgeBatch(urls).purge()


def _watched(instance) -> bool:
    label = instance._meta.label_lower
    return isinstance(instance, Page) or label in settings.SCHOLIA_PURGE_PATHS


def remember_before(sender, instance, update_fields=None, **kwargs) -> None:
    """Before a full save of a live object: the paths its old state shows."""
    if update_fields is not None or instance.pk is None or not _watched(instance):
        return
    old = type(instance)._default_manager.filter(pk=instance.pk).first()
    if old is not None and getattr(old, "live", True):
        instance._purge_before = paths_for(old)
        if isinstance(old, Page) and old.live and in_site_menu(old):
            instance._purge_before |= every_path()


def purge_after(sender, instance, **kwargs) -> None:
    """After a publish or unpublish: the old paths and the new ones."""
    if not _watched(instance):
        return
    before = getattr(instance, "_purge_before", set())
    instance._purge_before = set()
    after = paths_for(instance)
    if isinstance(instance, Page) and in_site_menu(instance):
        # Published into the header or unpublished from it: on every page.
        after |= every_path()
    purge_paths(before | after)


def purge_snippet_after(sender, instance, **kwargs) -> None:
    """Wagtail sends ``published`` for pages too, after ``page_published``."""
    if not isinstance(instance, Page):
        purge_after(sender, instance, **kwargs)


def remember_before_delete(sender, instance, **kwargs) -> None:
    if _watched(instance) and getattr(instance, "live", False):
        instance._purge_before = paths_for(instance)
        if isinstance(instance, Page) and in_site_menu(instance):
            instance._purge_before |= every_path()


_moving: dict[int, set[str]] = {}


def remember_before_move(sender, instance, **kwargs) -> None:
    before = paths_for(instance.specific)
    if instance.live and in_site_menu(instance):
        before |= every_path()
    _moving[instance.pk] = before


def purge_moved(sender, instance, **kwargs) -> None:
    after = paths_for(instance.specific)
    if instance.live and in_site_menu(instance):
        after |= every_path()
    purge_paths(_moving.pop(instance.pk, set()) | after)


def purge_deleted(sender, instance, **kwargs) -> None:
    purge_paths(getattr(instance, "_purge_before", set()))


def purge_everything(sender, instance, created=False, **kwargs) -> None:
    # A settings row created on first read holds the defaults: nothing changed.
    if not created:
        purge_paths(every_path())


def connect() -> None:
    """Wire the purge to Wagtail's and Django's signals (from HomeConfig.ready)."""
    from home.models import SiteSettings

    pre_save.connect(remember_before, dispatch_uid="purge-before")
    pre_page_move.connect(remember_before_move, dispatch_uid="purge-before-move")
    post_page_move.connect(purge_moved, dispatch_uid="purge-moved")
    for signal in (page_published, page_unpublished):
        signal.connect(purge_after, dispatch_uid="purge-page")
    for signal in (published, unpublished):
        signal.connect(purge_snippet_after, dispatch_uid="purge-snippet")
    pre_delete.connect(remember_before_delete, dispatch_uid="purge-before-delete")
    post_delete.connect(purge_deleted, dispatch_uid="purge-deleted")
    for model in (SiteSettings, Site):
        post_save.connect(purge_everything, sender=model, dispatch_uid=f"purge-{model}")
