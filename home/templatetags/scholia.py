"""Template filters and tags for the text pipeline, page metadata and images."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

from home.models import SiteSettings
from home.navigation import feed_urls
from home.navigation import site_sections as find_site_sections
from home.origin import absolute_url as absolute_url_for
from home.rendering.document import page_document
from home.rendering.markdown import render_markdown

register = template.Library()
KATEX_CSS = "vendor/katex/katex.min.css"
# What django.utils.html.json_script escapes, spelled out: its table is private.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _request(context):
    # An include with ``only`` drops the variable but keeps context.request.
    return context.get("request") or getattr(context, "request", None)


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
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(JSON_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # noqa: S308 - escaped above, as json_script does
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """``url`` on the public origin (SCHOLIA_PUBLIC_ORIGIN, else the request's)."""
    return absolute_url_for(url, _request(context))


@register.simple_tag(takes_context=True)
def site_name(context) -> str:
    """The site's name as set on its Site record, else WAGTAIL_SITE_NAME."""
    request = _request(context)
    site = Site.find_for_request(request) if request is not None else None
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME


@register.filter
def with_site_name(title: str, name: str) -> str:
    """'Title · Site name', or the name alone when the title is the name."""
    return name if not title or title == name else f"{title} · {name}"


@register.simple_tag(takes_context=True)
def object_url(context, obj) -> str:
    """``obj.get_url(request)``: a page's, a term's or an episode's own URL.

    Snippets find their index page once per request, so a list of them costs
    no query per item.
    """
    return obj.get_url(_request(context)) or ""


@register.simple_tag(takes_context=True)
def site_feed(context) -> dict[str, str] | None:
    """The site-wide feed: RSS and Atom URLs of the first header section with
    ``feed`` and ``atom_feed`` routes (the writing), or None.

    It reads the header's sections first (no query of its own when the writing
    is shown in menus, as on the demo site), else the root's live children once
    per request.
    """
    request = _request(context)
    if request is None:
        return None
    if not hasattr(request, "_scholia_site_feed"):
        request._scholia_site_feed = next(
            (section["feeds"] for section in _sections(request) if section["feeds"]),
            None,
        )
        site = Site.find_for_request(request)
        if request._scholia_site_feed is None and site is not None:
            children = site.root_page.get_children().live().public()
            request._scholia_site_feed = _first_feed(request, children)
    return request._scholia_site_feed


def _first_feed(request, pages) -> dict[str, str] | None:
    for page in pages:
        feeds = feed_urls(page.specific_deferred, request)
        if feeds:
            return feeds
    return None


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's own public URL: the request's path, except on a share link.

    A share link's path carries its secret token, so there the canonical URL
    is the shared page's own address.
    """
    request = context.get("request")
    if request is None:
        return ""
    share_link = getattr(request, "draft_share_link", None)
    path = share_link.page.url if share_link else request.path
    return absolute_url(context, path)


def _sections(request) -> list:
    if request is None:
        return []
    # The header, the footer's feed links and a 404 page share one query.
    if not hasattr(request, "_scholia_sections"):
        request._scholia_sections = find_site_sections(request)
    return request._scholia_sections


@register.simple_tag(takes_context=True)
def site_sections(context) -> list:
    """The header's sections: live, public pages under the root shown in menus."""
    return _sections(_request(context))


# What OpenGraph and Twitter recommend for a large card: 1.91:1, 1200 px wide.
SOCIAL_IMAGE_FILTER = "fill-1200x630"


@register.simple_tag(takes_context=True)
def social_image(context, image=None) -> dict | None:
    """The share image: ``image``, else the site's default, as a 1200×630 rendition.

    Returns its absolute URL, size and alt text, or None when there is no image
    (or its file cannot be read: a missing file must not break the page).
    """
    request = context.get("request")
    if not image and request is not None:
        site_settings = SiteSettings.for_request(request)
        # Checking the id first spares a query on sites without a default image.
        if site_settings.default_social_image_id:
            image = site_settings.default_social_image
    if not image:
        return None
    try:
        rendition = image.get_rendition(SOCIAL_IMAGE_FILTER)
    except SourceImageIOError:
        return None
    return {
        "url": absolute_url(context, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


@register.filter
def width_srcset(renditions) -> str:
    """A ``srcset`` with one candidate per distinct width.

    Wagtail never upscales, so an image narrower than the largest requested
    width yields several renditions of its own width; a srcset must not list a
    width twice.
    """
    seen = {}
    for rendition in getattr(renditions, "renditions", renditions):
        seen.setdefault(rendition.width, rendition.url)
    return ", ".join(f"{url} {width}w" for width, url in sorted(seen.items()))
