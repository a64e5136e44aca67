"""import_markdown and export_markdown: outcomes per file, nothing half-written."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image as PILImage
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from blog.markdown import MAX_FILE_BYTES
from blog.models import PaperPostPage
from tests.conftest import make_blog_index, make_post, make_term, write_markdown

pytestmark = pytest.mark.django_db

GOOD = """
title: "Mamba: What the Paper Actually Says"
slug: mamba
dek: Selective state spaces, honestly.
date: 2025-10-24
tags: [Systems, AI]
paper:
  title: "Mamba: Linear-Time Sequence Modeling with Selective State Spaces"
  authors: [Gu, Dao]
  year: 2023
  venue: arXiv
  url: https://arxiv.org/abs/2312.00752
"""


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_markdown", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def db_state() -> tuple:
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Tag.objects.count(),
        get_image_model().objects.count(),
        sorted(PaperPostPage.objects.values_list("slug", "title", "live")),
    )


@pytest.fixture
def blog():
    return make_blog_index()


def test_folder_of_good_files_becomes_live_posts(blog, tmp_path):
    write_markdown(tmp_path, "a.md", GOOD, "## Idea\n\nState spaces.")
    write_markdown(tmp_path / "sub", "b.markdown", "title: Second\ndate: 2025-01-02")
    (tmp_path / "notes.txt").write_text("not markdown")
    out, err = run(tmp_path)
    assert "2 created, 0 updated, 0 skipped, 0 failed" in out
    assert err == ""
    post = PaperPostPage.objects.get(slug="mamba")
    assert post.live is True
    assert post.dek == "Selective state spaces, honestly."
    assert post.date == datetime.date(2025, 10, 24)
    assert sorted(t.name for t in post.tags.all()) == ["AI", "Systems"]
    assert post.paper_authors == "Gu, Dao"
    assert post.paper_year == 2023
    assert post.body[0].value == "## Idea\n\nState spaces."
    second = PaperPostPage.objects.get(slug="second")
    assert second.dek == "Body."


def test_broken_yaml_fails_with_its_line_and_writes_nothing(blog, tmp_path):
    path = write_markdown(
        tmp_path, "bad.md", "title: Ok\ndate: 2025-01-01\ntags: [a, b"
    )
    before = db_state()
    out, err = run(path)
    assert "0 created, 0 updated, 0 skipped, 1 failed" in out
    assert f"FAILED {path}:" in err
    assert "not valid YAML" in err
    assert db_state() == before


def test_missing_title_fails_clearly(blog, tmp_path):
    path = write_markdown(tmp_path, "untitled.md", "date: 2025-01-01")
    before = db_state()
    _, err = run(path)
    assert "missing 'title'" in err
    assert db_state() == before


def test_unknown_tag_is_created(blog, tmp_path):
    path = write_markdown(
        tmp_path, "t.md", "title: T\ndate: 2025-01-01\ntags: Brand new"
    )
    run(path)
    assert Tag.objects.filter(name="Brand new").exists() is True
    assert PaperPostPage.objects.get(slug="t").tags.get().name == "Brand new"


def test_reimport_of_same_slug_updates_the_post_as_a_new_revision(blog, tmp_path):
    path = write_markdown(tmp_path, "a.md", GOOD)
    run(path)
    revisions = Revision.objects.count()
    out, _ = run(path)
    assert "1 skipped" in out
    assert Revision.objects.count() == revisions
    write_markdown(tmp_path, "a.md", GOOD.replace("honestly", "plainly"))
    out, _ = run(path)
    assert "1 updated" in out
    assert Revision.objects.count() == revisions + 1
    post = PaperPostPage.objects.get(slug="mamba")
    assert post.dek == "Selective state spaces, plainly."
    assert PaperPostPage.objects.count() == 1


def test_two_files_with_one_slug_the_later_file_updates_the_post(blog, tmp_path):
    write_markdown(tmp_path, "1.md", "title: First\nslug: same\ndate: 2025-01-01")
    write_markdown(tmp_path, "2.md", "title: Second\nslug: same\ndate: 2025-01-02")
    out, _ = run(tmp_path)
    assert "1 created, 1 updated" in out
    assert PaperPostPage.objects.get(slug="same").title == "Second"


def test_slug_taken_by_another_page_fails_and_writes_nothing(blog, tmp_path):
    path = write_markdown(tmp_path, "t.md", "title: Tags\nslug: tags\ndate: 2025-01-01")
    before = db_state()
    _, err = run(path)
    assert "slug" in err
    assert db_state() == before


def test_unknown_reference_imports_a_draft_and_reports_it(blog, tmp_path):
    make_term("KV cache")
    body = "The [[KV cache]] and [[nonsense term]] in E999."
    path = write_markdown(tmp_path, "r.md", "title: R\ndate: 2025-01-01", body)
    out, _ = run(path)
    post = PaperPostPage.objects.get(slug="r")
    assert post.live is False
    assert post.get_latest_revision_as_object().body[0].value == body
    assert "saved as a draft" in out
    assert "[[nonsense term]]" in out
    assert "E999" in out
    assert "[[KV cache]]" not in out


def test_unknown_reference_in_imported_rich_text_is_reported(blog, tmp_path):
    body = (
        "<!-- scholia:rich_text -->\n<p>See [[no such term]].</p>\n"
        "<!-- /scholia:rich_text -->"
    )
    path = write_markdown(
        tmp_path, "rt.md", "title: RT\ndek: D.\ndate: 2025-01-01", body
    )
    out, _ = run(path)
    assert PaperPostPage.objects.get(slug="rt").live is False
    assert "[[no such term]]" in out


def test_non_utf8_bytes_fail_with_the_line(blog, tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes(b"---\ntitle: Caf\xe9\ndate: 2025-01-01\n---\nBody\n")
    before = db_state()
    _, err = run(path)
    assert f"FAILED {path}:2: failed: not UTF-8" in err
    assert db_state() == before


def test_file_over_the_size_limit_is_refused(blog, tmp_path):
    path = write_markdown(
        tmp_path, "huge.md", "title: Huge\ndate: 2025-01-01", "x" * (5 * 1024 * 1024)
    )
    assert path.stat().st_size > MAX_FILE_BYTES
    before = db_state()
    _, err = run(path)
    assert "the limit is 2 MB" in err
    assert db_state() == before


def test_a_bad_file_does_not_stop_the_others(blog, tmp_path):
    write_markdown(tmp_path, "a_bad.md", "title: [unclosed")
    write_markdown(tmp_path, "b_good.md", "title: Good\ndate: 2025-01-01")
    out, err = run(tmp_path)
    assert "1 created, 0 updated, 0 skipped, 1 failed" in out
    assert "a_bad.md" in err
    assert PaperPostPage.objects.filter(slug="good").exists() is True


def test_dry_run_reports_and_writes_nothing(blog, tmp_path):
    write_markdown(tmp_path, "a.md", GOOD)
    before = db_state()
    out, _ = run(tmp_path, "--dry-run")
    assert "[dry run] 1 created" in out
    assert db_state() == before


def test_parent_option_picks_the_blog_index_by_slug(blog, tmp_path):
    other = make_blog_index(title="Notes", slug="notes")
    write_markdown(tmp_path, "a.md", GOOD)
    run(tmp_path, "--parent", "notes")
    assert PaperPostPage.objects.child_of(other).filter(slug="mamba").exists() is True
    assert PaperPostPage.objects.child_of(blog).exists() is False


def test_relative_image_goes_into_the_library(blog, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "img").mkdir()
    PILImage.new("RGB", (4, 3), "red").save(tmp_path / "img" / "fig.png")
    body = '![A figure](img/fig.png "Fig") and ![remote](https://example.com/x.png)'
    write_markdown(tmp_path, "a.md", "title: Pic\ndek: D\ndate: 2025-01-01", body)
    run(tmp_path / "a.md")
    image = get_image_model().objects.get()
    text = PaperPostPage.objects.get(slug="pic").body[0].value
    assert f'![A figure]({image.file.url} "Fig")' in text
    assert "(https://example.com/x.png)" in text
    run(tmp_path / "a.md")
    assert get_image_model().objects.count() == 1


def test_missing_image_fails_the_file(blog, tmp_path):
    path = write_markdown(
        tmp_path, "a.md", "title: P\ndek: D\ndate: 2025-01-01", "![x](no.png)"
    )
    before = db_state()
    _, err = run(path)
    assert "image 'no.png' not found" in err
    assert db_state() == before


def _post_fields(post):
    return (
        post.title,
        post.dek,
        post.date,
        sorted(tag.name for tag in post.tags.all()),
        post.body[0].value,
        post.paper_title,
        post.paper_authors,
        post.paper_year,
        post.paper_venue,
        post.paper_url,
        post.paper_arxiv_id,
        post.live,
    )


def test_export_wipe_import_reproduces_the_posts(blog, tmp_path):
    make_post(
        blog,
        slug="switch",
        title="Switch: what it says",
        dek="Sparse experts: 'routing' matters.",
        tags=["Systems", "AI"],
        body=[{"type": "markdown", "value": "## Routing\n\nText with `code`."}],
        paper_title="Switch Transformers",
        paper_authors="Fedus, Zoph, Shazeer",
        paper_year=2021,
        paper_venue="JMLR",
        paper_arxiv_id="2101.03961",
    )
    make_post(blog, slug="plain", paper_url="https://example.com/paper")
    make_post(blog, slug="draft-one", live=False)
    before = {p.slug: _post_fields(p) for p in PaperPostPage.objects.all()}
    call_command(
        "export_markdown", str(tmp_path / "out"), "--drafts", stdout=StringIO()
    )
    for post in PaperPostPage.objects.all():
        post.delete()
    out, err = run(tmp_path / "out")
    assert "3 created" in out
    assert err == ""
    after = {
        p.slug: _post_fields(p.get_latest_revision_as_object())
        for p in PaperPostPage.objects.all()
    }
    after_live = {p.slug: p.live for p in PaperPostPage.objects.all()}
    for slug, fields in after.items():
        after[slug] = (*fields[:-1], after_live[slug])
    assert after == before


def test_failed_file_leaves_no_image_row_or_file(blog, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    PILImage.new("RGB", (4, 3), "blue").save(tmp_path / "fig.png")
    front = "title: Tags\nslug: tags\ndek: D\ndate: 2025-01-01"
    path = write_markdown(tmp_path, "a.md", front, "![f](fig.png)")
    before = db_state()
    _, err = run(path)
    assert "failed" in err
    assert db_state() == before
    media = tmp_path / "media"
    assert [p for p in media.rglob("*") if p.is_file()] == []
