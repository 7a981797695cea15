"""The finder's table of cases (``tests/eligibility_cases.json``), merged and ready for either runtime."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CASES_FILE = Path(__file__).resolve().parent / "eligibility_cases.json"


def _merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    merged = {**base, **changes}
    return {k: v for k, v in merged.items() if v is not None}


def cases() -> list[dict[str, Any]]:
    """Each case with its full ``req`` (a call's requirements) and ``answers`` (the visitor's)."""
    doc = json.loads(CASES_FILE.read_text(encoding="utf-8"))
    return [{**case, "req": _merge(doc["base_call"], case["call"]), "given": _merge(doc["base_answers"], case["answers"])}
            for case in doc["cases"]]
