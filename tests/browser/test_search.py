"""Italian search on /cerca/ (Pagefind's index and API): stemming, accents, apostrophes, kinds and live
statuses of results, current before archived, "solo bandi aperti", ?q= links."""

from __future__ import annotations

import pytest
from pagefind_ui import MESSAGE, RESULT_LINK, SEARCH_INPUT, wait_for_results

pytestmark = pytest.mark.browser



def search(page, query: str) -> list[str]:  # noqa: ANN001
    """Type ``query`` in the search box of /cerca/ and return the result page paths (no #anchors)."""
    page.goto("cerca/")
    box = page.locator(SEARCH_INPUT)
    box.fill(query)
    page.locator(MESSAGE).filter(has_text=query).wait_for()
    wait_for_results(page)
    more = page.locator("[data-lab-search-more]")
    while more.is_visible():  # every result, not only the first page
        shown = page.locator(RESULT_LINK).count()
        more.click()
        page.wait_for_function(f"() => document.querySelectorAll({RESULT_LINK!r}).length > {shown}"
                               " || document.querySelector('[data-lab-search-more]').hidden")
    wait_for_results(page)
    return _result_paths(page)


def _result_paths(page) -> list[str]:  # noqa: ANN001
    hrefs = page.locator(RESULT_LINK).evaluate_all("links => links.map(a => a.pathname + a.hash)")
    seen: list[str] = []
    for href in hrefs:
        path = href.split("#")[0]
        if path not in seen:
            seen.append(path)
    return seen


@pytest.mark.parametrize("query", ["borghi", "borgo"])  # the text says only "borghi"
def test_word_and_stemmed_variant_find_call_and_story(page, query: str) -> None:
    results = search(page, query)
    assert "/bandi/borghi-digitali-cultura-turismo-lazio/" in results, results
    assert "/storie/sentieri-di-ciociaria-turismo-lento/" in results, results


@pytest.mark.parametrize("query", ["energetica", "energetiche"])
def test_adjective_forms_find_call_and_story(page, query: str) -> None:
    results = search(page, query)
    assert "/bandi/efficienza-energetica-imprese-cooperative-repowereu/" in results, results
    assert "/storie/energia-di-valle-comunita-energetica/" in results, results


def test_cooperativa_and_cooperative_find_the_same_pages(page) -> None:
    """Singular and plural of the site's most common word: same hits, calls and stories among them."""
    first = search(page, "cooperativa")
    message_singular = page.locator(MESSAGE).inner_text()
    second = search(page, "cooperative")
    message_plural = page.locator(MESSAGE).inner_text()
    assert message_singular.split()[0] == message_plural.split()[0], (message_singular, message_plural)
    assert first[:3] == second[:3]
    assert any(p.startswith("/bandi/") for p in first) and any(p.startswith("/storie/") for p in first), first


def test_words_typed_without_accents_match(page) -> None:
    """"comunita" (no accent, as often typed) finds the story that says "comunità"."""
    results = search(page, "comunita energetica")
    assert "/storie/energia-di-valle-comunita-energetica/" in results, results


def test_archived_calls_are_searchable(page) -> None:
    results = search(page, "borghi")
    # the call closed in March 2025: it lives in the archive but keeps its page and is found
    assert "/bandi/borghi-digitali-cultura-turismo-lazio/" in results


def test_query_in_the_url_runs_the_search(page) -> None:
    page.goto("cerca/?q=borghi")
    wait_for_results(page)
    assert page.locator(SEARCH_INPUT).input_value() == "borghi"
    assert "/storie/sentieri-di-ciociaria-turismo-lento/" in _result_paths(page)


def test_result_links_open_the_page(page) -> None:
    search(page, "borghi")
    page.locator(RESULT_LINK, has_text="Turismo lento").first.click()
    page.wait_for_url("**/storie/sentieri-di-ciociaria-turismo-lento/**")
    assert page.locator("h1").first.inner_text().startswith("Turismo lento")


def test_header_search_button_leads_to_search(page) -> None:
    page.goto("bandi/")
    button = page.locator(".md-header .lab-header-search")
    button.click()
    page.wait_for_url("**/cerca/")
    assert page.locator(SEARCH_INPUT).is_visible()


STORY_WITH_APOSTROPHE = "/storie/officina-ripartenza-workers-buyout/"


def test_a_word_after_a_typographic_apostrophe_is_found(page, site_dir) -> None:
    """The page says only "dell’impresa" (U+2019, as word processors write it): "impresa" finds it."""
    import bs4

    text = (site_dir / STORY_WITH_APOSTROPHE.strip("/") / "index.html").read_text(encoding="utf-8")
    assert "dell\u2019impresa" in text  # published as written
    body = bs4.BeautifulSoup(text, "html.parser").select_one("[data-pagefind-body]")
    for ignored in body.select("[data-pagefind-ignore]"):
        ignored.decompose()
    assert body.get_text(" ").lower().count("impres") == 1, "the indexed text must say it only after the apostrophe"
    assert STORY_WITH_APOSTROPHE in search(page, "impresa")
    assert STORY_WITH_APOSTROPHE in search(page, "dell\u2019impresa")  # typed with the same apostrophe


def _results(page) -> list[dict[str, str]]:  # noqa: ANN001
    return page.locator(".lab-search__result").evaluate_all(
        "items => items.map(li => ({path: li.querySelector('.lab-search__title a').pathname,"
        " kind: li.querySelector('.lab-search__kind').textContent,"
        " status: (li.querySelector('[data-lab-search-status]') || {dataset: {}}).dataset.labSearchStatus || '',"
        " text: li.querySelector('.lab-search__meta').textContent}))")


def test_results_say_their_kind_and_a_call_its_status_and_deadline(page) -> None:
    page.clock.set_fixed_time("2026-11-25T10:00:00+01:00")
    search(page, "cooperativa")
    found = _results(page)
    kinds = {r["kind"] for r in found}
    assert {"Bando", "Storia"} <= kinds, kinds
    calls = [r for r in found if r["kind"] == "Bando"]
    assert all(r["status"] for r in calls), calls
    dated = [r for r in calls if "Scadenza:" in r["text"]]
    assert dated, calls


#: Calls rank among calls by status, best first: one can apply; about to open; stopped; closed.
RANK = {"open": 0, "closing_soon": 0, "rolling": 0, "forthcoming": 1, "suspended": 2, "funds_exhausted": 2,
        "closed": 3, "cancelled": 3}

_RELEVANCE = """async () => {
  const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
  await pagefind.options({ baseUrl: new URL("..", location.href).pathname });
  const found = await pagefind.search(QUERY);
  const pages = await Promise.all(found.results.map(r => r.data()));
  return pages.map(d => ({ path: new URL(d.url, location.href).pathname,
                           call: (d.meta.tipo || "") === "Bando",
                           status: d.meta.lab ? JSON.parse(d.meta.lab).status : "" }));
}"""


def _by_relevance(page, query: str) -> list[dict]:  # noqa: ANN001
    """Pagefind's own order for ``query`` (no filter): what the page would list without ranking."""
    return page.evaluate(_RELEVANCE.replace("QUERY", repr(query)))


@pytest.mark.parametrize(("query", "better_after_worse"), [("digitale", "closed"), ("impresa", "funds_exhausted"),
                                                           ("impresa", "forthcoming")])
def test_open_calls_are_listed_before_less_relevant_calls_of_other_statuses(page, query: str,
                                                                            better_after_worse: str) -> None:
    """Pagefind alone puts a call that is ``better_after_worse`` above an open one; the page lists the
    open one first, and ranks every call by status, while other results keep their relevance order."""
    page.clock.set_fixed_time("2026-11-25T10:00:00+01:00")
    search(page, query)
    raw = _by_relevance(page, query)
    raw_calls = [r for r in raw if r["call"]]
    worse = next(i for i, r in enumerate(raw_calls) if r["status"] == better_after_worse)
    assert any(RANK[r["status"]] == 0 for r in raw_calls[worse + 1:]), raw_calls  # the case is really there
    listed = _results(page)
    calls = [r for r in listed if r["kind"] == "Bando"]
    ranks = [RANK[r["status"]] for r in calls]
    assert ranks == sorted(ranks), calls
    worse_path = raw_calls[worse]["path"]
    open_after = next(r["path"] for r in raw_calls[worse + 1:] if RANK[r["status"]] == 0)
    order = [r["path"] for r in listed]
    assert order.index(open_after) < order.index(worse_path), order
    others = [r["path"] for r in listed if r["kind"] != "Bando"]
    assert others == [r["path"] for r in raw if not r["call"]], (others, raw)
    assert len(listed) == len(raw)


def test_open_calls_rank_above_closed_ones(page) -> None:
    page.clock.set_fixed_time("2026-11-25T10:00:00+01:00")
    search(page, "cooperativa")
    statuses = [r["status"] for r in _results(page) if r["kind"] == "Bando"]
    closed = [i for i, s in enumerate(statuses) if s in ("closed", "cancelled")]
    current = [i for i, s in enumerate(statuses) if s not in ("closed", "cancelled")]
    assert current and (not closed or max(current) < min(closed)), statuses


def test_only_open_calls(page) -> None:
    page.clock.set_fixed_time("2026-11-25T10:00:00+01:00")
    page.goto("cerca/?q=cooperativa&aperti=1")
    wait_for_results(page)
    found = _results(page)
    assert found and {r["kind"] for r in found} == {"Bando"}
    assert {r["status"] for r in found} <= {"open", "closing_soon", "rolling"}, found
    assert page.locator("[data-lab-search-open]").is_checked()
