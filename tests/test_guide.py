"""The editor guide (CONTRIBUTING.md) and the models must agree.

The generated regions are rebuilt in memory and compared with the committed file: a field,
a value, a label, a status or a check message that changed in the code makes this fail
until someone runs ``python -m build_tools guide``.
"""

from __future__ import annotations

import json

import re
import subprocess
import sys
from enum import Enum
from pathlib import Path

import pytest

from build_tools.editor import guide, guide_examples
from build_tools.editor.guide import GuideError, enum_of, marker, nested_blocks, regions, update_text
from build_tools.reading.models import (
    Beneficiary, CallStatus, FundingSource, Pathway, PnrrMission, Region, Scope, Sector, ServiceFormat,
    ServiceKind, StatusOverride, SupportType, TargetGroup,
)
from build_tools.reading.registry import COLLECTIONS

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "CONTRIBUTING.md"
VOCABULARIES = (FundingSource, SupportType, Beneficiary, TargetGroup, Pathway, Scope, StatusOverride,
                PnrrMission, Sector, Region, ServiceKind, ServiceFormat)
HEADING = re.compile(r"^#{3,4} ", re.MULTILINE)
ROW_KEY = re.compile(r"^\| `([a-z_]+)` \|", re.MULTILINE)


def committed() -> str:
    return GUIDE.read_text(encoding="utf-8")


def region(text: str, name: str) -> str:
    start, end = marker(name), marker(name, end=True)
    assert text.count(start) == 1 and text.count(end) == 1, name
    return text.split(start)[1].split(end)[0]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO),
                                                 "PYTHONIOENCODING": "utf-8"}, timeout=120)


def test_committed_guide_is_up_to_date() -> None:
    text = committed()
    assert update_text(text) == text, (
        "CONTRIBUTING.md non è allineata ai modelli o ai messaggi del controllo: "
        "esegui `.venv/bin/python -m build_tools guide` e committa il risultato")


def test_every_generated_region_is_in_the_guide() -> None:
    text = committed()
    for name in regions():
        assert region(text, name).strip(), name


def test_field_tables_list_every_field_of_every_model_in_order() -> None:
    fields = region(committed(), "campi")
    sections = HEADING.split(fields)[1:]
    expected = []
    for collection in COLLECTIONS:
        expected.append((f"content/{collection.folder}/", list(collection.model.model_fields)))
        expected += [(key, list(nested.model_fields)) for key, _, nested in nested_blocks(collection.model)]
    assert len(sections) == len(expected)
    for section, (where, keys) in zip(sections, expected):
        assert f"`{where}" in section.splitlines()[0]
        assert ROW_KEY.findall(section) == keys, where


def test_field_rows_carry_title_requirement_and_values() -> None:
    fields = region(committed(), "campi")
    for collection in COLLECTIONS:
        models = [collection.model, *(nested for _, _, nested in nested_blocks(collection.model))]
        for model in models:
            for name, info in model.model_fields.items():
                rows = [line for line in fields.splitlines() if line.startswith(f"| `{name}` | {info.title} |")]
                assert rows, f"{model.__name__}.{name}: no row with its Italian title"
                if info.is_required():
                    assert any("| **sì**" in row for row in rows), f"{model.__name__}.{name} is required"
                enum = enum_of(info.annotation)
                if enum is not None:
                    for member in enum:
                        assert any(f"`{member.value}` {member.label}" in row for row in rows), (name, member)


def test_every_vocabulary_value_and_label_appears() -> None:
    fields = region(committed(), "campi")
    for vocabulary in VOCABULARIES:
        for member in vocabulary:
            assert f"`{member.value}` {member.label}" in fields, f"{vocabulary.__name__}.{member.name}"


def test_every_status_appears_with_its_label() -> None:
    statuses = region(committed(), "stati")
    for status in CallStatus:
        assert f"| **{status.label}** | `{status.value}` |" in statuses
    assert set(guide.status_rules()) == set(CallStatus)


def test_field_notes_live_on_the_models_and_reach_schema_and_guide() -> None:
    """One source: the guide's descriptions and "required when" texts are the models' own."""
    from build_tools.outputs.schema import collection_schema

    fields = region(committed(), "campi")
    for collection in COLLECTIONS:
        schema = json.dumps(collection_schema(collection), ensure_ascii=False)
        blocks = [collection.model, *(nested for _, _, nested in nested_blocks(collection.model))]
        for model in blocks:
            for name, info in model.model_fields.items():
                assert info.title, f"{model.__name__}.{name} has no Italian title"
                if info.description:
                    assert json.dumps(info.description, ensure_ascii=False)[1:-1] in schema, f"{model.__name__}.{name}"
                    assert " ".join(info.description.split()).replace("|", "\\|") in fields, f"{model.__name__}.{name}"


def test_messages_are_real_checker_output_for_each_common_mistake() -> None:
    messages = region(committed(), "messaggi")
    codes: set[str] = set()
    for example in guide_examples.EXAMPLES:
        found = guide_examples.check_tree({guide_examples.CALL_PATH: example.text(), **example.extra_files})
        mine = [d for d in found if d.path == guide_examples.CALL_PATH]
        assert mine, example.title
        codes |= {d.code for d in mine}
        for diagnostic in mine:
            assert diagnostic.format() in messages
    assert codes >= {"schema", "yaml_syntax", "deadline_before_opens", "broken_reference", "unsafe_html",
                     "deadline_passed", "closing_soon", "stale_verified"}
    assert "chiave sconosciuta `dealine`: forse intendevi `deadline`?" in messages
    assert "manca la chiave obbligatoria `funder`" in messages
    assert re.search(r"`deadline`: `31/03/2027` non è una data valida", messages)
    assert "valore `regionale` non ammesso per `funding_source`" in messages


def test_templates_pass_the_check_and_a_broken_one_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    templates = region(committed(), "modelli")
    assert guide_examples.CALL_TEMPLATE.rstrip("\n") in templates
    assert guide_examples.STORY_TEMPLATE.rstrip("\n") in templates
    monkeypatch.setattr(guide_examples, "CALL_TEMPLATE", guide_examples.CALL_TEMPLATE.replace("scope: lazio", "scope: roma"))
    with pytest.raises(guide_examples.ExampleError, match="scope"):
        guide_examples.render_templates()


def test_generation_is_reproducible_whatever_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    first = {name: render() for name, render in regions().items()}
    monkeypatch.setenv("LAB_TODAY", "2031-07-01")
    monkeypatch.setenv("TZ", "America/New_York")
    assert {name: render() for name, render in regions().items()} == first
    text = committed()
    assert update_text(update_text(text)) == update_text(text)


def test_missing_markers_are_reported() -> None:
    with pytest.raises(GuideError, match="campi:inizio"):
        update_text(committed().replace(marker("campi"), ""))


def test_guide_command_rewrites_and_checks(tmp_path: Path) -> None:
    copy = tmp_path / "CONTRIBUTING.md"
    copy.write_text(committed(), encoding="utf-8")
    assert run_cli("guide", "--check", "--file", str(copy), cwd=tmp_path).returncode == 0

    stale = committed().replace("`grant` Fondo perduto", "`grant` Contributo")
    copy.write_text(stale, encoding="utf-8")
    checked = run_cli("guide", "--check", "--file", str(copy), cwd=tmp_path)
    assert checked.returncode == 1 and "python -m build_tools guide" in checked.stdout
    assert copy.read_text(encoding="utf-8") == stale, "--check never writes"

    written = run_cli("guide", "--file", str(copy), cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert copy.read_text(encoding="utf-8") == committed()

    missing = run_cli("guide", "--file", str(tmp_path / "nessuna.md"), cwd=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_hand_written_text_survives_regeneration() -> None:
    text = committed().replace("## 1. Struttura di un file", "## 1. Titolo cambiato a mano")
    assert "## 1. Titolo cambiato a mano" in update_text(text)


def test_enum_detection_covers_the_vocabularies() -> None:
    used: set[type[Enum]] = set()
    for collection in COLLECTIONS:
        models = [collection.model, *(nested for _, _, nested in nested_blocks(collection.model))]
        for model in models:
            used |= {e for e in (enum_of(f.annotation) for f in model.model_fields.values()) if e is not None}
    names = {e.__name__ for e in used}
    assert names >= {v.__name__ for v in VOCABULARIES} - {"Beneficiary", "Pathway"}
    assert "Audience" in names  # services take pathway and beneficiary values alike


def test_every_diagnostic_code_is_explained_in_the_guide() -> None:
    from build_tools.codes import CODES

    table = region(committed(), "codici")
    for code, entry in CODES.items():
        assert f"| `{code}` | {entry.title} |" in table, code


def test_a_code_outside_the_catalogue_cannot_reach_an_editor(tmp_path) -> None:
    from build_tools.codes import UnknownCode
    from build_tools.diagnostics import Report

    report = Report(tmp_path)
    report.error(tmp_path / "a.md", 1, "schema", "valore non valido")
    with pytest.raises(UnknownCode, match="not_a_real_code"):
        report.error(tmp_path / "a.md", 1, "not_a_real_code", "?")
