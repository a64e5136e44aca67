"""Template filter linking a byline's author to their page."""

from django import template

register = template.Library()


@register.filter
def author_url(author, page) -> str:
    """The author's page, given the author index or a blog index beside it.

    A blog index looks its author index up only here, when a byline has an
    author to link: a listing without authors costs no query for it.
    """
    author_index = page if hasattr(page, "author_url") else None
    if author_index is None and page:
        author_index = page.author_index
    return author_index.author_url(author) if author_index else ""


@register.filter
def byline_separator(forloop) -> str:
    """What follows a name in a byline: ", ", " and " before the last, or nothing."""
    if forloop["last"]:
        return ""
    return " and " if forloop["revcounter"] == 2 else ", "
