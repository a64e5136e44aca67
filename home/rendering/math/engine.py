"""KaTeX, the vendored katex.min.js, run in-process on V8 (mini-racer)."""

import atexit
import hashlib
import json
import threading
from dataclasses import dataclass
from functools import cache

from django.contrib.staticfiles import finders
from django.utils.html import escape
from py_mini_racer import MiniRacer

from home.rendering import cache as render_cache

# Defined inside V8 once: typesets one formula and reports errors as data, so a
# formula KaTeX cannot parse never raises across the boundary. trust allows only
# \href to an equation anchor, which is how \eqref becomes a link.
_TYPESET_JS = r"""
function scholiaTypeset(tex, display, macrosJson) {
  try {
    return JSON.stringify({html: katex.renderToString(tex, {
      displayMode: display,
      output: "htmlAndMathml",
      throwOnError: true,
      strict: "ignore",
      macros: JSON.parse(macrosJson),
      trust: function (context) {
        return context.command === "\\href" && /^#eq-[\w-]+$/.test(context.url);
      },
    })});
  } catch (error) {
    return JSON.stringify({error: String(error && error.message || error)});
  }
}
"""

KATEX_SCRIPT = "vendor/katex/katex.min.js"
CACHE_PREFIX = "scholia:katex:v1:"


@dataclass(frozen=True)
class Formula:
    """One formula to typeset: its TeX, display or inline, and the macros."""

    tex: str
    display: bool
    macros_json: str = "{}"

    def cache_key(self) -> str:
        digest = hashlib.sha256(
            f"{self.display}\0{self.macros_json}\0{self.tex}".encode()
        ).hexdigest()
        return CACHE_PREFIX + digest


@dataclass(frozen=True)
class Typeset:
    """KaTeX's HTML+MathML for a formula, or the error KaTeX gave for it."""

    html: str
    error: str = ""


class KatexEngine:
    """One V8 context with KaTeX loaded, shared by the process (behind a lock)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._context = None

    def _loaded_context(self) -> MiniRacer:
        if self._context is None:
            path = finders.find(KATEX_SCRIPT)
            with open(path, encoding="utf-8") as script:
                source = script.read()
            context = MiniRacer()
            # V8 left open at interpreter exit can hang the process.
            atexit.register(context.close)
            context.eval(source)
            context.eval(_TYPESET_JS)
            self._context = context
        return self._context

    def typeset(self, formula: Formula) -> Typeset:
        with self._lock:
            answer = json.loads(
                self._loaded_context().call(
                    "scholiaTypeset", formula.tex, formula.display, formula.macros_json
                )
            )
        if "error" in answer:
            # KaTeX underlines the bad spot with combining low lines, which
            # garble the message in the admin.
            message = answer["error"].replace("\u0332", "")
            return Typeset(html=error_html(formula.tex), error=message)
        return Typeset(html=answer["html"])


def error_html(tex: str) -> str:
    """What readers see for a formula that cannot be typeset: its source."""
    return f'<code class="math-error">{escape(tex)}</code>'


@cache
def katex_engine() -> KatexEngine:
    return KatexEngine()


def typeset_all(formulas: list[Formula]) -> dict[Formula, Typeset]:
    """Typeset many formulas, reusing what the shared cache already holds."""
    unique = list(dict.fromkeys(formulas))
    keys = {formula.cache_key(): formula for formula in unique}
    cached = render_cache.get_many(list(keys))
    results = {keys[key]: Typeset(**value) for key, value in cached.items()}
    fresh = {}
    for key, formula in keys.items():
        if formula not in results:
            results[formula] = katex_engine().typeset(formula)
            fresh[key] = {
                "html": results[formula].html,
                "error": results[formula].error,
            }
    if fresh:
        render_cache.set_many(fresh)
    return results
