"""The reference engine `home` calls through settings.SCHOLIA_REFERENCE_SYNTAX."""

from collections.abc import Iterator

from django.apps import apps
from django.db.models import Model
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from markdown_it.token import Token

from home.rendering.markdown import parse
from reviews.references.markdown import REFERENCE_TYPE, token_reference
from reviews.references.richtext import find_in_html
from reviews.references.richtext import link_html as link_rich_text
from reviews.references.rules import Reference
from reviews.references.table import generation, reference_table

MARKDOWN, RICH_TEXT = "markdown", "richtext"


def _markdown_references(tokens: list[Token]) -> Iterator[Reference]:
    for token in tokens:
        if token.type == REFERENCE_TYPE:
            yield token_reference(token)
        elif token.children:
            yield from _markdown_references(token.children)


def _unpublished_match(reference: Reference) -> bool:
    if reference.kind == "episode":
        episodes = apps.get_model("reviews", "Episode").objects
        return episodes.filter(code=reference.target.upper(), live=False).exists()
    key = " ".join(reference.target.split()).lower()
    terms = apps.get_model("reviews", "GlossaryTerm").objects.filter(live=False)
    return any(
        key in term.lookup_keys() or slugify(key) in term.lookup_keys()
        for term in terms.only("term", "slug", "aliases")
    )


class ReferenceSyntax:
    """Finds, resolves, links and validates [[term]] and E036 references.

    Markdown is read from the token stream the renderer uses (the reference
    plugin's tokens), rich text from the text nodes of its HTML: so what is
    linked, what blocks publishing and what the reference index records are
    one and the same list.
    """

    def find(self, text: str, text_format: str = MARKDOWN) -> Iterator[Reference]:
        """Every reference in a text, in order, known or not."""
        if text_format == RICH_TEXT:
            return find_in_html(text or "")
        return _markdown_references(parse(text or ""))

    def references(
        self, text: str, text_format: str = MARKDOWN
    ) -> Iterator[tuple[type[Model], str]]:
        """(model, primary key) of each known term and episode referenced."""
        table = reference_table()
        for reference in self.find(text, text_format):
            if reference.kind == "term":
                entry, model_name = table.term(reference.target), "GlossaryTerm"
            else:
                entry, model_name = table.episode(reference.target), "Episode"
            if entry is not None:
                yield apps.get_model("reviews", model_name), str(entry.pk)

    def unknown(self, text: str, text_format: str = MARKDOWN) -> list[str]:
        """The references nothing published matches, each named once."""
        table = reference_table()
        names: list[str] = []
        for reference in self.find(text, text_format):
            lookup = table.term if reference.kind == "term" else table.episode
            if lookup(reference.target) is None and reference.name not in names:
                names.append(reference.name)
        return names

    def awaiting_review(self, names: list[str]) -> list[str]:
        """Of these unknown references, those an unpublished term or episode has."""
        pending = []
        for name in names:
            reference = next(iter(self.find(name)), None)
            if reference is not None and _unpublished_match(reference):
                pending.append(name)
        return pending

    def link_html(self, html: str) -> SafeString:
        """Rich text's rendered HTML with its references linked."""
        if "[[" not in html and "E" not in html:
            return mark_safe(html)  # noqa: S308 - returned unchanged
        return mark_safe(link_rich_text(html, reference_table()))  # noqa: S308

    def version(self) -> str:
        """Changes whenever any reference may render differently (for cache keys)."""
        return generation()
