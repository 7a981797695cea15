"""The front-matter reader: what it accepts, what it refuses, and the line it points at."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest

from build_tools.frontmatter import FrontMatterError, parse

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
