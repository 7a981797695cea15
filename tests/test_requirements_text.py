"""The "A chi si rivolge" lines of a sheet: every requirement said in plain words, unknown ones included."""

from __future__ import annotations

from content_factory import call_data

from build_tools.outputs.requirements import requirement_facts
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
