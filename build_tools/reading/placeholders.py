"""Placeholders must never be published: what `new` writes, and anything like it.

`new` fills required keys with values that pass the schema ("Da completare",
``https://www.example.org/da-completare``) and marks the invented deadline with a
``# da completare`` comment, so that a draft can be checked while it is written. Once
``draft`` is removed those values would reach the site looking real; this rule makes each
of them an error that names its key. Addresses on the domains reserved for examples
(RFC 2606/6761: example.org/.com/.net, ``.example``, ``.invalid``, ``.test``,
``localhost``) are placeholders too, in the front matter and in the body.

Most files contain none of this: :func:`may_have_placeholders` screens the raw bytes
with plain substring searches so the check pays almost nothing for the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from build_tools.reading import frontmatter
from build_tools.reading.messages import format_loc

#: What `new` writes in text values and comments (also as a slug: ``da-completare``).
MARK = re.compile(r"da[\s_-]+completare", re.IGNORECASE)
_EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")
_RESERVED_TLDS = ("example", "invalid", "test", "localhost")
_SCREEN = (b"ompletare", b"OMPLETARE", b"xample", b"XAMPLE", b".invalid", b".INVALID", b".test", b".TEST",
           b"localhost", b"LOCALHOST")
_BODY_ADDRESS = re.compile(r"https?://[^\s)\]>\"'<]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_COMMENT = re.compile(r"(?:^|\s)#(.*)$")


@dataclass(frozen=True)
class Placeholder:
    """A placeholder at ``line`` (1-based, in the file) and the Italian message naming its key."""

    line: int
    message: str


def may_have_placeholders(raw: bytes) -> bool:
    """False when ``raw`` cannot contain a placeholder (the common case, decided in microseconds)."""
    return any(word in raw for word in _SCREEN)


def is_reserved_host(host: str | None) -> bool:
    """True for a host name reserved for examples and tests, which no real call or service uses."""
    if not host:
        return False
    host = host.lower().rstrip(".")
    return (any(host == d or host.endswith("." + d) for d in _EXAMPLE_DOMAINS)
            or host.rsplit(".", 1)[-1] in _RESERVED_TLDS)


def _address_host(value: str) -> str | None:
    text = value.strip()
    if text.lower().startswith(("http://", "https://")):
        try:
            return urlsplit(text).hostname
        except ValueError:
            return None
    if "@" in text and " " not in text:
        return text.rsplit("@", 1)[1]
    return None


def _strings(value: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, loc + (str(key),))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, loc + (index,))


def find_placeholders(raw: bytes, doc: frontmatter.Document) -> list[Placeholder]:
    """Every placeholder of a parsed file, in reading order."""
    found: list[Placeholder] = []
    for loc, value in _strings(doc.data):
        where = format_loc(loc)
        if is_reserved_host(_address_host(value)):
            found.append(Placeholder(doc.line_of(loc), f"{where} è un indirizzo di esempio (`{value.strip()}`): "
                                                       f"scrivi quello vero prima di pubblicare"))
        elif MARK.search(value):
            found.append(Placeholder(doc.line_of(loc), f"{where} contiene ancora il segnaposto «Da completare»: "
                                                       f"scrivi il valore vero prima di pubblicare"))
    text = frontmatter.decode(raw)
    yaml_text, body, body_line = frontmatter.split(text)
    keys_at: dict[int, tuple[str | int, ...]] = {}
    for loc, line in sorted(doc.lines.items(), key=lambda item: len(item[0])):
        keys_at.setdefault(line, loc)  # the key itself, not the first item of its `[list]`
    for offset, line_text in enumerate(yaml_text.split("\n")):
        comment = _COMMENT.search(line_text)
        if comment is None or not MARK.search(comment.group(1)):
            continue
        line = offset + 2
        loc = keys_at.get(line)
        what = f"il valore di {format_loc(loc)}" if loc else "questa riga"
        found.append(Placeholder(line, f"{what} è segnato «DA COMPLETARE» nel commento (dopo `#`): è un valore di "
                                       f"esempio; scrivi quello vero e togli «DA COMPLETARE» dal commento"))
    for offset, line_text in enumerate(body.split("\n")):
        if MARK.search(line_text):
            found.append(Placeholder(body_line + offset, "il testo della scheda contiene ancora «Da completare»: "
                                                         "scrivi il testo vero prima di pubblicare"))
        for address in _BODY_ADDRESS.findall(line_text):
            if is_reserved_host(_address_host(address)):
                found.append(Placeholder(body_line + offset, f"il testo della scheda contiene un indirizzo di "
                                                             f"esempio (`{address}`): scrivi quello vero"))
    return sorted(found, key=lambda p: p.line)
