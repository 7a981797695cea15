"""Small screens and accessibility: no horizontal overflow at 360 px, no serious axe-core violation.

Screenshots of each page at 360 px are saved under ``test-artifacts/screenshots/`` (gitignored)
for a human look; CI can keep them as artifacts.
"""

from __future__ import annotations

import json
import re

import pytest
from pagefind_ui import wait_for_results

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "bandi": "bandi/",
    "bando": "bandi/servizi-digitali-avanzati-piccole-imprese-pnrr/",
    "storia": "storie/terre-del-tevere-filiera-tracciata/",
    "confronta": "bandi/confronta/?bandi=servizi-digitali-avanzati-piccole-imprese-pnrr,"
                 "premio-innovazione-digitale-cooperative,voucher-transizione-digitale-cooperative-lazio",
    "elenco": "bandi/per/cooperative/",
    "iscriviti": "iscriviti/",
}
NARROW = 360

# The deepest elements that stick out to the right of the viewport (what to fix).
_OVERFLOWING = """
(width) => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 0.5) continue;
    const style = getComputedStyle(el);
    if (style.position === 'fixed' || style.visibility === 'hidden') continue;
    let clipped = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') { clipped = true; break; }
    }
    if (clipped) continue;
    const hasChildOut = [...el.children].some(c => c.getBoundingClientRect().right > width + 0.5);
    if (!hasChildOut) out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
      + `${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''}`
      + ` right=${Math.round(r.right)} «${(el.textContent || '').trim().slice(0, 40)}»`);
  }
  return out.slice(0, 15);
}
"""


def assert_no_horizontal_overflow(page, name: str) -> None:  # noqa: ANN001
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    body_width = page.evaluate("document.body.scrollWidth")
    if scroll_width > NARROW or body_width > NARROW:
        offenders = page.evaluate(_OVERFLOWING, NARROW)
        pytest.fail(f"{name}: page is {scroll_width}px wide at a {NARROW}px viewport; "
                    f"sticking out:\n  " + "\n  ".join(offenders), pytrace=False)


@pytest.mark.parametrize("name", list(PAGES))
def test_no_horizontal_overflow_at_360px(new_page, screenshots_dir, name: str) -> None:
    page = new_page(width=NARROW, height=780, device_scale_factor=1, is_mobile=True, has_touch=True)
    page.clock.set_fixed_time("2026-11-25T10:00:00+01:00")
    page.goto(PAGES[name])
    page.wait_for_load_state("load")
    page.screenshot(path=str(screenshots_dir / f"{name}-360.png"), full_page=True)
    assert_no_horizontal_overflow(page, name)


def test_open_filter_panel_fits_at_360px(new_page, screenshots_dir) -> None:
    page = new_page(width=NARROW, height=780, is_mobile=True, has_touch=True)
    page.goto("bandi/?fonte=pnrr")
    page.locator("[data-lab-panel-toggle]").click()
    page.locator("form[data-lab-filter] [data-lab-panel]").wait_for(state="visible")
    page.screenshot(path=str(screenshots_dir / "bandi-filtri-360.png"), full_page=True)
    assert_no_horizontal_overflow(page, "bandi (filters open)")


def test_search_results_fit_at_360px(new_page, screenshots_dir) -> None:
    page = new_page(width=NARROW, height=780, is_mobile=True, has_touch=True)
    page.goto("cerca/?q=cooperative")
    wait_for_results(page)
    page.screenshot(path=str(screenshots_dir / "cerca-360.png"), full_page=True)
    assert_no_horizontal_overflow(page, "cerca")


def _serious_violations(page) -> list[dict]:  # noqa: ANN001
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v.get('helpUrl', '')})")
        for node in v["nodes"][:6]:
            lines.append(f"    {json.dumps(node['target'])}: {' '.join(node['html'].split())[:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 6:
            lines.append(f"    … {len(v['nodes']) - 6} more nodes")
    return "\n".join(lines)


@pytest.mark.parametrize("width", [NARROW, 1280], ids=["narrow", "wide"])
@pytest.mark.parametrize("name", list(PAGES) + ["cerca"])
def test_no_serious_accessibility_violations(new_page, name: str, width: int) -> None:
    page = new_page(width=width, height=900)
    if name == "cerca":
        page.goto("cerca/?q=cooperative")
        wait_for_results(page)
    else:
        page.goto(PAGES[name])
    violations = _serious_violations(page)
    assert not violations, f"{name} at {width}px:\n" + _describe(violations)


def test_home_first_screens_lead_to_a_call(new_page) -> None:
    """At 360×640 the first screen offers the ways in and the counts; a call link is on the first two screens."""
    page = new_page(width=NARROW, height=640, is_mobile=True, has_touch=True)
    page.clock.set_fixed_time("2026-11-25T10:00:00+01:00")
    page.goto("")
    first_screen = page.locator(".lab-home-intro a").evaluate_all(
        "links => links.filter(a => a.getBoundingClientRect().bottom <= 640).map(a => a.textContent.trim())")
    assert "Quale bando fa per me?" in first_screen
    for text in ("Bandi aperti per cooperative", "Per nuove imprese", "In scadenza"):
        assert text in first_screen, first_screen
    assert any("bandi aperti" in t or "bando aperto" in t for t in first_screen), first_screen
    tops = page.locator(".lab-card__title a").evaluate_all(
        "links => links.map(a => a.getBoundingClientRect().top + window.scrollY)")
    assert tops and min(tops) < 2 * 640, tops


def test_compare_page_shows_the_calls_side_by_side(new_page, screenshots_dir) -> None:
    page = new_page(width=NARROW, height=780, is_mobile=True, has_touch=True)
    page.goto("bandi/")
    for slug in ("servizi-digitali-avanzati-piccole-imprese-pnrr", "premio-innovazione-digitale-cooperative"):
        page.locator(f'#lab-calls > [data-lab-item]:has(a[href*="{slug}"]) .lab-compare input').check()
    link = page.locator(".lab-compare-bar a")
    assert link.inner_text() == "Confronta 2 bandi"
    link.click()
    page.wait_for_url("**/bandi/confronta/?bandi=*")
    table = page.locator("table.lab-compare-table")
    table.wait_for()
    assert table.locator("thead th").count() == 2
    rows = table.locator("tbody th").all_inner_texts()
    assert rows[0] == "Stato" and "Scadenza" in rows and "Dove si partecipa" in rows
    assert_no_horizontal_overflow(page, "confronta")


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_every_sheet_prints_on_at_most_two_a4_pages(new_page, site_dir) -> None:
    """Print view: key facts, dates and the official link written out; no navigation or buttons."""
    page = new_page(width=1280, height=900)
    sheets = sorted(p.parent.name for p in (site_dir / "bandi").glob("*/index.html")
                    if '"MonetaryGrant"' in p.read_text(encoding="utf-8"))
    assert len(sheets) >= 10
    pages = {}
    for slug in sheets:
        page.goto(f"bandi/{slug}/")
        page.emulate_media(media="print")
        assert page.locator(".md-header").is_hidden() and page.locator(".lab-actions").is_hidden()
        assert page.locator(".md-typeset .md-button").filter(visible=True).count() == 0, slug
        facts = page.locator(".lab-facts").first
        assert facts.is_visible()
        official = facts.locator("a[rel~=external]").first
        assert official.get_attribute("href") in official.evaluate("a => getComputedStyle(a, '::after').content")
        pages[slug] = _pdf_pages(page.pdf(format="A4"))
    assert all(1 <= n <= 2 for n in pages.values()), pages


def test_search_options_sit_beside_their_words_at_360px(new_page) -> None:
    """"Solo bandi aperti": a small checkbox on the line of its words, not a stretched box apart from them."""
    page = new_page(width=NARROW, height=640, is_mobile=True, has_touch=True)
    page.goto("cerca/")
    box = page.locator("[data-lab-search-open]").bounding_box()
    label = page.locator(".lab-search__only").bounding_box()
    assert box["width"] <= 24 and label["height"] <= 2 * box["height"] + 8, (box, label)
