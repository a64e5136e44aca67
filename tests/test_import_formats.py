"""Front matter and bodies written for Jekyll, al-folio, distill, Hugo, Obsidian."""

import datetime

import pytest

from blog.markdown import MarkdownFileError, parse
from tests.conftest import make_term

pytestmark = pytest.mark.django_db


def source(front: str, body: str = "Body.", name: str = "post.md"):
    return parse(f"---\n{front.strip()}\n---\n{body}\n", name)


def test_jekyll_file_name_gives_the_date_and_the_slug():
    post = source("title: Any Title", name="2022-03-25-flash-attention.md")
    assert post.date == datetime.date(2022, 3, 25)
    assert post.slug == "flash-attention"


def test_windows_line_endings_read_like_unix_ones():
    lines = [
        "---",
        "title: T",
        "date: 2025-01-01",
        "---",
        "{% raw %}",
        "x",
        "{% endraw %}",
    ]
    assert parse("\r\n".join(lines)).body == "x"


def test_front_matter_date_wins_over_the_file_name():
    post = source("title: T\ndate: 2023-01-02 10:00:00 +0100", name="2022-03-25-t.md")
    assert post.date == datetime.date(2023, 1, 2)


def test_missing_date_names_both_places_it_can_come_from():
    with pytest.raises(MarkdownFileError, match="2025-10-24-title.md"):
        source("title: T")


@pytest.mark.parametrize("key", ["description", "excerpt", "summary", "subtitle"])
def test_other_generators_dek_keys_become_the_dek(key):
    post = source(f"title: T\ndate: 2025-01-01\n{key}: The *short* version.")
    assert post.dek == "The short version."
    assert f"dek taken from '{key}'" in post.notes


def test_categories_merge_with_tags_as_jekyll_splits_them():
    post = source(
        "title: T\ncategories: ml systems\ncategory: Papers\ntags: [GPU, ML]",
        name="2022-01-01-t.md",
    )
    assert post.tags == ["GPU", "ML", "systems", "Papers"]


def test_a_comma_string_is_split_on_commas():
    post = source("title: T\ndate: 2025-01-01\ntags: Machine learning, Systems")
    assert post.tags == ["Machine learning", "Systems"]


@pytest.mark.parametrize(
    "authors",
    [
        "author: Ada Lovelace",
        "authors: [Ada Lovelace, Alan Turing]",
        "authors:\n  - name: Ada Lovelace\n    affiliations: {name: X}\n"
        "  - name: Alan Turing",
    ],
)
def test_authors_in_the_usual_forms_are_read_and_reported(authors):
    post = source(f"title: T\ndate: 2025-01-01\n{authors}")
    assert post.authors[0] == "Ada Lovelace"
    assert any("not stored yet" in note for note in post.notes)


@pytest.mark.parametrize("flag", ["published: false", "draft: true", "draft: 'yes'"])
def test_unpublished_or_draft_files_become_drafts(flag):
    assert source(f"title: T\ndate: 2025-01-01\n{flag}").draft is True


def test_draft_false_as_text_is_not_a_draft():
    assert source("title: T\ndate: 2025-01-01\ndraft: 'false'").draft is False


def test_generator_keys_are_accepted_and_unknown_keys_reported():
    post = source(
        "title: T\ndate: 2025-01-01\nlayout: post\npermalink: /x/\ntoc: true\n"
        "weight: 3\nlastmod: 2025-02-01\nmystery: 1"
    )
    assert (
        "accepted, not used by this site: lastmod, layout, permalink, toc, weight"
        in (post.notes)
    )
    assert "ignored unknown key(s): mystery" in post.notes


def test_hugo_toml_front_matter_is_read():
    post = parse(
        '+++\ntitle = "Hugo"\ndate = 2023-01-02T10:00:00Z\ndraft = true\n'
        'tags = ["a"]\n[paper]\ntitle = "P"\nyear = 2020\n+++\nBody.\n'
    )
    assert (post.title, post.date, post.draft, post.tags) == (
        "Hugo",
        datetime.date(2023, 1, 2),
        True,
        ["a"],
    )
    assert post.paper == {"title": "P", "year": 2020}


def test_broken_toml_names_its_line():
    with pytest.raises(MarkdownFileError) as error:
        parse('+++\ntitle = "T"\ndate = = 2\n+++\nBody.\n')
    assert error.value.line == 3
    assert "not valid TOML" in error.value.reason


def test_yaml_alias_bomb_is_refused_before_expansion():
    bomb = 'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n' + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    with pytest.raises(MarkdownFileError) as error:
        source(f"title: T\ndate: 2025-01-01\n{bomb}dek: *i")
    assert error.value.line == 4
    assert "anchor '&a' refused" in error.value.reason


def test_yaml_nested_past_the_stack_limit_is_refused():
    with pytest.raises(MarkdownFileError, match="nested more than 20 levels"):
        source("title: T\ndate: 2025-01-01\nx: " + "[" * 100_000)


LIQUID_IN_CODE = """Text {{ page.title }} and `{{ inline }}` code.

    {{ indented }}

```liquid
{{ fenced }} {% if x %}
```

1. A list item with code:

   ```python
   x = "{% not_a_tag %}"
   ```
"""


def test_liquid_inside_code_is_left_alone():
    post = source("title: T\ndate: 2025-01-01", LIQUID_IN_CODE)
    assert post.body.startswith("Text  and `{{ inline }}` code.")
    for kept in ("{{ fenced }} {% if x %}", '"{% not_a_tag %}"', "    {{ indented }}"):
        assert kept in post.body
    assert post.notes == [
        "Liquid/shortcode line 5: dropped Liquid output {{ page.title }}"
    ]


def test_hugo_shortcodes_are_dropped_and_paired_content_kept():
    body = '{{< figure src="a.png" >}}\n\n{{% notice %}}\nKept.\n{{% /notice %}}\n'
    post = source("title: T\ndate: 2025-01-01", body)
    assert post.body.split() == ["Kept."]
    assert len(post.notes) == 3
    assert 'line 5: dropped Hugo shortcode {{< figure src="a.png" >}}' in post.notes[0]


def test_distill_footnotes_become_markdown_footnotes_and_cites_are_reported():
    body = 'A<d-footnote>Note.</d-footnote> B <d-cite key="x2020"></d-cite>.'
    post = source("title: T\ndate: 2025-01-01", body)
    assert post.body == "A[^d1] B [x2020].\n\n[^d1]: Note."
    assert any("x2020" in note and "[@key]" in note for note in post.notes)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The [[KV cache]] grows.",
        "The [[kv-cache|KV caches]] grow.",
        "It is $O(n)$ per token.",
        "It is $$O(n^2 d)$$ in total.",
        "Proved by \\(\\frac{a}{b}\\) here.",
        "A claim[^1] with a note.\n\n[^1]: The note.",
        "Some **bold**, _italic_ and `code` and [a link](https://x.org).",
        "Raw <b>HTML</b> &amp; entities.",
        "A [reference link][ref] defined later.\n\n[ref]: https://x.org",
    ],
)
def test_derived_dek_carries_no_markup(paragraph):
    make_term("KV cache")
    dek = source("title: T\ndate: 2025-01-01", f"# Heading\n\n{paragraph}").dek
    for markup in ("[", "]", "$", "\\(", "**", "`", "<", "&amp;", "Heading"):
        assert markup not in dek, (markup, dek)
    assert dek


def test_derived_dek_is_cut_at_a_word_boundary():
    words = " ".join(f"word{n}" for n in range(200))
    dek = source("title: T\ndate: 2025-01-01", words).dek
    assert len(dek) <= 300
    assert dek.endswith("\u2026")
    assert dek[:-1].split()[-1] in words.split()


def test_derived_dek_skips_images_code_and_math_blocks():
    body = "![x](a.png)\n\n```\ncode\n```\n\n$$\nx\n$$\n\nThe real first paragraph."
    assert source("title: T\ndate: 2025-01-01", body).dek == "The real first paragraph."
