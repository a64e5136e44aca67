"""Image blocks."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class FigureBlock(blocks.StructBlock):
    """An image with required alt text and an optional caption."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe what the figure shows for readers who cannot see it.",
    )
    caption = blocks.CharBlock(required=False, max_length=400)

    class Meta:
        icon = "image"
        template = "blocks/figure_block.html"
        description = "An image with alt text and caption"
