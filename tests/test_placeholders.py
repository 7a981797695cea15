"""Example values are never published: the rule, its key lines, and what it leaves alone."""

from __future__ import annotations

import pytest

from build_tools.diagnostics import Report
from build_tools.reading.loader import load_content
from build_tools.reading.placeholders import is_reserved_host, may_have_placeholders
from tests.content_factory import call_data, front_matter, story_data


def _check(content_tree, files: dict[str, str]) -> list[tuple[str, int, str]]:
    root = content_tree(files)
    report = Report(root.parent)
    load_content(root, report)
    return [(d.path, d.line, d.message) for d in report.sorted() if d.code == "placeholder"]


@pytest.mark.parametrize("host, reserved", [
    ("example.org", True), ("www.example.com", True), ("EXAMPLE.NET", True), ("sito.example", True),
    ("bandi.invalid", True), ("prova.test", True), ("localhost", True),
    ("www.regione.lazio.it", False), ("example.coop", False), ("myexample.org", False), ("test.it", False), (None, False),
])
def test_reserved_hosts(host, reserved):
    assert is_reserved_host(host) is reserved


@pytest.mark.parametrize("overrides, key", [
    ({"url": "https://example.org/bando"}, "url"),
    ({"contact": {"name": "Sportello", "email": "info@example.com"}}, "contact"),
    ({"documents": [{"title": "Avviso", "url": "https://www.lazioinnova.it/a.pdf"},
                    {"title": "Faq", "url": "https://docs.example.org/faq"}]}, "documents"),
    ({"funder": "Ente da completare"}, "funder"),
    ({"summary": "DA COMPLETARE — contributi per le cooperative del Lazio e per altri."}, "summary"),
])
def test_placeholder_value_is_an_error_at_its_key(content_tree, overrides, key):
    data = call_data(**overrides)
    text = front_matter(data)
    [(path, line, message)] = _check(content_tree, {"calls/bando.md": text})
    assert path == "content/calls/bando.md"
    key_line = next(i for i, t in enumerate(text.split("\n"), start=1) if t.startswith(f"{key}:"))
    assert key_line <= line <= key_line + 4  # the key itself, or the item inside its block
    assert f"`{key}`" in message


def test_marked_comment_names_its_key(content_tree):
    text = front_matter(call_data()).replace("deadline: 2027-03-31", "deadline: 2027-03-31  # DA COMPLETARE: la scadenza")
    [(_, line, message)] = _check(content_tree, {"calls/bando.md": text})
    assert text.split("\n")[line - 1].startswith("deadline:")
    assert "`deadline`" in message and "DA COMPLETARE" in message


def test_body_placeholder_and_example_link_point_at_their_lines(content_tree):
    body = "## Cosa finanzia\n\nDa completare.\n\nVedi [il bando](https://www.example.org/bando).\n"
    text = front_matter(story_data(), body)
    found = _check(content_tree, {"stories/storia.md": text})
    lines = text.split("\n")
    assert [(lines[line - 1], "testo della scheda" in message) for _, line, message in found] == [
        ("Da completare.", True), ("Vedi [il bando](https://www.example.org/bando).", True)]


def test_drafts_may_keep_placeholders(content_tree):
    text = front_matter(call_data(funder="Da completare", url="https://www.example.org/x", draft=True), "Da completare.\n")
    assert _check(content_tree, {"calls/bozza.md": text}) == []


def test_real_values_that_merely_look_alike_are_not_placeholders(content_tree):
    text = front_matter(call_data(funder="Fondazione Example", url="https://www.example.coop/bando",
                                  contact={"email": "bandi@myexample.org"}))
    assert _check(content_tree, {"calls/bando.md": text}) == []


def test_screen_lets_ordinary_files_through_without_a_second_look():
    assert not may_have_placeholders(front_matter(call_data()).encode())
    assert may_have_placeholders(b"url: https://EXAMPLE.org/")
    assert may_have_placeholders("funder: Da Completare".encode())
