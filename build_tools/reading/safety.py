"""Tell the editor, at the right line, what the published page would lose, and flag insecure links.

A body is checked the way the site shows it: limits first (:mod:`build_tools.reading.body_limits`,
so that no body can stall Python-Markdown), then rendered with the site's Markdown settings and
sanitised (:mod:`build_tools.reading.markdown`, :mod:`build_tools.reading.sanitize`); every tag, attribute or value the
sanitiser removes is reported, as an error when it could run code, load another site, collect
data or hijack the page, as a warning otherwise. Nothing is dropped silently, and the check
and the build cannot disagree: they run the same code.

Front-matter strings are printed as text (escaped), never as HTML; raw HTML there is still
refused by the rules below, applied to each string after one screen of all of them
(:func:`strings_may_be_flagged`), which never misses a string the rules would flag.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterator
from typing import Any

from build_tools.reading.sanitize import ALLOWED_CLASSES, GENERATED_CLASSES, Removal, clean_and_explain, url_scheme
from build_tools.reading import body_limits

_TAG = re.compile(r"<\s*(script|iframe|object|embed|form|style)\b", re.IGNORECASE)
_HANDLER = re.compile(r"<[a-zA-Z][^<>]*\son[a-z]+\s*=", re.IGNORECASE)  # `[^<>]`: one pass per `<`, linear
_JS_LINK = re.compile(
    r"(\]\(\s*<?\s*|href\s*=\s*[\"']?\s*|src\s*=\s*[\"']?\s*|<\s*|^[ \t]*\[[^\]\n]+\]:\s*)(javascript|vbscript|data)\s*:",
    re.IGNORECASE | re.MULTILINE,
)

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


# --- bodies -----------------------------------------------------------------------------------

#: Removed tags that are errors, and why (any other removed tag is a warning: its text stays).
_TAG_REASONS = {
    **dict.fromkeys(("script", "noscript", "template"), "esegue codice nel browser di chi visita il sito"),
    **dict.fromkeys(("iframe", "frame", "frameset", "object", "embed", "applet", "portal"),
                    "incorpora pagine o programmi di altri siti"),
    **dict.fromkeys(("form", "input", "button", "select", "textarea", "option", "fieldset", "isindex"),
                    "raccoglierebbe dati dei visitatori"),
    **dict.fromkeys(("base", "meta", "link"), "cambia gli indirizzi della pagina, la reindirizza o carica risorse da altri siti"),
    "style": "cambia l'aspetto del sito (e può caricare risorse da altri siti)",
    **dict.fromkeys(("svg", "math"), "SVG e MathML non sono ammessi nel testo (possono eseguire codice)"),
}
#: Removed attributes that are errors, and why (``on…`` handlers and ``data-…`` are matched by prefix).
_ATTRIBUTE_REASONS = {
    "style": "gli stili in linea non sono ammessi (possono caricare risorse da altri siti o coprire la pagina)",
    "srcdoc": "incorpora una pagina intera", "formaction": "invierebbe dati altrove", "action": "invierebbe dati altrove",
    "srcset": "carica immagini da altri indirizzi", "background": "carica risorse da altri siti",
    "poster": "carica risorse da altri siti", "ping": "avvisa un altro sito a ogni clic",
    "name": "può sostituire oggetti usati dagli script del sito", "xmlns": "cambia il tipo di documento",
    "http-equiv": "può reindirizzare la pagina",
}
#: At most this many removals are located and reported per body (the rest are counted).
MAX_REPORTED = 20
_HTTP_HREF = re.compile(r'href="(http://[^"]*)"', re.IGNORECASE)


def _why(removal: Removal) -> tuple[str, bool]:
    """(Italian sentence, is_error) for one removal."""
    if removal.kind == "tag":
        if not removal.tag:
            return "parte dell'HTML verrebbe tolta dalla pagina pubblicata: controlla i tag scritti a mano", True
        reason = _TAG_REASONS.get(removal.tag)
        if reason:
            return f"HTML non ammesso: il tag `<{removal.tag}>` verrebbe tolto perché {reason} (togli il codice HTML)", True
        return f"il tag `<{removal.tag}>` non è tra quelli ammessi e verrebbe tolto (il testo resta)", False
    name, value = removal.attribute, removal.value
    shown = value if len(value) <= 60 else value[:57] + "…"
    if name == "id":
        return (f"l'id `{shown}` verrebbe tolto: è riservato al tema del sito o non è un'ancora valida "
                "(lettere minuscole, cifre, `-` e `_`, senza iniziare con `_`, `md-`, `lab-`)"), True
    if name == "class":
        tokens = value.split()
        theme = [t for t in tokens if t.startswith(("md-", "lab-", "pagefind"))]
        listed = ", ".join(sorted(ALLOWED_CLASSES - set(GENERATED_CLASSES)))
        if theme:
            return f"la classe `{theme[0]}` verrebbe tolta: è del tema del sito (classi ammesse: {listed})", True
        return f"la classe `{shown}` non è ammessa e verrebbe tolta (classi ammesse: {listed})", False
    if name in ("href", "src", "cite"):
        scheme = url_scheme(value)
        if name == "src" and scheme in (None, "http", "https"):
            return (f"l'immagine `{shown}` verrebbe tolta: nel testo si usano solo immagini del sito "
                    "(un indirizzo esterno farebbe una richiesta a un altro sito)"), True
        return (f"link non ammesso: l'indirizzo `{shown}` verrebbe tolto (ammessi solo https://, http://, "
                "mailto:, tel: e indirizzi interni del sito)"), True
    if name.startswith("on"):
        return f"HTML non ammesso: l'attributo `{name}` verrebbe tolto perché esegue codice (toglilo)", True
    if name.startswith("data-"):
        return f"l'attributo `{name}` verrebbe tolto: i dati `data-…` sono riservati agli script del sito", True
    reason = _ATTRIBUTE_REASONS.get(name)
    if reason:
        return f"HTML non ammesso: l'attributo `{name}` verrebbe tolto perché {reason} (toglilo)", True
    return f"l'attributo `{name}` di `<{removal.tag}>` non è ammesso e verrebbe tolto", False


def _lines_for(body: str, removal: Removal) -> list[int]:
    """Candidate positions in ``body`` of what produced ``removal`` (best guess first)."""
    patterns: list[str] = []
    name = removal.attribute
    if removal.kind == "tag" and removal.tag:
        patterns.append(r"<\s*" + re.escape(removal.tag) + r"(?![\w-])")
    if removal.value and (removal.kind == "value" or name in ("href", "src", "cite")):
        patterns.append(re.escape(removal.value.split()[0] if name == "class" else removal.value))
        scheme = url_scheme(removal.value)
        if scheme:
            patterns.append(re.escape(scheme) + r"\s*:")
    if name:
        patterns += [r"(?<![\w-])" + re.escape(name) + r"\s*=", r"(?<![\w-])" + re.escape(name) + r"(?![\w-])"]
    if removal.kind == "value" and name == "id":
        patterns.append(r"^#{1,6}[ \t]")  # a heading's own id
    for pattern in patterns:
        found = [m.start() for m in re.finditer(pattern, body, re.IGNORECASE | re.MULTILINE)]
        if found:
            return found
    return [0]


def scan_body(body: str) -> Iterator[tuple[int, str, bool]]:
    """(line offset, message, is_warning) for every problem in a Markdown body (see the module's docstring)."""
    yield from body_problems(body)[0]


def body_problems(body: str) -> tuple[list[tuple[int, str, bool]], str | None]:
    """(problems, the body's published HTML or None when a limit stops it from being rendered)."""
    from build_tools.reading.markdown import render_markdown  # outputs/ imports the loader

    problems = [(line, message, False) for line, message in body_limits.limit_problems(body)]
    if problems:
        return problems, None
    line_of = body_limits.LineIndex(body)
    problems += [(line, message, False) for line, message in body_limits.control_characters(body, line_of)]
    markdown_only = "<" not in body and "{" not in body and "&" not in body  # most bodies: no raw HTML
    html, removed = clean_and_explain(render_markdown(body), markdown_only)
    used: dict[tuple[str, str, str], int] = {}
    seen: set[tuple[int, str]] = set()
    for removal in removed[:MAX_REPORTED]:
        message, is_error = _why(removal)
        key = (removal.kind, removal.tag, removal.attribute)
        candidates = _lines_for(body, removal)
        index = min(used.get(key, 0), len(candidates) - 1)
        used[key] = index + 1
        line = line_of(candidates[index])
        if (line, message) not in seen:
            seen.add((line, message))
            problems.append((line, message, not is_error))
    if len(removed) > MAX_REPORTED:
        problems.append((0, f"altri {len(removed) - MAX_REPORTED} elementi HTML verrebbero tolti: "
                            "correggi quelli segnalati e ricontrolla", False))
    insecure = list(dict.fromkeys(_html.unescape(u) for u in _HTTP_HREF.findall(html)))
    for url in insecure[:MAX_REPORTED]:
        at = body.find(url)
        problems.append((line_of(max(at, 0)), f"link non sicuro `{url}`: usa https:// se il sito lo permette", True))
    problems.sort(key=lambda p: p[0])
    return problems, html
