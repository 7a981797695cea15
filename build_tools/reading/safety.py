"""Refuse raw HTML that could run code or hijack the page, and flag insecure links.

Editors write Markdown; a few HTML tags are fine, but scripts, frames, forms, inline
styles, event handlers and ``javascript:`` links never reach the published site.

The rules are applied line by line (a problem is reported at its line), but almost every
text is clean, so each whole text is first screened at once (:func:`body_may_be_flagged`,
:func:`strings_may_be_flagged`): the screen never misses a line the rules would flag, and
only a text that passes it is scanned line by line.
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

# Screens. Every `_JS_LINK` match is `script` or `data`, then spaces, then `:`, the scheme
# matched with IGNORECASE, whose Unicode folding also takes `ſ` for `s` and `İ`/`ı` for `i`:
# the class below spells that out (tests/test_loader.py checks it against the regex engine).
_SCHEME_END = re.compile(r"(?:[sSſ][cC][rR][iIİı][pP][tT]|[dD][aA][tT][aA])\Z")


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


def _may_have_scheme(text: str) -> bool:
    """False only if no `:` in ``text`` follows `script` or `data` and spaces (so `_JS_LINK` cannot match)."""
    find = text.find
    colon = find(":")
    while colon >= 0:
        end = colon
        while end and text[end - 1].isspace():  # what `\s*` matches
            end -= 1
        if _SCHEME_END.search(text, max(0, end - 6), end):
            return True
        colon = find(":", colon + 1)
    return False


def _may_be_unsafe(text: str) -> bool:
    r"""False only if no line of ``text`` (and no part of it) is :func:`unsafe_html`.

    A match inside one line is a match in the whole text (`^` is multiline, `\b` holds at a
    line end); the whole text may match across lines where no line does: that only costs a
    line-by-line scan. `_TAG` and `_HANDLER` need a `<`.
    """
    if "<" in text and (_TAG.search(text) or _HANDLER.search(text)):
        return True
    return _may_have_scheme(text) and _JS_LINK.search(text) is not None


def _may_start_with_http(text: str) -> bool:
    """False only if no line of ``text`` starts with ``http://`` in any letter case."""
    find = text.find
    sep = find("://")
    while sep >= 0:
        start = sep - 4
        if start >= 0 and (start == 0 or text[start - 1] == "\n") and text[start:sep].lower() == "http":
            return True
        sep = find("://", sep + 1)
    return False


def body_may_be_flagged(body: str) -> bool:
    """False only if :func:`scan_body` finds nothing in ``body``.

    Inline code is blanked as :func:`body_lines` does (the pattern never crosses a line end,
    so doing it on the whole text gives the same lines); fenced code is left in, which can
    only add matches.
    """
    text = _INLINE_CODE.sub("``", body) if "`" in body else body
    if _HTTP_LINK.search(text) or (_may_have_scheme(text) and _JS_LINK.search(text)):
        return True
    # `_TAG` and `_HANDLER` start with `<`: try them on each line that has one, as the rules do
    # (on the whole text, `[^>]*` could run over every following line from every `<`)
    find = text.find
    lt = find("<")
    while lt >= 0:
        start = text.rfind("\n", 0, lt) + 1
        end = find("\n", lt)
        if end < 0:
            end = len(text)
        if _TAG.search(text, start, end) or _HANDLER.search(text, start, end):
            return True
        lt = find("<", end)
    return False


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
    if not body_may_be_flagged(body):
        return
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


def strings(data: Any) -> list[str]:
    """The strings of :func:`string_values`, without their paths (in no particular order)."""
    out: list[str] = []
    found = out.append
    stack = [data]
    push, pop = stack.append, stack.pop
    while stack:
        node = pop()
        kind = type(node)
        if kind is str:
            found(node)
        elif kind is dict:
            for value in node.values():
                if type(value) is str:
                    found(value)
                else:
                    push(value)
        elif kind is list:
            for value in node:
                if type(value) is str:
                    found(value)
                else:
                    push(value)
        elif isinstance(node, dict):  # subclasses, in string_values' order of tests
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str):
            found(node)
    return out


def strings_may_be_flagged(data: Any) -> bool:
    """False only if no string of the front matter is :func:`unsafe_html` or starts with ``http://``.

    The strings are screened joined by line ends: a match inside one string is a match in
    the joined text, and ``value.lower().startswith("http://")`` holds only for a string
    that starts with ``http://`` in any letter case (no other character lowers to those).
    """
    values = strings(data)
    if not values:
        return False
    text = "\n".join(values)
    return _may_be_unsafe(text) or _may_start_with_http(text)
