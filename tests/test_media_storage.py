"""Media storage: local disk by default, S3-compatible object storage from env.

The S3 wiring is tested against moto's S3 server running in this process on
127.0.0.1: what settings.py builds from the SCHOLIA_S3_* variables uploads an
image, makes its renditions, and every URL the site prints answers 200.
"""

import io
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import boto3
import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.test import override_settings
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file_jpeg

from tests.conftest import make_blog_index, make_post

ROOT = Path(__file__).resolve().parent.parent
BUCKET = "scholia-media"
PRIVATE_BUCKET = "scholia-private"
PRINT_MEDIA_STORAGE = (
    "import json, site_project.settings as s; print(json.dumps(s.STORAGES['default']))"
)
S3_ENV = {
    "SCHOLIA_S3_BUCKET": BUCKET,
    "SCHOLIA_S3_REGION": "eu-west-1",
    "SCHOLIA_S3_ACCESS_KEY_ID": "test-access-key",
    "SCHOLIA_S3_SECRET_ACCESS_KEY": "test-secret-key",
}

PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}


def load_settings(**env) -> subprocess.CompletedProcess:
    """settings.py imported by a fresh interpreter with only ``env`` set."""
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SCHOLIA_", "AWS_"))
    }
    return subprocess.run(
        [sys.executable, "-c", PRINT_MEDIA_STORAGE],
        cwd=ROOT,
        env={**clean_env, "DJANGO_DEBUG": "1", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def media_storage(**env) -> dict:
    result = load_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_media_are_on_local_disk_by_default():
    assert media_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_switches_media_to_s3_with_every_option_from_env():
    storage = media_storage(
        **S3_ENV,
        SCHOLIA_S3_ENDPOINT_URL="https://s3.example.net",
        SCHOLIA_S3_CUSTOM_DOMAIN="media.example.org",
        SCHOLIA_S3_QUERYSTRING_AUTH="1",
        SCHOLIA_S3_ADDRESSING_STYLE="path",
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": BUCKET,
        "endpoint_url": "https://s3.example.net",
        "region_name": "eu-west-1",
        "access_key": "test-access-key",
        "secret_key": "test-secret-key",
        "custom_domain": "media.example.org",
        "querystring_auth": True,
        "addressing_style": "path",
        "file_overwrite": False,
    }


def test_s3_defaults_leave_credentials_to_boto3_and_urls_unsigned():
    options = media_storage(SCHOLIA_S3_BUCKET=BUCKET)["OPTIONS"]
    assert options["access_key"] is None
    assert options["secret_key"] is None
    assert options["endpoint_url"] is None
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False


def test_half_a_key_pair_is_a_clear_error():
    result = load_settings(
        SCHOLIA_S3_BUCKET=BUCKET, SCHOLIA_S3_ACCESS_KEY_ID="test-access-key"
    )
    assert result.returncode != 0
    assert "Set both SCHOLIA_S3_ACCESS_KEY_ID and" in result.stderr


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server on a free loopback port, with an empty bucket."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=S3_ENV["SCHOLIA_S3_REGION"],
        aws_access_key_id=S3_ENV["SCHOLIA_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_ENV["SCHOLIA_S3_SECRET_ACCESS_KEY"],
    )
    s3.create_bucket(
        Bucket=BUCKET,
        CreateBucketConfiguration={"LocationConstraint": S3_ENV["SCHOLIA_S3_REGION"]},
    )
    # As the README asks of a real bucket: anyone may read, only the app writes.
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
    s3.create_bucket(
        Bucket=PRIVATE_BUCKET,
        CreateBucketConfiguration={"LocationConstraint": S3_ENV["SCHOLIA_S3_REGION"]},
    )
    yield endpoint
    server.stop()


@contextmanager
def s3_storage(endpoint: str, **env):
    """The default storage replaced by what settings.py builds for ``env``."""
    storage = media_storage(**{**S3_ENV, "SCHOLIA_S3_ENDPOINT_URL": endpoint, **env})
    caches["renditions"].clear()
    with override_settings(
        STORAGES={**settings.STORAGES, "default": storage}, MEDIA_ROOT="/nonexistent"
    ):
        yield
    caches["renditions"].clear()


@pytest.fixture
def s3_media(s3_endpoint):
    with s3_storage(s3_endpoint):
        yield s3_endpoint


def fetch(url: str) -> tuple[int, bytes]:
    assert url.startswith("http://127.0.0.1:"), url  # never leaves the machine
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        return response.status, response.read()


def pixels(data: bytes) -> tuple[int, int]:
    with PILImage.open(io.BytesIO(data)) as picture:
        return picture.size


@pytest.mark.django_db
def test_uploaded_image_and_its_rendition_are_served_from_the_bucket(s3_media):
    upload = get_test_image_file_jpeg(filename="heatmap.jpg", size=(900, 600))
    original_bytes = upload.file.getvalue()
    image = Image.objects.create(title="Heatmap", file=upload)
    assert type(default_storage._wrapped).__name__ == "S3Storage"
    assert image.file.url.startswith(f"{s3_media}/{BUCKET}/original_images/")

    status, body = fetch(image.file.url)
    assert status == 200
    assert body == original_bytes

    rendition = image.get_rendition("fill-300x200")
    assert rendition.url.startswith(f"{s3_media}/{BUCKET}/images/")
    status, body = fetch(rendition.url)
    assert status == 200
    with rendition.file.open() as stored:
        assert body == stored.read()
    assert pixels(body) == (300, 200)


@pytest.mark.django_db
def test_uploads_with_the_same_name_keep_their_own_objects(s3_media):
    first = Image.objects.create(
        title="First", file=get_test_image_file_jpeg(filename="fig.jpg", size=(40, 30))
    )
    second = Image.objects.create(
        title="Second", file=get_test_image_file_jpeg(filename="fig.jpg", size=(80, 60))
    )
    assert first.file.name != second.file.name
    assert pixels(fetch(first.file.url)[1]) == (40, 30)
    assert pixels(fetch(second.file.url)[1]) == (80, 60)


@pytest.mark.django_db
def test_a_private_bucket_works_with_signed_urls(s3_endpoint):
    env = {"SCHOLIA_S3_BUCKET": PRIVATE_BUCKET, "SCHOLIA_S3_QUERYSTRING_AUTH": "1"}
    with s3_storage(s3_endpoint, **env):
        image = Image.objects.create(
            title="Private", file=get_test_image_file_jpeg(size=(500, 400))
        )
        urls = [image.file.url, image.get_rendition("width-250").url]
    for url in urls:
        assert "Signature=" in url
        assert pixels(fetch(url)[1])[0] in (500, 250)
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(urls[1].split("?")[0])
    assert refused.value.code == 403


class ImageSources(HTMLParser):
    """Every image URL a page names: <img src/srcset>, <source srcset>, og:image."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.urls: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("property") == "og:image":
            self.urls.add(attrs["content"])
        if tag == "img":
            self.urls.add(attrs["src"])
        if tag in ("img", "source") and attrs.get("srcset"):
            self.urls.update(c.split()[0] for c in attrs["srcset"].split(", "))


@pytest.mark.django_db
def test_a_post_with_a_hero_on_s3_names_only_urls_the_bucket_serves(client, s3_media):
    hero = Image.objects.create(
        title="Hero", file=get_test_image_file_jpeg(size=(1000, 700))
    )
    post = make_post(make_blog_index(), hero_image=hero)
    response = client.get(post.url)
    assert response.status_code == 200
    urls = ImageSources(response.content.decode()).urls
    in_bucket = {url for url in urls if url.startswith(f"{s3_media}/{BUCKET}/")}
    # Hero: 400/800/1000 px in WebP and JPEG, plus the 1200x630 og:image.
    assert len(in_bucket) == 7, urls
    for url in in_bucket:
        status, body = fetch(url)
        assert status == 200, url
        assert pixels(body)[0] in (400, 800, 1000, 1200), url
