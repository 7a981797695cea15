"""The sheet's "Cronologia delle modifiche" in plain Italian, one phrase per kind of change."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from content_factory import ROME

from build_tools.deriving.changes import Change
from build_tools.outputs.changelog import describe, span
from build_tools.reading.models import Beneficiary, StatusOverride, TargetGroup

DAY = date(2026, 11, 20)
AT = datetime(2026, 11, 20, 10, 0, tzinfo=ROME)


def rome(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ROME)


def say(kind: str, before, after) -> str:
    return describe(Change("voucher", kind, DAY, AT, before, after))


@pytest.mark.parametrize(("old", "new", "text"), [
    (rome("2026-12-10T17:00"), rome("2026-12-20T17:00"), "dal 10 al 20 dicembre 2026, ore 17:00"),
    (date(2026, 11, 30), date(2027, 1, 8), "dal 30 novembre 2026 all'8 gennaio 2027"),
    (date(2026, 11, 11), date(2026, 12, 1), "dall'11 novembre al 1° dicembre 2026"),
    (rome("2026-12-10T12:00"), rome("2026-12-10T17:00"), "dal 10 dicembre 2026, ore 12:00 al 10 dicembre 2026, ore 17:00"),
])
def test_spans_say_month_year_and_hour_once(old, new, text):
    assert span(old, new) == text


def test_deadlines():
    later = say("scadenza", (rome("2026-12-10T17:00"), False), (rome("2026-12-20T17:00"), False))
    assert later == "scadenza prorogata dal 10 al 20 dicembre 2026, ore 17:00"
    assert say("scadenza", (date(2026, 12, 20), False), (date(2026, 12, 15), False)) == \
        "scadenza anticipata dal 20 al 15 dicembre 2026"
    assert say("scadenza", (date(2026, 12, 20), False), (rome("2026-12-20T12:00"), False)) == \
        "scadenza anticipata dal 20 dicembre 2026 al 20 dicembre 2026, ore 12:00"
    assert say("scadenza", (date(2026, 12, 20), False), (None, True)) == \
        "ora a sportello, senza scadenza (era il 20 dicembre 2026)"
    assert say("scadenza", (None, True), (date(2027, 1, 31), True)) == "scadenza fissata: 31 gennaio 2027"


def test_openings_and_windows():
    assert say("apertura", date(2027, 1, 10), date(2027, 1, 20)) == "apertura rinviata dal 10 al 20 gennaio 2027"
    assert say("apertura", None, rome("2027-01-12T10:00")) == "apertura fissata: 12 gennaio 2027, ore 10:00"
    first = ("Prima finestra", None, rome("2027-01-29T17:00"))
    second = ("Seconda finestra", date(2027, 3, 1), date(2027, 4, 30))
    assert say("finestre", (first,), (first, second)) == \
        "aggiunta la finestra «Seconda finestra» (scadenza 30 aprile 2027)"
    moved = ("Prima finestra", None, rome("2027-02-05T17:00"))
    assert say("finestre", (first, second), (moved,)) == \
        "«Prima finestra»: scadenza prorogata dal 29 gennaio al 5 febbraio 2027, ore 17:00; tolta la finestra «Seconda finestra»"


def test_status_amounts_and_rate():
    assert say("stato", (None, None), (StatusOverride.FUNDS_EXHAUSTED, "Le risorse sono esaurite.")) == \
        "fondi esauriti: Le risorse sono esaurite."
    assert say("stato", (StatusOverride.SUSPENDED, "In attesa."), (None, None)) == "sospensione revocata"
    assert say("importi", (5_000_000, None, 50_000), (7_500_000, None, 40_000)) == \
        "dotazione complessiva aumentata da 5.000.000 € a 7.500.000 €; contributo massimo ridotto da 50.000 € a 40.000 €"
    assert say("percentuale", 60, 80) == "intensità dell'aiuto cambiata dal 60% all'80%"


def test_people_requirements_documents_and_official_page():
    before = ((Beneficiary.COOPERATIVES, Beneficiary.SME), ())
    after = ((Beneficiary.COOPERATIVES, Beneficiary.SOCIAL_COOPERATIVES), (TargetGroup.YOUTH,))
    assert say("beneficiari", before, after) == \
        "beneficiari aggiunti: Cooperative sociali; beneficiari tolti: PMI; destinatari prioritari aggiunti: Giovani"
    keys = ("sizes", "territory", "ateco", "company_age", "aid_regime", "selection", "purposes")
    old = tuple((k, None) for k in keys)
    new = tuple((k, "click_day" if k == "selection" else None) for k in keys)
    assert say("requisiti", old, new) == "requisiti modificati: modalità di selezione (vedi la scheda)"
    notice = ("Avviso", "https://example.org/avviso.pdf")
    assert say("documenti", (notice,), (notice, ("FAQ", "https://example.org/faq.pdf"))) == "documento aggiunto: FAQ"
    assert say("documenti", (notice,), (("Avviso", "https://example.org/avviso-v2.pdf"),)) == \
        "documento aggiornato: Avviso"
    assert say("pagina-ufficiale", "https://a.example/", "https://b.example/") == \
        "nuovo indirizzo della pagina ufficiale: https://b.example/"
