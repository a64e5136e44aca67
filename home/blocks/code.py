"""Code and math blocks."""

from wagtail import blocks

from home.rendering.code import LANGUAGE_CHOICES, highlight_code
from home.rendering.document import document_for_context, render_texts


class CodeBlock(blocks.StructBlock):
    """A code listing, highlighted on the server with Pygments."""

    language = blocks.ChoiceBlock(choices=LANGUAGE_CHOICES, default="python")
    code = blocks.TextBlock()
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "code"
        template = "blocks/code_block.html"
        preview_value = {"language": "python", "code": "def attention(q, k, v): ..."}
        description = "Source code with syntax highlighting"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["highlighted"] = highlight_code(value["code"], value["language"])
        return context


class EquationBlock(blocks.StructBlock):
    """A display equation written in LaTeX, typeset with KaTeX on the server."""

    tex = blocks.TextBlock(
        help_text="LaTeX without surrounding $$, e.g. \\frac{QK^T}{\\sqrt{d}}"
    )
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "plus-inverse"
        template = "blocks/equation_block.html"
        preview_value = {
            "tex": r"\mathrm{softmax}\left(\frac{QK^T}{\sqrt{d_k}}\right)V"
        }
        description = "A LaTeX equation on its own line"

    def document_item(self, value) -> tuple[str, str]:
        return "equation", value["tex"]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        document = document_for_context(parent_context)
        typeset = document and document.equation_html(value["tex"])
        if typeset is None:
            typeset = render_texts([self.document_item(value)]).equation_html(
                value["tex"]
            )
        context["typeset"] = typeset
        return context
