"""The theme's stylesheet, cut down to the rules the built site can use: a phone downloads ~11 KB, not ~23 KB.

Material's ``main.css`` styles every feature it has (search, blog, code annotations, content
tabs, dozens of icons…); our pages use a fraction of it, and it blocks the first paint. After
the build, every page's ``class`` attributes and every class name our scripts may add are
known; a rule stays when each class its selector *requires* occurs somewhere (classes inside
``:not()``, ``:is()`` and the like are not required, so such rules stay: keeping too much is
harmless, dropping a used rule is not). Element, attribute and ``:root`` rules, keyframes and
font faces always stay. The file keeps its name and place, so any renderer's theme links it as
before. The theme's own JavaScript is not loaded (``overrides/main.html``), so classes only it
would add need no rules.
"""

from __future__ import annotations

import re
from pathlib import Path

# Every page passes here (thousands at scale): the plainest pattern is the fastest. The theme and
# our templates always write class="..."; a hand-written page's class='...' is caught as well.
_CLASS_ATTR = re.compile(r'class="([^"]*)')
_CLASS_ATTR_SINGLE = re.compile(r"class='([^']*)")
_SCRIPT_TOKEN = re.compile(r"[A-Za-z][\w-]*")
_SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
#: the theme's stylesheets, relative to the site (not ours: assets/lab.css stays whole)
THEME_CSS = "assets/stylesheets"


class ClassNames:
    """Every class name a page of the site carries, collected as the pages are written."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def add_html(self, html: str) -> None:
        values = set(_CLASS_ATTR.findall(html))
        if "class='" in html:
            values.update(_CLASS_ATTR_SINGLE.findall(html))
        for value in values:
            self.names.update(value.split())

    def add_script(self, text: str) -> None:
        """A script may add any name it spells (``classList.add("lab-zero")``): all its words count."""
        self.names.update(_SCRIPT_TOKEN.findall(text))


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level ``(prelude, body)`` pairs of a stylesheet (comments already gone in minified CSS)."""
    out, i, n = [], 0, len(css)
    while i < n:
        start = css.find("{", i)
        if start < 0:
            break
        depth, k = 1, start + 1
        while depth and k < n:
            char = css[k]
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            elif char in "\"'":
                k = css.find(char, k + 1)  # a string may hold braces (content: "{")
            k += 1
        out.append((css[i:start].strip(), css[start + 1:k - 1]))
        i = k
    return out


def _split_selectors(prelude: str) -> list[str]:
    """Split a selector list at top-level commas (not those inside ``:is(a, b)``)."""
    parts, depth, current = [], 0, []
    for char in prelude:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _required_classes(selector: str) -> list[str]:
    """Class names outside any parentheses: the element must have them for the rule to apply."""
    flat, depth = [], 0
    for char in selector:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            flat.append(char)
    text = re.sub(r"\[[^\]]*\]", "", "".join(flat))  # attribute selectors may hold dots ([href$=".pdf"])
    return _SELECTOR_CLASS.findall(text)


_GROUPING = ("@media", "@supports", "@layer", "@container", "@document")


def purge(css: str, used: set[str]) -> str:
    """``css`` without the rules whose selectors need a class not in ``used``."""
    out = []
    for prelude, body in _blocks(css):
        if ";" in prelude:  # a statement before the rule (@charset, @import): kept as it is
            statement, prelude = prelude.rsplit(";", 1)
            out.append(statement + ";")
            prelude = prelude.strip()
        if prelude.startswith(_GROUPING):
            inner = purge(body, used)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")  # keyframes, font faces, page rules: as they are
        else:
            kept = [s for s in _split_selectors(prelude) if all(c in used for c in _required_classes(s))]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


def purge_theme_css(site_dir: Path, names: ClassNames) -> None:
    """Rewrite the theme's stylesheets under ``site_dir`` with only the rules the site can use."""
    for script in (site_dir / "assets").glob("*.js"):
        names.add_script(script.read_text(encoding="utf-8", errors="replace"))
    for sheet in (site_dir / THEME_CSS).glob("*.css"):
        sheet.write_text(purge(sheet.read_text(encoding="utf-8"), names.names), encoding="utf-8")
