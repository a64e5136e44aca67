"""Shared StreamField blocks: every page's body is built from these."""

from home.blocks.code import CodeBlock, EquationBlock
from home.blocks.media import FigureBlock
from home.blocks.tables import PaperNumbersBlock, TableBlock
from home.blocks.text import (
    CalloutBlock,
    CalloutKind,
    HeadingBlock,
    MarkdownBlock,
    QuoteBlock,
    RichTextBlock,
)

__all__ = [
    "CalloutBlock",
    "CalloutKind",
    "CodeBlock",
    "EquationBlock",
    "FigureBlock",
    "HeadingBlock",
    "MarkdownBlock",
    "PaperNumbersBlock",
    "QuoteBlock",
    "RichTextBlock",
    "TableBlock",
]
