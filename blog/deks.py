"""Deks the editor did not write, derived from the post's rendered words.

A derived dek is flagged so the post page does not show it above the body it
repeats, and it follows the body while the editor leaves it as derived.
"""

from home.rendering.excerpts import excerpt
from home.rendering.text import stream_texts

# About what listings and meta descriptions show.
DEK_LENGTH = 240


def derived_dek(body, limit: int = DEK_LENGTH) -> str:
    """The start of the body's plain text: terms as words, no math markup,
    no footnote markers."""
    return excerpt("\n\n".join(block.text for block in stream_texts(body)), limit)


def fill_dek(post) -> None:
    """Derive ``post.dek`` when it is empty, or was derived and left untouched.

    ``post._dek_as_loaded`` is the dek as read (or last derived), so a second
    call in one save (``clean`` then ``save``) sees the derived dek as untouched.
    """
    untouched = post.dek_derived and post.dek == post._dek_as_loaded
    if not post.dek.strip() or untouched:
        post.dek = post._dek_as_loaded = derived_dek(post.body)
        post.dek_derived = True
    else:
        post.dek_derived = False
