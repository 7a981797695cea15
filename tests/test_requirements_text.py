"""The "A chi si rivolge" lines of a sheet: every requirement said in plain words, unknown ones included."""

from __future__ import annotations

from datetime import datetime

import pytest
from content_factory import call_data

from build_tools.outputs.requirements import opening_countdown, requirement_facts
from build_tools.reading.models.common import ROME
from build_tools.reading.models import Call


def lines(**changes) -> dict[str, str]:
    return {f.label: f.value for f in requirement_facts(Call.model_validate(call_data(**changes)))}


def test_unknown_requirements_say_so() -> None:
    said = lines(scope="local", area="Comuni della Tuscia")
    for label in ("Dimensione dell'impresa", "Dove", "Settori (ATECO)", "Età dell'impresa", "Che cosa finanzia",
                  "Regime di aiuto", "Come si viene selezionati"):
        assert said[label] == "non indicato dal bando", label


def test_constraints_in_plain_words() -> None:
    said = lines(sizes=["micro"], territory={"provinces": ["RM"], "office": "registered"},
                 ateco={"version": "2025", "exclude": ["K"]}, company_age={"max_years": 5, "to_be_founded": True},
                 selection="click_day", opens="2027-01-10T10:00", purposes="any")
    assert said["Dimensione dell'impresa"].startswith("microimpresa (meno di 10 persone")
    assert said["Dove"] == "Lazio; provincia di Roma (serve la sede legale nel territorio)"
    assert said["Settori (ATECO)"].startswith("esclusi K (telecomunicazioni")
    assert said["Età dell'impresa"] == ("non più di 5 anni di attività; può fare domanda anche chi deve ancora "
                                        "costituire l'impresa")
    assert said["Come si viene selezionati"] == "Click day"
    assert said["Che cosa finanzia"] == "ogni tipo di progetto"


def test_any_means_no_constraint() -> None:
    said = lines(sizes="any", territory="any", ateco="any", company_age="any")
    assert (said["Dimensione dell'impresa"], said["Settori (ATECO)"], said["Età dell'impresa"]) == (
        "nessun limite", "tutti i settori", "nessun limite")
    assert said["Dove"].startswith("nessun vincolo")


def test_one_year_is_singular() -> None:
    assert lines(company_age={"min_years": 1})["Età dell'impresa"] == "almeno 1 anno di attività"


@pytest.mark.parametrize(("now", "said"), [
    ("2027-01-01T09:00", "apre tra 9 giorni"),
    ("2027-01-09T23:30", "apre domani"),
    ("2027-01-10T00:05", "apre oggi"),
    ("2027-01-10T10:00", "le domande sono aperte"),
    ("2027-03-31T17:01", "le domande sono chiuse"),
])
def test_click_day_countdown_counts_calendar_days_in_rome(now: str, said: str) -> None:
    def rome(text: str) -> datetime:
        return datetime.fromisoformat(text).replace(tzinfo=ROME)

    assert opening_countdown(rome(now), rome("2027-01-10T10:00"), rome("2027-03-31T17:00")) == said
