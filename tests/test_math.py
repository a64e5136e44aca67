"""Math typeset on the server: every delimiter, macros, environments, numbering,
errors shown to editors and readers, and only KaTeX's CSS on pages with math."""

import re
from pathlib import Path
from unittest import mock

import pytest
from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from blog.models import PaperPostPage
from home.rendering.document import render_texts
from home.rendering.markdown import render_markdown
from tests.conftest import make_blog_index, make_post

# Rendering reads the reference table's generation token from the database.
pytestmark = pytest.mark.django_db

_TEX_RE = re.compile(
    r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.S
)


def typeset_tex(html: str) -> list[str]:
    """The TeX KaTeX typeset, in order (from the MathML annotations)."""
    return _TEX_RE.findall(str(html))


def math_spans(html: str) -> list[str]:
    return re.findall(r'<(?:span|div) class="math (inline|display)"', str(html))


@pytest.mark.parametrize(
    ("source", "kinds"),
    [
        ("Inline $x^2$ here.", ["inline"]),
        ("Inline $$x^2$$ like kramdown.", ["inline"]),
        (r"Paren \(x^2\) and bracket \[y^2\] inline.", ["inline", "display"]),
        ("$$\nx^2\n$$", ["display"]),
        ("\\[\nx^2\n\\]", ["display"]),
    ],
)
def test_every_delimiter_is_typeset_as_katex_html_and_mathml(source, kinds):
    html = render_markdown(source)
    assert math_spans(html) == kinds
    assert 'class="katex"' in html
    assert "<math" in html
    visible = _TEX_RE.sub("", html)
    assert "$" not in visible
    assert "\\(" not in visible
    assert "math-error" not in html


def test_display_math_without_blank_lines_keeps_its_tex_intact():
    html = render_markdown("The loss is\n$$\nL = a_1 + b_2 \\\\ c_1\n$$\nwhere _a_ is.")
    assert math_spans(html) == ["display"]
    assert typeset_tex(html) == ["L = a_1 + b_2 \\\\ c_1"]
    # Underscores inside math never became emphasis.
    assert html.count("<em>") == 1


def test_display_math_in_a_list_item():
    html = render_markdown("- The rule:\n  $$\n  x_{t+1} = x_t\n  $$\n- Next item")
    assert '<li>The rule:<div class="math display">' in html
    assert typeset_tex(html) == ["x_{t+1} = x_t"]
    assert "<li>Next item</li>" in html


def test_post_macros_from_a_hidden_block_apply_to_all_math():
    html = render_markdown(
        "$$\n\\newcommand{\\R}{\\mathbb{R}}\n\\def\\norm#1{\\lVert #1 \\rVert}\n"
        "\\DeclareMathOperator*{\\argmax}{arg\\,max}\n"
        "\\renewcommand{\\vec}[1]{\\mathbf{#1}}\n$$\n\n"
        "Let $x \\in \\R$, $\\norm{x}$, $\\argmax_x f$ and $\\vec{v}$."
    )
    assert "math-error" not in html
    # The definitions block itself shows nothing.
    assert math_spans(html) == ["inline"] * 4
    assert "mathbb" not in html.split("<annotation")[0]
    assert '<mi mathvariant="double-struck">R</mi>' in html
    assert '<mo lspace="0em" rspace="0em">∥</mo>' in html or "∥" in html


def test_macros_in_an_html_comment_apply_and_span_blocks():
    document = render_texts(
        [
            ("markdown", "<!-- $\\newcommand{\\E}{\\mathbb{E}}$ -->\n\nIntro."),
            ("markdown", "Later $\\E[x]$."),
        ]
    )
    html = document.markdown_html("Later $\\E[x]$.")
    assert "math-error" not in html
    assert "double-struck" in html


def test_eqnarray_align_label_and_eqref_are_numbered_across_the_post():
    first = (
        "\\begin{eqnarray*}\na &=& b \\\\\nc &=& d\n\\end{eqnarray*}\n\n"
        "\\begin{align}\ne &= f \\label{eq:ef} \\\\\ng &= h \\nonumber\n\\end{align}"
    )
    second = "$$\n\\begin{equation}\nk = l \\label{eq:kl}\n\\end{equation}\n$$\n\n"
    second += "By $\\eqref{eq:ef}$ and \\(\\eqref{eq:kl}\\)."
    document = render_texts([("markdown", first), ("markdown", second)])
    one, two = document.markdown_html(first), document.markdown_html(second)
    assert "math-error" not in one + two
    assert document.warnings == []
    assert "\\begin{align*}" in typeset_tex(one)[0]
    assert "\\tag{1}" in typeset_tex(one)[1]
    assert "\\tag{2}" not in typeset_tex(one)[1]
    assert '<div class="math display" id="eq-eqef">' in one
    assert "\\tag{2}" in typeset_tex(two)[0]
    assert 'href="#eq-eqef"' in two
    assert 'href="#eq-eqkl"' in two
    assert "(1)" in two
    assert "(2)" in two


@pytest.mark.parametrize(
    "tex",
    [
        r"\begin{multline}a + b \\ + c \label{m}\end{multline}",
        r"\begin{flalign}a &= b\end{flalign}",
        r"\begin{alignat}{2}a &= b & c &= d\end{alignat}",
        r"\begin{equation}\begin{split}a &= b \\ &= c\end{split}\end{equation}",
        r"\begin{gather*}a \\ b\end{gather*}",
        r"\newcommand{\set}[1]{\{#1\}} \set{x}",
    ],
)
def test_environments_katex_lacks_are_typeset_numbered(tex):
    document = render_texts([("markdown", f"$$\n{tex}\n$$")])
    html = document.markdown_html(f"$$\n{tex}\n$$")
    assert document.warnings == []
    assert "math-error" not in html
    numbered = "*" not in tex and "begin" in tex
    assert ("\\tag{1}" in typeset_tex(html)[0]) is numbered


def test_a_labelled_dollar_block_is_numbered_and_can_be_referenced():
    source = "$$\na = b\n$$ (eq:ab)\n\nBy $\\eqref{eq:ab}$."
    html = render_markdown(source)
    assert '<div class="math display" id="eq-eqab">' in html
    assert "\\tag{1}" in typeset_tex(html)[0]
    assert 'href="#eq-eqab"' in html


def test_unknown_eqref_is_a_warning_not_an_error():
    document = render_texts([("markdown", "See $\\eqref{nope}$.")])
    assert "math-error" not in document.markdown_html("See $\\eqref{nope}$.")
    assert document.warnings == ["\\eqref{nope} names no equation label."]


def test_a_formula_katex_cannot_parse_shows_its_escaped_source_and_is_named():
    source = "Bad $\\frac{1}{<script>$ here."
    document = render_texts([("markdown", source)])
    html = document.markdown_html(source)
    assert '<code class="math-error">\\frac{1}{&lt;script&gt;</code>' in html
    assert "<script" not in html
    [warning] = document.warnings
    assert warning.startswith("Formula “\\frac{1}{<script>” cannot be typeset: ")


def test_error_messages_are_readable_in_the_admin():
    [warning] = render_texts([("markdown", "$\\nosuchmacro x$")]).warnings
    assert "Undefined control sequence: \\nosuchmacro at position 1" in warning
    assert "\u0332" not in warning


@pytest.mark.parametrize(
    "prose", ["It costs $5 and $10 per hour.", "A100s cost $2/hour; H100s $4/hour."]
)
def test_prices_are_not_math(prose):
    html = render_markdown(prose)
    assert "katex" not in html
    assert prose in html


def test_math_is_never_found_inside_code():
    html = render_markdown("`$x$` and\n\n```\n$$y$$\n```")
    assert "katex" not in html
    assert "<code>$x$</code>" in html


def test_rendered_text_is_cached_and_reused_until_its_inputs_change():
    items = [("markdown", "Cached $x^2$.")]
    render_texts(items)
    with mock.patch("home.rendering.document._render") as render:
        render_texts(items)
    render.assert_not_called()
    syntax = mock.Mock(version=mock.Mock(return_value="terms-changed"))
    with (
        mock.patch("home.rendering.document.reference_syntax", return_value=syntax),
        mock.patch("home.rendering.document._render", return_value={}) as render,
    ):
        render_texts(items)
    render.assert_called_once()


@pytest.mark.django_db
def test_post_with_math_sends_typeset_math_and_only_katex_css(client):
    blog = make_blog_index()
    post = make_post(
        blog,
        body=[
            {"type": "markdown", "value": "Inline $x^2$ here."},
            {"type": "equation", "value": {"tex": r"\sum_i e^{x_i}", "caption": ""}},
        ],
    )
    html = client.get(post.url).content.decode()
    assert html.count('class="katex"') == 2
    assert html.count('<math xmlns="http://www.w3.org/1998/Math/MathML"') == 2
    assert html.count('class="katex-display"') == 1
    assert "vendor/katex/katex.min.css" in html
    assert "katex.min.js" not in html
    assert "math.js" not in html


def test_feeds_carry_the_typeset_math_of_a_post(client):
    blog = make_blog_index()
    make_post(blog, body=[{"type": "markdown", "value": "Costs $O(n^2)$ memory."}])
    for url in ("/writing/feed/", "/writing/feed/atom/"):
        feed = client.get(url).content.decode()
        # Escaped inside the feed's HTML content: KaTeX's HTML and its MathML.
        assert "class=&quot;katex&quot;" in feed or 'class="katex"' in feed, url
        assert "&lt;math" in feed or "<math" in feed, url


@pytest.mark.django_db
def test_post_without_math_loads_no_math_code_or_css(client):
    post = make_post(make_blog_index(), body=[{"type": "markdown", "value": "Hi."}])
    html = client.get(post.url).content.decode()
    assert "katex" not in html
    assert "math.js" not in html


class PublishingWithBadMathTests(WagtailTestUtils, TestCase):
    """A formula KaTeX rejects is named to the editor; publishing goes on."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()

    def setUp(self):
        self.login()

    def test_publish_succeeds_and_the_editor_is_told_which_formula_failed(self):
        url = reverse(
            "wagtailadmin_pages:add", args=["blog", "paperpostpage", self.blog.pk]
        )
        data = nested_form_data(
            {
                "title": "Bad math",
                "slug": "bad-math",
                "dek": "",
                "date": "2025-01-01",
                "tags": "",
                "body": streamfield([("markdown", "Fine $x$, bad $\\frac{$.")]),
                "comments": inline_formset([]),
                "discussed_papers": inline_formset([]),
                "post_authors": inline_formset([]),
                "action-publish": "publish",
            }
        )
        response = self.client.post(url, data, follow=True)
        post = PaperPostPage.objects.get(slug="bad-math")
        self.assertIs(post.live, True)
        self.assertEqual(post.dek, "Fine x, bad .")
        warnings = [str(message) for message in response.context["messages"]]
        self.assertTrue(
            any(m.startswith("Formula “\\frac{” cannot be typeset") for m in warnings),
            warnings,
        )
        page = self.client.get(post.url).content.decode()
        self.assertIn('<code class="math-error">\\frac{</code>', page)


CORPUS = sorted((Path(__file__).parent / "corpus" / "math").glob("*.md"))


@pytest.mark.parametrize("path", CORPUS, ids=[path.stem for path in CORPUS])
def test_every_formula_of_the_real_world_corpus_is_typeset(path):
    source = path.read_text()
    document = render_texts([("markdown", source)])
    html = str(document.markdown_html(source))
    assert document.warnings == []
    assert "math-error" not in html
    visible = _TEX_RE.sub("", html)
    for leftover in ("$", "\\(", "\\[", "\\begin", "\\eqref", "\\newcommand"):
        assert leftover not in visible
    assert len(math_spans(html)) >= 5


def test_text_renders_when_the_cache_is_down():
    broken = mock.Mock(side_effect=ConnectionError("cache down"))
    with (
        mock.patch("django.core.cache.cache.get_many", broken),
        mock.patch("django.core.cache.cache.set_many", broken),
    ):
        html = render_markdown("Still $x^2$.")
    assert 'class="katex"' in html


def test_markdown_filter_brings_katex_css_only_with_math():
    from home.templatetags.scholia import markdown_filter

    assert "katex.min.css" in markdown_filter("Costs $O(n^2)$ memory.")
    assert "katex.min.css" not in markdown_filter("No math here.")


def test_math_inside_a_footnote_is_typeset():
    html = render_markdown(
        "Hidden state.[^1] And inline.^[Size $M$.]\n\n[^1]: Size $N$ per channel."
    )
    assert html.count('class="katex"') == 2
    assert "scholiamath" not in html
