"""Lighthouse scores of a built site's page types, as a phone sees them (mobile, default throttling).

Lighthouse comes from the npm registry (pinned in ``benchmarks/package.json``, installed into
``benchmarks/node_modules`` on first use) and drives the system Chromium headless. The site is
served by ``tests/browser/static_server.py`` on 127.0.0.1 with gzip, like a static host.
Lighthouse simulates a slow phone on a slow network from what it observes: its timings also
depend on how busy this machine is, so the best of ``runs`` is kept.

    .venv/bin/python benchmarks/lighthouse.py SITE_DIR [--runs 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")
SHORT = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
          "cumulative-layout-shift": "CLS", "speed-index": "SI"}
sys.path.insert(0, str(REPO / "tests" / "browser"))


class LighthouseMissing(RuntimeError):
    pass


@dataclass
class Scores:
    page: str
    scores: dict[str, int] = field(default_factory=dict)  # category -> 0..100
    metrics: dict[str, str] = field(default_factory=dict)  # audit -> display value
    error: str = ""

    @property
    def minimum(self) -> int:
        return min(self.scores.values()) if self.scores else 0


def ensure_lighthouse() -> Path:
    """Install the pinned Lighthouse on first use (``npm ci --prefix benchmarks``)."""
    if LIGHTHOUSE.exists():
        return LIGHTHOUSE
    if shutil.which("npm") is None:
        raise LighthouseMissing("npm is needed to install Lighthouse (apt-get install npm)")
    done = subprocess.run(["npm", "ci", "--prefix", str(HERE), "--ignore-scripts", "--no-audit", "--no-fund"],
                          capture_output=True, text=True)
    if done.returncode != 0 or not LIGHTHOUSE.exists():
        raise LighthouseMissing(f"could not install Lighthouse:\n{done.stderr[-2000:]}")
    return LIGHTHOUSE


def chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise LighthouseMissing(f"no Chromium at {path}")
    return path


def audit(url: str, page: str) -> Scores:
    """One Lighthouse run (mobile preset, simulated throttling)."""
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    command = [str(ensure_lighthouse()), url, "--quiet", "--output=json", f"--output-path={out}",
               "--only-categories=" + ",".join(CATEGORIES),
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run"]
    env = {**os.environ, "CHROME_PATH": chromium()}
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        if done.returncode != 0 or not out.stat().st_size:
            return Scores(page, error=(done.stderr or done.stdout)[-500:])
        report = json.loads(out.read_text(encoding="utf-8"))
    finally:
        out.unlink(missing_ok=True)
    scores = {key: round((cat.get("score") or 0) * 100) for key, cat in report["categories"].items()}
    metrics = {key: report["audits"][key].get("displayValue", "") for key in METRICS if key in report["audits"]}
    return Scores(page, scores, metrics)


def audit_pages(site: Path, pages: dict[str, str], runs: int = 1) -> list[Scores]:
    """``pages``: label -> path under the site (``bandi/``); best performance of ``runs`` each."""
    from static_server import serve

    results = []
    with serve(site, gzip=True) as base:
        for label, path in pages.items():
            tries = [audit(base + path, label) for _ in range(max(1, runs))]
            good = [t for t in tries if not t.error]
            results.append(max(good, key=lambda s: s.scores.get("performance", 0)) if good else tries[-1])
    return results


def page_types(site: Path) -> dict[str, str]:
    """The six page types: home, /bandi/, a call, a story, the finder (if built), /cerca/."""
    def first(folder: str) -> str | None:
        items = sorted(p.parent.name for p in (site / folder).glob("*/index.html")
                       if p.parent.name not in ("archivio", "pagina", "quale-bando"))
        return f"{folder}/{items[0]}/" if items else None

    types = {"home": "", "/bandi/": "bandi/", "call": first("bandi"), "story": first("storie"),
             "finder": "bandi/quale-bando/" if (site / "bandi" / "quale-bando" / "index.html").is_file() else None,
             "/cerca/": "cerca/"}
    return {k: v for k, v in types.items() if v is not None}


def print_scores(results: list[Scores]) -> None:
    for s in results:
        if s.error:
            print(f"  {s.page:<9} Lighthouse failed: {s.error.strip()[:200]}")
            continue
        cats = "  ".join(f"{k} {v:3d}" for k, v in s.scores.items())
        metrics = ", ".join(f"{SHORT.get(k, k)} {v}" for k, v in s.metrics.items())
        print(f"  {s.page:<9} {cats}   ({metrics})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    results = audit_pages(args.site, page_types(args.site), args.runs)
    print_scores(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
