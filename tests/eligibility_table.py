"""The finder's table of cases (``tests/eligibility_cases.json``), merged and ready for either runtime."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from build_tools.deriving.territory import dove_slugs, regions_open

CASES_FILE = Path(__file__).resolve().parent / "eligibility_cases.json"


def _merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    merged = {**base, **changes}
    return {k: v for k, v in merged.items() if v is not None}


def published(req: dict[str, Any]) -> dict[str, Any]:
    """A call's requirements as ``dati.json`` carries them: with ``dove`` from deriving/territory.py."""
    if "dove" in req or "scope" not in req:
        return req
    return {**req, "dove": dove_slugs(regions_open(req["scope"], req.get("territory")))}


def cases() -> list[dict[str, Any]]:
    """Each case with its full ``req`` (a call's requirements) and ``answers`` (the visitor's)."""
    doc = json.loads(CASES_FILE.read_text(encoding="utf-8"))
    return [{**case, "req": published(_merge(doc["base_call"], case["call"])),
             "given": _merge(doc["base_answers"], case["answers"])}
            for case in doc["cases"]]
