"""The markdown-it plugin for citations: an inline rule, so never inside code,
math, autolinks, raw HTML or a link's text (the link rule and the code and math
rules consume those first)."""

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from papers.citations.links import citation_html
from papers.citations.rules import Citation, match_citation
from papers.citations.table import citation_table

CITATION_TYPE = "citation"


def citations_plugin(md: MarkdownIt) -> None:
    """Add [@key] citations (named in settings.SCHOLIA_MARKDOWN_PLUGINS)."""
    md.inline.ruler.after("link", "citation", citation_rule)
    md.add_render_rule(CITATION_TYPE, render_citation)


def citation_rule(state: StateInline, silent: bool) -> bool:
    if silent or state.linkLevel > 0 or not state.src.startswith("[", state.pos):
        return False
    found = match_citation(state.src, state.pos)
    if found is None or found[1] > state.posMax:
        return False
    citation, end = found
    token = state.push(CITATION_TYPE, "", 0)
    token.content = citation.source
    token.markup = citation.source
    token.meta = {"items": citation.items, "plain_text": citation.source}
    state.pos = end
    return True


def token_citation(token) -> Citation:
    return Citation(tuple(tuple(item) for item in token.meta["items"]), token.markup)


def render_citation(self, tokens, idx, options, env) -> str:
    # The env is shared by every block of a post: numbers run across the post.
    if "citation_table" not in env:
        env["citation_table"] = citation_table()
    numbers = env.setdefault("citation_numbers", {})
    return citation_html(token_citation(tokens[idx]), env["citation_table"], numbers)
