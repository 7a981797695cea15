"""Allow-list sanitising of HTML that comes from content (nh3), after Markdown renders it."""

from __future__ import annotations

import nh3

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: nh3's safe defaults, plus what Markdown's own extensions write: heading anchors, admonitions.
ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
for _tag in _HEADINGS:
    ATTRIBUTES.setdefault(_tag, set()).add("id")
ATTRIBUTES.setdefault("a", set()).update({"class", "title"})
ATTRIBUTES.setdefault("div", set()).add("class")
ATTRIBUTES.setdefault("p", set()).add("class")


def sanitize_html(html: str) -> str:
    """Only known-safe tags, attributes and URL schemes survive."""
    return nh3.clean(html, attributes=ATTRIBUTES, url_schemes={"https", "http", "mailto", "tel"})
