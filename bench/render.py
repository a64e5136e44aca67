"""Markdown + math render time per post, cold (nothing cached) and warm.

A short post (a few paragraphs, two formulas) and a long one (the math corpus
in tests/corpus/math, repeated with distinct formulas, a few hundred of them)
are rendered through the post-wide pipeline. Cold clears the cache first, so
markdown is parsed and every formula typeset by KaTeX; warm is what a page
view costs once the text has been rendered (at save or on the first view):

    DJANGO_SECRET_KEY=x DJANGO_ALLOWED_HOSTS=testserver \\
        .venv/bin/python bench/render.py --runs 5
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.settings")
os.environ.setdefault(
    "DJANGO_STATICFILES_STORAGE",
    "django.contrib.staticfiles.storage.StaticFilesStorage",
)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

SHORT = """The paper claims a **2× speed-up** on long sequences. Attention costs
$O(n^2)$ in the sequence length $n$, and the trick is to never write the
$n \\times n$ matrix to slow memory.

## What it measures

Wall-clock time per step on an A100, for sequence lengths 1k to 16k.[^1]

[^1]: Table 2 of the paper.
"""


def long_post(copies: int) -> list[tuple[str, str]]:
    """The corpus posts as blocks, repeated with renamed symbols so that every
    copy's formulas are distinct (no formula is typeset twice)."""
    texts = [
        path.read_text() for path in sorted((ROOT / "tests/corpus/math").glob("*.md"))
    ]
    blocks = []
    for copy in range(copies):
        for text in texts:
            text = re.sub(r"\\label\{([^}]*)\}", rf"\\label{{\1-{copy}}}", text)
            text = re.sub(r"\\eqref\{([^}]*)\}", rf"\\eqref{{\1-{copy}}}", text)
            blocks.append(("markdown", text.replace("n", f"n_{{{copy}}}", 3)))
    return blocks


def timed(function, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=4)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import cache

    from home.rendering.document import render_texts
    from home.rendering.math.engine import Formula, katex_engine

    start = time.perf_counter()
    katex_engine().typeset(Formula("x", False))
    load_ms = (time.perf_counter() - start) * 1000

    posts = {"short": [("markdown", SHORT)], "long": long_post(args.copies)}
    print(f"KaTeX load (once per process): {load_ms:.0f} ms\n")
    print("| post | blocks | formulas | cold (ms) | warm (ms) |")
    print("|---|---:|---:|---:|---:|")
    for name, items in posts.items():

        def cold(items=items):
            cache.clear()
            return render_texts(items)

        document = cold()
        formulas = sum(
            html.count('class="katex"')
            for html in (
                h for htmls in document.data["markdown"].values() for h in htmls
            )
        )
        cold_ms = timed(cold, args.runs)
        render_texts(items)
        warm_ms = timed(lambda items=items: render_texts(items), args.runs)
        print(f"| {name} | {len(items)} | {formulas} | {cold_ms:.1f} | {warm_ms:.2f} |")


if __name__ == "__main__":
    main()
