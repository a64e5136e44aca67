"""The block set of a post body."""

from wagtail import blocks

from home.blocks import (
    CalloutBlock,
    CodeBlock,
    EquationBlock,
    FigureBlock,
    HeadingBlock,
    MarkdownBlock,
    PaperNumbersBlock,
    QuoteBlock,
    RichTextBlock,
    TableBlock,
)


class PostBodyBlock(blocks.StreamBlock):
    """Everything a 'What the paper actually says' post is written with."""

    markdown = MarkdownBlock()
    heading = HeadingBlock()
    rich_text = RichTextBlock()
    code = CodeBlock()
    equation = EquationBlock()
    figure = FigureBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    table = TableBlock()
    paper_numbers = PaperNumbersBlock()
