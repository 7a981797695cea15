"""The front-matter reader: what it accepts, what it refuses, and the line it points at."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest

from build_tools.reading import frontmatter
from build_tools.reading.frontmatter import FrontMatterError, parse

VALID = "---\ntitle: Bando di prova\ndeadline: 2027-03-31\n---\n# Titolo\n\nTesto.\n"


def refuse(raw: bytes | str) -> FrontMatterError:
    """Parse ``raw``, which must be refused; return the error."""
    with pytest.raises(FrontMatterError) as info:
        parse(raw.encode("utf-8") if isinstance(raw, str) else raw)
    return info.value


# --- accepted ---------------------------------------------------------------------------

def test_plain_file_gives_data_body_and_key_lines():
    doc = parse(VALID.encode())
    assert doc.data == {"title": "Bando di prova", "deadline": date(2027, 3, 31)}
    assert doc.body == "# Titolo\n\nTesto.\n"
    assert doc.body_line == 5
    assert doc.lines[("title",)] == 2
    assert doc.lines[("deadline",)] == 3


def test_byte_order_mark_is_accepted():
    doc = parse(b"\xef\xbb\xbf" + VALID.encode())
    assert doc.data["title"] == "Bando di prova"
    assert doc.lines[("deadline",)] == 3


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_windows_and_old_mac_line_ends_are_accepted(newline):
    doc = parse(VALID.replace("\n", newline).encode())
    assert doc.data == {"title": "Bando di prova", "deadline": date(2027, 3, 31)}
    assert "\r" not in doc.body
    assert doc.lines[("deadline",)] == 3
    assert doc.body_line == 5


def test_bom_and_crlf_together():
    doc = parse(b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode())
    assert doc.data["title"] == "Bando di prova"
    assert doc.body.startswith("# Titolo\n")


def test_accented_text_is_kept():
    doc = parse("---\ntitle: Città, libertà e perché\n---\n".encode())
    assert doc.data["title"] == "Città, libertà e perché"


def test_date_time_values_are_constructed():
    doc = parse(b"---\nopens: 2027-01-15T12:00:00\ndeadline: 2027-03-31 17:00:00\n---\n")
    assert doc.data["opens"] == datetime(2027, 1, 15, 12, 0)
    assert doc.data["deadline"] == datetime(2027, 3, 31, 17, 0)


def test_impossible_date_reaches_the_schema_as_text():
    """YAML would raise a bare ValueError; the reader keeps the text so the schema reports it with its line."""
    doc = parse(b"---\ntitle: x\npublished: 2026-02-30\n---\n")
    assert doc.data["published"] == "2026-02-30"
    assert doc.lines[("published",)] == 3


def test_nested_keys_and_list_items_have_their_lines():
    text = (
        "---\n"                         # 1
        "windows:\n"                    # 2
        "  - label: Prima finestra\n"   # 3
        "    deadline: 2027-01-31\n"    # 4
        "  - label: Seconda\n"          # 5
        "    opens: 2027-03-01\n"       # 6
        "    deadline: 2027-04-30\n"    # 7
        "tags: [a, b]\n"                # 8
        "support_types:\n"              # 9
        "  - grant\n"                   # 10
        "  - voucher\n"                 # 11
        "---\n"
    )
    doc = parse(text.encode())
    assert doc.lines[("windows",)] == 2
    assert doc.lines[("windows", 0)] == 3
    assert doc.lines[("windows", 1, "deadline")] == 7
    assert doc.lines[("support_types", 1)] == 11
    assert doc.lines[("tags", 1)] == 8
    # a key that does not exist falls back to its nearest parent, then to line 1
    assert doc.line_of(("windows", 1, "missing")) == 5
    assert doc.line_of(("nothing",)) == 1


def test_key_that_yaml_would_read_as_bool_or_number_stays_a_key():
    """`no:` and `1:` are plain (unknown) keys for the schema, not False/1 (which have no line)."""
    doc = parse(b"---\nno: x\n1: y\n---\n")
    assert doc.data == {"no": "x", "1": "y"}
    assert doc.lines[("no",)] == 2
    assert doc.lines[("1",)] == 3


# --- refused ----------------------------------------------------------------------------

def test_non_utf8_file_is_refused_at_the_line_of_the_bad_byte():
    raw = "---\ntitle: Bando\nfunder: Città di Roma\n---\n".encode("latin-1")
    error = refuse(raw)
    assert error.code == "encoding"
    assert error.line == 3
    assert "UTF-8" in error.message


@pytest.mark.parametrize("raw", [b"", b"   \n\n", b"\xef\xbb\xbf"], ids=["empty", "blank", "bom-only"])
def test_empty_file_is_refused(raw):
    error = refuse(raw)
    assert (error.code, error.line) == ("empty_file", 1)


def test_file_without_front_matter_is_refused():
    error = refuse("# Solo testo\n\ntitle: Bando\n")
    assert (error.code, error.line) == ("missing_front_matter", 1)
    assert "`---`" in error.message


def test_missing_closing_fence_is_refused():
    error = refuse("---\ntitle: Bando\ndeadline: 2027-03-31\n\nIl testo comincia qui.\n")
    assert (error.code, error.line) == ("unclosed_front_matter", 1)
    assert "non è chiuso" in error.message


def test_empty_front_matter_is_refused():
    error = refuse("---\n---\nTesto.\n")
    assert error.code == "empty_front_matter"


@pytest.mark.parametrize("yaml_text", ["- title\n- summary\n", "Bando di prova\n", "42\n"],
                         ids=["list", "text", "number"])
def test_front_matter_that_is_not_a_mapping_is_refused(yaml_text):
    error = refuse(f"---\n{yaml_text}---\n")
    assert (error.code, error.line) == ("not_a_mapping", 2)


@pytest.mark.parametrize("value", [
    '!!python/object/apply:os.system ["touch {marker}"]',
    "!!python/name:os.system",
    '!!python/object/new:os.system ["touch {marker}"]',
    "!custom valore",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
])
def test_yaml_tags_are_refused_and_never_run(value, tmp_path):
    marker = tmp_path / "executed"
    error = refuse(f"---\ntitle: Bando\nsummary: {value.replace('{marker}', str(marker))}\n---\n")
    assert error.code == "yaml_tag"
    assert error.line == 3
    assert "tag YAML" in error.message
    assert not marker.exists()


def test_tag_inside_a_list_points_at_the_item():
    error = refuse("---\ntitle: Bando\ntags:\n  - uno\n  - !!python/name:os.system\n---\n")
    assert (error.code, error.line) == ("yaml_tag", 5)


def test_tagged_key_is_refused():
    error = refuse("---\ntitle: Bando\n!!python/name:os.system : x\n---\n")
    assert (error.code, error.line) == ("yaml_tag", 3)


def test_alias_is_refused_at_the_key_that_uses_it():
    error = refuse("---\ntitle: &t Bando di prova\nfunder: Regione\nsummary: *t\n---\n")
    assert (error.code, error.line) == ("yaml_alias", 4)
    assert "alias" in error.message


def test_merge_key_with_alias_is_refused():
    error = refuse("---\nbase: &b\n  name: Sportello\ncontact:\n  <<: *b\n---\n")
    assert error.code == "yaml_alias"


def test_alias_bomb_is_refused_quickly():
    lines = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines += ["---", ""]
    started = time.perf_counter()
    error = refuse("\n".join(lines))
    assert error.code == "yaml_alias"
    assert error.line == 3  # the first line that uses an alias
    assert time.perf_counter() - started < 1.0


def test_duplicate_key_is_refused_with_both_lines():
    error = refuse("---\ntitle: Uno\nfunder: Regione\ntitle: Due\n---\n")
    assert (error.code, error.line) == ("duplicate_key", 4)
    assert "riga 2" in error.message


def test_complex_key_is_refused():
    error = refuse("---\n? [a, b]\n: valore\n---\n")
    assert (error.code, error.line) == ("yaml_key", 2)


@pytest.mark.parametrize("text, line", [
    ("---\ntitle: Bando\nsummary: \"non chiusa\nfunder: Regione\n---\n", 3),
    ("---\ntitle: Bando\n  funder: Regione\n---\n", 3),
    ("---\ntitle: Bando\ntags: [a, b\nfunder: x\n---\n", 4),
], ids=["unclosed-quote", "bad-indent", "unclosed-bracket"])
def test_yaml_syntax_error_points_near_the_problem(text, line):
    error = refuse(text)
    assert error.code == "yaml_syntax"
    assert line - 1 <= error.line <= line + 1
    assert error.message.startswith("YAML non valido")


def test_colon_in_value_gives_a_syntax_error_not_a_traceback():
    error = refuse("---\ntitle: Bando: seconda edizione: nuova\n---\n")
    assert error.code == "yaml_syntax"
    assert error.line == 2


def test_alias_in_a_block_list_points_at_its_line():
    error = refuse("---\ntitle: &t Bando di prova\ntags:\n  - uno\n  - *t\n---\n")
    assert (error.code, error.line) == ("yaml_alias", 5)


# --- one pass over the node tree: the same result as the reference way ---------------------------
#
# `parse` checks the node tree and builds the data in one pass (`_build`); anything unusual goes
# the reference way: `_walk` over the whole tree, then PyYAML's constructor. Both ways must give
# the same data, the same key lines and the same refusal (code, line, message) for every input.

def _outcome(raw: bytes) -> tuple:
    try:
        doc = parse(raw)
    except FrontMatterError as exc:
        return ("refused", exc.code, exc.line, exc.message)
    except Exception as exc:  # noqa: BLE001 - the loader turns these into "front matter illeggibile"
        return ("raised", type(exc).__name__, str(exc))
    # repr tells 1 from 1.0 from True, and a date from a datetime
    return ("parsed", repr(doc.data), sorted(doc.lines.items(), key=repr), doc.body, doc.body_line)


def _reference_way(*args: object) -> object:
    raise frontmatter._Unusual


ONE_PASS_CASES = {
    "scalars": "a: 1\nb: -0x1F\nc: 0o17\nd: 1_000\ne: 1:30\nf: 3.5\ng: .inf\nh: -.NaN\ni: 1e3\nj: yes\nk: Off\n"
               "l: ~\nm: null\nn: 2027-03-31\no: 2027-01-20T15:00:00+01:00\np: 2027-01-20 15:00\nq: 2026-13-01\n"
               "r: 'quoted 1'\ns: \"dq\\t\"\nt: |\n  block\n  text\nu: >-\n  folded\n  text\nv:\nw: ''\nx: 0b101",
    "nested": "windows:\n  - {label: A, deadline: 2027-01-01}\n  - label: B\n    opens: 2027-02-01\n    deadline: 2027-03-01\n"
              "tags: [a, b, [c, 2027-01-01], {d: 1}]\ncontact: {name: x, url: 'https://e.org'}\nempty: []\nnone: {}\n"
              "list:\n- 1\n- - 2\n  - 3\n-\n- k: v",
    "keys-of-every-kind": "no: 1\n1: 2\n<<: 3\n=: 4\n~: 5\n2027-01-01: 6\ntrue: 7\n'q': 8\n!!str 12: 9\n!!int 13: 10\n.inf: 11",
    "value-tag": "a: =",
    "merge-tag-as-value": "a: <<",
    "bad-int": "a: 0b_",
    "tagged-bad-int": "a: !!int abc",
    "tagged-bad-float": "a: !!float x",
    "tagged-bad-bool": "a: !!bool maybe",
    "tagged-good-values": "a: !!int '7'\nb: !!str 12\nc: !!float '1.5'\nd: !!bool 'yes'\ne: !!null x\nf: !!timestamp 2027-01-01\n"
                          "g: !!seq [1]\nh: !!map {a: 1}",
    "str-tag-on-a-mapping": "a: !!str {b: 1}",
    "map-tag-on-a-list": "a: !!map [1]",
    "seq-tag-on-a-mapping": "a: !!seq {b: 1}",
    "seq-tag-on-a-scalar": "a: !!seq x",
    "null-tag-on-a-mapping": "a: !!null {b: 1}",
    "timestamp-tag-on-text": "a: !!timestamp nope",
    "timestamp-tag-on-a-list": "a: !!timestamp [1]",
    "bad-value-then-bad-tag": "a: !!int abc\nb: !!binary aGk=",
    "bad-value-then-duplicate": "a: 0b_\nb: x\nb: y",
    "bad-value-then-complex-key": "a: 0b_\n? [x]\n: y",
    "bad-value-then-tagged-key": "a: 0b_\n!custom k: y",
    "bad-value-in-a-list-then-bad-tag": "a: [1, !!int x]\nb: [!!python/name:os.system ]",
    "tag-in-a-list": "a: [x, !!python/name:os.system ]",
    "tagged-key": "!custom k: v",
    "duplicate-nested": "a:\n  b: 1\n  c: 2\n  b: 3",
    "same-key-in-two-mappings": "a: {k: 1}\nb: {k: 2}\nk: 3",
    "not-a-mapping-list": "- a\n- b",
    "not-a-mapping-with-a-tag": "- a\n- !!binary aGk=",
    "not-a-mapping-text": "just text",
    "not-a-mapping-bad-int": "!!int abc",
    "anchor-without-alias": "a: &x 1\nb: 2",
    "alias-as-key-after-value": "b: &x 1\n*x : a",
    "alias-as-value-after-key": "&x 1: a\nb: *x",
    "alias-value": "a: &x [1]\nb: *x",
    "star-in-text": "title: 5* stelle\ntags: [a*b]",
    "deep": "a: " + "[" * 150 + "x" + "]" * 150,
    "deep-mapping": "a:" + "".join(f"\n{'  ' * i}k{i}:" for i in range(1, 120)) + " end",
}


@pytest.mark.parametrize("yaml_text", ONE_PASS_CASES.values(), ids=ONE_PASS_CASES.keys())
def test_one_pass_gives_what_walk_and_pyyaml_give(yaml_text, monkeypatch):
    raw = f"---\n{yaml_text}\n---\nTesto.\n".encode()
    one_pass = _outcome(raw)
    monkeypatch.setattr(frontmatter, "_build", _reference_way)
    assert _outcome(raw) == one_pass


def test_one_pass_is_taken_for_ordinary_front_matter(monkeypatch):
    """The cases above are only meaningful if ordinary files do not all go the reference way."""
    calls = []
    build = frontmatter._build

    def spy(node, path, *args):  # noqa: ANN001, ANN002
        result = build(node, path, *args)
        calls.append(path)
        return result

    monkeypatch.setattr(frontmatter, "_build", spy)
    doc = parse(("---\n" + ONE_PASS_CASES["scalars"] + "\n" + ONE_PASS_CASES["nested"] + "\n---\n").encode())
    assert () in calls  # the root was built in one pass
    assert doc.data["windows"][1] == {"label": "B", "opens": date(2027, 2, 1), "deadline": date(2027, 3, 1)}


def test_one_pass_and_reference_way_agree_on_random_front_matter(monkeypatch):
    import random

    rng = random.Random(20261125)
    keys = ["title", "a", "b", "no", "1", "<<", "=", "'q'", "? [x]", "!!str k", "!x k", "&a k", "*a"]
    values = ["Bando", "2027-03-31", "2026-13-01", "2027-01-20T15:00", "yes", "~", "12", "0x1F", "0b_", "1:30", "3.5",
              ".nan", "'q'", "!!int abc", "!!str 12", "!!float x", "!!seq x", "!!map x", "!!binary aGk=", "&a v", "*a",
              "=", "[a, 1]", "{x: 1, y: [2]}", "!!str {a: 1}", "[a, !!int b]", "5* stelle", ""]

    def value(depth: int) -> str:
        roll = rng.random()
        indent = "  " * (depth + 1)
        if depth < 3 and roll < 0.15:
            return "".join(f"\n{indent}{rng.choice(keys)}: {value(depth + 1)}" for _ in range(rng.randint(1, 3)))
        if depth < 3 and roll < 0.3:
            return "".join(f"\n{indent}- {value(depth + 1)}" for _ in range(rng.randint(1, 3)))
        return rng.choice(values) if rng.random() < 0.4 else rng.choice(values[:12] + values[21:24])

    cases = []
    for _ in range(1500):
        lines = [f"{rng.choice(keys) if rng.random() < 0.2 else f'k{i}'}: {value(0)}" for i in range(rng.randint(1, 6))]
        cases.append(("---\n" + "\n".join(lines) + "\n---\nTesto.\n").encode())
    one_pass = [_outcome(raw) for raw in cases]
    monkeypatch.setattr(frontmatter, "_build", _reference_way)
    assert [_outcome(raw) for raw in cases] == one_pass
    assert sum(o[0] == "parsed" for o in one_pass) > 300  # enough files get through to compare data


# --- split: the same as reading the file line by line -----------------------------------------

def _split_line_by_line(text: str) -> tuple:
    """The reference: the first line is `---`, the front matter ends at the next `---` or `...` line."""
    if not text.strip():
        return ("refused", "empty_file")
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return ("refused", "missing_front_matter")
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    return ("refused", "unclosed_front_matter")


def _split(text: str) -> tuple:
    try:
        return frontmatter.split(text)
    except FrontMatterError as exc:
        return ("refused", exc.code)


@pytest.mark.parametrize("text", [
    "", " \n\t", "---", "---\n", "---\n---", "---\n---\n", "---\n...\n", "--- \na: 1\n---  \nbody\n---\nmore",
    "---\t\na: 1\n... \nbody", "---\na: 1\n----\n---x\n--- \x0b\nbody", "---\na: 1\n---\u2028\nbody", "----\na: 1\n---\n",
    "\n---\na: 1\n---\n", "---\na: 1\n.. .\n...\n", "---\na: 1\n---", "---\na: 1\n---\n\n\nbody\n", "---\na: 1",
    "---\na: |\n  ---\n---\n", "x---\n---\n", "---\xa0\na: 1\n---\xa0\n",
])
def test_split_is_reading_line_by_line(text):
    assert _split(text) == _split_line_by_line(text)


def test_split_is_reading_line_by_line_on_random_text():
    import random

    rng = random.Random(7)
    parts = ["---", "...", "--", "-", ".", " ", "\t", "\x0b", "\u2028", "\xa0", "\n", "\n", "\n", "a", "x: 1", "----"]
    for _ in range(20000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 14)))
        assert _split(text) == _split_line_by_line(text), repr(text)
