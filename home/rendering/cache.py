"""The default cache as the render pipeline uses it: best effort.

Rendered text is cached to save work, never needed for correctness, so a cache
that is down (Redis unreachable) costs a re-render, not a failed page.
"""

import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def _timeout() -> int | None:
    return getattr(settings, "SCHOLIA_RENDER_CACHE_TIMEOUT", None)


def get_many(keys: list[str]) -> dict:
    try:
        return cache.get_many(keys)
    except Exception:  # any backend failure: render instead
        logger.warning("Render cache unavailable; rendering without it.", exc_info=True)
        return {}


def set_many(values: dict) -> None:
    try:
        cache.set_many(values, timeout=_timeout())
    except Exception:  # any backend failure: the next view renders again
        logger.warning("Render cache unavailable; result not stored.", exc_info=True)
