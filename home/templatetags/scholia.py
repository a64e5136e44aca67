"""Template filters for the text pipeline."""

from django import template

from home.rendering.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render markdown (sanitised, references linked)."""
    return render_markdown(text)
