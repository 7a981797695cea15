"""YAML syntax errors point at the line that causes them and say in Italian what to change.

Each case is a whole call file (thirty lines of front matter) with one line broken the way
editors break it; the reader must point at that line, not where PyYAML stopped reading.
"""

from __future__ import annotations

import re

import pytest
import yaml

from build_tools.reading.frontmatter import FrontMatterError, parse, split
from build_tools.reading.yaml_errors import explain

# A call as editors write it, long enough that "the end of the front matter" is far from line 4.
_CALL = """\
---
title: Borghi digitali, cultura e turismo nei piccoli comuni del Lazio
summary: Contributi a fondo perduto per servizi digitali che valorizzano il patrimonio culturale dei piccoli comuni.
funder: Regione Lazio
managing_body: Lazio Innova
funding_source: regional
support_types: [grant]
beneficiaries:
  - cooperatives
  - sme
pathways: [existing_business, new_business]
scope: lazio
area: Comuni del Lazio con meno di 15.000 abitanti
opens: 2027-01-10T12:00
deadline: '2027-03-14'
max_grant_eur: 150000
funding_rate_pct: 60
url: https://www.lazioinnova.it/
documents:
  - title: Avviso pubblico
    url: https://www.lazioinnova.it/avviso.pdf
  - title: Modulistica
    url: https://www.lazioinnova.it/moduli.zip
contact:
  name: Sportello Lazio Innova
  url: https://www.lazioinnova.it/contatti
tags: [turismo-sostenibile, cultura]
published: 2026-11-25
verified: 2026-11-25
---
## Cosa finanzia

Testo della scheda.
"""
_LINES = _CALL.split("\n")


def _line_of(prefix: str) -> int:
    return next(i for i, text in enumerate(_LINES, start=1) if text.startswith(prefix))


def _broken(prefix: str, new: str) -> tuple[str, int]:
    line = _line_of(prefix)
    lines = list(_LINES)
    lines[line - 1] = new
    return "\n".join(lines), line


def _refuse(text: str) -> FrontMatterError:
    with pytest.raises(FrontMatterError) as info:
        parse(text.encode())
    assert info.value.code == "yaml_syntax"
    return info.value


# (line to break, broken form, line offset of the cause from it, column, words the message must say)
CASES = {
    "colon-in-value": ("funder:", "funder: Regione Lazio: assessorato", 0, 22, ["`funder`", "virgolette", "`:`"]),
    "unclosed-double-quote": ("funder:", 'funder: "Regione Lazio', 0, 9, ["virgolette", "non sono chiuse"]),
    "unclosed-single-quote": ("funder:", "funder: 'Regione Lazio", 0, 9, ["virgolette", "non si chiudono"]),
    "unclosed-double-quote-at-the-end": ("tags:", 'tags: "turismo', 0, 7, ["virgolette", "non sono chiuse"]),
    "apostrophe-in-single-quotes": ("funder:", "funder: 'l'Unione europea'", 0, 12, ["apostrofo", "\"l'Europa\""]),
    "tab-indent": ("funder:", "\tfunder: Regione Lazio", 0, 1, ["Tab", "spazi"]),
    "tab-in-list": ("  - title: Modulistica", "\t- title: Modulistica", 0, 1, ["Tab"]),
    "dash-without-space": ("  - title: Modulistica", "  -title: Modulistica", 0, 3, ["trattino", "spazio"]),
    "unclosed-bracket": ("support_types:", "support_types: [grant", 0, 16, ["`[`", "`]`"]),
    "extra-indent": ("funder:", "  funder: Regione Lazio", 0, 3, ["rientro"]),
    "no-space-after-colon": ("funder:", "funder:Regione Lazio", 0, 7, ["spazio", "`funder:`"]),
    "value-starting-with-at": ("funder:", "funder: @Regione", 0, 9, ["`@`", "virgolette"]),
}


@pytest.mark.parametrize("prefix, new, offset, column, words", CASES.values(), ids=CASES.keys())
def test_syntax_error_points_at_its_cause(prefix, new, offset, column, words):
    text, line = _broken(prefix, new)
    error = _refuse(text)
    assert error.line == line + offset
    assert error.message.startswith(f"YAML non valido alla riga {line + offset}, colonna {column}:")
    for word in words:
        assert word in error.message


def test_unclosed_quote_names_the_opening_line_and_where_the_reader_stopped():
    """The case from the issue: PyYAML stops at the end of the front matter, the cause is on line 4."""
    text, line = _broken("funder:", 'funder: "Regione Lazio')
    end = split(text)[2] - 2  # the last line of the front matter
    assert end - line > 15
    error = _refuse(text)
    assert error.line == line
    assert f"si è fermato alla riga {end}" in error.message


@pytest.mark.parametrize("case", sorted(CASES))
def test_pure_python_reader_gives_the_same_cause(case):
    """Without PyYAML's C extension the reader's wording differs; the cause found must not."""
    prefix, new, offset, column, _ = CASES[case]
    text, line = _broken(prefix, new)
    yaml_text = split(text)[0]
    with pytest.raises(yaml.MarkedYAMLError) as info:
        yaml.load(yaml_text, Loader=yaml.SafeLoader)  # noqa: S506 - the safe pure-Python loader
    explained = explain(info.value, yaml_text)
    assert (explained.line, explained.column) == (line + offset, column)


def test_list_written_without_spaces_after_the_dashes_says_so():
    from build_tools.diagnostics import Report
    from build_tools.reading.loader import load_entry
    from build_tools.reading.registry import CALLS
    import tempfile
    from pathlib import Path

    text = _CALL.replace("  - cooperatives\n  - sme\n", "  -cooperatives\n  -sme\n")
    assert text != _CALL
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bando.md"
        path.write_text(text, encoding="utf-8")
        report = Report()
        load_entry(path, CALLS, report)
    [message] = [d.message for d in report.errors]
    assert "`beneficiaries`" in message and "trattino" in message


def test_message_is_one_line_with_no_python_names():
    text, _ = _broken("funder:", "funder: Regione Lazio: assessorato")
    message = _refuse(text).message
    assert "\n" not in message
    assert not re.search(r"Error|Traceback|yaml\.", message)
