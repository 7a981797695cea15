"""Allow-list sanitising of the HTML that Markdown renders from content bodies.

Editors' Markdown may carry raw HTML and ``attr_list`` attributes; a reviewer reads the diff,
not the page, so what reaches a visitor must be safe whatever the source says. A deny-list scan
of the source cannot be complete (Python-Markdown, its extensions and browsers each parse
differently), so the rendered HTML goes through nh3 (ammonia, an HTML5 parser) with an allow
list: known tags and attributes only, URLs ``https``/``http``/``mailto``/``tel``/relative,
images only from the site itself, ids and classes that cannot collide with the theme's.

:func:`removals` tells the checker what :func:`sanitize_html` drops, so that an editor is told
(nothing is dropped silently): the same HTML is cleaned once more with an allow list made of
every name and scheme it contains, and the two results, both serialised by nh3, are compared.
"""

from __future__ import annotations

import html as _html
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable

import nh3

#: Tags Markdown produces, plus a few harmless inline/structural ones editors may write.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "u", "ul", "var", "wbr",
})
#: Removed with everything inside them (the rest keep their text).
CONTENT_TAGS = frozenset({"script", "style", "template", "noscript", "textarea", "title", "xmp",
                          "iframe", "noembed", "noframes", "plaintext", "select", "object"})
#: Attributes allowed on every tag (``id`` and ``class`` are then filtered by value).
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "time": frozenset({"datetime"}),
    "del": frozenset({"datetime", "cite"}),
    "ins": frozenset({"datetime", "cite"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "details": frozenset({"open"}),
}
#: The table extension aligns cells with ``style``: only these exact values are kept.
_ALIGN = {f"text-align: {side};" for side in ("left", "center", "right")}
STYLE_VALUES = {"th": {"style": _ALIGN}, "td": {"style": _ALIGN}}
URL_SCHEMES = frozenset({"https", "http", "mailto", "tel"})
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})

#: Admonition kinds (``!!! note``), the only classes an editor can choose (also with attr_list).
ADMONITION_KINDS = (
    "note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug",
    "example", "quote",
)
#: Classes the Markdown extensions write themselves.
GENERATED_CLASSES = ("admonition", "admonition-title", "headerlink")
ALLOWED_CLASSES = frozenset(ADMONITION_KINDS + GENERATED_CLASSES)
#: An id is an anchor: lowercase letters, digits, ``-`` and ``_``, starting with a letter or digit,
#: and none of the prefixes the theme and our templates use (``__config``, ``md-…``, ``lab-…``).
ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}\Z")
RESERVED_ID_PREFIXES = ("md-", "lab-", "pagefind")


@dataclass(frozen=True)
class Removal:
    """One thing :func:`sanitize_html` drops: a tag, an attribute, or part of a value."""

    kind: str  # "tag", "attribute" or "value"
    tag: str
    attribute: str = ""
    value: str = ""


def _allowed_id(value: str) -> bool:
    return ID_RE.match(value) is not None and not value.startswith(RESERVED_ID_PREFIXES)


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in ``value`` (after trimming spaces, dropping tabs and line ends)."""
    cleaned = re.sub(r"[\t\n\r]", "", value.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r"
                                                  "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"
                                                  "\x1a\x1b\x1c\x1d\x1e\x1f "))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else None


def allowed_url(attribute: str, value: str) -> bool:
    """``href``/``cite``: allowed schemes or relative; ``src``: only this site (no scheme, no ``//host``)."""
    scheme = url_scheme(value)
    if attribute == "src":
        stripped = value.strip().replace("\\", "/")
        return scheme is None and not stripped.startswith("//")
    return scheme is None or scheme in URL_SCHEMES


def _filter(record: Callable[[Removal], None] | None) -> Callable[[str, str, str], str | None]:
    """nh3's attribute callback: ids, classes and URLs by value, telling ``record`` what it drops."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "class":
            kept = [c for c in value.split() if c in ALLOWED_CLASSES]
            dropped = [c for c in value.split() if c not in ALLOWED_CLASSES]
            if dropped and record:
                record(Removal("value", tag, "class", " ".join(dropped)))
            return " ".join(kept) or None
        if attribute == "id":
            if _allowed_id(value):
                return value
            if record:
                record(Removal("value", tag, "id", value))
            return None
        if attribute in _URL_ATTRIBUTES and not allowed_url(attribute, value):
            if record:
                record(Removal("value", tag, attribute, value))
            return None
        return value

    return keep


def _attributes() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"*": set(GLOBAL_ATTRIBUTES)}
    for tag, names in TAG_ATTRIBUTES.items():
        out[tag] = set(names)
    return out


def _cleaner(record: Callable[[Removal], None] | None) -> nh3.Cleaner:
    """The allow list as an nh3 cleaner (``record`` hears of ids, classes and URLs dropped by value)."""
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS), clean_content_tags=set(CONTENT_TAGS), attributes=_attributes(),
        attribute_filter=_filter(record),
        tag_attribute_values={tag: {a: set(v) for a, v in d.items()} for tag, d in STYLE_VALUES.items()},
        url_schemes=set(URL_SCHEMES), strip_comments=True, link_rel="noopener noreferrer",
    )


_CLEANER = _cleaner(None)
#: What the explaining cleaner drops by value, for the call under way (cleared by each call).
_DROPPED: list[Removal] = []
_EXPLAINING = _cleaner(_DROPPED.append)


def sanitize_html(html: str) -> str:
    """``html`` with everything outside the allow list removed (text of unknown tags is kept)."""
    return _CLEANER.clean(html)


# --- what is removed, for the checker ---------------------------------------------------------

_NAME = re.compile(r"[^\s/>=]+")
_BARE_NAME = re.compile(r"[^\s/>=\"'<`]+")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-\t\n\r]*):")


class _Tally(HTMLParser):
    """Counts tags and (tag, attribute, value) triples of HTML that nh3 has serialised."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attributes: Counter[tuple[str, str, str]] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            self.attributes[(tag, name, value or "")] += 1

    handle_startendtag = handle_starttag


def _tally(html: str) -> _Tally:
    tally = _Tally()
    tally.feed(html)
    tally.close()
    return tally


#: Schemes the permissive pass always allows (so that a link using them is seen being removed).
_KNOWN_SCHEMES = frozenset({"javascript", "vbscript", "data", "file", "blob", "about", "filesystem", "jar",
                            "view-source", "ftp", "ws", "wss", "sms", "skype", "intent", "ms-settings"}) | URL_SCHEMES
#: Every name Markdown itself writes (no raw HTML, no attr_list): the permissive pass needs no others.
_MARKDOWN_NAMES = ALLOWED_TAGS | GLOBAL_ATTRIBUTES | {n for names in TAG_ATTRIBUTES.values() for n in names} | {"style"}
_URL_SCHEME_IN_ATTRIBUTE = re.compile(r"""(?:href|src|cite)="[\x00-\x20]*([a-zA-Z][a-zA-Z0-9+.\-]*):""")


def _permissive_cleaner(names: set[str], schemes: set[str]) -> nh3.Cleaner:
    names = set(names) - {"rel"}  # nh3 sets `rel` on links itself, in both passes
    return nh3.Cleaner(tags=names | set(ALLOWED_TAGS), clean_content_tags=set(), attributes={"*": names},
                       url_schemes=schemes | set(_KNOWN_SCHEMES), strip_comments=True, link_rel="noopener noreferrer")


_MARKDOWN_ONLY = _permissive_cleaner(set(_MARKDOWN_NAMES), set())


def _permissive(html: str, markdown_only: bool = False) -> str:
    """``html`` as nh3 serialises it when every name and scheme in it is allowed.

    ``markdown_only``: the HTML was written by Markdown alone (its source had no ``<``, ``{`` or
    ``&``), so its names are known and its URLs carry no character references.
    """
    if markdown_only:
        schemes = {s.lower() for s in _URL_SCHEME_IN_ATTRIBUTE.findall(html)}
        if schemes <= _KNOWN_SCHEMES:
            return _MARKDOWN_ONLY.clean(html)
        return _permissive_cleaner(set(_MARKDOWN_NAMES), schemes).clean(html)
    lowered = html.lower()
    names = set(_NAME.findall(lowered)) | set(_BARE_NAME.findall(lowered))
    schemes = {s.replace("\t", "").replace("\n", "").replace("\r", "").lower()
               for s in _SCHEME.findall(_html.unescape(html))}
    return _permissive_cleaner(names, schemes).clean(html)


def removals(html: str, markdown_only: bool = False) -> list[Removal]:
    """What :func:`sanitize_html` removes from ``html``, in no particular order; [] if nothing."""
    return clean_and_explain(html, markdown_only)[1]


def clean_and_explain(html: str, markdown_only: bool = False) -> tuple[str, list[Removal]]:
    """:func:`sanitize_html`'s result and what it removed (see :func:`_permissive` for ``markdown_only``)."""
    _DROPPED.clear()
    strict = _EXPLAINING.clean(html)
    found = list(_DROPPED)
    loose = _permissive(html, markdown_only)
    if strict == loose:
        return strict, found
    kept, full = _tally(strict), _tally(loose)
    gone_tags = full.tags - kept.tags
    # nh3 also shows the callback attributes of elements it then removes: those go with their tag
    found = [r for r in found if r.tag in ALLOWED_TAGS]
    found.extend(Removal("tag", tag) for tag in gone_tags for _ in range(gone_tags[tag]))
    gone = full.attributes - kept.attributes
    # an attribute of a removed tag is not reported twice; a value the filter trimmed is reported once
    values = Counter((r.tag, r.attribute) for r in found if r.kind == "value")
    for (tag, name, value), count in gone.items():
        if tag in gone_tags or name == "rel":
            continue
        if values[(tag, name)] > 0:
            taken = min(count, values[(tag, name)])
            values[(tag, name)] -= taken
            count -= taken
        found.extend(Removal("attribute", tag, name, value) for _ in range(count))
    if not found:  # a difference the tallies cannot name (e.g. text inside a removed element)
        found.append(Removal("tag", ""))
    return strict, found
