"""The finder's data (``bandi/quale-bando/dati.json``): current calls only, requirements in their
three states, the texts a result shows, and the tables the page's rule needs."""

from __future__ import annotations

import json
from datetime import date

from content_factory import NOW, call_data, five_services, front_matter

from build_tools import build_site, run_checks
from build_tools.outputs import SiteSettings
from build_tools.outputs.finder import DATA_PATH, build_finder_data


def finder_json(content_tree) -> dict:
    root = content_tree({
        "calls/aperto.md": front_matter(call_data(sizes="any", territory={"provinces": ["RM"]}, purposes=["training"],
                                                  max_grant_eur=50000)),
        "calls/in-apertura.md": front_matter(call_data(opens=date(2027, 1, 10), title="Bando che apre a gennaio")),
        "calls/chiuso.md": front_matter(call_data(deadline=date(2026, 11, 1), title="Bando già chiuso")),
        **five_services(),
    })
    result = run_checks(root, NOW)
    assert result.ok, [d.format() for d in result.report.sorted()]
    [output] = build_finder_data(build_site(result.content, NOW), SiteSettings(site_url=None))
    assert output.path == DATA_PATH
    assert "\n" not in output.content  # compact
    return json.loads(output.content)


def test_only_current_calls_with_requirements_in_three_states(content_tree) -> None:
    data = finder_json(content_tree)
    calls = {c["slug"]: c for c in data["calls"]}
    assert set(calls) == {"aperto", "in-apertura"}
    open_call = calls["aperto"]
    assert open_call["sizes"] == "any"  # stated: no constraint
    assert open_call["territory"] == {"provinces": ["RM"]}  # a constraint, without empty keys
    assert "ateco" not in open_call  # not stated by the call
    assert open_call["amounts"] == "contributo fino a 50.000 €"
    assert open_call["deadline_text"] == "31 marzo 2027"
    assert calls["in-apertura"]["status"] == "forthcoming"
    assert calls["in-apertura"]["opens_text"] == "10 gennaio 2027"
    assert "opens_text" not in open_call


def test_tables_come_from_the_vocabularies(content_tree) -> None:
    tables = finder_json(content_tree)["tables"]
    assert tables["sizes"]["small"] == "Piccola impresa"
    assert tables["provinces"]["RM"] == ["lazio", "Roma"]
    assert tables["istat_provinces"]["058"] == "RM"
    assert tables["divisions"]["62"] == "K"  # ATECO 2025: programming moved from J to K
    assert "new_cooperative" in tables["beneficiaries"]
