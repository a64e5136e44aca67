"""Template filters and tags for the text pipeline, page metadata and images."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe
from wagtail.images.models import SourceImageIOError

from home.models import SiteSettings
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


@register.simple_tag(takes_context=True)
def site_sections(context) -> list:
    """The header's sections: live, public pages under the root shown in menus."""
    return find_site_sections(context.get("request"))


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
