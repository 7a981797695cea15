"""Stage 1 — reading content: front matter, models, loader, messages, safety scan."""
