"""Plain-text views of StreamField content: reading time, references, headings."""

import math
import re
from collections.abc import Iterator
from typing import NamedTuple

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.rich_text import RichText

from home.rendering.references import reference_syntax

WORDS_PER_MINUTE = 230
_WORD_RE = re.compile(r"\w+")


class BlockText(NamedTuple):
    """The source text of one referencing block, where it is, and its format."""

    path: tuple
    text_format: str
    text: str


def reference_format(block) -> str | None:
    """The text format a block declares in ``Meta.reference_format``, if any."""
    return getattr(block.meta, "reference_format", None)


def source_text(value) -> str:
    """What a text block stores: markdown as is, rich text as its HTML source."""
    if isinstance(value, RichText):
        return value.source
    return str(value or "")


def iter_block_texts(block, value, path=()) -> Iterator[BlockText]:
    """Yield every referencing block's text in a stream value.

    A block takes part by declaring ``Meta.reference_format`` (see
    ``home.blocks.text.ReferencingBlock``). The path starts with the index of
    the top-level block so errors can point at it.
    """
    text_format = reference_format(block)
    if text_format:
        yield BlockText(path, text_format, source_text(value))
    elif isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(value or []):
            yield from iter_block_texts(child.block, child.value, (*path, index))
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from iter_block_texts(child_block, value.get(name), (*path, name))
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(value or []):
            yield from iter_block_texts(block.child_block, item, (*path, index))


def stream_texts(stream_value) -> Iterator[BlockText]:
    if not stream_value:
        return iter(())
    return iter_block_texts(stream_value.stream_block, stream_value)


def block_references(block, value) -> Iterator[tuple]:
    """Wagtail ``extract_references`` rows for the terms and episodes in a block."""
    text_format = reference_format(block)
    if not text_format:
        return
    for model, object_id in reference_syntax().references(
        source_text(value), text_format
    ):
        yield model, object_id, "", ""


def unknown_references_by_path(stream_value) -> dict[tuple, list[str]]:
    """The unknown references of each referencing block, by path."""
    syntax = reference_syntax()
    found: dict[tuple, list[str]] = {}
    for path, text_format, text in stream_texts(stream_value):
        unknown = syntax.unknown(text, text_format)
        if unknown:
            found[path] = unknown
    return found


def word_count(stream_value) -> int:
    return sum(
        len(_WORD_RE.findall(strip_tags(text)))
        for _path, _format, text in stream_texts(stream_value)
    )


def reading_minutes(stream_value) -> int:
    return max(1, math.ceil(word_count(stream_value) / WORDS_PER_MINUTE))
