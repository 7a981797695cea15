"""Work done in worker processes gives exactly what doing it here gives.

The loader hands bodies to forked workers when there are many files
(:mod:`build_tools.reading.bodies`), the pages hand them the sheets
(:mod:`build_tools.outputs.html.pages`); ``LAB_WORKERS`` forces either way. The same content,
good and hostile, must give the same messages at the same lines and the same pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from content_factory import call_data, front_matter
from test_hostile import BODY_ERRORS, BODY_WARNINGS

from build_tools import run_checks
from build_tools.outputs import SiteSettings
from build_tools.pipeline import build
from build_tools import parallel
from build_tools.reading import bodies

REPO = Path(__file__).resolve().parents[1]


def checked(content: Path, now, workers: str, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv("LAB_WORKERS", workers)
    result = run_checks(content, now, root=content.parent)
    messages = [d.format() for d in result.report.sorted()]
    html = {(name, e.slug): e.html for name, group in result.content.entries.items() for e in group}
    return messages, html


def test_workers_are_used_when_asked_and_not_for_small_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAB_WORKERS", raising=False)
    assert parallel.workers(10, bodies.MIN_FILES) == 0
    monkeypatch.setenv("LAB_WORKERS", "2")
    assert parallel.workers(10, bodies.MIN_FILES) == 2
    monkeypatch.setenv("LAB_WORKERS", "1")
    assert parallel.workers(10_000, bodies.MIN_FILES) == 0


def test_demo_content_checks_the_same_in_workers(now, monkeypatch: pytest.MonkeyPatch) -> None:
    here = checked(REPO / "content", now, "1", monkeypatch)
    there = checked(REPO / "content", now, "2", monkeypatch)
    assert there == here
    assert len(here[1]) >= 30 and all(here[1].values())


def test_hostile_bodies_check_the_same_in_workers(content_tree, now, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = [snippet for snippet, *_ in (*BODY_ERRORS.values(), *BODY_WARNINGS.values())]
    files = {f"calls/caso-{i}.md": front_matter(call_data(title=f"Bando di prova {i}"), body=f"Testo.\n\n{snippet}\n")
             for i, snippet in enumerate(cases)}
    files["calls/illeggibile.md"] = b"---\ntitle: [\n---\nTesto\n"
    content = content_tree(files)
    here = checked(content, now, "1", monkeypatch)
    there = checked(content, now, "2", monkeypatch)
    assert there == here
    assert sum("caso-" in m and "error" in m for m in here[0]) >= len(BODY_ERRORS)


def test_pages_render_the_same_in_workers(now, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = SiteSettings(site_url="https://example.org/lab/", demo=True)
    results = []
    for workers in ("1", "2"):
        monkeypatch.setenv("LAB_WORKERS", workers)
        result = build(REPO / "content", now, settings, root=REPO)
        assert not result.errors
        results.append(result.outputs)
    here, there = results
    assert [o.path for o in there] == [o.path for o in here] and len(here) > 100
    assert there == here
