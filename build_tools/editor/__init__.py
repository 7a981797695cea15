"""Editors' tools: the guide, scaffolds, the CI job summary, the JSON Schema."""
