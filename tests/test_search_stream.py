"""The search index Pagefind builds while MkDocs writes the pages equals the one it builds after.

The MkDocs adapter feeds each finished page to Pagefind's service process
(:mod:`build_tools.renderers.search_stream`) instead of running ``pagefind --site`` on the
finished site (:func:`build_tools.renderers.search.index_site`, what the other renderers use).
Pagefind numbers pages in the order it meets them, so the two indexes are compared decoded,
with every page number replaced by the page's URL: the same pages, words, word positions,
filters, sort keys and metadata.
"""

from __future__ import annotations

import gzip
import json
import shutil
import time
from pathlib import Path

import cbor2

from build_tools.renderers.search import index_site
from build_tools.renderers.search_stream import StreamingIndex

SIGNATURE = b"pagefind_dcd"


def _load(path: Path):
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE), path
    return cbor2.loads(data[len(SIGNATURE):])


def decoded_index(site: Path, bundle: str = "pagefind") -> dict:
    """Pagefind's files in ``site/<bundle>`` as plain data, pages named by URL."""
    root = site / bundle
    entry = json.loads((root / "pagefind-entry.json").read_text(encoding="utf-8"))
    (language, info), = entry["languages"].items()
    _version, pages, index_chunks, filter_chunks, sorts, meta_fields = _load(root / f"pagefind.{info['hash']}.pf_meta")
    urls = []
    for fragment_hash, _words in pages:
        fragment = json.loads(gzip.decompress((root / "fragment" / f"{fragment_hash}.pf_fragment").read_bytes())[len(SIGNATURE):])
        urls.append(fragment["url"])
    words: dict[str, dict[str, list]] = {}
    for _first, _last, chunk_hash in index_chunks:
        for word, postings, *_rest in _load(root / "index" / f"{chunk_hash}.pf_index")[0]:
            page = 0
            for delta, locations, meta_locations in postings:
                page += delta
                words.setdefault(word, {})[urls[page]] = [locations, meta_locations]
    filters: dict[str, dict[str, set[str]]] = {}
    for name, chunk_hash in filter_chunks:
        name_, values = _load(root / "filter" / f"{chunk_hash}.pf_filter")
        filters[name_] = {value: {urls[p] for p in numbers} for value, numbers in values}
    return {"language": language, "pages": sorted(urls), "fragments": sorted(p[0] for p in pages),
            "words": words, "filters": filters, "sorts": sorts, "meta_fields": sorted(meta_fields),
            "page_count": info["page_count"]}


def test_index_built_while_rendering_equals_the_index_of_the_finished_site(demo_site: Path, tmp_path: Path) -> None:
    after = tmp_path / "site"
    shutil.copytree(demo_site, after, ignore=shutil.ignore_patterns("pagefind"))
    index_site(after)
    years = sorted(p.name for p in (after / "pagefind" / "archivio").iterdir())
    assert years == sorted(p.name for p in (demo_site / "pagefind" / "archivio").iterdir()) and len(years) >= 2
    for bundle in ["pagefind", *(f"pagefind/archivio/{year}" for year in years)]:  # current pages, each year's sheets
        streamed, finished = decoded_index(demo_site, bundle), decoded_index(after, bundle)
        assert streamed["page_count"] == finished["page_count"] >= (25 if bundle == "pagefind" else 1)
        assert len(streamed["words"]) > 100 and streamed["filters"]
        for key in finished:
            assert streamed[key] == finished[key], (bundle, key)


def test_the_comparison_sees_one_page_changed(demo_site: Path, tmp_path: Path) -> None:
    """The decoded comparison is not vacuous: one word added to one page shows."""
    changed = tmp_path / "site"
    shutil.copytree(demo_site, changed, ignore=shutil.ignore_patterns("pagefind"))
    page = next(p for p in sorted((changed / "bandi").glob("*/index.html"))
                if 'data-pagefind-filter="archivio:no"' in p.read_text(encoding="utf-8"))
    html = page.read_text(encoding="utf-8")
    body = html.index(">", html.index("data-pagefind-body")) + 1
    page.write_text(html[:body] + "<p>xilofono</p>" + html[body:], encoding="utf-8")
    index_site(changed)
    original, edited = decoded_index(demo_site), decoded_index(changed)
    assert original["pages"] == edited["pages"]
    assert not any(w.startswith("xilof") for w in original["words"])
    assert [w for w in edited["words"] if w.startswith("xilof")] and original["words"] != edited["words"]


def _sheet(title: str, words: str) -> str:
    return (f'<!DOCTYPE html><html lang="it"><head><title>{title}</title></head><body>'
            f'<main data-pagefind-body><h1>{title}</h1><p>{words}</p></main></body></html>')


def _files(bundle: Path) -> dict[str, int]:
    return {p.relative_to(bundle).as_posix(): p.stat().st_mtime_ns for p in bundle.rglob("*") if p.is_file()}


def test_the_first_bundle_is_written_once_its_pages_are_in_not_at_the_end(tmp_path: Path) -> None:
    """``write_first``: Pagefind writes while the renderer goes on; a page without
    ``data-pagefind-body`` found at the end (the theme's 404) does not write it again."""
    site = tmp_path / "site"
    (site / "404.html").parent.mkdir(parents=True)
    (site / "404.html").write_text("<!DOCTYPE html><html lang=\"it\"><body><h1>Pagina non trovata</h1></body></html>")
    index = StreamingIndex(site)
    for n, word in enumerate(("cooperativa", "agricoltura", "turismo")):
        index.add(f"bandi/b{n}/index.html", _sheet(f"Bando {n}", word))
    index.write_first()
    entry = site / "pagefind" / "pagefind-entry.json"
    waited = 0.0
    while not entry.is_file() and waited < 60:
        time.sleep(0.05)
        waited += 0.05
    assert entry.is_file(), "the bundle waits for finish()"
    index._first_writer.join()  # Pagefind has answered: every file of the bundle is written
    written = _files(site / "pagefind")
    index.finish()
    assert _files(site / "pagefind") == written
    found = decoded_index(site)
    assert found["pages"] == ["/bandi/b0/", "/bandi/b1/", "/bandi/b2/"]
    assert any(w.startswith("agricolt") for w in found["words"])


def test_a_page_that_comes_after_the_first_bundle_is_written_is_indexed_too(tmp_path: Path) -> None:
    """A page with ``data-pagefind-body`` the renderer wrote without showing it: the bundle is
    written again, and none of the first files is left behind."""
    site = tmp_path / "site"
    index = StreamingIndex(site)
    index.add("bandi/b0/index.html", _sheet("Bando 0", "cooperativa"))
    index.write_first()
    late = site / "pagina" / "index.html"
    late.parent.mkdir(parents=True)
    late.write_text(_sheet("Pagina", "xilofono"), encoding="utf-8")
    index.finish()
    found = decoded_index(site)
    assert found["pages"] == ["/bandi/b0/", "/pagina/"]
    assert any(w.startswith("xilof") for w in found["words"])
    fragments = {p.stem for p in (site / "pagefind" / "fragment").iterdir()}
    assert fragments == set(found["fragments"])
    assert len(list((site / "pagefind").glob("pagefind.*.pf_meta"))) == 1


def test_pagefind_gives_freed_memory_back_at_once_for_a_large_bundle(monkeypatch) -> None:
    """Pagefind's allocator holds freed pages for ten seconds unless told otherwise: at 5,000
    calls that made Pagefind the build's largest process (255 MiB; 210 with the setting).
    A small bundle keeps the default (it costs time); a setting of the caller's own is kept."""
    from build_tools.renderers.pagefind_service import PagefindService
    from build_tools.renderers.search import ALLOCATOR, LARGE_BUNDLE

    def environment_of(service: PagefindService) -> list[bytes]:
        try:
            return Path(f"/proc/{service._process.pid}/environ").read_bytes().split(b"\0")
        finally:
            service.close()

    (name, value), = ALLOCATOR.items()
    monkeypatch.delenv(name, raising=False)
    assert f"{name}={value}".encode() in environment_of(PagefindService())
    assert f"{name}={value}".encode() in environment_of(PagefindService(LARGE_BUNDLE))
    assert not any(line.startswith(f"{name}=".encode()) for line in environment_of(PagefindService(LARGE_BUNDLE - 1)))
    monkeypatch.setenv(name, "narenas:1")
    assert f"{name}=narenas:1".encode() in environment_of(PagefindService())


def test_the_command_line_index_sets_the_allocator_by_each_bundle_s_size(tmp_path: Path, monkeypatch) -> None:
    """``index_site`` (the other renderers) follows the same rule as the streamed index: a bundle
    of at least ``LARGE_BUNDLE`` pages gives freed memory back at once, a smaller one does not."""
    import subprocess

    from build_tools.renderers import search

    (name, value), = search.ALLOCATOR.items()
    monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(search, "LARGE_BUNDLE", 2)
    site = tmp_path / "site"
    pages = {"bandi/a/index.html": _sheet("A", "cooperativa"), "bandi/b/index.html": _sheet("B", "turismo"),
             "bandi/c/index.html": _sheet("C", "xilofono").replace(
                 "<main data-pagefind-body>", '<main data-pagefind-body data-lab-search-bundle="2024">')}
    for path, html in pages.items():
        (site / path).parent.mkdir(parents=True)
        (site / path).write_text(html, encoding="utf-8")
    seen: dict[str, str | None] = {}
    run = subprocess.run

    def recording(command, **kwargs):  # noqa: ANN001, ANN003, ANN202
        seen[Path(command[command.index("--output-path") + 1]).relative_to(site).as_posix()] = kwargs["env"].get(name)
        return run(command, **kwargs)

    monkeypatch.setattr(search.subprocess, "run", recording)
    index_site(site)
    assert seen == {"pagefind": value, "pagefind/archivio/2024": None}
    assert decoded_index(site, "pagefind/archivio/2024")["pages"] == ["/bandi/c/"]


def test_each_year_of_the_archive_gets_its_own_sheets_when_years_are_written_together(tmp_path: Path) -> None:
    """Two years are written at once (``ARCHIVE_WRITERS``); three years, each with its own pages."""
    from build_tools.renderers.search_stream import ARCHIVE_WRITERS

    assert ARCHIVE_WRITERS >= 2
    site = tmp_path / "site"
    index = StreamingIndex(site)
    index.add("bandi/aperto/index.html", _sheet("Aperto", "cooperativa"))
    years = {"2023": 1, "2024": 3, "2025": 2}
    words = {"2023": "xilofono", "2024": "zampogna", "2025": "ocarina"}
    for year, count in years.items():
        for n in range(count):
            html = _sheet(f"Chiuso {year} {n}", words[year]).replace(
                "<main data-pagefind-body>", f'<main data-pagefind-body data-lab-search-bundle="{year}">')
            index.add(f"bandi/c{year}-{n}/index.html", html)
    index.write_archive()
    index.finish()
    assert decoded_index(site)["pages"] == ["/bandi/aperto/"]
    for year, count in years.items():
        found = decoded_index(site, f"pagefind/archivio/{year}")
        assert found["pages"] == [f"/bandi/c{year}-{n}/" for n in range(count)]
        assert {w[:4] for w in found["words"] if w[:4] in {"xilo", "zamp", "ocar"}} == {words[year][:4]}
