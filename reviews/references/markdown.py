"""The Python-Markdown extension that links references in rendered markdown."""

from markdown import Extension
from markdown.postprocessors import Postprocessor

from reviews.references import syntax


class ReferencePostprocessor(Postprocessor):
    """Links [[term]] and E036 in the HTML markdown produced (before nh3 runs)."""

    def run(self, text):
        return syntax.link_html(text)


class ReferenceExtension(Extension):
    """Registered in settings.WAGTAILMARKDOWN by dotted path."""

    def extendMarkdown(self, md):
        # After raw HTML is restored (30) and ampersands are fixed (20).
        md.postprocessors.register(ReferencePostprocessor(md), "scholia_references", 10)
