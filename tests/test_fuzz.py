"""Hypothesis fuzzing of the text pipeline: hostile mixtures of markdown,
references, math, code and HTML never raise and never yield runnable script."""

from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from home.rendering.document import render_texts
from home.rendering.markdown import render_markdown
from tests.conftest import make_episode, make_term

FRAGMENTS = [
    "[[",
    "]]",
    "|",
    "[[KV cache]]",
    "[[kv-cache|caches]]",
    "[[<script>alert(1)</script>]]",
    "E036",
    "$",
    "$$",
    "\\(",
    "\\)",
    "`",
    "```",
    "```python\n",
    "\n",
    "\n\n",
    "# ",
    "> ",
    "- ",
    "[^1]",
    "[^1]: note",
    "\\",
    "{",
    "}",
    "\\href{javascript:alert(1)}{x}",
    "\\url{javascript:alert(1)}",
    "\\htmlClass{x}{y}",
    "\\style{color:red}{x}",
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "<a href=' jav&#x09;ascript:alert(1)'>x</a>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "![x](javascript:alert(1))",
    "<x:script>",
    "<style>*{}</style>",
    "<!--",
    "-->",
    "&",
    "&lt;script&gt;",
    "\x00",
    "\u202e",
]
hostile_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=25
).map("".join)

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "base", "form", "meta", "link"}
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "srcset"}


class ScriptFinder(HTMLParser):
    """Collects every way the HTML could run script in a browser."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS or tag.endswith(":script"):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in URL_ATTRIBUTES and value:
                squeezed = "".join(ch for ch in value if ch > " ").lower()
                if squeezed.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"{tag} {name}={value!r}")

    handle_startendtag = handle_starttag


def script_in(html: str) -> list[str]:
    finder = ScriptFinder()
    finder.feed(html)
    finder.close()
    return finder.problems


def html_in(document) -> list[str]:
    """Every HTML fragment of a rendered document (headings and warnings are
    plain text that templates escape)."""
    return [
        html
        for table in ("markdown", "equation")
        for fragments in document.data[table].values()
        for html in fragments
    ]


@pytest.fixture
def references(db):
    make_term("KV cache")
    make_episode("E036")


FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(text=hostile_text)
def test_render_markdown_never_raises_or_emits_script(references, text):
    html = str(render_markdown(text))
    assert script_in(html) == []


@FUZZ
@given(texts=st.lists(hostile_text, min_size=1, max_size=3), tex=hostile_text)
def test_post_renderer_never_raises_or_emits_script(references, texts, tex):
    items = [("markdown", text) for text in texts]
    items += [("heading", [texts[0][:40], "", "h2"]), ("equation", tex)]
    document = render_texts(items)
    for html in html_in(document):
        assert script_in(html) == [], html


@pytest.mark.parametrize(
    "text", ["<script>alert(1)</script>", "[x](javascript:alert(1))", "<img onerror=x>"]
)
def test_the_checker_catches_what_it_looks_for(text):
    # Unsanitised, each sample is caught: the fuzz tests can fail.
    assert script_in(
        text.replace("[x](javascript:alert(1))", '<a href="javascript:x">')
    )
