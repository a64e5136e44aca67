"""Template filters and tags for the text pipeline and page metadata."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe

from home.navigation import site_sections as find_site_sections
from home.rendering.document import page_document
from home.rendering.markdown import render_markdown

register = template.Library()
KATEX_CSS = "vendor/katex/katex.min.css"


@register.filter(name="markdown")
def markdown_filter(text):
    """Render markdown (sanitised, references linked, math typeset).

    Text rendered this way is not part of a page body, so when it has math it
    brings KaTeX's stylesheet itself (a stylesheet link is allowed in body).
    """
    html = render_markdown(text)
    if 'class="katex"' not in html:
        return html
    stylesheet = format_html('<link rel="stylesheet" href="{}">', static(KATEX_CSS))
    return stylesheet + html


@register.filter
def has_math(page) -> bool:
    """Whether the page's body has typeset math (and so needs KaTeX's CSS)."""
    document = page_document(page)
    return bool(document and document.has_math)


@register.simple_tag
def json_ld(data):
    """A JSON-LD script element; <, > and & are escaped so text cannot end it."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(_json_script_escapes)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # noqa: S308 - escaped above, as json_script does
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """``url`` made absolute against the current request (if there is one)."""
    request = context.get("request")
    if not url:
        return ""
    return request.build_absolute_uri(url) if request else url


@register.simple_tag(takes_context=True)
def site_sections(context) -> list[dict]:
    """The header's sections (cached; no query on a warm cache)."""
    return find_site_sections(context.get("request"))
