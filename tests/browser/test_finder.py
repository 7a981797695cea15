""""Quale bando fa per me?": one rule, two runtimes.

The table of cases (``tests/eligibility_cases.json``) runs through the page's JavaScript
(``assets/finder.js``, as published) and through ``build_tools.deriving.eligibility``, with the
tables the page really loads (``bandi/quale-bando/dati.json``): any difference in verdict,
state, reason or note fails.
"""

from __future__ import annotations

import json

import pytest
from eligibility_table import cases

from build_tools.deriving.eligibility import evaluate

pytestmark = pytest.mark.browser

DATA = "bandi/quale-bando/dati.json"


def test_javascript_rule_agrees_with_python_on_every_case(page, site_dir) -> None:  # noqa: ANN001
    tables = json.loads((site_dir / DATA).read_text(encoding="utf-8"))["tables"]
    table = cases()
    page.goto("")
    page.add_script_tag(url="assets/finder.js")
    in_js = page.evaluate(
        "([cases, tables]) => cases.map(c => window.labFinder.evaluate(c.req, c.given, tables))",
        [[{"req": c["req"], "given": c["given"]} for c in table], tables],
    )
    differences = []
    for case, js in zip(table, in_js, strict=True):
        py = evaluate(case["req"], case["given"], tables)
        if js != py:
            differences.append(f"{case['name']}:\n  python {py}\n  js     {js}")
        states = {r["key"]: r["state"] for r in js["reasons"]}
        said = next(r["text"] for r in js["reasons"] if r["key"] == case["key"])
        if case.get("reason", "") not in said:
            differences.append(f"{case['name']}: js says «{said}», the table wants «{case['reason']}»")
        if (states[case["key"]], js["verdict"]) != (case["state"], case["verdict"]):
            differences.append(f"{case['name']}: js says {states[case['key']]}/{js['verdict']}, "
                               f"the table {case['state']}/{case['verdict']}")
    assert not differences, "\n".join(differences)
    assert page.recorder.js_errors == []
