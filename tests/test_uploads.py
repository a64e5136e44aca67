"""Hostile uploads through the admin's image upload views: refused with a
message, never stored, never a 500."""

import io
import struct
import zlib

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

Image = get_image_model()


def png_bytes(width: int = 4, height: int = 4) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


def gif_bytes() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("P", (4, 4)).save(buffer, "GIF")
    return buffer.getvalue()


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


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
# GIF89a header whose bytes also parse as JavaScript (GIF89a=...;alert(1)//).
GIF_JS_POLYGLOT = b"GIF89a/*\x0a\x00\x0a\x00\x00\x00\x00*/=1;alert(1);//" + b"\x00" * 16

HOSTILE = {
    "oversized image": ("big.png", b"\x89PNG\r\n\x1a\n" + b"\0" * (11 * 1024 * 1024)),
    "svg with script": ("evil.svg", SVG_WITH_SCRIPT),
    "svg named png": ("evil.png", SVG_WITH_SCRIPT),
    "decompression bomb": ("bomb.png", header_only_png(30_000, 30_000)),
    "gif/js polyglot": ("poly.gif", GIF_JS_POLYGLOT),
    "gif/js polyglot as js": ("poly.js", GIF_JS_POLYGLOT),
    "png named jpg": ("photo.jpg", png_bytes()),
    "gif named png": ("anim.png", gif_bytes()),
    "html named png": ("page.png", b"<html><script>alert(1)</script></html>"),
    "empty file": ("empty.png", b""),
}


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=128_000_000)
class AdminImageUploadTests(TestCase):
    """The single and multiple upload views refuse each hostile file."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = User.objects.create_user("ed", password="pw")
        cls.editor.groups.add(Group.objects.get(name="Editors"))
        for codename in ("add_image", "change_image", "choose_image"):
            from django.contrib.auth.models import Permission

            cls.editor.user_permissions.add(
                Permission.objects.get(
                    codename=codename, content_type__app_label="wagtailimages"
                )
            )

    def setUp(self):
        self.client = Client(raise_request_exception=False)
        self.client.force_login(self.editor)

    def upload(self, name: str, content: bytes):
        upload = SimpleUploadedFile(name, content)
        return self.client.post(
            reverse("wagtailimages:add"), {"title": name, "file": upload}
        )

    def upload_multiple(self, name: str, content: bytes):
        upload = SimpleUploadedFile(name, content)
        return self.client.post(
            reverse("wagtailimages:add_multiple"),
            {"files[]": upload},
            headers={"x-requested-with": "XMLHttpRequest"},
        )

    def test_a_real_image_is_accepted(self):
        response = self.upload("fine.png", png_bytes())
        self.assertEqual(response.status_code, 302)
        self.assertIs(Image.objects.filter(title="fine.png").exists(), True)

    def test_hostile_files_are_refused_with_a_message(self):
        for label, (name, content) in HOSTILE.items():
            with self.subTest(label):
                response = self.upload(name, content)
                self.assertEqual(response.status_code, 200)
                errors = response.context["form"].errors.get("file")
                self.assertTrue(errors, f"{label}: no error on the file field")
                self.assertIs(Image.objects.exists(), False)

    def test_hostile_files_are_refused_by_the_multiple_uploader(self):
        for label, (name, content) in HOSTILE.items():
            with self.subTest(label):
                response = self.upload_multiple(name, content)
                self.assertEqual(response.status_code, 200)
                payload = response.json()
                self.assertIs(payload["success"], False, label)
                self.assertTrue(payload.get("error_message"), label)
                self.assertIs(Image.objects.exists(), False)
