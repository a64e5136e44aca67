"""Template filters and tags for the text pipeline and page metadata."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe

from home.navigation import site_sections as find_site_sections
from home.origin import absolute_url as absolute_url_for
from home.rendering.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render markdown (sanitised, references linked)."""
    return render_markdown(text)


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
    """``url`` on the public origin (SCHOLIA_PUBLIC_ORIGIN, else the request's)."""
    # An include with ``only`` drops the variable but keeps context.request.
    request = context.get("request") or getattr(context, "request", None)
    return absolute_url_for(url, request)


@register.simple_tag(takes_context=True)
def site_sections(context) -> list:
    """The header's sections: live, public pages under the root shown in menus."""
    return find_site_sections(context.get("request"))
