"""The allow-list sanitiser: what a visitor's browser receives from a body's HTML, and what the checker is told."""

from __future__ import annotations

import re

import pytest

from build_tools.reading.markdown import EXTENSION_CONFIGS, EXTENSIONS, render_markdown
from build_tools.reading.sanitize import removals, sanitize_html


def render_body(body: str) -> str:
    return sanitize_html(render_markdown(body))

KEPT = {
    "paragraph-link": '<p>Vedi <a href="https://example.org/a?b=1&amp;c=2" title="bando">il bando</a>.</p>',
    "mailto-tel": '<p><a href="mailto:info@example.org">scrivi</a> o <a href="tel:+39061234">chiama</a></p>',
    "relative-and-anchor": '<p><a href="../servizi/">servizi</a> <a href="#come-partecipare">sotto</a></p>',
    "heading-anchor": '<h2 id="cosa-finanzia">Cosa finanzia<a class="headerlink" href="#cosa-finanzia" title="Link a questa sezione">¶</a></h2>',
    "admonition": '<div class="admonition warning"><p class="admonition-title">Attenzione</p><p>testo</p></div>',
    "table-align": '<table><thead><tr><th style="text-align: center;">a</th></tr></thead><tbody><tr><td style="text-align: right;">1</td></tr></tbody></table>',
    "local-image": '<p><img src="immagini/campo.jpg" alt="Il campo" width="300"></p>',
    "definition-list": "<dl><dt>Termine</dt><dd>definizione</dd></dl>",
    "abbr-details": '<p><abbr title="Piano nazionale">PNRR</abbr></p><details open=""><summary>Più</summary><p>x</p></details>',
}


def _same_tags_and_attributes(a: str, b: str) -> bool:
    norm = lambda html: sorted(re.findall(r'<([a-z0-9]+)|\s([a-z-]+)="', html.replace(' rel="noopener noreferrer"', "")))
    return norm(a) == norm(b)


@pytest.mark.parametrize("html", KEPT.values(), ids=KEPT.keys())
def test_what_markdown_and_editors_need_is_kept(html):
    assert _same_tags_and_attributes(sanitize_html(html), html), sanitize_html(html)
    assert removals(html) == []


def test_links_get_noopener():
    assert 'rel="noopener noreferrer"' in sanitize_html('<a href="https://example.org">x</a>')


REMOVED = {  # html → (text that must not survive, what removals() names)
    "script": ("<p>x</p><script>alert(1)</script>", "alert", ("tag", "script")),
    "onerror": ('<img src="x.jpg" onerror="alert(1)">', "onerror", ("attribute", "onerror")),
    "slash-separator": ('<img/src="x.jpg"/onerror=alert(1)>', "onerror", ("attribute", "onerror")),
    "no-space-after-quote": ('<a title="x"onclick=alert(1)>y</a>', "onclick", ("attribute", "onclick")),
    "javascript-href": ('<a href="javascript:alert(1)">x</a>', "javascript", ("attribute", "href")),
    "entity-javascript": ('<a href="&#106;avascript:alert(1)">x</a>', "avascript", ("attribute", "href")),
    "newline-javascript": ('<a href="java&#x0A;script:alert(1)">x</a>', "script:", ("attribute", "href")),
    "data-url": ('<a href="data:text/html,&lt;script&gt;">x</a>', "data:", ("attribute", "href")),
    "svg": ("<svg onload=alert(1)><circle r=1></circle></svg>", "svg", ("tag", "svg")),
    "math": ("<math><mtext>x</mtext></math>", "math", ("tag", "math")),
    "base": ('<base href="https://evil.example/">', "base", ("tag", "base")),
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "refresh", ("tag", "meta")),
    "link-css": ('<link rel="stylesheet" href="https://evil.example/x.css">', "evil", ("tag", "link")),
    "style-tag": ("<style>body{display:none}</style>", "display", ("tag", "style")),
    "style-attribute": ('<p style="background:url(https://evil.example/t.gif)">x</p>', "evil", ("attribute", "style")),
    "iframe-srcdoc": ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "srcdoc", ("tag", "iframe")),
    "form": ('<form action="https://evil.example"><button formaction="https://evil.example">ok</button></form>', "evil", ("tag", "form")),
    "object-embed": ('<object data="x.swf"></object><embed src="x.swf">', "swf", ("tag", "object")),
    "config-id": ('<div id="__config">{"base": "https://evil.example"}</div>', "__config", ("value", "id")),
    "theme-id": ('<h2 id="lab-status-labels">x</h2>', "lab-status", ("value", "id")),
    "theme-class": ('<p class="md-typeset lab-badge--open">Aperto</p>', "lab-badge", ("value", "class")),
    "external-image": ('<img src="https://tracker.example/p.gif" alt="">', "tracker", ("value", "src")),
    "protocol-relative-image": ('<img src="//tracker.example/p.gif" alt="">', "tracker", ("value", "src")),
    "data-attribute": ('<p data-pagefind-ignore="all">x</p>', "pagefind", ("attribute", "data-pagefind-ignore")),
    "name-clobbering": ('<img src="x.jpg" name="getElementById">', "getElementById", ("attribute", "name")),
    "target": ('<a href="https://example.org" target="_blank">x</a>', "_blank", ("attribute", "target")),
}


@pytest.mark.parametrize("html, gone, named", REMOVED.values(), ids=REMOVED.keys())
def test_hostile_html_is_removed_and_named(html, gone, named):
    assert gone not in sanitize_html(html)
    assert named in {(r.kind, r.attribute or r.tag) if r.kind != "tag" else ("tag", r.tag) for r in removals(html)}


def test_text_of_unknown_tags_stays():
    assert sanitize_html("<font color=red>Bando</font> <marquee>aperto</marquee>") == "Bando aperto"
    assert {r.tag for r in removals("<font color=red>Bando</font>")} == {"font"}


def test_markdown_settings_are_the_sites():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    with open("mkdocs.yml", encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=Loader)
    listed = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    options = {next(iter(e)): e[next(iter(e))] for e in config["markdown_extensions"] if isinstance(e, dict)}
    assert listed == list(EXTENSIONS)
    assert options == EXTENSION_CONFIGS


def test_attr_list_keeps_only_anchor_ids_and_listed_classes():
    html = render_body('## Come partecipare {: #come .warning .md-button onclick="alert(1)" style="color:red" }\n')
    assert 'id="come"' in html and 'class="warning"' in html
    assert "onclick" not in html and "style" not in html and "md-button" not in html
