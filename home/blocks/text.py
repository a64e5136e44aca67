"""Text blocks: markdown, rich text, headings, quotes and callouts."""

from django.db import models
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from wagtail import blocks
from wagtailmarkdown.blocks import MarkdownBlock as BaseMarkdownBlock

from home.rendering.document import document_for_context
from home.rendering.markdown import render_markdown
from home.rendering.references import reference_syntax
from home.rendering.text import block_references


class ReferencingBlock(blocks.Block):
    """A text block whose [[term]] and E036 references are checked and indexed.

    Declare the stored text's format in ``Meta.reference_format`` ("markdown"
    or "richtext"): the publish check walks every block that declares one,
    and Wagtail's reference index reads ``extract_references`` below.
    """

    class Meta:
        reference_format = None

    def extract_references(self, value):
        yield from super().extract_references(value)
        yield from block_references(self, value)


class MarkdownBlock(ReferencingBlock, BaseMarkdownBlock):
    """Markdown with footnotes, fenced code, $math$, [[glossary]] and E036 links."""

    def document_item(self, value) -> tuple[str, str]:
        return "markdown", value or ""

    def render_basic(self, value, context=None):
        # Inside a page, the page's whole body is rendered at once (shared
        # heading ids, footnote and equation numbers, macros).
        document = document_for_context(context)
        html = document.markdown_html(value or "") if document else None
        return render_markdown(value) if html is None else html

    class Meta:
        icon = "code"
        description = "Markdown text with [[glossary]] and E036 episode references"
        reference_format = "markdown"


class RichTextBlock(ReferencingBlock, blocks.RichTextBlock):
    """Rich text whose [[glossary]] and E036 references become links."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "features",
            ["bold", "italic", "link", "ol", "ul", "code", "superscript", "subscript"],
        )
        super().__init__(**kwargs)

    def render_basic(self, value, context=None):
        html = super().render_basic(value, context)
        # The rich text pipeline has already escaped and sanitised the HTML;
        # linking only replaces references in the text nodes it finds there.
        return mark_safe(reference_syntax().link_html(str(html)))  # noqa: S308

    class Meta:
        icon = "pilcrow"
        description = "Formatted text with [[glossary]] and E036 episode references"
        reference_format = "richtext"


class HeadingBlock(blocks.StructBlock):
    """A section heading with a stable anchor for the table of contents."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")], default="h2"
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text="Link target (#anchor). Leave empty to derive it from the text; "
        "set it to keep links stable when the text changes.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "Where it breaks down", "level": "h2"}
        description = "A heading that appears in the table of contents"

    def clean(self, value):
        value = super().clean(value)
        if value.get("anchor"):
            value["anchor"] = slugify(value["anchor"])
        return value

    @staticmethod
    def anchor_for(value) -> str:
        """The heading's own anchor, before de-duplication across the page."""
        return value.get("anchor") or slugify(value.get("text", "")) or "section"

    def document_item(self, value) -> tuple[str, list[str]]:
        return "heading", [
            value.get("text", ""),
            value.get("anchor", ""),
            value["level"],
        ]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        document = document_for_context(parent_context)
        anchor = document and document.heading_anchor(
            value.get("text", ""), value.get("anchor", "")
        )
        context["anchor"] = anchor or self.anchor_for(value)
        return context


class QuoteBlock(blocks.StructBlock):
    """A quotation from a paper or a person, with its source."""

    text = blocks.TextBlock()
    source = blocks.CharBlock(required=False, help_text="Who said it, or which paper.")
    source_url = blocks.URLBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "We find that the number of experts matters less than routing.",
            "source": "Fedus et al., 2021",
        }
        description = "A quotation with its source"


class CalloutKind(models.TextChoices):
    NOTE = "note", "Note"
    WARNING = "warning", "Warning"
    BREAKS_DOWN = "breaks-down", "Where it breaks down"


class CalloutBlock(blocks.StructBlock):
    """Boxed aside: a note, a warning, or 'where it breaks down'."""

    kind = blocks.ChoiceBlock(choices=CalloutKind.choices, default=CalloutKind.NOTE)
    text = MarkdownBlock()

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        preview_value = {"kind": "note", "text": "Holds only for batch size 1."}
        description = "A highlighted note or warning"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["label"] = CalloutKind(value["kind"]).label
        return context
