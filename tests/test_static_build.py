"""The production static build: collectstatic with whitenoise's manifest storage."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_collectstatic_with_the_production_storage_succeeds(tmp_path):
    # The Dockerfile's build step, with the storage production uses (not the
    # plain storage the rest of the suite runs with).
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        DJANGO_SECRET_KEY="static-build-test-only-0123456789abcdefghijklmnop",
        DJANGO_ALLOWED_HOSTS="localhost",
        DJANGO_STATIC_ROOT=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    # Every font the KaTeX stylesheet names was collected under a hashed name.
    css = (ROOT / "static/vendor/katex/katex.min.css").read_text()
    fonts = {part.split(")")[0] for part in css.split("url(")[1:]}
    assert len(fonts) == 60
    for font in fonts:
        assert f"vendor/katex/{font}" in manifest
        assert (tmp_path / manifest[f"vendor/katex/{font}"]).is_file()
