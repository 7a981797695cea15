"""Small HTML helpers for the views: escaped attributes, JSON for <script>, compact markup."""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup, escape

#: A run of whitespace with a line break in it: in HTML outside <pre>, one line break renders the same.
_BLANK = re.compile(r"\s*\n\s*")


def compact(html: str) -> Markup:
    """``html`` without indentation or blank lines (for markup with no ``<pre>``, ``<textarea>``
    or script that minds whitespace)."""
    return Markup(_BLANK.sub("\n", html))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def html_attrs(data: dict[str, str]) -> Markup:
    """`` key="value"`` for each item, escaped: what a template loop over ``data`` would write."""
    return Markup("".join(f' {escape(key)}="{escape(value)}"' for key, value in data.items()))


def script_json(value: Any) -> Markup:
    """Compact JSON safe inside ``<script>``: ``<``, ``>`` and ``&`` as ``\\u`` escapes (as Jinja's ``tojson``)."""
    text = _json(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
