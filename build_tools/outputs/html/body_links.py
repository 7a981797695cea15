"""Relative links of a body, resolved for the page that publishes it.

An editor links another sheet as its source file (``../servizi/orientamento.md``); the page
needs the published address, relative to itself (``../../servizi/orientamento/``). Bodies are
rendered and sanitised once, by the checker, with links as written; each page then rewrites
the ``href``/``src`` values of that HTML here, so that no body is rendered twice.

The HTML is what nh3 (or Python-Markdown, for the pipeline's own text) serialised: text never
holds a raw ``<`` and every attribute value is double-quoted with ``"`` escaped, so one
regular expression finds exactly the tags and their attributes (``tests/test_body_links.py``
proves the result equal to resolving links in Markdown's element tree).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable

#: ``link(path)`` turns a site-relative path into the URL written on the page.
LinkWriter = Callable[[str], str]

#: A start tag as serialised: name, then attributes with double-quoted values (which may hold ``>``).
_TAG = re.compile(r"""(<[a-zA-Z][^\s/>]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)(\s*/?>)""")
#: One attribute of that list; matched one after the other, they tile it exactly.
_ATTRIBUTE = re.compile(r"""(\s+([^\s"'>/=]+)=")([^"]*)"|\s+[^\s"'>/=]+""")
_LINK_NAMES = frozenset({"href", "src"})


def resolve(value: str, folder: str, link: LinkWriter) -> str:
    """``value`` of an ``href``/``src`` as published: relative paths (``x.md``, ``../bandi/``)
    resolved from ``folder`` (site-relative) through ``link``; anything else as written."""
    if not value or value.startswith(("#", "/")) or ":" in value.split("/")[0]:
        return value
    path, hash_, fragment = value.partition("#")
    target = posixpath.normpath(posixpath.join(folder, path)) if path else ""
    if target.startswith(".."):
        return value  # outside the site: left as written
    if target.endswith(".md"):
        target = target[:-3]
        target = "" if target in ("index", ".") else (target[:-5] if target.endswith("/index") else target) + "/"
    elif target == ".":
        target = ""
    return link(target or ".") + hash_ + fragment


def _escape(value: str) -> str:
    """An attribute value as nh3 serialises it."""
    return value.replace("&", "&amp;").replace("\xa0", "&nbsp;").replace('"', "&quot;")


def resolve_links(markup: str, folder: str, link: LinkWriter) -> str:
    """``markup`` with every relative ``href``/``src`` resolved (see :func:`resolve`)."""
    if 'href="' not in markup and 'src="' not in markup:
        return markup

    def attribute(match: re.Match[str]) -> str:
        if match.group(2) is None or match.group(2).lower() not in _LINK_NAMES:
            return match.group(0)
        written = html.unescape(match.group(3))
        published = resolve(written, folder, link)
        if published == written:
            return match.group(0)
        return f'{match.group(1)}{_escape(published)}"'

    def tag(match: re.Match[str]) -> str:
        if "href=" not in match.group(2) and "src=" not in match.group(2):
            return match.group(0)
        return match.group(1) + _ATTRIBUTE.sub(attribute, match.group(2)) + match.group(3)

    return _TAG.sub(tag, markup)
