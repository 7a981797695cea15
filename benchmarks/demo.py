"""The demo site as a cheap phone sees it: bytes per page type, HTML errors, Lighthouse scores.

Part of ``make bench`` (``benchmarks/run.py``): builds the demo content (``content/``, today
fixed as in the tests), then prints for each page type — home, ``/bandi/``, a call, a story,
the finder (``/bandi/quale-bando/``, if built) and ``/cerca/`` — the compressed bytes it loads
before any interaction (``tests/browser/pageweight.py``) against its budget, the W3C Nu HTML
Checker's error count over every page, and Lighthouse's four scores (mobile, simulated
throttling) against the targets: performance ≥ 98, the other three 100.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "browser"))
sys.path.insert(0, str(HERE))

from htmlcheck import CheckerMissing, describe, html_errors  # noqa: E402
from pageweight import BUDGETS, KB, Weight, page_weight  # noqa: E402

import lighthouse  # noqa: E402

PERFORMANCE_TARGET = 98
OTHER_TARGET = 100
#: which budget applies to which page type (the others are printed for information)
BUDGET_OF = {"/bandi/": "listing", "call": "call", "story": "story"}


@dataclass
class DemoFigures:
    weights: dict[str, Weight] = field(default_factory=dict)  # page type -> heaviest page of that type
    html_errors: int | None = None
    html_note: str = ""
    scores: list[lighthouse.Scores] = field(default_factory=list)
    lighthouse_note: str = ""


def heaviest(site: Path, collection: str, folder: str) -> Weight | None:
    """The heaviest built page of the items in ``content/<collection>/``."""
    slugs = [p.stem for p in (HERE.parent / "content" / collection).glob("*.md") if not p.name.startswith("_")]
    weights = [page_weight(site, f"{folder}/{slug}/index.html") for slug in slugs
               if (site / folder / slug / "index.html").is_file()]
    return max(weights, key=lambda w: w.total) if weights else None


def measure_demo(site: Path, lighthouse_runs: int = 1, use_lighthouse: bool = True) -> DemoFigures:
    figures = DemoFigures()
    types = lighthouse.page_types(site)
    for label, path in types.items():
        if label == "call":
            weight = heaviest(site, "calls", "bandi")
        elif label == "story":
            weight = heaviest(site, "stories", "storie")
        else:
            weight = page_weight(site, f"{path}index.html")
        if weight is not None:
            figures.weights[label] = weight
    print(f"  demo: bytes measured; HTML checker...", flush=True)
    try:
        errors = html_errors(site)
        figures.html_errors = len(errors)
        figures.html_note = "; ".join(describe(m, site) for m in errors[:3])
    except CheckerMissing as exc:
        figures.html_note = str(exc)
    if use_lighthouse:
        print(f"  demo: Lighthouse on {len(types)} pages ({lighthouse_runs} run(s) each)...", flush=True)
        try:
            figures.scores = lighthouse.audit_pages(site, types, lighthouse_runs)
        except lighthouse.LighthouseMissing as exc:
            figures.lighthouse_note = str(exc)
    return figures


def report_demo(figures: DemoFigures) -> bool:
    """Prints the figures with PASS/FAIL; True when every target is met."""
    ok = True
    print("\ndemo site (content/), bytes before any interaction (compressed, KB = 1,000 bytes):")
    for label, weight in figures.weights.items():
        budget = BUDGETS.get(BUDGET_OF.get(label, ""))
        line = f"  {label:<9} {weight.total / KB:6.1f} KB  (HTML {weight.html / KB:.1f} KB, {weight.page})"
        if budget is not None:
            passed = weight.total <= budget
            ok &= passed
            line += f"  (≤ {budget // KB} KB) {'PASS' if passed else 'FAIL'}"
        print(line)
    if figures.html_errors is None:
        print(f"  Nu HTML Checker: not run ({figures.html_note}) FAIL")
        ok = False
    else:
        passed = figures.html_errors == 0
        ok &= passed
        print(f"  Nu HTML Checker: {figures.html_errors} errors (= 0) {'PASS' if passed else 'FAIL'}"
              + (f"  e.g. {figures.html_note}" if figures.html_note else ""))
    if figures.lighthouse_note:
        print(f"  Lighthouse: not run ({figures.lighthouse_note}) FAIL")
        return False
    if figures.scores:
        print(f"  Lighthouse (mobile; performance ≥ {PERFORMANCE_TARGET}, others {OTHER_TARGET}):")
        for s in figures.scores:
            if s.error:
                print(f"  {s.page:<9} Lighthouse failed: {s.error.strip()[:200]} FAIL")
                ok = False
                continue
            passed = all(v >= (PERFORMANCE_TARGET if k == "performance" else OTHER_TARGET) for k, v in s.scores.items())
            ok &= passed
            cats = "  ".join(f"{k} {v:3d}" for k, v in s.scores.items())
            metrics = ", ".join(f"{lighthouse.SHORT.get(k, k)} {v}" for k, v in s.metrics.items())
            print(f"  {s.page:<9} {cats}  {'PASS' if passed else 'FAIL'}  ({metrics})")
    return ok
