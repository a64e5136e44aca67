"""The block set of a topic review body."""

from django.utils.text import slugify
from wagtail import blocks

from home.blocks import CalloutBlock, EquationBlock, MarkdownBlock, QuoteBlock


class SectionBlock(blocks.StructBlock):
    """A titled section of a literature review, citing episodes and glossary terms."""

    heading = blocks.CharBlock(max_length=160)
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text="Link target (#anchor). Leave empty to derive it from the heading.",
    )
    text = MarkdownBlock(
        help_text="Cite episodes by code (E036) and terms as [[term]]."
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/section_block.html"
        preview_value = {
            "heading": "Rethinking attention",
            "text": "Dropping the [[KV cache]] entirely E033.",
        }
        description = "A section: heading and text"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = (
            slugify(value.get("anchor") or value.get("heading", "")) or "section"
        )
        return context


class TopicBodyBlock(blocks.StreamBlock):
    """What a topic review is written with: sections, plus the odd aside."""

    section = SectionBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()
    equation = EquationBlock()
