"""Python and the visitor's browser agree on every call's status, on the whole table of tests/test_status.py.

Each row of ``test_status.CASES`` (windows, rolling calls, overrides, DST changes, boundaries)
becomes a call file; the real pipeline builds the call sheets, once long before the rows'
instants and once long after (so the browser must correct the build's badge both ways), and
with several ``closing_soon_days`` (the browser must take it from the page). The sheets'
status lines go, with the page's own wording (``lab-status-labels``, ``lab-days-words``) and
``assets/lab.js``, into one page in Chromium, where ``LabStatus`` recomputes each row at its
instant. Status, badge label and "mancano N giorni" must be what ``status.py`` and the
build's filters say at that instant; any disagreement fails, with every differing row listed.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import static_server
from bs4 import BeautifulSoup
from content_factory import call_data, five_services, front_matter
from test_status import CASES

from build_tools.deriving.status import derive_timing
from build_tools.outputs import SiteSettings
from build_tools.outputs.html.filters import days_left
from build_tools.pipeline import build
from build_tools.reading.models import Call, CallStatus

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
PUBLISHED = date(2026, 1, 5)
BUILT_AT = {  # before every row's instant, and after every one
    "early": datetime(2026, 1, 6, 9, 0, tzinfo=timezone.utc),
    "late": datetime(2031, 1, 1, 9, 0, tzinfo=timezone.utc),
}
SOON_DAYS = (14, 0, 7, 30)  # the default first


def _yaml_value(value: object) -> object:
    """Front matter as an editor writes it: a timed moment as ISO text, a bare date as a date."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_yaml_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _yaml_value(v) for k, v in value.items()}
    return value


def _slug(case_id: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", case_id.lower())


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("parity") / "content"
    files = dict(five_services())
    for case_id, keys, _, _ in CASES:
        data = call_data(**{"deadline": None, "published": PUBLISHED, "title": f"Bando di prova {case_id}",
                            **_yaml_value(keys)})
        files[f"calls/{_slug(case_id)}.md"] = front_matter(data)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def parity_page(content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One HTML page: every row's status line, as each build wrote it on the call's sheet."""
    folder = tmp_path_factory.mktemp("parity-site")
    blocks, scripts = [], ""
    for built_name, built_at in BUILT_AT.items():
        for days in SOON_DAYS:
            result = build(content, built_at, SiteSettings("https://example.org/"), days)
            assert not result.errors, result.error_text()
            sheets = {page.path: page for page in result.pages}
            for case_id, *_ in CASES:
                sheet = sheets[f"bandi/{_slug(case_id)}.md"]
                line = BeautifulSoup(sheet.content, "html.parser").select_one(".lab-sheet-status")
                assert line is not None and line.select_one("[data-lab-status]") is not None, case_id
                blocks.append(f'<div data-case="{built_name}|{days}|{case_id}">{line}</div>')
                scripts = scripts or sheet.scripts
    assert 'id="lab-status-labels"' in scripts and 'id="lab-days-words"' in scripts
    (folder / "assets").mkdir()
    shutil.copy(REPO / "pages" / "assets" / "lab.js", folder / "assets" / "lab.js")
    html = ('<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Parità degli stati</title></head>'
            f'<body>{"".join(blocks)}{scripts}<script src="assets/lab.js"></script></body></html>')
    (folder / "index.html").write_text(html, encoding="utf-8")
    return folder


# In the browser: each row's status at its instant (LabStatus.statusOf), then the line refreshed
# at that instant as a visitor's page would be (LabStatus.refresh): badge state, label, days text.
_BROWSER = """rows => rows.map(([key, instant]) => {
  const root = document.querySelector(`[data-case="${key}"]`);
  const badge = root.querySelector("[data-lab-status]"), now = new Date(instant);
  const computed = window.LabStatus.statusOf(badge.dataset, now);
  window.LabStatus.refresh(root, now);
  const days = root.querySelector("[data-lab-days]");
  return [key, computed, badge.dataset.labStatus, badge.textContent.trim(), days ? days.textContent.trim() : null];
})"""


def _expected(keys: dict, now: datetime, days: int) -> tuple[str, str, str]:
    timing = derive_timing(Call.model_validate({**call_data(deadline=None, published=PUBLISHED), **keys}), now, days)
    return timing.status.value, timing.status.label, days_left(timing.days_left(now))


def test_status_table_agrees_in_python_and_in_the_browser(browser, parity_page: Path) -> None:
    instants = {case_id: (keys, now) for case_id, keys, now, _ in CASES}
    rows = [[f"{b}|{d}|{case_id}", now.astimezone(timezone.utc).isoformat()]
            for b in BUILT_AT for d in SOON_DAYS for case_id, (_, now) in instants.items()]
    context = browser.new_context(locale="it-IT", timezone_id="America/New_York")  # not Rome: no luck
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        with static_server.serve(parity_page) as url:
            page.goto(url)
            seen = page.evaluate(_BROWSER, rows)
    finally:
        context.close()
    assert not errors, errors
    disagreements, corrected = [], 0
    for key, computed, shown, label, days_text in seen:
        built, days, case_id = key.split("|")
        keys, now = instants[case_id]
        status, expected_label, expected_days = _expected(keys, now, int(days))
        corrected += _expected(keys, BUILT_AT[built], int(days))[0] != status
        got = (computed, shown, label) + ((days_text,) if days_text is not None else ())
        want = (status, status, expected_label) + ((expected_days,) if days_text is not None else ())
        if got != want:
            disagreements.append(f"{case_id} (built {built}, closing_soon_days={days}) at {now.isoformat()}: "
                                 f"browser {got}, Python {want}")
    assert len(seen) == len(BUILT_AT) * len(SOON_DAYS) * len(CASES)
    assert {status for *_, status in CASES} == set(CallStatus)
    assert corrected > len(seen) / 2, "most rows must show another status at build time than at their instant"
    assert not disagreements, f"{len(disagreements)} of {len(seen)} rows disagree:\n" + "\n".join(disagreements)

