"""Facet filters on /bandi/ (and /storie/): narrowing, combining, URL state, counts."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

CARDS = "#lab-calls > [data-lab-item]"
# a card as {href, <facet>: "space separated values", ...} from its data-* attributes
_CARD_DATA = ("c => Object.fromEntries([['href', c.querySelector('a').getAttribute('href')]].concat("
              "[...c.attributes].filter(a => a.name.startsWith('data-')).map(a => [a.name.slice(5), a.value])))")


def visible_cards(page, selector: str = CARDS) -> list[dict[str, str]]:  # noqa: ANN001
    """Data attributes of the cards currently shown."""
    return page.locator(selector).evaluate_all(
        "cards => cards.filter(c => !c.hidden && c.offsetParent !== null)"
        "  .map(" + _CARD_DATA + ")")


def all_cards(page, selector: str = CARDS) -> list[dict[str, str]]:  # noqa: ANN001
    return page.locator(selector).evaluate_all(
        "cards => cards.map(" + _CARD_DATA + ")")


def counter_number(page, target: str = "lab-calls") -> int:  # noqa: ANN001
    text = page.locator(f'[data-lab-results="{target}"]').inner_text()
    match = re.match(r"\s*(\d+)", text)
    assert match, text
    return int(match.group(1))


def checkbox(page, facet: str, value: str):  # noqa: ANN001, ANN201
    return page.locator(f'form[data-lab-filter] input[name="{facet}"][value="{value}"]')


def option_count(page, facet: str, value: str) -> int:  # noqa: ANN001
    label = page.locator(f'form[data-lab-filter] label:has(input[name="{facet}"][value="{value}"])')
    return int(label.locator("[data-lab-count]").inner_text())


def expected(cards: list[dict[str, str]], chosen: dict[str, list[str]]) -> list[str]:
    """What the filters should show: OR within a facet, AND across facets; ``*`` matches every value."""
    def has(card: dict[str, str], facet: str, wanted: list[str]) -> bool:
        values = set(card.get(facet, "").split())
        return "*" in values or bool(values & set(wanted))
    return [c["href"] for c in cards if all(not wanted or has(c, f, wanted) for f, wanted in chosen.items())]


def open_filters(page) -> None:  # noqa: ANN001
    """Show the filter panel (it opens from the "Filtri" button: the results come first)."""
    form = page.locator("form[data-lab-filter]")
    form.wait_for(state="attached")
    assert form.get_attribute("hidden") is None, "the filter form stays hidden: lab.js did not start"
    panel = form.locator("[data-lab-panel]")
    if panel.count() and panel.is_hidden():
        form.locator("[data-lab-panel-toggle]").click()
        panel.wait_for(state="visible")


def close_filters(page) -> None:  # noqa: ANN001
    page.locator("form[data-lab-filter] [data-lab-panel] .md-button--primary[data-lab-panel-close]").click()


def test_unfiltered_list_is_complete_and_counted(page) -> None:
    page.goto("bandi/")
    open_filters(page)
    cards = all_cards(page)
    assert len(cards) >= 5
    assert len(visible_cards(page)) == len(cards) == counter_number(page)
    assert page.url.endswith("/bandi/")


def test_one_filter_narrows_the_list(page) -> None:
    page.goto("bandi/")
    open_filters(page)
    cards = all_cards(page)
    announced = option_count(page, "fonte", "pnrr")
    checkbox(page, "fonte", "pnrr").check()
    shown = visible_cards(page)
    assert 0 < len(shown) < len(cards)
    assert [c["href"] for c in shown] == expected(cards, {"fonte": ["pnrr"]})
    assert len(shown) == counter_number(page) == announced
    assert all("pnrr" in c["fonte"].split() for c in shown)
    assert re.search(r"\?fonte=pnrr$", page.url), page.url


def test_filters_combine_and_options_within_a_facet_add_up(page) -> None:
    page.goto("bandi/")
    open_filters(page)
    cards = all_cards(page)
    checkbox(page, "fonte", "pnrr").check()
    checkbox(page, "fonte", "eu_structural").check()  # OR within "fonte"
    either = visible_cards(page)
    assert [c["href"] for c in either] == expected(cards, {"fonte": ["pnrr", "eu_structural"]})
    announced = option_count(page, "beneficiari", "cooperatives")
    checkbox(page, "beneficiari", "cooperatives").check()  # AND across facets
    chosen = {"fonte": ["pnrr", "eu_structural"], "beneficiari": ["cooperatives"]}
    both = visible_cards(page)
    assert [c["href"] for c in both] == expected(cards, chosen)
    assert len(both) <= len(either)
    assert len(both) == counter_number(page) == announced
    assert "fonte=pnrr" in page.url and "fonte=eu_structural" in page.url and "beneficiari=cooperatives" in page.url


def test_option_counts_predict_the_result(page) -> None:
    """Each option's count is the number of cards shown once it is ticked (given the other facets)."""
    page.goto("bandi/")
    open_filters(page)
    checkbox(page, "percorso", "existing_business").check()
    for box in page.locator('form[data-lab-filter] input[name="agevolazione"]').all():
        value = box.get_attribute("value")
        announced = option_count(page, "agevolazione", value)
        box.check()
        assert len(visible_cards(page)) == counter_number(page) == announced, value
        box.uncheck()


def test_filtered_view_survives_a_reload_and_a_shared_link(page, new_page) -> None:
    page.goto("bandi/")
    open_filters(page)
    page.locator('select[name="dove"]').select_option("lazio")
    checkbox(page, "beneficiari", "cooperatives").check()
    before = [c["href"] for c in visible_cards(page)]
    url = page.url
    page.reload()
    open_filters(page)
    assert page.locator('select[name="dove"]').input_value() == "lazio"
    assert checkbox(page, "beneficiari", "cooperatives").is_checked()
    assert [c["href"] for c in visible_cards(page)] == before
    assert counter_number(page) == len(before)
    other = new_page()  # someone who received the link
    other.goto(url)
    open_filters(other)
    assert [c["href"] for c in visible_cards(other)] == before


def test_reset_shows_everything_again(page) -> None:
    page.goto("bandi/?fonte=pnrr")
    open_filters(page)
    total = len(all_cards(page))
    assert len(visible_cards(page)) < total
    page.locator('form[data-lab-filter] button[type="reset"]').click()
    page.wait_for_function("() => !location.search")
    assert len(visible_cards(page)) == counter_number(page) == total


def test_no_match_says_so(page) -> None:
    page.goto("bandi/")
    open_filters(page)
    cards = all_cards(page)
    # find two options whose combination matches nothing
    facets = {"fonte": sorted({v for c in cards for v in c["fonte"].split()}),
              "agevolazione": sorted({v for c in cards for v in c["agevolazione"].split()})}
    pair = next(((f, a) for f in facets["fonte"] for a in facets["agevolazione"]
                 if not expected(cards, {"fonte": [f], "agevolazione": [a]})), None)
    if pair is None:
        pytest.skip("every source/support combination matches some call in the demo content")
    checkbox(page, "fonte", pair[0]).check()
    checkbox(page, "agevolazione", pair[1]).check()
    assert visible_cards(page) == []
    assert counter_number(page) == 0
    assert page.locator('[data-lab-empty="lab-calls"]').is_visible()


def test_story_filters_are_consistent(page) -> None:
    page.goto("storie/")
    form = page.locator("form[data-lab-filter]")
    if form.count() == 0:
        pytest.skip("/storie/ has no filters")
    open_filters(page)
    target = form.get_attribute("data-lab-filter")
    selector = f"#{target} > [data-lab-item]"
    cards = all_cards(page, selector)
    assert len(visible_cards(page, selector)) == len(cards) == counter_number(page, target)
    first = form.locator("input[type=checkbox]").first
    facet, value = first.get_attribute("name"), first.get_attribute("value")
    announced = option_count(page, facet, value)
    first.check()
    shown = visible_cards(page, selector)
    assert [c["href"] for c in shown] == expected(cards, {facet: [value]})
    assert len(shown) == counter_number(page, target) == announced
    assert f"{facet}={value}" in page.url


# ---- "Dove operi": a region shows every call one can apply to from there ----

def _current_calls():  # noqa: ANN202
    from build_tools.clock import resolve_now
    from build_tools.deriving.site import build_site
    from build_tools.pipeline import run_checks
    from sitebuild import REPO, TODAY

    now = resolve_now(TODAY)
    result = run_checks(REPO / "content", now, 14, root=REPO)
    return build_site(result.content, now).current_calls


def test_lazio_cooperative_sees_national_and_eu_calls(page) -> None:
    """Tick Lazio + cooperatives: the region's calls and every national, EU and international one open to them."""
    from build_tools.deriving.territory import open_to_region

    page.goto("bandi/")
    open_filters(page)
    page.locator('select[name="dove"]').select_option("lazio")
    checkbox(page, "beneficiari", "cooperatives").check()
    shown = {c["href"].rstrip("/").rsplit("/", 1)[-1] for c in visible_cards(page)}
    calls = _current_calls()
    wanted = {p.slug for p in calls if open_to_region(p.call, "lazio") and "cooperatives" in p.call.beneficiaries}
    assert shown == wanted
    scopes = {p.call.scope.value for p in calls if p.slug in shown}
    assert {"lazio", "national", "european"} <= scopes, scopes
    assert counter_number(page) == len(wanted)
    assert "dove=lazio" in page.url


def test_filter_button_counts_the_active_filters_and_shows_the_results(new_page) -> None:
    page = new_page(width=360, height=640, is_mobile=True, has_touch=True)
    page.goto("bandi/?beneficiari=cooperatives&dove=lazio")
    toggle = page.locator("[data-lab-panel-toggle]")
    toggle.wait_for()
    assert page.locator("[data-lab-panel]").is_hidden(), "a shared link opens on the results, not on the panel"
    assert "(2)" in toggle.inner_text()
    first = page.locator(CARDS).first.bounding_box()
    assert first is not None and first["y"] < 640 * 2
    open_filters(page)
    shown = counter_number(page)
    assert page.locator("[data-lab-shown]").inner_text().startswith(f"{shown} ")
    close_filters(page)
    assert page.locator("[data-lab-panel]").is_hidden()


def test_quick_filters_and_sorting(page) -> None:
    page.clock.set_fixed_time("2026-11-25T10:00:00+01:00")
    page.goto("bandi/")
    open_filters(page)
    page.locator('.lab-quick label:has(input[value="aperti"])').click()
    statuses = page.locator(CARDS).evaluate_all(
        "cards => cards.filter(c => !c.hidden).map(c => c.querySelector('[data-lab-status]').dataset.labStatus)")
    assert statuses and set(statuses) <= {"open", "closing_soon", "rolling"}
    assert "quando=aperti" in page.url
    page.locator('.lab-quick label:has(input[value="entro-30"])').click()
    days = page.locator(CARDS).evaluate_all(
        "cards => cards.filter(c => !c.hidden).map(c => c.querySelector('[data-lab-days]').textContent)")
    left = [int(m.group(1)) if (m := re.match(r"mancano (\d+) giorni", d)) else 0 for d in days]
    assert days and all(d.startswith(("mancano", "scade")) for d in days) and max(left) <= 30, days
    page.locator('.lab-quick label:has(input[value=""])').click()
    page.locator('select[name="ordina"]').select_option("importo")
    amounts = page.locator(CARDS).evaluate_all("cards => cards.map(c => parseFloat(c.dataset.amount || '-1'))")
    assert amounts == sorted(amounts, reverse=True)
    assert "ordina=importo" in page.url


def test_static_listings_work_without_javascript(browser, lab_url) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=lab_url)
    try:
        page = context.new_page()
        page.goto("bandi/")
        assert page.locator("form[data-lab-filter]").is_hidden()
        page.locator("#elenchi-pronti").locator("xpath=..").get_by_role("link", name="Bandi per cooperative", exact=True).click()
        page.wait_for_url("**/bandi/per/cooperative/")
        rows = page.locator(".lab-rows > li")
        assert rows.count() >= 3
        assert page.locator('head link[rel="alternate"]').count() >= 1
        page.goto("bandi/dove/lazio/")
        assert page.locator(".lab-rows a", has_text="Premio per l'innovazione digitale").count() == 1
    finally:
        context.close()
