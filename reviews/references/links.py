"""The HTML a reference becomes: a term link with its tooltip, or an episode link.

A reference that nothing published matches stays visible, marked as unknown.
"""

import itertools
import secrets

from django.utils.html import format_html

from reviews.references.rules import Reference
from reviews.references.table import ReferenceTable

# Tooltip ids must be unique on a page whose blocks may have been rendered by
# different processes (render-once caching), so each process numbers them after
# its own random six-digit prefix.
_TOOLTIP_PREFIX = secrets.randbelow(900_000) + 100_000
_tooltip_numbers = itertools.count(1)


def reference_html(reference: Reference, table: ReferenceTable) -> str:
    """The markup for one reference (labels are escaped here)."""
    if reference.kind == "episode":
        episode = table.episode(reference.target)
        if episode is None:
            return unknown_html(reference)
        return format_html(
            '<a class="episode-ref" href="{}" data-episode="{}" title="{}">{}</a>',
            episode.url,
            episode.code,
            episode.title,
            reference.label,
        )
    term = table.term(reference.target)
    if term is None:
        return unknown_html(reference)
    tooltip_id = f"term-tip-{_TOOLTIP_PREFIX}{next(_tooltip_numbers)}"
    return format_html(
        '<a class="term" href="{}" data-term="{}" aria-describedby="{}">{}</a>'
        '<span class="term-tip" role="tooltip" id="{}">{}</span>',
        term.url,
        term.slug,
        tooltip_id,
        reference.label,
        tooltip_id,
        term.definition,
    )


def unknown_html(reference: Reference) -> str:
    return format_html('<span class="reference-unknown">{}</span>', reference.label)
