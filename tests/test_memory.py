"""What a large site holds in memory between the pipeline and the renderer stays small.

At 5,000 calls the pages' HTML was a third of the build's memory and the checks' record of
where every key sits (for ``file:line`` messages) a fifth: pages are now kept deflated
(:func:`build_tools.outputs.pack`) and the positions are dropped once the checks are done.
These tests count bytes and objects, never time.
"""

from __future__ import annotations

from pathlib import Path

from build_tools.outputs import Output, Page, SiteSettings
from build_tools.pipeline import build, run_checks
from build_tools.renderers.stubs import packed_meta

REPO = Path(__file__).resolve().parents[1]
SETTINGS = SiteSettings(site_url="https://example.org/lab/", demo=True)


def test_pages_are_held_deflated_and_give_back_their_html(now) -> None:  # noqa: ANN001
    result = build(REPO / "content", now, SETTINGS, root=REPO)
    sheets = [p for p in result.pages if p.path.startswith("bandi/") and "<h1>" in p.content]
    assert len(sheets) > 10
    held = sum(len(packed_meta(p)["lab_html"]) for p in sheets)
    text = sum(len(p.content.encode("utf-8")) for p in sheets)
    assert held * 3 < text, (held, text)
    page = Page("bandi/x.md", "Titolo", "Descrizione", "<p>L’8 gennaio: 1.000 €</p>", head="<meta>", scripts="")
    assert (page.content, page.head, page.scripts) == ("<p>L’8 gennaio: 1.000 €</p>", "<meta>", "")


def test_the_checks_positions_are_dropped_once_the_checks_are_done(now) -> None:  # noqa: ANN001
    checked = run_checks(REPO / "content", now, root=REPO)
    entry = checked.content["calls"][0]
    assert entry.doc.lines and entry.line_of("title") > entry.doc.fence_line  # the checker keeps them
    built = build(REPO / "content", now, SETTINGS, root=REPO)
    assert not built.errors
    entries = [e for items in built.check.content.entries.values() for e in items]
    assert entries and all(not e.doc.lines and not e.doc.data for e in entries)
    assert entries[0].line_of("title") == entries[0].doc.fence_line


def test_a_writer_does_not_keep_what_it_made() -> None:
    made: list[int] = []

    def feed() -> str:
        made.append(1)
        return "<rss/>"

    output = Output.later("feed/x.xml", feed, "application/rss+xml")
    assert output.make() == output.make() == "<rss/>" and len(made) == 2  # made for the writer, not kept
    assert output.content == output.content and len(made) == 3  # asked for as content: kept
