"""Refuse raw HTML that could run code or hijack the page, and flag insecure links.

Editors write Markdown; a few HTML tags are fine, but scripts, frames, forms, inline
styles, event handlers and ``javascript:`` links never reach the published site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_TAG = re.compile(r"<\s*(script|iframe|object|embed|form|style)\b", re.IGNORECASE)
_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
_JS_LINK = re.compile(
    r"(\]\(\s*<?\s*|href\s*=\s*[\"']?\s*|src\s*=\s*[\"']?\s*|<\s*|^\s*\[[^\]]+\]:\s*)(javascript|vbscript|data)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
_HTTP_LINK = re.compile(r"\]\(\s*<?(http://[^)\s>]+)", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`\n]*`")


def unsafe_html(text: str) -> str | None:
    """Why ``text`` is unsafe, or None."""
    match = _TAG.search(text)
    if match:
        return f"HTML non ammesso: il tag `<{match.group(1).lower()}>` non può essere pubblicato (togli il codice HTML)"
    if _HANDLER.search(text):
        return "HTML non ammesso: gli attributi `on...=` (script) non possono essere pubblicati"
    match = _JS_LINK.search(text)
    if match:
        return f"link non ammesso: gli indirizzi `{match.group(2).lower()}:` non possono essere pubblicati"
    return None


def body_lines(body: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of the body outside fenced and inline code, where HTML is shown, not run."""
    fenced = False
    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield offset, _INLINE_CODE.sub("``", line)


def scan_body(body: str) -> Iterator[tuple[int, str, bool]]:
    """(line offset, message, is_warning) for every problem in a Markdown body."""
    for offset, line in body_lines(body):
        reason = unsafe_html(line)
        if reason:
            yield offset, reason, False
        for url in _HTTP_LINK.findall(line):
            yield offset, f"link non sicuro `{url}`: usa https:// se il sito lo permette", True


def string_values(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string in the front matter with its key path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from string_values(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from string_values(value, path + (index,))
    elif isinstance(data, str):
        yield path, data
