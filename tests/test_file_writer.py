"""The generated files are the same whether a forked process writes them or this one does.

The MkDocs adapter hands the files to :class:`build_tools.renderers.file_writer.FileWriter`
once they are named, and makes the pages meanwhile; most files are made only when written
(``Output.later``). What lands in the site folder must be exactly each output's content.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.outputs import Output, SiteSettings
from build_tools.pipeline import build
from build_tools.renderers.file_writer import FileWriter, WriteError

REPO = Path(__file__).resolve().parents[1]


def _files(now, monkeypatch: pytest.MonkeyPatch, folder: Path, workers: str) -> list[Output]:  # noqa: ANN001
    """The demo's files, written by a writer started where the adapter starts it."""
    monkeypatch.setenv("LAB_WORKERS", workers)
    writer = FileWriter(folder)
    result = build(REPO / "content", now, SiteSettings(site_url="https://example.org/lab/", demo=True),
                   root=REPO, files_named=writer.start)
    writer.wait()
    assert not result.errors
    return result.files


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_forked_writer_writes_what_this_process_would(now, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    here = _files(now, monkeypatch, tmp_path / "here", "1")
    there = _files(now, monkeypatch, tmp_path / "there", "2")
    written_here, written_there = _tree(tmp_path / "here"), _tree(tmp_path / "there")
    assert written_there == written_here
    # everything named before the pages, feeds and calendars included, and nothing else
    named = {o.path for o in there if (tmp_path / "there" / o.path).exists()}
    assert named == set(written_there) and len(named) > 100
    assert {"feed/bandi.xml", "calendari/scadenze.ics", "dati/bandi.csv"} <= named
    for output in here:  # each file is its output's content, made here
        if output.path in written_here:
            content = output.content
            assert written_here[output.path] == (content if isinstance(content, bytes) else content.encode("utf-8"))


def _broken() -> str:
    raise ValueError("data non valida")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_file_that_cannot_be_made_is_named_in_the_error(workers: str, monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    monkeypatch.setenv("LAB_WORKERS", workers)
    writer = FileWriter(tmp_path)
    outputs = [Output("feed/a.xml", "<a/>", "application/xml"), Output.later("feed/b.xml", _broken, "application/xml")]
    with pytest.raises(WriteError, match=r"impossibile scrivere `feed/b.xml`.*data non valida"):
        writer.start(outputs)
        writer.wait()
    assert (tmp_path / "feed" / "a.xml").read_text() == "<a/>"


def test_a_later_output_is_made_once_and_equals_a_plain_one() -> None:
    calls = []

    def make() -> str:
        calls.append(1)
        return "testo"

    later = Output.later("a.txt", make, "text/plain")
    assert later.content == "testo" and later.content == "testo" and calls == [1]
    assert later == Output("a.txt", "testo", "text/plain")
    assert later != Output("a.txt", "altro", "text/plain")
