"""One reference engine: rendering, the publish check and the reference index agree.

Every text below goes through the same parse; what the renderer links, what
``unknown()`` refuses at publish and what Wagtail's reference index records must
be the same list of references.
"""

import re

import pytest
from django.test import TestCase
from django.urls import reverse
from wagtail import blocks
from wagtail.models import ReferenceIndex
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from blog.models import PaperPostPage
from home.blocks import CalloutBlock, MarkdownBlock, RichTextBlock
from home.blocks.text import ReferencingBlock
from home.rendering.text import unknown_references_by_path
from reviews.models import Episode, GlossaryTerm
from reviews.references import syntax
from tests.conftest import make_blog_index, make_episode, make_reviews_tree, make_term

# Text that looks like a reference but is not one: the real-world cases.
NOT_REFERENCES = {
    "episode code inside a URL": "Code at https://github.com/x/nndyn-E763 here.",
    "episode code after a hyphen": "The nndyn-E763 model.",
    "episode code after a slash": "See x/E763 and E763x and XE036.",
    "link whose text is in brackets": "[[HTML]](https://developer.mozilla.org/)",
    "indented code": "Text.\n\n    [[nope]] and E999\n",
    "inline math": "So $[[nope]] + E999$ holds.",
    "inline double-dollar math": "So $$[[nope]] E999$$ holds.",
    "display math": "$$\n[[nope]] E999\n$$\n",
    "html comment": "Text <!-- [[nope]] E999 --> more.",
    "html comment block": "<!--\n[[nope]]\nE999\n-->\n",
    "code span": "Write `[[nope]]` or `E999`.",
    "fenced code": "```\n[[nope]]\nE999\n```\n",
    "tilde fence in a list": "- item\n\n  ~~~\n  [[nope]] E999\n  ~~~\n",
    "link destination": "[a paper](https://example.org/E999/[[nope]])",
    "link text": "[E999 and more](https://example.org/)",
    "autolink": "<https://example.org/E999>",
    "html attribute": '<span title="[[nope]] E999">x</span>',
    "raw html link": '<a href="/x">E999 [[nope]]</a>',
    "raw html code": "<code>E999 [[nope]]</code>",
    "escaped brackets": r"\[\[nope\]\]",
    "image alt text": "![E999 [[nope]]](/x.png)",
}

# (text, the references found in it, in order)
REFERENCES = {
    "term by name": ("The [[KV cache]] grows.", [("term", "KV cache", "KV cache")]),
    "term by slug with label": (
        "[[kv-cache|KV caches]]",
        [("term", "kv-cache", "KV caches")],
    ),
    "episode at line start": ("E036 shows it.", [("episode", "E036", "E036")]),
    "episode after a parenthesis": ("(E036)", [("episode", "E036", "E036")]),
    "episode before a full stop": ("As in E036.", [("episode", "E036", "E036")]),
    "episode in emphasis": ("*E036* and **E036**", [("episode", "E036", "E036")] * 2),
    "a range with an en dash": (
        "E036–E040",
        [("episode", "E036", "E036"), ("episode", "E040", "E040")],
    ),
    "after a line break": ("one\nE036", [("episode", "E036", "E036")]),
    "in a heading": ("## About [[KV cache]]", [("term", "KV cache", "KV cache")]),
    "in a list and a table": (
        "- E036\n\n| a |\n|---|\n| [[KV cache]] |\n",
        [("episode", "E036", "E036"), ("term", "KV cache", "KV cache")],
    ),
    "labelled term in a table (escaped pipe)": (
        "| a |\n|---|\n| [[kv-cache\\|KV caches]] |\n",
        [("term", "kv-cache", "KV caches")],
    ),
    "in a footnote": ("Text.[^1]\n\n[^1]: See E036.\n", [("episode", "E036", "E036")]),
    "link beside a term": (
        "[[KV cache]] and [docs](https://e.org/E999)",
        [("term", "KV cache", "KV cache")],
    ),
    "unknown ones too": (
        "[[nope]] E999",
        [("term", "nope", "nope"), ("episode", "E999", "E999")],
    ),
}


def found(text: str, text_format: str = "markdown") -> list[tuple[str, str, str]]:
    return [(ref.kind, ref.target, ref.label) for ref in syntax.find(text, text_format)]


@pytest.mark.parametrize("text", NOT_REFERENCES.values(), ids=NOT_REFERENCES.keys())
def test_text_that_only_looks_like_a_reference_is_not_one(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"), REFERENCES.values(), ids=REFERENCES.keys()
)
def test_references_are_found_where_readers_see_them(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>The [[KV cache]] (E036).</p>", ["KV cache", "E036"]),
        ("<p>[[kv-cache|KV <b>caches</b>]]</p>", []),
        ("<p><b>E036</b> and <i>[[KV cache]]</i></p>", ["E036", "KV cache"]),
        ('<p><a href="/x">E036</a> <code>[[KV cache]]</code></p>', []),
        ('<p><a linktype="page" id="3">[[KV cache]]</a></p>', []),
        ("<p>nndyn-E763, x/E763, E763x, https://e.org/E999</p>", []),
        ("<p>Fish &amp; [[KV cache]]</p>", ["KV cache"]),
        ("<p>E</p><p>036 </p><p>E036</p>", ["E036"]),
        ('<p><span class="katex"><span>E036</span></span> E037</p>', ["E037"]),
        ('<p><span class="reference-unknown">E999</span><br>E036</p>', ["E036"]),
    ],
)
def test_rich_text_references_are_read_from_its_text_nodes(html, expected):
    assert [target for _kind, target, _label in found(html, "richtext")] == expected


@pytest.fixture
def known(db):
    make_reviews_tree()
    return make_term("KV cache", aliases="KV caches"), make_episode("E036")


def test_renderer_links_term_and_episode_with_escaped_label(known):
    html = str(MarkdownBlock().render('[[kv-cache|<b>"KV"</b>]] and E036.'))
    assert 'href="/glossary/kv-cache/"' in html
    assert '>&lt;b&gt;"KV"&lt;/b&gt;</a>' in html
    assert '<a class="episode-ref" href="/episodes/e036/"' in html


def test_unknown_references_are_visible_in_the_rendered_text(known):
    html = str(MarkdownBlock().render("[[nope|No such]] and E999."))
    assert '<span class="reference-unknown">No such</span>' in html
    assert '<span class="reference-unknown">E999</span>' in html


@pytest.mark.parametrize("text", NOT_REFERENCES.values(), ids=NOT_REFERENCES.keys())
def test_false_references_are_neither_linked_nor_refused(known, text):
    html = str(MarkdownBlock().render(text))
    assert "reference-unknown" not in html
    assert 'class="term"' not in html
    assert "episode-ref" not in html
    assert syntax.unknown(text) == []


def test_linking_rendered_references_again_changes_nothing(known):
    html = str(MarkdownBlock().render("[[KV cache]] E036, [[nope]] and E999."))
    assert str(syntax.link_html(html)) == html


# Rendered markup of a resolved or unresolved reference, as the renderer writes it.
_LINKED = re.compile(r'data-term="([^"]+)"|data-episode="([^"]+)"')
_UNKNOWN = re.compile(r'class="reference-unknown">([^<]*)<')

CORPUS = {
    **{f"not: {name}": text for name, text in NOT_REFERENCES.items()},
    **{f"is: {name}": text for name, (text, _) in REFERENCES.items()},
    "mixed": "E036 [[KV caches]] `E999` [[nope]] $E998$ <!-- [[gone]] --> E997.",
}


@pytest.mark.parametrize("text", CORPUS.values(), ids=CORPUS.keys())
def test_render_check_and_index_agree(known, text):
    term, episode = known
    keys = {(GlossaryTerm, str(term.pk)): term.slug, (Episode, str(episode.pk)): "E036"}
    html = str(MarkdownBlock().render(text))
    rendered_known = [slug or code for slug, code in _LINKED.findall(html)]
    rendered_unknown = _UNKNOWN.findall(html)
    refs = list(syntax.find(text))
    indexed = [keys[ref] for ref in syntax.references(text)]
    unknown = syntax.unknown(text)
    block_index = {
        keys[(model, pk)] for model, pk, *_ in MarkdownBlock().extract_references(text)
    }

    assert rendered_known == indexed
    assert block_index == set(indexed)
    assert len(rendered_known) + len(rendered_unknown) == len(refs)
    assert [ref.label for ref in refs if ref.name in unknown] == rendered_unknown


def test_rich_text_render_check_and_index_agree(known):
    block = RichTextBlock()
    value = block.to_python(
        "<p>E036 [[KV caches]] <code>E999</code> [[nope]] x/E998.</p>"
    )
    html = str(block.render(value))
    assert [s or c for s, c in _LINKED.findall(html)] == ["E036", "kv-cache"]
    assert _UNKNOWN.findall(html) == ["nope"]
    assert syntax.unknown(value.source, "richtext") == ["[[nope]]"]
    assert {model for model, *_ in block.extract_references(value)} == {
        Episode,
        GlossaryTerm,
    }


class PublishingRealWorldTextTests(WagtailTestUtils, TestCase):
    """Text with reference look-alikes publishes; the index records the real ones."""

    @classmethod
    def setUpTestData(cls):
        make_reviews_tree()
        cls.term = make_term("KV cache")
        cls.blog = make_blog_index()

    def setUp(self):
        self.login()

    def publish(self, text: str):
        data = nested_form_data(
            {
                "title": "Imported post",
                "slug": "imported-post",
                "dek": "Dek.",
                "date": "2025-01-01",
                "tags": "",
                "body": streamfield([("markdown", text)]),
                "comments": inline_formset([]),
                "discussed_papers": inline_formset([]),
                "post_authors": inline_formset([]),
                "action-publish": "publish",
            }
        )
        url = reverse(
            "wagtailadmin_pages:add", args=["blog", "paperpostpage", self.blog.pk]
        )
        return self.client.post(url, data)

    def test_post_full_of_look_alikes_publishes_and_indexes_only_the_term(self):
        text = "\n\n".join([*NOT_REFERENCES.values(), "The [[KV cache]]."])
        self.publish(text)
        post = PaperPostPage.objects.get(slug="imported-post")
        self.assertIs(post.live, True)
        referenced = {
            (ref.to_content_type.model_class(), ref.to_object_id)
            for ref in ReferenceIndex.get_references_for_object(post)
        }
        self.assertEqual(referenced, {(GlossaryTerm, str(self.term.pk))})

    def test_unknown_reference_beside_look_alikes_is_named_alone(self):
        response = self.publish("`[[code]]` and [[missing-term]] and nndyn-E763")
        self.assertContains(response, "Unknown reference: [[missing-term]].")
        self.assertIs(
            PaperPostPage.objects.filter(slug="imported-post").exists(), False
        )


class DeclaredTextBlock(ReferencingBlock, blocks.TextBlock):
    """A new text block that takes part in references only by declaring so."""

    class Meta:
        reference_format = "markdown"


class AsideStreamBlock(blocks.StreamBlock):
    """A stream mixing a declared block, rich text, a callout and plain text."""

    aside = DeclaredTextBlock()
    rich_text = RichTextBlock()
    callout = CalloutBlock()
    plain = blocks.TextBlock()


def test_every_declared_text_block_is_checked_and_indexed(known):
    stream = AsideStreamBlock().to_python(
        [
            {"type": "aside", "value": "[[KV cache]] and [[aside-miss]]"},
            {"type": "rich_text", "value": "<p>[[rich-miss]] <code>[[x]]</code></p>"},
            {"type": "callout", "value": {"kind": "note", "text": "E036 E404"}},
            {"type": "plain", "value": "[[not-declared]] E999"},
        ]
    )
    assert unknown_references_by_path(stream) == {
        (0,): ["[[aside-miss]]"],
        (1,): ["[[rich-miss]]"],
        (2, "text"): ["E404"],
    }
    indexed = {model for model, *_ in AsideStreamBlock().extract_references(stream)}
    assert indexed == {GlossaryTerm, Episode}
