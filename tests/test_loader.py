"""Loading whole collections: file names, skipped files, unsafe HTML, every problem of every file."""

from __future__ import annotations

import pytest

from build_tools.reading import safety
from build_tools.diagnostics import Report
from build_tools.reading.loader import load_content


def load(root):
    report = Report(root.parent)
    content = load_content(root, report)
    return content, report


def lines(report: Report) -> list[str]:
    return [d.format() for d in report.sorted()]


# --- file names -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Bando-Lazio.md", "bando_lazio.md", "bando--lazio.md", "-bando.md",
                                  "bando lazio.md", "città.md", "b" * 81 + ".md"])
def test_bad_file_name_is_an_error_on_line_1(name, content_tree, fm):
    root = content_tree({f"calls/{name}": fm.text(fm.call())})
    content, report = load(root)
    assert [(d.path, d.line, d.code) for d in report.errors] == [(f"content/calls/{name}", 1, "bad_slug")]
    assert "minuscole" in report.errors[0].message


def test_slug_of_80_characters_is_fine(content_tree, fm):
    root = content_tree({"calls/" + "a" * 80 + ".md": fm.text(fm.call())})
    content, report = load(root)
    assert not report.items
    assert content["calls"][0].slug == "a" * 80
    assert content["calls"][0].url == "bandi/" + "a" * 80 + "/"


def test_bad_file_name_does_not_hide_the_other_problems_of_the_file(content_tree, fm):
    root = content_tree({"calls/Bando.md": fm.text(fm.call(scope="roma"))})
    _, report = load(root)
    assert {d.code for d in report.errors} == {"bad_slug", "schema"}


def test_templates_hidden_and_non_markdown_files_are_ignored(content_tree, fm):
    root = content_tree({
        "calls/_template.md": "non è front matter",
        "calls/.bozza.md": "neanche questo",
        "calls/note.txt": "appunti",
        "calls/README": "x",
        "calls/valido.md": fm.text(fm.call()),
    })
    (root / "calls" / "cartella.md").mkdir()
    content, report = load(root)
    assert not report.items, lines(report)
    assert [e.slug for e in content["calls"]] == ["valido"]


def test_missing_collection_folders_are_not_an_error_for_the_loader(content_tree, fm):
    root = content_tree({"stories/una-storia.md": fm.text(fm.story())})
    content, report = load(root)
    assert not report.items
    assert content["calls"] == [] and content["services"] == []
    assert [e.url for e in content["stories"]] == ["storie/una-storia/"]


# --- bad files, all at once -------------------------------------------------------------------

def test_every_problem_of_every_file_in_one_run(content_tree, fm):
    root = content_tree({
        "calls/a-latin1.md": "---\ntitle: Città\n---\n".encode("latin-1"),
        "calls/b-empty.md": "",
        "calls/c-unclosed.md": "---\ntitle: Bando\n",
        "calls/d-list.md": "---\n- uno\n- due\n---\n",
        "calls/e-tag.md": "---\ntitle: !!python/object/apply:os.system [ls]\n---\n",
        "calls/f-alias.md": "---\ntitle: &t Bando di prova\nsummary: *t\n---\n",
        "calls/g-schema.md": fm.text(fm.call(dealine="2027-01-01", scope="regione")),
        "calls/h-valid.md": fm.text(fm.call()),
        "stories/i-schema.md": fm.text(fm.story(sector="agricoltura")),
        "services/j-schema.md": fm.text(fm.service(order="primo")),
    })
    content, report = load(root)
    found = {(d.path.rsplit("/", 1)[1], d.code) for d in report.errors}
    assert found == {
        ("a-latin1.md", "encoding"), ("b-empty.md", "empty_file"), ("c-unclosed.md", "unclosed_front_matter"),
        ("d-list.md", "not_a_mapping"), ("e-tag.md", "yaml_tag"), ("f-alias.md", "yaml_alias"),
        ("g-schema.md", "schema"), ("i-schema.md", "schema"), ("j-schema.md", "schema"),
    }
    assert len([d for d in report.errors if d.path.endswith("g-schema.md")]) == 2
    # the valid file is still loaded
    assert [e.slug for e in content["calls"]] == ["h-valid"]
    # reading order: by file, then line
    formatted = lines(report)
    assert formatted == sorted(formatted, key=lambda s: (s.split(":")[0], int(s.split(":")[1])))


WEIRD_FILES = {
    "binary": bytes(range(256)) * 4,
    "nul-bytes": b"---\ntitle: a\x00b\n---\n",
    "utf16": "---\ntitle: Bando\n---\n".encode("utf-16"),
    "only-fence": b"---\n",
    "dots-fence": b"---\ntitle: Bando\n...\n",
    "null-values": b"---\ntitle:\nsummary: ~\nsupport_types:\n- \nwindows: [~]\ncontact: null\n---\n",
    "deep-nesting": b"---\ntitle: " + b"[" * 200 + b"]" * 200 + b"\n---\n",
    "huge-number": b"---\nbudget_total_eur: 1e999999\nmin_grant_eur: .nan\norder: 99999999999999999999999\n---\n",
    "wrong-types": b"---\ntitle: {a: 1}\nsummary: [1, 2]\nwindows: {deadline: 2027-01-01}\ncontact: [a]\n"
                   b"pnrr: M1\ndocuments: Avviso\nevents: 3\n---\n",
    "keys-that-are-not-words": b"---\n? [a, b]\n: c\n---\n",
    "bool-and-null-keys": b"---\nyes: 1\nnull: 2\n~: 3\n2027-01-01: 4\n3.5: 5\n---\n",
    "merge-key": b"---\n<<: {title: Bando di prova}\n---\n",
    "value-key": b"---\ntitle: =\n---\n",
    "tab-indent": b"---\ntitle: Bando\n\tsummary: x\n---\n",
    "two-documents": b"---\ntitle: a\n---\ntitle: b\n---\n",
    "directive": b"---\n%YAML 1.1\ntitle: a\n---\n",
    "windows-garbage": b"---\nwindows:\n  - 42\n  - [2027-01-01]\n  - {opens: domani, deadline: ieri}\n---\n",
    "dates-as-numbers": b"---\npublished: 20261001\ndeadline: 1.5\nopens: true\n---\n",
    "year-zero": b"---\npublished: 0000-01-01\ndeadline: 9999-12-31T23:59:59+14:00\n---\n",
}


@pytest.mark.parametrize("raw", WEIRD_FILES.values(), ids=WEIRD_FILES.keys())
@pytest.mark.parametrize("collection", ["calls", "stories", "services"])
def test_no_traceback_for_any_input(raw, collection, content_tree):
    root = content_tree({f"{collection}/strano.md": raw})
    content, report = load(root)  # must not raise
    assert report.errors, "a broken file must be reported"
    assert content[collection] == []
    for d in report.items:
        assert d.path == f"content/{collection}/strano.md"
        assert d.line >= 1
        assert d.message and "Traceback" not in d.message


# --- BOM and CRLF through the loader ------------------------------------------------------------

def test_bom_and_crlf_file_is_valid_and_lines_are_right(content_tree, fm):
    text = fm.text(fm.call(scope="regione")).replace("\n", "\r\n")
    root = content_tree({"calls/x.md": b"\xef\xbb\xbf" + text.encode()})
    _, report = load(root)
    assert lines(report) == [
        "content/calls/x.md:9: error: valore `regione` non ammesso per `scope`. "
        "Valori ammessi: local, lazio, national, european, international"
    ]


# --- body -------------------------------------------------------------------------------------

def test_empty_body_is_a_warning_not_an_error(content_tree, fm):
    text = fm.text(fm.call(), body="\n  \n")
    root = content_tree({"calls/x.md": text})
    content, report = load(root)
    assert not report.errors
    assert [(d.line, d.code) for d in report.warnings] == [(text.split("\n").index("---", 1) + 1, "empty_body")]
    assert len(content["calls"]) == 1


UNSAFE = {
    "script": "<script>alert('x')</script>",
    "script-uppercase": "<SCRIPT src='x.js'></SCRIPT>",
    "iframe": '<iframe src="https://www.legacoop.coop"></iframe>',
    "object": '<object data="x.swf"></object>',
    "embed": '<embed src="x.swf">',
    "form": '<form action="https://www.legacoop.coop"><input></form>',
    "style": "<style>body{display:none}</style>",
    "onclick": '<a href="#" onclick="rubaDati()">clicca</a>',
    "onerror": '<img src=x onerror=alert(1)>',
    "javascript-link": "[clicca qui](javascript:alert(1))",
    "javascript-href": '<a href="javascript:alert(1)">x</a>',
    "data-link": "[x](data:text/html;base64,PHNjcmlwdD4=)",
}


@pytest.mark.parametrize("snippet", UNSAFE.values(), ids=UNSAFE.keys())
def test_unsafe_html_in_body_is_an_error_at_its_line(snippet, content_tree, fm):
    text = fm.text(fm.call(), body=f"## Cosa finanzia\n\nTesto.\n\n{snippet}\n\nAltro testo.\n")
    root = content_tree({"calls/x.md": text})
    content, report = load(root)
    expected_line = text.split("\n").index(snippet) + 1
    assert {(d.line, d.code) for d in report.errors} == {(expected_line, "unsafe_html")}
    assert content["calls"] == []


@pytest.mark.parametrize("key", ["summary", "funder", "area"])
def test_unsafe_html_in_front_matter_text(key, content_tree, fm):
    text = fm.text(fm.call(**{key: "Testo abbastanza lungo <iframe src='https://x.org'></iframe>"}))
    root = content_tree({"calls/x.md": text})
    _, report = load(root)
    assert [(d.line, d.code) for d in report.errors] == [(text.split("\n").index(
        next(l for l in text.split("\n") if l.startswith(f"{key}:"))) + 1, "unsafe_html")]
    assert "<iframe>" in report.errors[0].message


def test_html_shown_as_code_is_fine(content_tree, fm):
    body = ("Per incorporare il video usa `<iframe src=...>` nel tuo sito.\n\n"
            "    <script>console.log('esempio')</script>\n    <form onsubmit=\"x()\"></form>\n\n"
            "Un <strong>grassetto</strong>, un <a href=\"https://e.org\">link</a> e < SCRIPT scritto come testo.\n")
    root = content_tree({"calls/x.md": fm.text(fm.call(), body=body)})
    _, report = load(root)
    assert not report.items, lines(report)


def test_backtick_fences_are_not_code_for_the_site(content_tree, fm):
    """The site's Markdown has no fenced code: what sits between ``` lines is published as HTML, so it is checked."""
    body = "Esempio:\n\n```html\n<script>console.log('esempio')</script>\n```\n"
    text = fm.text(fm.call(), body=body)
    root = content_tree({"calls/x.md": text})
    _, report = load(root)
    assert [(d.line, d.code) for d in report.errors] == [(text.split("\n").index("<script>console.log('esempio')</script>") + 1, "unsafe_html")]
    assert "`<script>`" in report.errors[0].message


def test_words_that_look_like_tags_are_fine(content_tree, fm):
    body = "La piattaforma (scriptorium) e i formulari online; informazioni sul modulo onlineform.\n"
    root = content_tree({"calls/x.md": fm.text(fm.call(), body=body)})
    _, report = load(root)
    assert not report.items, lines(report)


def test_http_links_are_warnings_at_their_lines(content_tree, fm):
    text = fm.text(fm.call(url="http://www.regione.lazio.it/bando",
                           documents=[{"title": "Avviso", "url": "http://www.legacoop.coop/avviso.pdf"}]),
                   body="Testo.\n\nVedi [il sito](http://www.legacoop.coop/pagina) e [questo](https://www.legacoop.coop).\n")
    root = content_tree({"calls/x.md": text})
    content, report = load(root)
    text_lines = text.split("\n")
    assert not report.errors
    assert [(d.line, d.code) for d in report.sorted()] == [
        (next(i for i, l in enumerate(text_lines, 1) if l.startswith("url:")), "http_url"),
        (next(i for i, l in enumerate(text_lines, 1) if "avviso.pdf" in l), "http_url"),
        (next(i for i, l in enumerate(text_lines, 1) if "[il sito]" in l), "http_url"),
    ]
    assert "http://www.legacoop.coop/pagina" in report.sorted()[2].message
    assert len(content["calls"]) == 1  # warnings do not stop publication


# --- the screen in front of the front-matter rules ------------------------------------------------
#
# All the front-matter strings of a file are screened at once; only what passes the screen is
# checked string by string. The screen may let through clean text, never stop a problem.

def _string_flagged(value: str) -> bool:
    return safety.unsafe_html(value) is not None or value.lower().startswith("http://")


HOSTILE = ["<script>x</script>", "< SCRIPT", "<ſcript>", "<ıframe>", "<İframe>", "< iframe\tsrc=x>", "<form>", "<STYLE>",
           "<object", "<embed", "<a href='x' onclick=\"y\">", "<b onmouseover = z>", "<img src=x\n onerror=y>",
           "[x](javascript:alert(1))", "[x]( <JavaScript :x)", "[x](javaſcript:x)", "[x](javascrİpt:x)", "[ref]: data:text/html",
           "  [r]:\tDATA\u2003:x", "href=vbscript:x", "src = 'data:x'", "<data:x", "[l](http://insecure.example)",
           "[l]( <HTTP://x.y/z>)", "](\nhttp://x)", "`<script>`", "``<script>``", "`a <b` c ` onclick=x>`", "```\n<script>\n```",
           "~~~\n<iframe>\n~~~", "  ```html\n<form>", "http://plain", "data\n:", "script :", "<", ">", ":", "`", "\n", " ", "\t",
           "testo ", "https://www.legacoop.coop ", "la data: ", "[a](https://e.org) ", "è ", "\u2028"]


def test_front_matter_screen_never_hides_a_problem():
    import random

    rng = random.Random(12)
    for _ in range(5000):
        def text() -> str:
            return "".join(rng.choice(HOSTILE + ["http://", "HTTP://", "Http:/", "ttp://"]) for _ in range(rng.randint(0, 4)))
        data = {"a": text(), "b": [text(), {"c": text(), "d": [text(), 3, None]}], "e": 1.5, "f": {"g": text()}}
        values = [v for _, v in safety.string_values(data)]
        assert sorted(safety.strings(data)) == sorted(values)
        if any(_string_flagged(v) for v in values):
            assert safety.strings_may_be_flagged(data), data


def test_screens_agree_with_the_regex_engine_on_every_character():
    """What the screens assume about Unicode: the case folding of the regex engine, `\\s`, lower()."""
    import re

    folds = re.compile("[scriptdaSCRIPTDA<]", re.IGNORECASE)
    space = re.compile(r"\s")
    for code in range(0x110000):
        char = chr(code)
        if folds.fullmatch(char):  # the characters that fold to one of the letters below (or to `<`)
            for word in ("script", "data"):
                for k, letter in enumerate(word):
                    spelled = word[:k] + char + word[k + 1:]
                    folded = re.fullmatch(letter, char, re.IGNORECASE) is not None
                    assert (safety._SCHEME_END.search(spelled) is not None) == folded, (word, hex(code))
            assert (re.fullmatch("<", char, re.IGNORECASE) is not None) == (char == "<")
        assert (space.fullmatch(char) is not None) == char.isspace(), hex(code)
        if not char.isascii():  # `http` and `.md` are compared after lower()
            assert not set(char.lower()) & set("http.md"), hex(code)


def test_content_files_are_the_markdown_files_in_path_order(tmp_path):
    from pathlib import Path

    from build_tools.reading.loader import content_files

    for name in ["a.md", "A.MD", "_x.md", ".h.md", "x.md.txt", "x.Md", "ma.md", "x.md ", "b b.md", "é.md", "k.mD", "md",
                 "z.markdown", "İ.md", "10.md", "9.md", "md.md"]:
        (tmp_path / name).write_text("x")
    (tmp_path / "cartella.md").mkdir()
    (tmp_path / "link.md").symlink_to(tmp_path / "a.md")
    (tmp_path / "rotto.md").symlink_to(tmp_path / "nessuno.md")
    (tmp_path / "giro1.md").symlink_to(tmp_path / "giro2.md")
    (tmp_path / "giro2.md").symlink_to(tmp_path / "giro1.md")
    reference = sorted(p for p in Path(tmp_path).iterdir() if p.suffix.lower() == ".md" and p.name[0] not in "_." and p.is_file())
    assert content_files(tmp_path) == reference
    assert [p.name for p in reference] == ["10.md", "9.md", "A.MD", "a.md", "b b.md", "k.mD", "link.md", "ma.md", "md.md",
                                           "x.Md", "é.md", "İ.md"]
    assert content_files(tmp_path / "nessuna") == []
