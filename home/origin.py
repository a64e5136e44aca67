"""The public origin: the one place absolute URLs of this site are made.

``SCHOLIA_PUBLIC_ORIGIN`` (read at call time, so tests can override it) roots
every absolute URL; without it, the request's own scheme and host do. Canonical
links, og:url, the sitemap, feeds, robots.txt and JSON-LD all call
``absolute_url``, so they always agree.
"""

from urllib.parse import urljoin, urlsplit, urlunsplit

from django.conf import settings
from wagtail.models import Site


def public_origin(request=None) -> str:
    """``scheme://host[:port]`` readers use to reach the site."""
    if settings.SCHOLIA_PUBLIC_ORIGIN:
        return settings.SCHOLIA_PUBLIC_ORIGIN.rstrip("/")
    if request is not None:
        scheme, host = request.scheme, request.get_host()
        return f"{scheme}://{host}"
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def _site_origins() -> set[str]:
    """Origins of the Site records: where Wagtail roots the full URLs it builds."""
    return {root.root_url for root in Site.get_site_root_paths()}


def absolute_url(url: str, request=None) -> str:
    """``url`` as an absolute URL on the public origin.

    ``url`` is a path (``/writing/``), a reference relative to it, or a full
    URL Wagtail built from a Site record (``page.get_full_url()``), which is
    moved onto the public origin. Other sites' URLs are returned unchanged.
    """
    if not url:
        return ""
    scheme, netloc, path, query, fragment = urlsplit(url)
    if scheme or netloc:
        if f"{scheme}://{netloc}" not in _site_origins():
            return url
        url = urlunsplit(("", "", path or "/", query, fragment))
    return urljoin(public_origin(request) + "/", url)


def site_for_origin(origin: str) -> tuple[str, int]:
    """The (hostname, port) a Wagtail Site record needs to serve ``origin``."""
    parts = urlsplit(origin)
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site(using: str = "default", **kwargs) -> None:
    """Point the default Site record at SCHOLIA_PUBLIC_ORIGIN; a no-op once it does.

    Connected to ``post_migrate``: every deploy runs ``migrate``, so a changed
    setting reaches the database without a migration of its own.
    """
    if not settings.SCHOLIA_PUBLIC_ORIGIN:
        return
    hostname, port = site_for_origin(settings.SCHOLIA_PUBLIC_ORIGIN)
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return
    site.hostname, site.port = hostname, port
    site.save(using=using, update_fields=["hostname", "port"])
