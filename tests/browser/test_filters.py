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
    """What the filters should show: OR within a facet, AND across facets."""
    return [c["href"] for c in cards
            if all(not wanted or set(c.get(facet, "").split()) & set(wanted) for facet, wanted in chosen.items())]


def open_filters(page) -> None:  # noqa: ANN001
    form = page.locator("form[data-lab-filter]")
    form.wait_for(state="attached")
    assert form.get_attribute("hidden") is None, "the filter form stays hidden: lab.js did not start"
    panel = form.locator("details")
    if panel.count() and not panel.evaluate("d => d.open"):
        panel.locator("summary").click()


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
    checkbox(page, "ambito", "national").check()
    checkbox(page, "beneficiari", "cooperatives").check()
    before = [c["href"] for c in visible_cards(page)]
    url = page.url
    page.reload()
    open_filters(page)
    assert checkbox(page, "ambito", "national").is_checked()
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
              "ambito": sorted({v for c in cards for v in c["ambito"].split()})}
    pair = next(((f, a) for f in facets["fonte"] for a in facets["ambito"]
                 if not expected(cards, {"fonte": [f], "ambito": [a]})), None)
    if pair is None:
        pytest.skip("every source/scope combination matches some call in the demo content")
    checkbox(page, "fonte", pair[0]).check()
    checkbox(page, "ambito", pair[1]).check()
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
