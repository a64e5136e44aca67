"""Every page kind's HTML is well formed: no unclosed or misnested elements.

A strict stack check over Python's HTML tokenizer: each element the templates
open must be closed, in order (void elements excepted), and ids are unique.
"""

from html.parser import HTMLParser

import pytest

from tests.conftest import (
    make_blog_index,
    make_episode,
    make_post,
    make_reviews_tree,
    make_term,
    make_topic,
)

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip

# Each URL with the status a reader must get: a broken route fails the test.
PAGES = [
    ("/", 200),
    ("/writing/", 200),
    ("/writing/titans/", 200),
    ("/writing/tags/", 200),
    ("/writing/tags/systems/", 200),
    ("/topics/", 200),
    ("/topics/efficient-serving/", 200),
    ("/glossary/", 200),
    ("/glossary/kv-cache/", 200),
    ("/episodes/", 200),
    ("/episodes/e036/", 200),
    ("/search/?q=titans", 200),
    ("/search/?q=", 200),
    ("/no-such-page/", 404),
]


class StrictChecker(HTMLParser):
    """Collects nesting errors and duplicate ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, tuple]] = []
        self.errors: list[str] = []
        self.ids: set[str] = set()
        self.doctype = False

    def handle_decl(self, decl):
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        element_id = dict(attrs).get("id")
        if element_id:
            if element_id in self.ids:
                self.errors.append(f"duplicate id {element_id!r}")
            self.ids.add(element_id)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append(f"end tag for void element </{tag}>")
        elif not self.stack:
            self.errors.append(f"stray </{tag}> at {self.getpos()}")
        elif self.stack[-1][0] != tag:
            open_tag, position = self.stack[-1]
            self.errors.append(
                f"</{tag}> at {self.getpos()} closes <{open_tag}> from {position}"
            )
            if any(name == tag for name, _ in self.stack):
                while self.stack and self.stack.pop()[0] != tag:
                    pass
        else:
            self.stack.pop()

    def check(self, html: str) -> list[str]:
        self.feed(html)
        self.close()
        errors = list(self.errors)
        if not self.doctype:
            errors.append("missing <!DOCTYPE html>")
        errors += [f"unclosed <{tag}> from {position}" for tag, position in self.stack]
        return errors


@pytest.fixture
def site(db):
    blog = make_blog_index()
    _, _, topics = make_reviews_tree()
    make_term("KV cache", definition="Stored keys and values.")
    episode = make_episode("E036", title="Sparse attention")
    make_post(
        blog,
        title="Titans",
        slug="titans",
        tags=["Systems", "AI"],
        paper_title="Titans",
        paper_year=2024,
        body=[
            {"type": "heading", "value": {"text": "The mechanism", "level": "h2"}},
            {
                "type": "markdown",
                "value": "The [[KV cache]] and E036.[^1] Inline $x^2$.\n\n"
                "```python\nprint(1)\n```\n\n[^1]: A footnote.",
            },
        ],
    )
    make_post(blog, title="Pregel", tags=["Systems"])
    make_topic(
        topics,
        sections=[("Attention", "The [[KV cache]] grows, E036.")],
        episodes=[episode],
    )


@pytest.mark.parametrize(("url", "status"), PAGES)
def test_page_html_is_well_formed(client, site, url, status):
    response = client.get(url)
    assert response.status_code == status
    errors = StrictChecker().check(response.content.decode())
    assert errors == [], url


@pytest.mark.parametrize(
    "html",
    [
        "<!DOCTYPE html><p><em>misnested</p></em>",
        "<!DOCTYPE html><div><span>unclosed</div>",
        "<!DOCTYPE html><p id=a></p><p id=a></p>",
        "<p>no doctype</p>",
    ],
)
def test_checker_rejects_broken_html(html):
    assert StrictChecker().check(html) != []
