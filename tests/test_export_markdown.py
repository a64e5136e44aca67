"""export_markdown: live revisions, every block type, images, and round trips."""

import difflib
import re
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from blog.models import PaperPostPage
from tests.conftest import make_blog_index, make_post, make_term

pytestmark = pytest.mark.django_db

TOOLTIP_ID = re.compile(r"term-tip-\d+")
REAL_WORLD = Path(__file__).resolve().parent / "corpus" / "real_world"


def export(folder: Path, *args) -> str:
    out = StringIO()
    call_command("export_markdown", str(folder), *args, stdout=out)
    return out.getvalue()


def import_folder(folder: Path) -> str:
    out, err = StringIO(), StringIO()
    call_command("import_markdown", str(folder), stdout=out, stderr=err)
    assert err.getvalue() == ""
    return out.getvalue()


def _stable(html: str) -> str:
    # Tooltip ids come from a counter that differs between renders.
    return TOOLTIP_ID.sub("term-tip-N", html)


def pages() -> dict:
    """Every live post as readers see it: fields and the rendered body."""
    return {
        post.slug: (
            post.title,
            post.dek,
            post.date,
            sorted(tag.name for tag in post.tags.all()),
            post.paper_title,
            post.paper_authors,
            post.paper_year,
            _stable(str(post.body)),
        )
        for post in PaperPostPage.objects.live()
    }


def assert_same_pages(before: dict, after: dict) -> None:
    assert sorted(after) == sorted(before)
    for slug, fields in before.items():
        *meta, body = fields
        *meta_after, body_after = after[slug]
        assert meta_after == meta, slug
        diff = "\n".join(
            difflib.unified_diff(
                body.splitlines(), body_after.splitlines(), lineterm=""
            )
        )
        assert body_after == body, f"{slug}:\n{diff}"


def delete_posts() -> None:
    for post in PaperPostPage.objects.all():
        post.delete()


def make_image(name: str, color: str):
    """A library image as the admin's upload form stores it (with its hash)."""
    buffer = BytesIO()
    PILImage.new("RGB", (8, 6), color).save(buffer, "PNG")
    data = buffer.getvalue()
    image = get_image_model()(
        title=name, file=ImageFile(BytesIO(data), name=f"{name}.png")
    )
    image.file_size = len(data)
    image.file_hash = hash_filelike(BytesIO(data))
    image.save()
    return image


def every_block(figure, inline) -> list[dict]:
    return [
        {"type": "markdown", "value": f"Intro with ![inline]({inline.file.url})."},
        {"type": "markdown", "value": "A second markdown block[^1].\n\n[^1]: Note."},
        {"type": "heading", "value": {"text": "Routing", "level": "h2", "anchor": ""}},
        {
            "type": "heading",
            "value": {"text": "Load -- balance", "level": "h3", "anchor": "lb"},
        },
        {
            "type": "code",
            "value": {
                "language": "python",
                "code": "print('```')\nx = {{ y }}",
                "caption": "Listing 1",
            },
        },
        {"type": "equation", "value": {"tex": r"\frac{a}{b}", "caption": "(1)"}},
        {
            "type": "figure",
            "value": {
                "image": figure.pk,
                "alt_text": "A plot",
                "caption": 'The "plot"',
            },
        },
        {
            "type": "quote",
            "value": {
                "text": "Experts matter less than routing.\n\nSecond paragraph.",
                "source": "Fedus et al.",
                "source_url": "https://arxiv.org/abs/2101.03961",
            },
        },
        {
            "type": "callout",
            "value": {"kind": "warning", "text": "Holds at *batch 1*."},
        },
        {
            "type": "table",
            "value": {
                "data": [["Model", "Score"], ["A|B", "1"], [None, "x\ny"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Scores",
            },
        },
        {
            "type": "paper_numbers",
            "value": {
                "caption": "Headline",
                "rows": [
                    {"metric": "Speed", "reported": "3x", "baseline": "1x", "note": ""}
                ],
            },
        },
        {"type": "rich_text", "value": "<p>Rich <b>text</b> on the [[KV cache]].</p>"},
    ]


@pytest.fixture
def blog(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    make_term("KV cache")
    return make_blog_index()


def test_every_block_type_exports_and_imports_to_the_same_page(blog, tmp_path):
    figure, inline = make_image("plot", "red"), make_image("inline", "blue")
    make_post(blog, slug="blocks", body=every_block(figure, inline))
    before = pages()
    export(tmp_path / "out")
    text = (tmp_path / "out" / "blocks.md").read_text()
    assert "## Routing\n" in text
    assert "### Load -- balance {#lb}" in text
    assert "````python\nprint('```')" in text
    assert "$$\n\\frac{a}{b}\n$$" in text
    assert "![A plot](images/plot.png \"The 'plot'\")" in text
    assert "![inline](images/inline.png)" in text
    assert "| A\\|B | 1 |" in text
    assert "/media/" not in text
    assert (tmp_path / "out" / "images" / "plot.png").is_file()
    delete_posts()
    assert "1 created" in import_folder(tmp_path / "out")
    assert_same_pages(before, pages())
    assert get_image_model().objects.count() == 2


def test_text_that_looks_like_liquid_survives_the_round_trip(blog, tmp_path):
    text = "Jinja prints {{ name }} and loops with {% for x in xs %}."
    make_post(blog, slug="jinja", body=[{"type": "markdown", "value": text}])
    before = pages()
    export(tmp_path / "out")
    assert "render_with_liquid: false" in (tmp_path / "out" / "jinja.md").read_text()
    delete_posts()
    import_folder(tmp_path / "out")
    assert_same_pages(before, pages())


def test_live_post_exports_its_live_revision_unless_drafts_are_asked(blog, tmp_path):
    post = make_post(blog, slug="edited", title="Published title")
    draft = post.get_latest_revision_as_object()
    draft.title = "Unapproved title"
    draft.save_revision()
    make_post(blog, slug="never-published", live=False)
    export(tmp_path / "live")
    text = (tmp_path / "live" / "edited.md").read_text()
    assert "title: Published title" in text
    assert "draft: false" in text
    assert not (tmp_path / "live" / "never-published.md").exists()
    export(tmp_path / "all", "--drafts")
    text = (tmp_path / "all" / "edited.md").read_text()
    assert "title: Unapproved title" in text
    assert "draft: true" in text
    assert "draft: true" in (tmp_path / "all" / "never-published.md").read_text()


def test_demo_site_exports_and_imports_to_the_same_pages(blog, tmp_path):
    call_command("load_demo_content", stdout=StringIO())
    before = pages()
    assert len(before) > 10
    export(tmp_path / "out")
    delete_posts()
    import_folder(tmp_path / "out")
    assert_same_pages(before, pages())


def test_corpus_import_export_import_gives_the_same_pages(blog, tmp_path):
    import_folder(REAL_WORLD)
    before = pages()
    export(tmp_path / "out")
    delete_posts()
    out = import_folder(tmp_path / "out")
    assert f"{len(before)} created" in out
    assert_same_pages(before, pages())
