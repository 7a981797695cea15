"""Repairs to the theme's own markup that no template override can reach, applied to each finished page.

Material writes its drawer and search toggles (``<input type="checkbox" autocomplete="off">``)
straight into ``base.html``, outside any block, and the W3C Nu HTML Checker rejects
``autocomplete`` on a checkbox. Overriding ``base.html`` would tie the site to one theme version
and one template engine, so the finished HTML is repaired here instead: plain text in, plain
text out, nothing theme-specific beyond the patterns below. Every renderer adapter passes its
pages through :func:`tidy_page` (MkDocs: ``on_post_page`` and ``on_post_template``; a staged
build by another renderer: :func:`tidy_site` over its output).
"""

from __future__ import annotations

import re
from pathlib import Path

from build_tools.renderers.theme_css import ClassNames

# A checkbox or radio <input> tag carrying autocomplete="..." (any attribute order).
_TOGGLE = re.compile(r"<input\b(?=[^>]*\btype=\"(?:checkbox|radio)\")[^>]*>")
_AUTOCOMPLETE = re.compile(r"\s+autocomplete=\"[^\"]*\"")


def tidy_page(html: str) -> str:
    """``html`` with the theme's invalid attributes removed (nothing else changes)."""
    if "autocomplete=" not in html:
        return html
    return _TOGGLE.sub(lambda tag: _AUTOCOMPLETE.sub("", tag.group(0)), html)


def tidy_site(site_dir: Path) -> ClassNames:
    """Every page of a site another renderer built (``build --renderer``), repaired in place;
    returns the class names the pages carry (for :func:`~build_tools.renderers.theme_css.purge_theme_css`)."""
    names = ClassNames()
    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        tidy = tidy_page(text)
        if tidy != text:
            path.write_text(tidy, encoding="utf-8")
        names.add_html(tidy)
    return names
