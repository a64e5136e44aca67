"""One render of all the text blocks of a post, sharing what spans blocks.

Headings get ids unique across the post (HeadingBlocks and markdown ``##``
alike), footnotes are numbered across it and listed once after its last
markdown block, equations are numbered across it, and the macros it defines
anywhere apply to all its math. The result is cached in the default cache by
content (see :func:`render_texts`), so a page view neither parses markdown nor
typesets math.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator

from django.utils.safestring import SafeString, mark_safe
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote.index import footnote_tail
from wagtail import blocks

from home.rendering import cache as render_cache
from home.rendering.headings import Anchors
from home.rendering.math.typesetting import MathPass
from home.rendering.parser import markdown_parser
from home.rendering.references import reference_syntax
from home.rendering.sanitise import sanitise

# Part of every cache key: bump it whenever the rendered HTML changes shape.
PIPELINE_VERSION = "1"
CACHE_PREFIX = "scholia:render:"

Item = tuple[str, object]


class Document:
    """The rendered text blocks of one stream, looked up by their content."""

    def __init__(self, data: dict):
        self.data = data
        self._taken: dict[tuple[str, str], int] = {}

    def _take(self, table: str, key: str):
        # Identical blocks are rendered in order; cycling keeps a second render
        # of the same page right.
        entries = self.data[table].get(key)
        if not entries:
            return None
        count = self._taken.get((table, key), 0)
        self._taken[(table, key)] = count + 1
        return entries[count % len(entries)]

    def markdown_html(self, text: str) -> SafeString | None:
        html = self._take("markdown", text)
        return None if html is None else mark_safe(html)  # noqa: S308 - sanitised

    def equation_html(self, tex: str) -> SafeString | None:
        html = self._take("equation", tex)
        return None if html is None else mark_safe(html)  # noqa: S308 - KaTeX's

    def heading_anchor(self, text: str, anchor: str) -> str | None:
        return self._take("heading", heading_key(text, anchor))

    @property
    def headings(self) -> list[dict]:
        """Every heading in reading order: text, anchor, level ('h2'…)."""
        return self.data["headings"]

    @property
    def warnings(self) -> list[str]:
        return self.data["warnings"]

    @property
    def has_math(self) -> bool:
        return self.data["has_math"]


def heading_key(text: str, anchor: str) -> str:
    return json.dumps([text or "", anchor or ""])


def _cache_key(items: list[Item]) -> str:
    version = reference_syntax().version()
    payload = json.dumps([PIPELINE_VERSION, version, items], sort_keys=True)
    return CACHE_PREFIX + hashlib.sha256(payload.encode()).hexdigest()


def render_texts(items: Iterable[Item]) -> Document:
    """Render ("markdown", text), ("heading", [text, anchor, level]) and
    ("equation", tex) items as one document, from the cache when possible."""
    items = [list(item) for item in items]
    key = _cache_key(items)
    data = render_cache.get_many([key]).get(key)
    if data is None:
        data = _render(items)
        render_cache.set_many({key: data})
    return Document(data)


def _split_footnotes(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """A block's tokens without its footnote definitions, and the definitions."""
    body, notes, inside = [], [], False
    for token in tokens:
        if token.type == "footnote_reference_open":
            inside = True
        (notes if inside else body).append(token)
        if token.type == "footnote_reference_close":
            inside = False
    return body, notes


def _render(items: list[Item]) -> dict:
    md = markdown_parser()
    env = {"scholia_anchors": Anchors(), "scholia_headings": []}
    parsed, notes = [], []
    heading_anchors: dict[str, list[str]] = {}
    # Footnote definitions of every block are known before any block's
    # references are read: a note may be defined in a later block.
    for kind, source in items:
        if kind == "markdown":
            md.block.parse(source.replace("\r\n", "\n"), md, env, [])
    for kind, source in items:
        if kind == "heading":
            text, wanted, level = source
            anchor = env["scholia_anchors"].claim(wanted or text)
            env["scholia_headings"].append(
                {"text": text, "anchor": anchor, "level": level}
            )
            heading_anchors.setdefault(heading_key(text, wanted), []).append(anchor)
        elif kind == "markdown":
            tokens, block_notes = _split_footnotes(md.parse(source, env))
            notes.extend(block_notes)
            parsed.append((kind, source, tokens))
        elif kind == "equation":
            parsed.append((kind, source, None))

    math = MathPass()
    for kind, source, tokens in parsed:
        if kind == "markdown":
            math.collect_tokens(tokens)
        else:
            math.collect_equation(source)
    # Footnotes render after every block, from their own tokens: their math too.
    math.collect_tokens(notes)
    for note in env.get("footnotes", {}).get("list", {}).values():
        math.collect_tokens(note.get("tokens") or [])
    math.typeset()
    env["scholia_math_placeholder"] = math.placeholder

    rendered = {"markdown": {}, "equation": {}}
    last_markdown = None
    for kind, source, tokens in parsed:
        if kind == "equation":
            html = math.equation_html(source)
        else:
            html = _block_html(md, tokens, env, math)
            last_markdown = (source, len(rendered["markdown"].get(source, [])))
        rendered[kind].setdefault(source, []).append(html)

    if notes and last_markdown:
        state = StateCore("", md, env)
        state.tokens = notes
        footnote_tail(state)
        footer = _block_html(md, state.tokens, env, math)
        source, index = last_markdown
        rendered["markdown"][source][index] += footer

    return {
        **rendered,
        "heading": heading_anchors,
        "headings": env["scholia_headings"],
        "warnings": math.warnings,
        "has_math": math.has_math,
    }


def _block_html(md, tokens: list[Token], env: dict, math: MathPass) -> str:
    html = md.renderer.render(tokens, md.options, env)
    return math.fill(str(sanitise(html)))


def stream_items(stream_value) -> list[Item]:
    """The text items of a StreamField value, in reading order.

    A block takes part by having ``document_item(value) -> (kind, source)``.
    """
    if not stream_value:
        return []
    return list(_walk(stream_value.stream_block, stream_value))


def _walk(block, value) -> Iterator[Item]:
    document_item = getattr(block, "document_item", None)
    if document_item is not None:
        yield document_item(value)
    elif isinstance(block, blocks.StreamBlock):
        for child in value or []:
            yield from _walk(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _walk(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value or []:
            yield from _walk(block.child_block, item)


def render_stream(stream_value) -> Document:
    """All text blocks of a StreamField value rendered as one document."""
    return render_texts(stream_items(stream_value))


def page_document(page) -> Document | None:
    """The document of a page's ``body`` StreamField, rendered once per instance."""
    body = getattr(page, "body", None)
    if body is None or not hasattr(body, "stream_block"):
        return None
    document = page.__dict__.get("_scholia_document")
    if document is None:
        document = page.__dict__["_scholia_document"] = render_stream(body)
    return document


def document_for_context(context) -> Document | None:
    """The document of the page a block is rendered in (blocks find their
    post-wide render here), or None outside a page."""
    return page_document((context or {}).get("page"))
