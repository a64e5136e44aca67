"""import_markdown on files written for other generators, and on hostile files."""

import os
import re
import shutil
import struct
import zlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.images import get_image_model

from blog.models import PaperPostPage
from tests.conftest import make_blog_index, make_term

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent / "corpus"
REAL_WORLD = CORPUS / "real_world"
HOSTILE = CORPUS / "hostile"
LIQUID_LEFT = re.compile(r"\{%|%\}|\{\{[<%]|[>%]\}\}|\{\{\s*[\w.]+\s*(?:\|[^}]*)?\}\}")
CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.DOTALL)
# Each hostile file, the line its refusal names, and words from the reason.
REFUSALS = {
    "alias-bomb.md": (3, "anchor '&a' refused"),
    "nested-yaml.md": (4, "nested more than 20 levels"),
    "nested-toml.md": (2, "nested more than 20 levels"),
    "python-tag.md": (4, "not valid YAML"),
    "svg-as-png.md": (7, "image 'svg-renamed.png' refused"),
    "dotdot-image.md": (7, "outside the folder being imported"),
    "symlink-image.md": (7, "outside the folder being imported"),
    "absolute-image.md": (7, "not found in the folder being imported"),
    "huge-image.md": (7, "too many pixels"),
    "2022-13-45-impossible-date.md": (2, "'date' must be a date"),
    "linked-outside.md": (None, "file is outside the folder being imported"),
    "pipe.md": (None, "not a regular file"),
}


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_markdown", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def header_only_png(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` x ``height`` pixels in a few dozen bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def media_files(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def blog():
    make_term("KV cache")
    return make_blog_index()


def test_every_real_world_file_becomes_a_page_without_liquid(
    blog, client, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    out, err = run(REAL_WORLD)
    files = list(REAL_WORLD.rglob("*.md"))
    assert f"{len(files)} created, 0 updated, 0 skipped, 0 failed" in out
    assert err == ""
    assert PaperPostPage.objects.live().count() == len(files)
    for post in PaperPostPage.objects.all():
        response = client.get(post.url)
        assert response.status_code == 200, post.slug
        html = CODE.sub("", response.content.decode())
        assert LIQUID_LEFT.search(html) is None, (post.slug, LIQUID_LEFT.search(html))
        for leftover in ("site.baseurl", "layout:", "+++", "<d-", "draft ="):
            assert leftover not in html, (post.slug, leftover)


def test_jekyll_post_keeps_its_code_and_gets_its_site_root_image(
    blog, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    out, _ = run(REAL_WORLD)
    post = PaperPostPage.objects.get(slug="flash-attention-io-awareness")
    body = post.body[0].value
    assert str(post.date) == "2022-03-25"
    tags = sorted(tag.name.casefold() for tag in post.tags.all())
    assert tags == ["attention", "gpu", "kernels", "systems"]
    assert post.dek.startswith("Attention is memory-bound, not compute-bound")
    assert "$" not in post.dek
    assert "```python\ndef softmax(x):" in body
    assert "<h1>{{ page.title }}</h1>" in body
    assert "{% raw %}" not in body
    assert "(../sparse-transformers/)" in body
    image = get_image_model().objects.get(title="reads")
    assert f"]({image.file.url})" in body
    assert "line 21: dropped Liquid tag {% include figure.html" in out
    hugo = PaperPostPage.objects.get(slug="switch-transformers-in-one-page")
    assert "Indented code keeps {{< this >}} and {% that %} as written." in (
        hugo.body[0].value
    )
    assert hugo.paper_authors == "Fedus, Zoph, Shazeer"


def test_hostile_files_are_refused_and_good_ones_imported(
    blog, tmp_path, settings, monkeypatch
):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = str(media)
    folder = tmp_path / "import"
    shutil.copytree(HOSTILE, folder)
    shutil.copy(REAL_WORLD / "plain-with-image.md", folder)
    shutil.copytree(REAL_WORLD / "images", folder / "images")
    shutil.copy(REAL_WORLD / "obsidian-kv-cache-notes.md", folder)
    outside = tmp_path / "outside.png"
    PILImage.new("RGB", (5, 5), "red").save(outside)
    (tmp_path / "outside.md").write_text(
        "---\ntitle: Outside\ndate: 2025-01-01\n---\nx"
    )
    (folder / "linked.png").symlink_to(outside)
    (folder / "linked-outside.md").symlink_to(tmp_path / "outside.md")
    os.mkfifo(folder / "pipe.md")
    (folder / "huge.png").write_bytes(header_only_png(15000, 15000))
    (folder / "absolute-image.md").write_text(
        f"---\ntitle: Absolute\ndate: 2025-01-01\n---\nIntro.\n\n![x]({outside})\n"
    )
    read = []
    original = Path.read_bytes
    monkeypatch.setattr(
        Path, "read_bytes", lambda path: read.append(path.resolve()) or original(path)
    )

    out, err = run(folder)

    assert "2 created, 0 updated, 0 skipped, 12 failed" in out
    assert "Traceback" not in out + err
    for name, (line, reason) in REFUSALS.items():
        where = f"{folder / name}:{line}" if line else str(folder / name)
        assert f"FAILED {where}: failed: " in err, err
        failure = next(row for row in err.splitlines() if f"{folder / name}" in row)
        assert reason in failure, failure
    assert sorted(PaperPostPage.objects.values_list("slug", flat=True)) == [
        "a-post-with-its-own-figure",
        "kv-cache-notes",
    ]
    assert all(path.is_relative_to(folder.resolve()) for path in read)
    assert outside.resolve() not in read
    rows = {image.file.name for image in get_image_model().objects.all()}
    assert media_files(media) == rows
    assert len(rows) == 1
