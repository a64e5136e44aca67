"""Table blocks: a general table and the paper-numbers comparison."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as BaseTableBlock


class TableBlock(BaseTableBlock):
    """A free-form table with an optional header row and caption."""

    class Meta:
        icon = "table"
        template = "blocks/table_block.html"
        description = "A table of text"


class PaperNumberRowBlock(blocks.StructBlock):
    """One reported result: the metric, the paper's number, and what it beats."""

    metric = blocks.CharBlock(max_length=120)
    reported = blocks.CharBlock(
        max_length=60, help_text="The number the paper reports."
    )
    baseline = blocks.CharBlock(required=False, max_length=60)
    note = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "list-ul"


class PaperNumbersBlock(blocks.StructBlock):
    """The paper's headline numbers next to their baselines."""

    caption = blocks.CharBlock(required=False, max_length=200)
    rows = blocks.ListBlock(PaperNumberRowBlock(), min_num=1)

    class Meta:
        icon = "table"
        template = "blocks/paper_numbers_block.html"
        preview_value = {
            "caption": "Headline results",
            "rows": [{"metric": "Speed-up", "reported": "3.0x", "baseline": "1.0x"}],
        }
        description = "What the paper reports, next to the baseline"
