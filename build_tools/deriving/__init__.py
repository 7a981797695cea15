"""Stage 2 — deriving the site from valid content and "now": cross-checks, status, relations, facets."""
