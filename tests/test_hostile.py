"""Hostile content, as an attacker would send it in a content-only pull request.

Each case asserts what an editor (or a reviewer) is told by the checker — severity, line and the
words that say what would be removed — or what a visitor receives: the published HTML and the
open data. Classes (issue 12): body HTML and Markdown tricks, bodies that would stall the build,
front-matter text, numbers and dates, story images, open data.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date

import pytest
from content_factory import call_data, five_services, front_matter, story_data, tiny_png

from build_tools import build_site, run_checks
from build_tools.outputs import SiteSettings
from build_tools.reading.markdown import render_markdown
from build_tools.reading.sanitize import sanitize_html
from build_tools.outputs.opendata import build_opendata
from build_tools.reading import body_limits


def render_body(body: str) -> str:
    """A body as the pages print it (links are not rewritten here: no page)."""
    return sanitize_html(render_markdown(body))


def check_call(content_tree, now, body="Testo.\n", **front):
    text = front_matter(call_data(**front), body=body)
    root = content_tree({"calls/x.md": text})
    result = run_checks(root, now)
    return text, [d for d in result.report.sorted() if d.path.endswith("calls/x.md")], result


def line_with(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


# --- body: HTML and Markdown that would run code, load another site or hijack the page ------------

BODY_ERRORS = {  # body line → (needle that marks the reported line, words of the message)
    "script": ("<script>document.title='x'</script>", "<script>", "`<script>`"),
    "handler-slash-separator": ('<div><img/src="a.jpg"/onerror=alert(1)></div>', "onerror", "`onerror`"),
    "handler-after-quote": ('<div><a title="x"onclick=alert(1)>clic</a></div>', "onclick", "`onclick`"),
    "handler-uppercase-tab": ('<div><IMG\tSRC="a.jpg"\tONERROR="alert(1)"></div>', "ONERROR", "`onerror`"),
    "handler-next-line": ('<a href="#x"\nonmouseover=alert(1)>passa</a>', "onmouseover", "`onmouseover`"),
    "attr-list-handler": ("## Come partecipare {: onclick=alert(1) }", "onclick", "`onclick`"),
    "attr-list-style": ("Paragrafo.\n{: style=\"position:fixed;top:0\" }", "style", "`style`"),
    "javascript-link": ("[clicca](javascript:alert(1))", "javascript", "javascript:alert(1)"),
    "javascript-entities": ('<a href="&#106;avascript:alert(1)">x</a>', "avascript", "javascript:alert(1)"),
    "javascript-line-break": ('<a href="java&#x0A;script:alert(1)">x</a>', "script:alert", "link non ammesso"),
    "javascript-reference-link": ("[clicca][r]\n\n[r]: javascript:alert(1)", "[r]: javascript", "javascript:"),
    "vbscript-data": ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:", "data:text/html"),
    "backtick-fence-is-not-code": ("```\n<script>alert(1)</script>\n```", "<script>", "`<script>`"),
    "base": ('<base href="https://evil.example/">', "<base", "`<base>`"),
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta", "`<meta>`"),
    "external-stylesheet": ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link", "`<link>`"),
    "style-tag": ("<style>body{display:none}</style>", "<style>", "`<style>`"),
    "external-image": ('<img src="https://tracker.example/p.gif" alt="">', "tracker", "altro sito"),
    "markdown-external-image": ("![pixel](https://tracker.example/p.gif)", "tracker", "altro sito"),
    "clobber-config-id": ('<div id="__config">{}</div>', "__config", "`__config`"),
    "heading-clobbers-our-id": ("## lab-status-labels", "lab-status-labels", "riservato"),
    "theme-class": ('<p class="lab-badge lab-badge--open">Aperto</p>', "lab-badge", "`lab-badge"),
    "iframe-srcdoc": ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "<iframe", "`<iframe>`"),
    "form-formaction": ('<form><button formaction="https://evil.example">Invia</button></form>', "<form", "`<form>`"),
    "svg": ('<svg><a href="javascript:alert(1)"><text>x</text></a></svg>', "<svg", "SVG"),
    "math": ("<math><mtext>x</mtext></math>", "<math", "MathML"),
    "object-embed": ('<object data="x.swf"></object>', "<object", "`<object>`"),
    "pagefind-attribute": ('<p data-pagefind-meta="title:Falso">x</p>', "data-pagefind", "`data-pagefind-meta`"),
    "control-character": ("Testo con un \x1b carattere di controllo.", "carattere", "U+001B"),
}


@pytest.mark.parametrize("snippet, needle, words", BODY_ERRORS.values(), ids=BODY_ERRORS.keys())
def test_hostile_body_is_an_error_at_its_line(snippet, needle, words, content_tree, now):
    text, found, _ = check_call(content_tree, now, body=f"## Cosa finanzia\n\nTesto.\n\n{snippet}\n\nAltro testo.\n")
    errors = [d for d in found if d.is_error]
    assert errors, [d.format() for d in found]
    assert any(d.line == line_with(text, needle) and words in d.message for d in errors), [d.format() for d in found]


BODY_WARNINGS = {  # harmless but removed: the editor is told, the build goes on
    "unknown-tag": ("<font color=red>Importante</font>", "<font", "`<font>`"),
    "target-blank": ('<a href="https://www.legacoop.coop" target="_blank">sito</a>', "target", "`target`"),
    "unknown-class": ("Paragrafo.\n{: .evidenziato }", "evidenziato", "`evidenziato`"),
    "http-link": ("[sito](http://www.legacoop.coop/pagina)", "http://", "https://"),
}


@pytest.mark.parametrize("snippet, needle, words", BODY_WARNINGS.values(), ids=BODY_WARNINGS.keys())
def test_harmless_removals_are_warnings_at_their_line(snippet, needle, words, content_tree, now):
    text, found, result = check_call(content_tree, now, body=f"Testo.\n\n{snippet}\n")
    assert not [d for d in found if d.is_error], [d.format() for d in found]
    assert [(d.line, words in d.message) for d in found if not d.is_error and d.code != "closing_soon"] == [
        (line_with(text, needle), True)]
    assert result.content["calls"]  # published


def test_warned_body_is_published_without_what_was_reported(content_tree, now):
    body = "## Titolo {: #titolo .note .evidenziato }\n\n<font>testo</font> <a href=\"https://e.org\" target=x>e</a>\n"
    _, found, result = check_call(content_tree, now, body=body)
    assert [d for d in found if d.code == "html_removed"] and result.content["calls"]
    html = render_body(body)
    assert 'id="titolo"' in html and "evidenziato" not in html and "target" not in html and "<font" not in html


def test_nothing_executable_survives_in_any_case():
    import re

    for snippet, _, _ in BODY_ERRORS.values():
        html = " ".join(re.findall(r"<[^>]*>", render_body(snippet))).lower()  # the markup, not escaped text
        for marker in ("<script", "onerror", "onclick", "onmouseover", "javascript:", "<base", "<meta", "<link",
                       "<style", "style=\"p", "__config", "<iframe", "<form", "<svg", "<math", "<object", "data-"):
            assert marker not in html, (snippet, html)


# --- bodies that would stall Python-Markdown --------------------------------------------------

STALLING = {
    "one-megabyte-line": ("parola " * 150_000, "troppo lungo"),
    "long-line": ("x" * (body_limits.MAX_LINE_CHARS + 1), "riga troppo lunga"),
    "unclosed-tags": ("<a\n" * (body_limits.MAX_UNCLOSED_TAGS + 1), "`<` non chiusi"),
    "unclosed-tags-one-line": ("x <b " * (body_limits.MAX_UNCLOSED_TAGS + 1), "`<` non chiusi"),
    "unclosed-brackets": ("[x\n" * (body_limits.MAX_UNCLOSED_BRACKETS + 1), "parentesi quadre"),
    "deep-quotes": (">" * (body_limits.MAX_NESTING + 1) + " citazione", "citazioni"),
    "deep-lists": ("".join("    " * i + "- voce\n" for i in range(body_limits.MAX_NESTING + 2)), "rientri"),
}


@pytest.mark.parametrize("body, words", STALLING.values(), ids=STALLING.keys())
def test_bodies_that_would_stall_the_build_are_refused(body, words, content_tree, now):
    _, found, _ = check_call(content_tree, now, body=body)
    assert [d for d in found if d.is_error and words in d.message], [d.format() for d in found]


def test_limits_leave_real_bodies_alone(content_tree, now):
    body = ("## Cosa finanzia\n\nIl bando finanzia [progetti](https://e.org) di digitalizzazione (< 10 dipendenti).\n\n"
            "- voce\n    - sotto-voce\n\n> citazione\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n") * 100
    _, found, _ = check_call(content_tree, now, body=body)
    assert not [d for d in found if d.is_error], [d.format() for d in found][:3]


def test_the_guide_states_the_limits_the_checker_applies():
    with open("CONTRIBUTING.md", encoding="utf-8") as handle:
        guide = handle.read()
    for number in (body_limits.MAX_BODY_CHARS, body_limits.MAX_LINE_CHARS):
        assert f"{number:,}".replace(",", ".") + " caratteri" in guide or f"{number:,}".replace(",", ".") + " per riga" in guide
    for phrase in (f"{body_limits.MAX_UNCLOSED_TAGS} `<`", f"{body_limits.MAX_UNCLOSED_BRACKETS} `[`",
                   f"{body_limits.MAX_NESTING} livelli"):
        assert phrase in guide


# --- front matter: invisible characters, numbers, dates ----------------------------------------

FRONT_MATTER = {  # key overrides → (key whose line is reported, severity, words)
    "bidi-override-title": ({"title": "Bando \u202eotnemanzinif\u202c per le cooperative"}, "title", "error", "U+202E"),
    "zero-width-summary": ({"summary": "Sintesi con uno spazio\u200binvisibile nel mezzo del testo"}, "summary", "error", "U+200B"),
    "control-in-funder": ({"funder": "Regione\x07 Lazio"}, "funder", "error", "U+0007"),
    "control-in-title": ({"title": "Bando \x00 con un nul"}, "title", "error", "U+0000"),
    "line-separator-in-title": ({"title": "Bando\u2028con un a capo"}, "title", "error", "U+2028"),
    "year-9999-with-offset": ({"deadline": "9999-12-31T23:00:00-01:00"}, "deadline", "error", "l'anno 9999"),
    "year-0001-with-offset": ({"opens": "0001-01-01T00:00:00+01:00"}, "opens", "error", "l'anno 1"),
    "infinite-amount": ({"budget_total_eur": float("inf")}, "budget_total_eur", "error", "`.inf`"),
    "nan-amount": ({"max_grant_eur": float("nan")}, "max_grant_eur", "error", "`.nan`"),
    "absurd-amount": ({"budget_total_eur": 1e15}, "budget_total_eur", "error", "≤ 1.000.000.000.000"),
    "dst-gap": ({"deadline": "2027-03-28T02:30"}, "deadline", "warning", "2027-03-28T03:30:00+02:00"),
    "dst-repeated-hour": ({"deadline": "2027-10-31T02:30"}, "deadline", "warning", "2027-10-31T02:30:00+02:00"),
    "html-in-summary": ({"summary": "Sintesi con <script>alert(1)</script> dentro"}, "summary", "error", "`<script>`"),
}


@pytest.mark.parametrize("front, key, severity, words", FRONT_MATTER.values(), ids=FRONT_MATTER.keys())
def test_hostile_front_matter_is_reported_at_its_key(front, key, severity, words, content_tree, now):
    text, found, _ = check_call(content_tree, now, **front)
    line = line_with(text, f"{key}:")
    assert any(d.line == line and d.severity.value == severity and words in d.message for d in found), \
        [d.format() for d in found]


def test_event_in_the_dst_gap_is_a_warning_naming_the_real_instant(content_tree, now):
    services = five_services()
    services["services/seminars.md"] = front_matter(__import__("content_factory").service_data(
        "seminars", events=[{"title": "Webinar di primavera", "start": "2027-03-28T02:15"}]))
    root = content_tree(services)
    found = [d for d in run_checks(root, now).report.items if d.code == "dst_ambiguous"]
    assert [("03:15" in d.message, d.severity.value) for d in found] == [(True, "warning")]


# --- story images -----------------------------------------------------------------------------

def check_story(content_tree, now, image: str, files: dict[str, bytes]):
    text = front_matter(story_data(image=image, image_alt="Descrizione dell'immagine"))
    root = content_tree({"stories/s.md": text, **files, **five_services()})
    result = run_checks(root, now)
    return text, [d for d in result.report.errors], result


IMAGES = {  # image value, files → error code
    "svg": ("content/images/x.svg", {"images/x.svg": b"<svg onload='alert(1)'/>"}, "image_not_raster"),
    "html-renamed-jpg": ("content/images/x.jpg", {"images/x.jpg": b"<script>alert(1)</script>"}, "image_not_raster"),
    "markdown-draft": ("content/images/bozza.md", {"images/bozza.md": b"# bozza"}, "image_not_raster"),
    "png-named-jpg": ("content/images/x.jpg", {"images/x.jpg": tiny_png()}, "image_wrong_extension"),
    "outside-the-folder": ("content/stories/altra.png", {"stories/altra.png": tiny_png()}, "image_outside_folder"),
    "dot-dot": ("content/images/../calls/x.png", {"calls/x.png": tiny_png(), "images/ok.png": tiny_png()},
                "image_outside_folder"),
    "missing": ("content/images/nessuna.png", {}, "image_missing"),
}


@pytest.mark.parametrize("image, files, code", IMAGES.values(), ids=IMAGES.keys())
def test_story_image_is_a_raster_file_in_the_image_folder(image, files, code, content_tree, now):
    text, errors, _ = check_story(content_tree, now, image, files)
    assert [(d.line, d.code) for d in errors] == [(line_with(text, "image:"), code)]


def test_story_image_symlink_out_of_the_folder_is_refused(content_tree, now, tmp_path):
    secret = tmp_path / "segreto.png"
    secret.write_bytes(tiny_png())
    root = content_tree({})
    (root / "images").mkdir()
    os.symlink(secret, root / "images" / "link.png")
    _, errors, _ = check_story(content_tree, now, "content/images/link.png", {})
    assert [d.code for d in errors] == ["image_outside_folder"]


def test_story_image_is_resolved_once_on_the_entry(content_tree, now):
    _, errors, result = check_story(content_tree, now, "content/images/foto.png", {"images/foto.png": tiny_png()})
    assert errors == []
    image = result.content["stories"][0].image
    assert image.kind == "png" and image.path.read_bytes() == tiny_png()


# --- open data --------------------------------------------------------------------------------

FORMULAS = ["=HYPERLINK(\"https://evil.example\";\"clic\")", "+39 06 1234", "-1+1", "@SUM(A1)", "\t=1+1"]


def test_csv_cells_that_would_start_a_formula_are_neutralised(content_tree, now):
    files = {f"calls/c{i}.md": front_matter(call_data(title=f"Bando numero {i}", funder=value.strip() or "x",
                                                      area=value.strip(), published=date(2026, 9, 1)))
             for i, value in enumerate(FORMULAS)}
    result = run_checks(content_tree({**files, **five_services()}), now)
    assert result.ok, [d.format() for d in result.report.errors]
    outputs = {o.path: o.content for o in build_opendata(build_site(result.content, now), SiteSettings("https://e.org/"))}
    rows = list(csv.DictReader(io.StringIO(outputs["dati/bandi.csv"].decode("utf-8-sig")), delimiter=";"))
    assert sorted(r["funder"] for r in rows) == sorted("'" + v.strip() for v in FORMULAS)
    assert all(not cell.startswith(("=", "+", "-", "@", "\t")) for r in rows for cell in r.values())
    data = json.loads(outputs["dati/bandi.json"])  # JSON keeps the text as written
    assert sorted(item["funder"] for item in data["items"]) == sorted(v.strip() for v in FORMULAS)


def test_json_never_holds_nan_or_infinity():
    from pydantic import ValidationError

    from build_tools.outputs.records import CallRecord

    with pytest.raises(ValidationError):
        CallRecord.model_validate({"budget_total_eur": float("inf")}, strict=False)
