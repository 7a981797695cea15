"""A page built before a deadline, seen after it: the visitor's browser corrects the badge.

The site is built with "now" = 2026-11-25; the browser's clock is moved with Playwright's
``page.clock`` (``Date`` and ``Date.now`` return the fixed time, timers keep running).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Deadline 3 December 2026, 17:00 Rome: "In scadenza" (8 days left) at build time.
CALL = "bandi/servizi-digitali-avanzati-piccole-imprese-pnrr/"
# Deadline 7 December 2026 (23:59:59): still open on 4 December, closing soon.
OTHER = "bandi/premio-innovazione-digitale-cooperative/"
# Opens 15 January 2027: "In apertura" at build time.
FORTHCOMING = "bandi/innovazione-sociale-ricerca-partenariati-europei/"


def badges(page) -> list[tuple[str, str]]:  # noqa: ANN001
    """(status, visible label) of every status badge in the page's main content."""
    found = page.locator(".md-content [data-lab-status]").evaluate_all(
        "els => els.map(e => [e.dataset.labStatus, e.textContent.trim()])")
    return [tuple(b) for b in found]


def card_badge(page, href_part: str) -> tuple[str, str]:  # noqa: ANN001
    card = page.locator(f'[data-lab-item]:has(a[href*="{href_part}"])')
    badge = card.locator("[data-lab-status]").first
    return badge.get_attribute("data-lab-status"), badge.inner_text().strip()


def card_is_gone(page, href_part: str) -> bool:  # noqa: ANN001
    card = page.locator(f'#lab-calls > [data-lab-item]:has(a[href*="{href_part}"])')
    return card.get_attribute("data-stato") == "closed" and card.is_hidden()


def assert_no_countdown_nor_calendar(page) -> None:  # noqa: ANN001
    """Nothing on the page counts down to a deadline or offers to put it in a calendar."""
    countdowns = page.locator(".md-content [data-lab-days]").evaluate_all(
        "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent)")
    assert countdowns == [], countdowns
    assert page.get_by_text("Aggiungi al calendario").filter(visible=True).count() == 0


# Each override of the demo content (suspended, funds exhausted, cancelled): the dates no longer say what happens.
OVERRIDES = {"suspended": "bandi/fondo-credito-garanzia-cooperative-lazio/",
             "funds_exhausted": "bandi/voucher-digitali-imprese-area-romana/",
             "cancelled": "bandi/botteghe-digitali-quartieri-roma/"}


@pytest.mark.parametrize("status", list(OVERRIDES))
def test_an_override_never_shows_a_countdown_or_a_calendar(page, status: str) -> None:
    page.clock.set_fixed_time("2026-11-25T10:00:00+01:00")
    page.goto(OVERRIDES[status])
    assert {s for s, _ in badges(page)} == {status}
    assert_no_countdown_nor_calendar(page)


def test_override_cards_in_lists_have_no_countdown(page) -> None:
    page.clock.set_fixed_time("2026-11-25T10:00:00+01:00")
    page.goto("bandi/")
    for path in OVERRIDES.values():
        card = page.locator(f'#lab-calls > [data-lab-item]:has(a[href*="{path.split("/")[1]}"])')
        if card.count():
            assert card.locator("[data-lab-days]").filter(visible=True).count() == 0, path


def test_home_closing_soon_list_follows_the_clock(page) -> None:
    """After a deadline passes, the home page's "In scadenza" no longer lists the call."""
    page.clock.set_fixed_time("2026-12-04T09:00:00+01:00")
    page.goto("")
    soon = page.locator('#in-scadenza ~ ul.lab-cards > [data-lab-item]')
    titles = soon.evaluate_all("els => els.filter(e => !e.hidden).map(e => e.querySelector('a').getAttribute('href'))")
    assert not any("servizi-digitali-avanzati-piccole-imprese-pnrr" in t for t in titles), titles
    assert any("premio-innovazione-digitale-cooperative" in t for t in titles), titles
    statuses = soon.evaluate_all("els => els.filter(e => !e.hidden).map(e => e.querySelector('[data-lab-status]').dataset.labStatus)")
    assert set(statuses) == {"closing_soon"}


def test_build_time_status_when_the_clock_agrees(page) -> None:
    page.clock.set_fixed_time("2026-11-25T10:00:00+01:00")
    page.goto(CALL)
    assert set(badges(page)) == {("closing_soon", "In scadenza")}
    assert page.locator("[data-lab-closed-banner]").is_hidden()
    assert page.locator(".lab-sheet-status [data-lab-days]").inner_text() == "mancano 8 giorni"


def test_deadline_passed_shows_closed_badge_and_banner(page) -> None:
    page.clock.set_fixed_time("2026-12-04T09:00:00+01:00")
    page.goto(CALL)
    assert set(badges(page)) == {("closed", "Chiuso")}, badges(page)
    assert page.locator(".lab-badge--closed").count() >= 1
    assert page.locator(".lab-badge--closing_soon").count() == 0
    assert page.locator("[data-lab-closed-banner]").is_visible()
    assert_no_countdown_nor_calendar(page)


def test_one_minute_after_the_deadline_hour(page) -> None:
    page.clock.set_fixed_time("2026-12-03T17:01:00+01:00")
    page.goto(CALL)
    assert set(badges(page)) == {("closed", "Chiuso")}, badges(page)


def test_one_minute_before_the_deadline_hour(page) -> None:
    page.clock.set_fixed_time("2026-12-03T16:59:00+01:00")
    page.goto(CALL)
    assert set(badges(page)) == {("closing_soon", "In scadenza")}, badges(page)
    assert page.locator(".lab-sheet-status [data-lab-days]").inner_text() == "scade oggi"


def test_correction_holds_after_navigating(page) -> None:
    """From the closed sheet to the list and on to another sheet: every page corrects itself."""
    page.clock.set_fixed_time("2026-12-04T09:00:00+01:00")
    page.goto(CALL)
    assert set(badges(page)) == {("closed", "Chiuso")}
    page.locator(".lab-kicker a").first.click()  # "Bandi e finanziamenti"
    page.wait_for_url("**/bandi/")
    assert card_is_gone(page, "servizi-digitali-avanzati-piccole-imprese-pnrr")  # closed: off the current list
    assert card_badge(page, "premio-innovazione-digitale-cooperative") == ("closing_soon", "In scadenza")
    page.locator('a[href*="premio-innovazione-digitale-cooperative"]').first.click()
    page.wait_for_url("**/" + OTHER)
    assert set(badges(page)) == {("closing_soon", "In scadenza")}
    assert page.locator(".lab-sheet-status [data-lab-days]").inner_text() == "mancano 3 giorni"
    page.go_back()
    page.wait_for_url("**/bandi/")
    assert card_is_gone(page, "servizi-digitali-avanzati-piccole-imprese-pnrr")


def test_forthcoming_call_opens_in_the_browser(page) -> None:
    page.clock.set_fixed_time("2026-11-25T10:00:00+01:00")
    page.goto(FORTHCOMING)
    assert {s for s, _ in badges(page)} == {"forthcoming"}
    page.clock.set_fixed_time("2027-01-20T10:00:00+01:00")
    page.reload()
    assert set(badges(page)) == {("open", "Aperto")}, badges(page)
