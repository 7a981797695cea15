""""Quale bando fa per me?" as a visitor uses it: the form, the three groups with their reasons,
the answers in the address (shared link, back button), a phone screen, axe; and the click-day
countdown on a sheet.

The groups a page shows are checked against the Python rule run on the data the page loaded
(``dati.json``) with the same answers: the page must draw what the rule says, reasons included.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from test_layout_a11y import NARROW, _describe, assert_no_horizontal_overflow

from build_tools.deriving.eligibility import evaluate

pytestmark = pytest.mark.browser

PAGE = "bandi/quale-bando/"
CLOCK = "2026-11-25T10:00:00+01:00"  # the day the test site is built for
#: A small cooperative in Rome, working in ICT for eight years, looking for digital and training money.
LAZIO_COOPERATIVE = {"beneficiari": ["cooperatives"], "percorso": "existing_business", "regione": "lazio",
                     "provincia": "RM", "dimensione": "small", "ateco": "K", "anni": "8",
                     "bisogni": ["digitalisation", "training"]}
GROUPS = ("compatibile", "da_verificare", "non_compatibile")
SHOWN = {"compatibile": "ok", "da_verificare": "unknown", "non_compatibile": "no"}

# Each group as the page drew it: {verdict: [{title, href, badge, reasons}]}
_DRAWN = """
() => Object.fromEntries([...document.querySelectorAll('[data-lab-finder-list] [data-group]')].map(g => [
  g.dataset.group,
  [...g.querySelectorAll('.lab-finder__item')].map(li => ({
    title: li.querySelector('.lab-finder__title').textContent.trim(),
    href: li.querySelector('.lab-finder__title a').getAttribute('href'),
    badge: li.querySelector('.lab-badge').textContent.trim(),
    reasons: [...li.querySelectorAll('.lab-finder__reasons li')].map(r => r.textContent.trim()),
  })),
]))
"""


def finder_page(new_page, width: int = 1280):  # noqa: ANN001, ANN201
    page = new_page(width=width, height=900)
    page.clock.set_fixed_time(CLOCK)
    return page


def wait_for_results(page) -> None:  # noqa: ANN001
    page.locator("[data-lab-finder-list] [data-group]").first.wait_for()


def expected_groups(site_dir, answers: dict) -> dict[str, list[tuple[str, list[str]]]]:  # noqa: ANN001
    """What the rule says for ``answers`` about the calls the page loads: (title, reasons shown)."""
    data = json.loads((site_dir / "bandi/quale-bando/dati.json").read_text(encoding="utf-8"))
    groups: dict[str, list[tuple[str, list[str]]]] = {g: [] for g in GROUPS}
    for call in data["calls"]:
        result = evaluate(call, answers, data["tables"])
        reasons = [r["text"] for r in result["reasons"] if r["state"] == SHOWN[result["verdict"]]]
        groups[result["verdict"]].append((call["title"], reasons))
    return groups


def open_excluded(page) -> None:  # noqa: ANN001
    """Open "Non compatibili" (collapsed at first; its results are drawn when it opens)."""
    excluded = page.locator('details[data-group="non_compatibile"]')
    if not excluded.evaluate("d => d.open"):
        excluded.locator("summary").click()
    excluded.locator(".lab-finder__list, .lab-finder__empty").first.wait_for()


def drawn_groups(page) -> dict[str, list[tuple[str, list[str]]]]:  # noqa: ANN001
    open_excluded(page)
    return {group: [(item["title"], item["reasons"]) for item in items]
            for group, items in page.evaluate(_DRAWN).items()}


def answer_as(page, answers: dict) -> None:  # noqa: ANN001
    """Fill the form the way a visitor does: clicks on labels, choices in the selects, typing."""
    form = page.locator("form[data-lab-finder]")
    for name, value in answers.items():
        if name in ("beneficiari", "bisogni", "destinatari"):
            for v in value:
                form.locator(f'input[name="{name}"][value="{v}"]').check()
        elif name in ("percorso", "dimensione"):
            form.locator(f'input[name="{name}"][value="{value}"]').check()
        elif name in ("regione", "provincia", "ateco"):
            form.locator(f'select[name="{name}"]').select_option(value)
        else:
            field = form.locator(f'input[name="{name}"]')
            field.fill(value)
            field.press("Tab")  # a change event, as when the visitor leaves the field


def query_of(page) -> dict[str, list[str]]:  # noqa: ANN001
    return parse_qs(urlsplit(page.url).query)


def test_lazio_cooperative_sees_three_groups_with_reasons(new_page, site_dir) -> None:  # noqa: ANN001
    page = finder_page(new_page)
    page.goto(PAGE)
    wait_for_results(page)
    answer_as(page, LAZIO_COOPERATIVE)
    wanted = expected_groups(site_dir, LAZIO_COOPERATIVE)
    page.wait_for_function("n => document.querySelectorAll('[data-group=\"compatibile\"] li.lab-finder__item').length == n",
                           arg=len(wanted["compatibile"]))
    assert all(wanted[g] for g in GROUPS), f"the demo content should fill every group: {wanted}"
    # Non compatibili are collapsed until opened
    excluded = page.locator('details[data-group="non_compatibile"]')
    assert not excluded.evaluate("d => d.open")
    assert not excluded.locator(".lab-finder__item").first.is_visible()
    assert drawn_groups(page) == wanted
    assert excluded.locator(".lab-finder__reasons li").first.is_visible()
    # every excluded or doubtful call says why, in Italian
    for group in ("da_verificare", "non_compatibile"):
        assert all(reasons for _, reasons in wanted[group]), group
    summary = page.locator("[data-lab-finder-summary]").inner_text()
    assert summary == (f"{len(wanted['compatibile'])} compatibili, {len(wanted['da_verificare'])} da verificare, "
                       f"{len(wanted['non_compatibile'])} non compatibili.")
    # the answers are in the address, under the /bandi/ filters' Italian keys
    assert query_of(page) == {k: v if isinstance(v, list) else [v] for k, v in LAZIO_COOPERATIVE.items()}
    # each result links to its sheet, and the sheet is there
    first = page.evaluate(_DRAWN)["compatibile"][0]
    page.locator('[data-group="compatibile"] .lab-finder__title a').first.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == first["title"]
    assert page.recorder.js_errors == []


def test_shared_link_restores_the_answers_and_back_undoes_a_change(new_page, site_dir) -> None:  # noqa: ANN001
    page = finder_page(new_page)
    shared = PAGE + "?beneficiari=cooperatives&percorso=existing_business&regione=lazio&provincia=RM" \
                    "&dimensione=small&ateco=K&anni=8&bisogni=digitalisation&bisogni=training"
    page.goto(shared)
    wait_for_results(page)
    form = page.locator("form[data-lab-finder]")
    assert form.locator('input[name="beneficiari"][value="cooperatives"]').is_checked()
    assert form.locator('input[name="dimensione"][value="small"]').is_checked()
    assert form.locator('input[name="bisogni"][value="training"]').is_checked()
    assert form.locator('select[name="provincia"]').input_value() == "RM"
    assert form.locator('input[name="anni"]').input_value() == "8"
    before = drawn_groups(page)
    assert before == expected_groups(site_dir, LAZIO_COOPERATIVE)

    form.locator('input[name="bisogni"][value="training"]').uncheck()
    fewer = {**LAZIO_COOPERATIVE, "bisogni": ["digitalisation"]}
    page.wait_for_function("() => !new URLSearchParams(location.search).getAll('bisogni').includes('training')")
    assert drawn_groups(page) == expected_groups(site_dir, fewer)
    assert drawn_groups(page) != before, "the change should move a call from one group to another"

    page.go_back()
    page.wait_for_function("() => new URLSearchParams(location.search).getAll('bisogni').includes('training')")
    assert form.locator('input[name="bisogni"][value="training"]').is_checked()
    assert drawn_groups(page) == before
    assert page.recorder.js_errors == []


def test_skipping_everything_never_counts_as_compatible_what_is_unknown(new_page, site_dir) -> None:  # noqa: ANN001
    page = finder_page(new_page)
    page.goto(PAGE)
    wait_for_results(page)
    assert drawn_groups(page) == expected_groups(site_dir, {})
    assert page.locator('[data-group="compatibile"] .lab-finder__item').count() == 0
    # every question offers a way to skip it, already chosen
    for name in ("percorso", "dimensione"):
        assert page.locator(f'input[name="{name}"][value=""]').is_checked()
    page.get_by_role("button", name="Ricomincia").click()
    assert urlsplit(page.url).query == ""


def test_phone_screen_keyboard_and_axe(new_page, screenshots_dir) -> None:  # noqa: ANN001
    from axe_playwright_python.sync_playwright import Axe

    page = new_page(width=NARROW, height=780, device_scale_factor=1, is_mobile=True, has_touch=True)
    page.clock.set_fixed_time(CLOCK)
    page.goto(PAGE + "?beneficiari=cooperatives&regione=lazio&dimensione=small")
    wait_for_results(page)
    open_excluded(page)
    page.screenshot(path=str(screenshots_dir / "quale-bando-360.png"), full_page=True)
    assert_no_horizontal_overflow(page, "quale-bando")
    violations = Axe().run(page).response["violations"]
    assert not violations, "quale-bando at 360px:\n" + _describe(violations)
    # keyboard: tick a box with the space bar, send with Enter; the results take the focus
    box = page.locator('input[name="bisogni"][value="training"]')
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    page.locator('select[name="ateco"]').focus()
    page.keyboard.press("Enter")  # a select does not submit: use the button
    page.get_by_role("button", name="Mostra i bandi").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.hasAttribute('data-lab-finder-summary')")
    assert "bisogni=training" in page.url


def test_without_javascript_the_page_points_to_the_list(browser, lab_url: str) -> None:  # noqa: ANN001
    context = browser.new_context(java_script_enabled=False, base_url=lab_url)
    page = context.new_page()
    page.goto(PAGE)
    assert not page.locator("form[data-lab-finder]").is_visible()
    note = page.locator(".lab-finder__noscript")
    assert note.is_visible()
    note.get_by_role("link", name="elenco dei bandi aperti").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Bandi e finanziamenti"
    context.close()


@pytest.mark.parametrize(("clock", "said"), [
    ("2026-09-10T09:00:00+02:00", "apre tra 5 giorni"),
    ("2026-09-14T20:00:00+02:00", "apre domani"),
    ("2026-09-15T08:15:00+02:00", "apre tra 1 ora e 45 minuti"),
    ("2026-09-15T10:00:00+02:00", "le domande sono aperte"),
    ("2026-12-04T10:00:00+01:00", "le domande sono chiuse"),
])
def test_click_day_countdown_follows_the_visitors_clock(new_page, clock: str, said: str) -> None:  # noqa: ANN001
    page = new_page()
    page.clock.set_fixed_time(clock)
    page.goto("bandi/servizi-digitali-avanzati-piccole-imprese-pnrr/")
    block = page.locator(".lab-click-day")
    assert block.locator("[data-lab-opens-in]").inner_text() == said
    assert block.get_by_role("link", name="Aggiungi l'apertura al calendario").get_attribute("href") == "scadenza.ics"


def test_long_groups_are_drawn_fifty_at_a_time(new_page, site_dir) -> None:  # noqa: ANN001
    data = json.loads((site_dir / "bandi/quale-bando/dati.json").read_text(encoding="utf-8"))
    data["calls"] = [{**call, "slug": f"{call['slug']}-{n}", "title": f"{call['title']} ({n})"}
                     for n in range(1, 13) for call in data["calls"]]
    answers = {"beneficiari": ["cooperatives"], "regione": "lazio"}
    wanted = [call["title"] for call in data["calls"]
              if evaluate(call, answers, data["tables"])["verdict"] == "da_verificare"]
    assert len(wanted) > 100, "enough results for three steps"
    page = finder_page(new_page)
    page.route("**/bandi/quale-bando/dati.json", lambda route: route.fulfill(json=data))
    page.goto(PAGE + "?beneficiari=cooperatives&regione=lazio")
    wait_for_results(page)
    group = page.locator('[data-group="da_verificare"]')
    titles = group.locator(".lab-finder__title")
    assert titles.count() == 50
    while group.get_by_role("button").count():
        button = group.get_by_role("button")
        shown = titles.count()
        left = len(wanted) - shown
        assert button.inner_text() == f"Mostra altri {min(50, left)} bandi"
        assert f"(ne restano {left})" in group.locator(".lab-finder__more").inner_text()
        button.focus()
        page.keyboard.press("Enter")
        assert titles.count() == min(len(wanted), shown + 50)
        assert page.evaluate("document.activeElement.textContent") == wanted[shown], "focus on the first new result"
    assert titles.all_inner_texts() == wanted
    assert page.recorder.js_errors == []


def test_the_form_is_in_place_from_the_first_paint(new_page) -> None:  # noqa: ANN001
    """Nothing moves while the script starts: the form is shown by the stylesheet when scripts
    run (``lab-js``), not by the script once it has loaded (Lighthouse counted a layout shift)."""
    page = new_page(width=NARROW, height=640)
    page.add_init_script("""window.__shifts = [];
        new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) window.__shifts.push(e.value); }))
          .observe({type: "layout-shift", buffered: true});""")
    page.goto("bandi/quale-bando/")
    wait_for_results_box = page.locator("[data-lab-finder-results]:not([hidden])")
    wait_for_results_box.wait_for(state="attached")
    page.wait_for_timeout(300)
    assert page.locator("form[data-lab-finder]").is_visible()
    assert page.evaluate("window.__shifts") == []
