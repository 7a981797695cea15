"""/iscriviti/: the subscription builder over the plain lists (assets/iscriviti.js)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_without_javascript_every_subscription_is_a_plain_link(new_page) -> None:
    page = new_page(java_script_enabled=False)
    page.goto("iscriviti/")
    assert page.locator("#costruisci-iscrizione").is_hidden()
    links = page.locator("a[href$='feed/beneficiari/cooperative.xml']")
    assert links.count() >= 1
    assert page.locator("a[href$='calendari/percorso/nuove-imprese.ics']").count() == 1


def test_choosing_who_you_are_shows_the_addresses_to_copy_or_open(page) -> None:
    page.goto("iscriviti/")
    builder = page.locator("#costruisci-iscrizione")
    builder.wait_for(state="visible")
    builder.get_by_label("Chi sei").select_option(label="Cooperative")
    builder.get_by_label("Percorso").select_option(label="Spin-off e start-up")
    values = builder.locator("input[readonly]").evaluate_all("inputs => inputs.map(i => i.value)")
    assert any(v.endswith("/feed/beneficiari/cooperative.xml") for v in values)
    assert any(v.endswith("/feed/percorso/nuove-imprese.atom") for v in values)
    assert any(v.endswith("/calendari/beneficiari/cooperative.ics") for v in values)
    webcal = builder.get_by_role("link", name="Apri nel calendario").first.get_attribute("href")
    assert webcal.startswith("webcal://") and webcal.endswith("/calendari/beneficiari/cooperative.ics")
    assert not page.recorder.js_errors  # type: ignore[attr-defined]
