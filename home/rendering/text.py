"""Plain-text views of StreamField content: reading time, references, headings."""

import math
import re
from collections.abc import Iterator

from django.utils.html import strip_tags
from wagtail import blocks

WORDS_PER_MINUTE = 230
_WORD_RE = re.compile(r"\w+")


def iter_block_texts(block, value, path=()) -> Iterator[tuple[tuple, str]]:
    """Yield (path, source text) for every text-bearing block in a stream value.

    A block is text-bearing when it has a ``source_text(value)`` method. The path
    starts with the index of the top-level block so errors can point at it.
    """
    if hasattr(block, "source_text"):
        yield path, block.source_text(value)
    elif isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(value or []):
            yield from iter_block_texts(child.block, child.value, (*path, index))
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from iter_block_texts(child_block, value.get(name), (*path, name))
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(value or []):
            yield from iter_block_texts(block.child_block, item, (*path, index))


def stream_texts(stream_value) -> Iterator[tuple[tuple, str]]:
    if not stream_value:
        return iter(())
    return iter_block_texts(stream_value.stream_block, stream_value)


def word_count(stream_value) -> int:
    return sum(
        len(_WORD_RE.findall(strip_tags(text)))
        for _path, text in stream_texts(stream_value)
    )


def reading_minutes(stream_value) -> int:
    return max(1, math.ceil(word_count(stream_value) / WORDS_PER_MINUTE))
