"""/bandi/ with more calls than one page holds (a site of generated content, ``sitebuild.GENERATED_CALLS``).

Without JavaScript, following the pager from /bandi/ reaches every current call, once, in order.
With JavaScript, the explorer filters and sorts all of them (a filter finds a call that is not
on the first page; "Mostra altri bandi" goes on), and every card it draws from
``bandi/elenco.json`` is the card the build wrote on its static page.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest

import sitebuild
import static_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CARDS = "#lab-calls > [data-lab-item]"
#: just after the build's "now" (the start of TODAY in Rome): live statuses agree with the build's
BUILD_CLOCK = "2026-11-25T00:00:30+01:00"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return sitebuild.built_generated_site(tmp_path_factory)


@pytest.fixture(scope="module")
def big_url(generated):  # noqa: ANN001, ANN201
    with static_server.serve(generated[0], gzip=True) as url:
        yield url


@pytest.fixture(scope="module")
def current(generated) -> list:  # noqa: ANN001
    """The current calls of the generated content, in the listing's order."""
    from build_tools.clock import resolve_now
    from build_tools.deriving.site import build_site
    from build_tools.pipeline import run_checks

    now = resolve_now(sitebuild.TODAY)
    result = run_checks(generated[1], now, 14)
    assert result.ok
    calls = build_site(result.content, now).current_calls
    assert len(calls) > 60, "the generated site should need at least three pages of /bandi/"
    return calls


@pytest.fixture
def open_page(browser, big_url: str):  # noqa: ANN001, ANN201
    contexts = []

    def factory(path: str, javascript: bool = True, width: int = 1280):  # noqa: ANN202
        context = browser.new_context(base_url=big_url, java_script_enabled=javascript, locale="it-IT",
                                      timezone_id="Europe/Rome", service_workers="block",
                                      viewport={"width": width, "height": 800})
        contexts.append(context)
        page = context.new_page()
        page.js_errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: page.js_errors.append(str(error)))  # type: ignore[attr-defined]
        if javascript:
            page.clock.set_fixed_time(BUILD_CLOCK)
        page.goto(path)
        return page

    yield factory
    for context in contexts:
        context.close()


def slug_of(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[-1]


def test_without_javascript_the_pager_reaches_every_current_call(open_page, current) -> None:
    page = open_page("bandi/", javascript=False)
    seen: list[str] = []
    pages = 0
    while True:
        pages += 1
        cards = page.locator(CARDS)
        assert 0 < cards.count() <= 30, page.url
        seen += [slug_of(h) for h in cards.locator(".lab-card__title a").evaluate_all("links => links.map(a => a.href)")]
        pager = page.get_by_role("navigation", name="Pagine dei bandi")
        assert pager.locator(".lab-pager__where").inner_text().startswith(f"Pagina {pages} di ")
        assert pager.locator('[aria-current="page"]').inner_text().endswith(str(pages))
        assert pager.locator('a[rel="prev"]').count() == (pages > 1)
        following = pager.locator('a[rel="next"]')
        if not following.count():
            break
        following.click()
        page.wait_for_url(f"**/bandi/pagina/{pages + 1}/")
    assert pages >= 3
    assert pager.locator(".lab-pager__where").inner_text() == f"Pagina {pages} di {pages}"
    assert seen == [p.slug for p in current]


def test_a_filter_finds_a_call_beyond_the_first_page(open_page, current) -> None:
    page = open_page("bandi/")
    assert page.locator(CARDS).count() == 30
    first_page = {p.slug for p in current[:30]}
    later = current[45]
    source = later.call.funding_source.value
    page.locator("[data-lab-panel-toggle]").click()
    page.locator(f'form[data-lab-filter] input[name="fonte"][value="{source}"]').check()
    wanted = [p.slug for p in current if p.call.funding_source.value == source]
    page.wait_for_function(f"() => /^\\s*{len(wanted)} (bando|bandi) su {len(current)}/.test("
                           "document.querySelector('[data-lab-results]').textContent)")
    shown = [slug_of(h) for h in page.locator(CARDS).evaluate_all(
        "cards => cards.filter(c => !c.hidden).map(c => c.querySelector('.lab-card__title a').href)")]
    assert shown == wanted[:30]
    assert later.slug in shown and later.slug not in first_page
    assert page.locator("[data-lab-pager]").is_hidden(), "the static pager no longer matches the list"
    assert "fonte=" + source in page.url
    assert page.js_errors == []


def test_more_calls_and_sorting_cover_the_whole_list(open_page, current) -> None:
    page = open_page("bandi/")
    more = page.locator("[data-lab-more] button")
    assert more.is_visible()
    more.click()
    page.wait_for_function("() => document.querySelectorAll('#lab-calls > [data-lab-item]').length === 60")
    assert [slug_of(h) for h in page.locator(CARDS + " .lab-card__title a").evaluate_all(
        "links => links.map(a => a.href)")] == [p.slug for p in current[:60]]
    assert page.evaluate("document.activeElement.href").endswith(f"/{current[30].slug}/"), "focus on the first new card"
    page.locator('select[name="ordina"]').select_option("importo")
    amounts = page.locator(CARDS).evaluate_all("cards => cards.map(c => parseFloat(c.dataset.amount || '-1'))")
    everyone = sorted((p.call.max_grant_eur or p.call.min_grant_eur or p.call.budget_total_eur or -1 for p in current),
                      reverse=True)
    assert amounts == everyone[:len(amounts)], "the largest amounts of all calls, not of the first page"
    assert page.js_errors == []


DRAWN_AND_STATIC = """
async ([pages]) => {
  await new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = new URL('../assets/lab-bandi.js', location.href).href;
    s.onload = resolve; s.onerror = reject; document.head.appendChild(s);
  });
  const list = document.getElementById('lab-calls');
  const data = await window.LabCalls.load(new URL(list.dataset.labAll, location.href).href);
  const absolute = (card, base) => {
    card.querySelectorAll('a[href]').forEach(a => a.setAttribute('href', new URL(a.getAttribute('href'), base).href));
    return card.outerHTML;
  };
  const drawn = data.calls.map(r => absolute(window.LabCalls.card(r, data.labels, window.LabStatus.info()), location.href));
  const fixed = [];
  for (const path of pages) {
    const url = new URL(path, location.href).href;
    const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
    doc.querySelectorAll('#lab-calls > li').forEach(li => fixed.push(absolute(li, url)));
  }
  return [drawn, fixed];
}
"""


def test_drawn_cards_are_the_static_cards(open_page, generated) -> None:
    site = generated[0]
    pages = ["./", *(f"pagina/{p.name}/" for p in sorted((site / "bandi" / "pagina").iterdir(), key=lambda p: int(p.name)))]
    page = open_page("bandi/")
    drawn, fixed = page.evaluate(DRAWN_AND_STATIC, [pages])
    assert len(drawn) == len(fixed) > 60
    for mine, built in zip(drawn, fixed, strict=True):
        assert mine == built


@pytest.mark.parametrize("path", ["bandi/", "bandi/pagina/2/"])
def test_pages_fit_a_phone_and_pass_axe(open_page, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(path, width=360)
    if path == "bandi/":
        page.locator("[data-lab-more] button").click()
        page.wait_for_function("() => document.querySelectorAll('#lab-calls > [data-lab-item]').length > 30")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    violations = [v for v in Axe().run(page).response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
