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
    assert page.locator(".lab-sheet-status [data-lab-days]").inner_text() == "scaduto"


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
    assert card_badge(page, "servizi-digitali-avanzati-piccole-imprese-pnrr") == ("closed", "Chiuso")
    assert card_badge(page, "premio-innovazione-digitale-cooperative") == ("closing_soon", "In scadenza")
    page.locator('a[href*="premio-innovazione-digitale-cooperative"]').first.click()
    page.wait_for_url("**/" + OTHER)
    assert set(badges(page)) == {("closing_soon", "In scadenza")}
    assert page.locator(".lab-sheet-status [data-lab-days]").inner_text() == "mancano 3 giorni"
    page.go_back()
    page.wait_for_url("**/bandi/")
    assert card_badge(page, "servizi-digitali-avanzati-piccole-imprese-pnrr") == ("closed", "Chiuso")


def test_forthcoming_call_opens_in_the_browser(page) -> None:
    page.clock.set_fixed_time("2026-11-25T10:00:00+01:00")
    page.goto(FORTHCOMING)
    assert {s for s, _ in badges(page)} == {"forthcoming"}
    page.clock.set_fixed_time("2027-01-20T10:00:00+01:00")
    page.reload()
    assert set(badges(page)) == {("open", "Aperto")}, badges(page)
