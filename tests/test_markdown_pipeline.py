"""The markdown pipeline: CommonMark conformance, the cases real posts need,
post-wide heading ids and footnotes, sanitising, plain text and excerpts."""

import json
import re
from pathlib import Path

import pytest

from blog.models import PaperPostPage
from home.rendering.document import render_texts
from home.rendering.markdown import excerpt, plain_text, render_markdown
from home.rendering.parser import markdown_parser
from tests.conftest import make_blog_index, make_post

# Rendering reads the reference table's generation token from the database.
pytestmark = pytest.mark.django_db

SPEC = Path(__file__).parent / "corpus" / "commonmark" / "spec-0.31.2.json"

# Examples whose output differs on purpose, and why.
SPEC_DEVIATIONS = {
    12: r"\( … \) and \[ … \] are math delimiters (as in MathJax), not escapes",
    96: "a document starting with --- … --- is front matter, ignored",
    98: "a document starting with --- … --- is front matter, ignored",
    548: "[[foo]] is Scholia's glossary reference, not a bracketed link",
    559: "[[…]] is Scholia's glossary reference, not a bracketed link",
    590: "![[foo]] keeps its '!' before a glossary reference",
}


def _spec_html(markdown: str) -> str:
    """The parser's HTML before sanitising, with the pipeline's decorations
    that the spec does not know (heading ids, # as <h2>) taken off."""
    md = markdown_parser()
    env = {"scholia_math_placeholder": lambda token: token.content}
    tokens = md.parse(markdown, env)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            if token.markup in ("#", "="):
                token.tag = "h1"
            if token.attrs:
                token.attrs.pop("id", None)
    return md.renderer.render(tokens, md.options, env)


def _spec_examples() -> list:
    examples = []
    for entry in json.loads(SPEC.read_text()):
        marks = ()
        if entry["example"] in SPEC_DEVIATIONS:
            reason = SPEC_DEVIATIONS[entry["example"]]
            marks = pytest.mark.xfail(strict=True, reason=reason)
        examples.append(
            pytest.param(entry, id=f"example-{entry['example']}", marks=marks)
        )
    return examples


@pytest.mark.parametrize("entry", _spec_examples())
def test_commonmark_spec_example(entry):
    html = _spec_html(entry["markdown"])
    # The two normalisations markdown-it-py's own spec test makes.
    if entry["example"] == 596:
        html = html.replace("mailto", "MAILTO")
    if entry["example"] in (218, 239, 240):
        html = html.replace("<blockquote></blockquote>", "<blockquote>\n</blockquote>")
    assert html == entry["html"]


def test_fenced_code_inside_a_list_item_stays_in_the_item():
    html = render_markdown(
        "1. Install:\n\n   ```bash\n   pip install x\n   ```\n\n2. Run it.\n\nAfter."
    )
    assert '<code class="language-bash">pip install x\n</code>' in html
    assert "<li>\n<p>Run it.</p>" in html
    assert "<p>After.</p>" in html


def test_closing_fence_indented_up_to_three_spaces_closes_the_block():
    html = render_markdown("```python\nx = 1\n   ```\n\n## Next\n\nText.")
    assert '<code class="language-python">x = 1\n</code></pre>' in html
    assert '<h2 id="next">Next</h2>' in html
    assert "<p>Text.</p>" in html


def test_heading_indented_inside_a_list_is_a_heading():
    html = render_markdown("- item\n\n  ### Inside\n\n  text")
    assert '<h3 id="inside">Inside</h3>' in html


def test_table_starting_with_its_delimiter_row_is_a_table_without_header():
    html = render_markdown("|---|--:|\n| a | 1 |\n| b | 2 |")
    assert "<table>" in html
    assert "<thead>" not in html
    assert '<td style="text-align:right">2</td>' in html
    assert "|" not in html


def test_gfm_table_with_header_keeps_its_header():
    html = render_markdown("| x | y |\n|---|---|\n| 1 | 2 |")
    assert "<thead>" in html
    assert "<th>x</th>" in html


def test_strikethrough_task_list_and_front_matter():
    html = render_markdown("---\ntitle: Hidden\n---\n~~old~~\n\n- [x] done\n- [ ] todo")
    assert "Hidden" not in html
    assert "<s>old</s>" in html
    assert "☑ done" in html
    assert "☐ todo" in html


def test_markdown_h1_becomes_h2_so_the_title_stays_the_only_h1():
    html = render_markdown("# Top\n\nSetext\n======")
    assert "<h1" not in html
    assert '<h2 id="top">Top</h2>' in html
    assert '<h2 id="setext">Setext</h2>' in html


def test_heading_ids_are_unique_and_can_be_given_explicitly():
    html = render_markdown("## Results\n\n## Results\n\n## Method {#how-we-did-it}")
    assert '<h2 id="results">Results</h2>' in html
    assert '<h2 id="results-2">Results</h2>' in html
    assert '<h2 id="how-we-did-it">Method</h2>' in html


def test_heading_ids_are_unique_across_the_blocks_of_a_post():
    document = render_texts(
        [
            ("heading", ["Results", "", "h2"]),
            ("markdown", "## Results\n\ntext"),
            ("markdown", "### Results"),
        ]
    )
    assert [heading["anchor"] for heading in document.headings] == [
        "results",
        "results-2",
        "results-3",
    ]
    assert document.heading_anchor("Results", "") == "results"
    assert 'id="results-2"' in document.markdown_html("## Results\n\ntext")


def test_footnotes_are_numbered_across_blocks_with_unique_ids_and_back_links():
    first = "One[^a].\n\n[^a]: First note."
    second = "Two[^b].\n\n[^b]: Second note."
    document = render_texts([("markdown", first), ("markdown", second)])
    html_one, html_two = document.markdown_html(first), document.markdown_html(second)
    assert 'href="#fn1" id="fnref1"' in html_one
    assert 'href="#fn2" id="fnref2"' in html_two
    # One list, after the last markdown block, with both notes and back-links.
    assert "footnotes" not in html_one
    assert html_two.count('<li id="fn') == 2
    assert '<a href="#fnref1" class="footnote-backref"' in html_two
    assert '<a href="#fnref2" class="footnote-backref"' in html_two


def test_a_footnote_may_be_defined_in_a_later_block():
    first, second = "Claim[^src].", "More.\n\n[^src]: The source."
    document = render_texts([("markdown", first), ("markdown", second)])
    assert 'href="#fn1" id="fnref1"' in document.markdown_html(first)
    assert "The source." in document.markdown_html(second)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        "[x](javascript:alert(1))",
        '<p style="position:fixed">x</p>',
    ],
)
def test_raw_html_is_sanitised(hostile):
    html = render_markdown(f"Before\n\n{hostile}\n\nafter")
    assert "<script" not in html
    assert "onerror" not in html
    assert 'href="javascript' not in html
    assert "position:fixed" not in html


def test_raw_html_that_is_harmless_is_kept():
    html = render_markdown("<details><summary>x</summary>\n\n*kept*\n\n</details>")
    assert "<em>kept</em>" in html


def test_plain_text_has_the_words_a_reader_reads():
    text = plain_text(
        "The [[kv-cache|KV caches]] grow as $O(n)$ while $\\frac{a}{b}$ "
        "stays[^1].\n\n[^1]: A note nobody reads in an excerpt.\n\n"
        "```python\ncode()\n```\n\n<!-- hidden -->"
    )
    assert text == "The KV caches grow as O(n) while stays."


def test_excerpt_cuts_at_a_word_boundary():
    text = "Attention scales quadratically with sequence length in time."
    assert excerpt(text, 30) == "Attention scales quadratically…"
    assert excerpt(text, 200) == text


@pytest.mark.django_db
def test_markdown_headings_get_ids_and_table_of_contents_entries(client):
    post = make_post(
        make_blog_index(),
        body=[
            {"type": "heading", "value": {"text": "Results", "level": "h2"}},
            {"type": "markdown", "value": "## Results\n\nx[^1]\n\n[^1]: a"},
            {
                "type": "callout",
                "value": {"kind": "note", "text": "### Caveat\n\ny[^2]\n\n[^2]: b"},
            },
            {"type": "markdown", "value": "#### Too deep for the contents"},
        ],
    )
    assert post.table_of_contents() == [
        {"text": "Results", "anchor": "results", "level": "h2"},
        {"text": "Results", "anchor": "results-2", "level": "h2"},
        {"text": "Caveat", "anchor": "caveat", "level": "h3"},
    ]
    html = client.get(post.url).content.decode()
    for anchor in ("results", "results-2", "caveat", "too-deep-for-the-contents"):
        assert html.count(f'id="{anchor}"') == 1
        assert f'href="#{anchor}"' in html or anchor == "too-deep-for-the-contents"
    for footnote_id in ("fn1", "fn2", "fnref1", "fnref2"):
        assert html.count(f'id="{footnote_id}"') == 1


DEK_SOURCE = "The [[KV cache]] is $O(n)$[^1].\n\n[^1]: A note."


@pytest.mark.django_db
def test_an_empty_dek_is_derived_and_not_repeated_above_the_body(client):
    blog = make_blog_index()
    post = make_post(blog, dek="", body=[{"type": "markdown", "value": DEK_SOURCE}])
    assert post.dek == "The KV cache is O(n)."
    assert post.dek_derived is True
    assert 'class="dek"' not in client.get(post.url).content.decode()
    assert "The KV cache is O(n)." in client.get(blog.url).content.decode()


@pytest.mark.django_db
def test_a_derived_dek_follows_the_body_until_the_editor_writes_one():
    post = make_post(
        make_blog_index(), dek="", body=[{"type": "markdown", "value": "Old."}]
    )
    post = PaperPostPage.objects.get(pk=post.pk)
    post.body = [("markdown", "New words.")]
    post.save()
    assert post.dek == "New words."
    post = PaperPostPage.objects.get(pk=post.pk)
    post.dek = "Written by the editor."
    post.save()
    assert post.dek_derived is False
    assert post.dek == "Written by the editor."


CORPUS = sorted((Path(__file__).parent / "corpus" / "math").glob("*.md"))
_ID_RE = re.compile(r'\sid="([^"]+)"')


@pytest.mark.django_db
@pytest.mark.parametrize("path", CORPUS, ids=[path.stem for path in CORPUS])
def test_real_world_post_page_has_no_raw_markdown_or_duplicate_ids(client, path):
    source = path.read_text()
    # Split in two blocks at a blank line, as an editor would.
    paragraphs = source.split("\n\n")
    half = len(paragraphs) // 2
    blocks = ["\n\n".join(paragraphs[:half]), "\n\n".join(paragraphs[half:])]
    post = make_post(
        make_blog_index(),
        body=[{"type": "markdown", "value": text} for text in blocks],
    )
    html = client.get(post.url).content.decode()
    body = html[html.index('<div class="body">') :]
    visible = re.sub(r"<annotation.*?</annotation>", "", body, flags=re.S)
    ids = _ID_RE.findall(html)
    assert len(ids) == len(set(ids)), "duplicate ids"
    for raw in ("$", "\\(", "\\[", "\\begin{", "<p>#", "|---", "[^", "```"):
        assert raw not in visible
    assert "math-error" not in body
    assert body.count("<pre") == source.count("```") // 2
    assert "<h1" not in body
