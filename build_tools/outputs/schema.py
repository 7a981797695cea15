"""JSON Schema of each collection, generated from the models (never written by hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from build_tools.reading.registry import COLLECTIONS, Collection

SCHEMA_BASE = "https://json-schema.org/draft/2020-12/schema"


def collection_schema(collection: Collection) -> dict[str, Any]:
    """The front-matter schema of one collection, with Italian titles and labels."""
    schema = collection.model.model_json_schema(mode="validation")
    schema = {"$schema": SCHEMA_BASE, "$id": f"{collection.name}.schema.json", **schema}
    schema["title"] = f"{collection.label} – front matter"
    return schema


def schema_files() -> dict[str, str]:
    """File name → JSON text, for every collection."""
    return {
        f"{c.name}.schema.json": json.dumps(collection_schema(c), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        for c in COLLECTIONS
    }


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
