"""Which engine typesets the math posts are written with: KaTeX or latex2mathml.

Every formula of the corpus (tests/corpus/math: LaTeX as al-folio, distill and
Hugo posts write it), after the pipeline's macro collection and equation
numbering, goes through both. A formula counts as failed when the engine
raises or leaves a TeX command untypeset in its output. latex2mathml is not a
dependency: install it to run this comparison.

    DJANGO_SECRET_KEY=x DJANGO_ALLOWED_HOSTS=testserver \\
        .venv/bin/python bench/math_engines.py
"""

import json
import os
import re
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

# A command name left in MathML text means the engine did not know it.
_LEFT_OVER_RE = re.compile(r">[^<]*\\[A-Za-z]+[^<]*</m")


def corpus_formulas() -> list:
    from home.rendering.math.engine import Formula
    from home.rendering.math.tex import Equations
    from home.rendering.math.typesetting import MathPass
    from home.rendering.parser import parse

    formulas = []
    for path in sorted((ROOT / "tests/corpus/math").glob("*.md")):
        math = MathPass()
        math.collect_tokens(parse(path.read_text()))
        numbering = Equations()
        for entry in math.entries:
            if entry.display and entry.tex:
                entry.tex, _anchor = numbering.number(entry.tex)
        macros = json.dumps(math.macros, sort_keys=True)
        formulas += [
            Formula(numbering.link_references(entry.tex), entry.display, macros)
            for entry in math.entries
            if entry.tex
        ]
    return formulas


def expand(tex: str, macros: dict) -> str:
    """Argument-free macros expanded by hand, since latex2mathml has no macros."""
    for name, body in macros.items():
        if "#" not in body:
            tex = re.sub(re.escape(name) + r"(?![A-Za-z])", lambda _m, b=body: b, tex)
    return tex


def main() -> None:
    import django

    django.setup()
    from latex2mathml.converter import convert

    from home.rendering.math.engine import katex_engine

    formulas = corpus_formulas()
    katex_engine().typeset(formulas[0])
    results = {}
    start = time.perf_counter()
    failed = [f for f in formulas if katex_engine().typeset(f).error]
    results["KaTeX 0.19.1 (mini-racer)"] = (failed, time.perf_counter() - start)

    failed, start = [], time.perf_counter()
    for formula in formulas:
        tex = expand(formula.tex, json.loads(formula.macros_json))
        try:
            output = convert(tex, display="block" if formula.display else "inline")
        except Exception:
            failed.append(formula)
            continue
        if _LEFT_OVER_RE.search(output):
            failed.append(formula)
    results["latex2mathml"] = (failed, time.perf_counter() - start)

    print(f"{len(formulas)} formulas\n")
    print("| engine | typeset | failed | ms per formula |")
    print("|---|---:|---:|---:|")
    for name, (failed, seconds) in results.items():
        per = seconds * 1000 / len(formulas)
        ok = len(formulas) - len(failed)
        print(f"| {name} | {ok} | {len(failed)} | {per:.2f} |")
    for name, (failed, _seconds) in results.items():
        for formula in failed[:8]:
            print(f"{name} fails: {' '.join(formula.tex.split())[:90]}")


if __name__ == "__main__":
    main()
