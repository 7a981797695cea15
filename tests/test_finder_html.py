""""Quale bando fa per me?" and "A chi si rivolge" in the published demo site, read as HTML.

The form must offer every answer the rule knows (the options come from the rule's own tables),
each question a way to skip it; the page must be reachable from the home page, /bandi/ and every
service; each call sheet must state its requirements as ``requirement_facts`` words them, and a
click-day sheet what to prepare and a calendar file with the opening. Same session build as
``tests/test_site.py`` (now fixed at 2026-11-25).
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

import icalendar
import pytest

from build_tools.clock import resolve_now
from build_tools.deriving.eligibility import finder_tables
from build_tools.deriving.site import build_site
from build_tools.outputs.requirements import CLICK_DAY_CHECKLIST, is_click_day, requirement_facts
from build_tools.pipeline import run_checks
from build_tools.reading.models.vocab import SIZE_THRESHOLDS

bs4 = pytest.importorskip("bs4")

_spec = importlib.util.spec_from_file_location("lab_sitebuild", Path(__file__).parent / "browser" / "sitebuild.py")
sitebuild = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sitebuild)  # type: ignore[union-attr]

FINDER = "bandi/quale-bando/"


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sitebuild.built_site(tmp_path_factory)


@pytest.fixture(scope="module")
def site():
    now = resolve_now(sitebuild.TODAY)
    result = run_checks(sitebuild.REPO / "content", now, 14, root=sitebuild.REPO)
    assert result.ok, [d.format() for d in result.report.errors]
    return build_site(result.content, now)


@pytest.fixture(scope="module")
def html(site_dir: Path):
    @lru_cache(maxsize=None)
    def parse(url: str) -> bs4.BeautifulSoup:
        path = site_dir / url / "index.html" if url.endswith("/") or not url else site_dir / url
        assert path.is_file(), f"no page at /{url}"
        return bs4.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    return parse


def resolves_to(page_url: str, href: str, site_dir: Path) -> Path:
    """The file a relative link on the page at ``page_url`` opens."""
    target = urljoin("/" + page_url, href).lstrip("/")
    path = site_dir / target
    return path / "index.html" if target.endswith("/") or not target else path


def values(form: bs4.Tag, name: str) -> list[str]:
    return [field["value"] for field in form.select(f'[name="{name}"]')]


def test_form_offers_every_answer_the_rule_knows_and_a_way_to_skip(html, site_dir: Path) -> None:
    doc = html(FINDER)
    tables = finder_tables()
    form = doc.select_one("form[data-lab-finder]")
    assert form.has_attr("hidden"), "without JavaScript the form stays hidden"
    assert values(form, "beneficiari") == list(tables["beneficiaries"])  # "new_cooperative" included
    assert values(form, "bisogni") == list(tables["purposes"])
    assert values(form, "destinatari") == list(tables["target_groups"])
    assert values(form, "percorso") == [*tables["pathways"], ""]
    assert values(form, "dimensione") == [*tables["sizes"], ""]
    for name in ("percorso", "dimensione"):
        assert form.select_one(f'input[name="{name}"][value=""]').has_attr("checked"), name
    for size, words in SIZE_THRESHOLDS.items():
        label = form.select_one(f'input[name="dimensione"][value="{size}"]').find_parent("label")
        assert words in label.get_text(" ", strip=True), size
    for name, table in (("regione", "regions"), ("provincia", "provinces"), ("ateco", "sections")):
        options = [o["value"] for o in form.select(f'select[name="{name}"] option')]
        assert options[0] == "" and sorted(options[1:]) == sorted(tables[table]), name
    assert form.select_one('input[name="comune"]')["pattern"] == "[0-9]{6}"
    assert form.select_one('input[name="anni"]')["type"] == "number"
    # every question is a fieldset with a legend; every field has a label
    assert all(f.legend and f.legend.get_text(strip=True) for f in form.select("fieldset"))
    for field in form.select("input, select"):
        labelled = field.find_parent("label") or doc.select_one(f'label[for="{field.get("id")}"]')
        assert labelled is not None, field
    # what finder.js needs: its data, a link per result, the results box, the script
    assert resolves_to(FINDER, form["data-lab-finder"], site_dir).is_file()
    assert resolves_to(FINDER, form["data-lab-finder-link"].replace("SLUG", "servizi-digitali-avanzati-piccole-imprese-pnrr"),
                       site_dir).is_file()
    box = doc.select_one("[data-lab-finder-results]")
    assert box.has_attr("hidden") and box.select_one("[data-lab-finder-list]") is not None
    assert box.select_one("[data-lab-finder-summary]")["aria-live"] == "polite"
    assert [s["src"] for s in doc.select("script[src]") if s["src"].endswith("finder.js")] == ["../../assets/finder.js"]


def test_page_says_it_is_no_advice_and_offers_the_orientamento(html, site, site_dir: Path) -> None:
    doc = html(FINDER)
    text = doc.select_one("article").get_text(" ", strip=True)
    assert "Non è una consulenza: verifica sempre il bando ufficiale." in text
    booking = doc.find("a", string=re.compile("colloquio di orientamento"))
    guidance = next(s for s in site.services if s.service.kind.value == "guidance")
    assert resolves_to(FINDER, booking["href"], site_dir) == resolves_to(guidance.url, "", site_dir)
    without_js = doc.select_one("noscript")
    assert "JavaScript" in without_js.get_text() and without_js.find("a")["href"] == "../"


def test_linked_from_the_home_page_the_list_and_every_service(html, site, site_dir: Path) -> None:
    finder = site_dir / FINDER / "index.html"
    for url in ["", "bandi/", *(s.url for s in site.services)]:
        links = [a["href"] for a in html(url).select("article a[href]")
                 if resolves_to(url, a["href"], site_dir) == finder]
        assert links, f"/{url} does not link to /{FINDER}"


def test_every_call_sheet_says_whom_it_is_for(html, site, site_dir: Path) -> None:
    click_days = 0
    for page in site.calls:
        doc = html(page.url)
        block = doc.select_one("section.lab-requirements")
        assert block is not None and block.h2.get_text(strip=True) == "A chi si rivolge", page.slug
        rows = [(d.dt.get_text(strip=True).rstrip(":"), d.dd.get_text(" ", strip=True)) for d in block.select("dl > div")]
        assert rows == [(f.label, f.value) for f in requirement_facts(page.call)], page.slug
        ready = block.select_one(".lab-click-day")
        if not is_click_day(page.call):
            assert ready is None, page.slug
            continue
        click_days += 1
        assert [li.get_text(strip=True) for li in ready.select("ul li")] == list(CLICK_DAY_CHECKLIST)
        opening = ready.find("time")
        assert opening["datetime"] == page.timing.opens_at.isoformat()
        calendar = ready.find("a", string="Aggiungi l'apertura al calendario")
        calendar_file = icalendar.Calendar.from_ical(resolves_to(page.url, calendar["href"], site_dir).read_bytes())
        openings = [e.decoded("dtstart") for e in calendar_file.walk("VEVENT") if str(e["summary"]).startswith("Click day:")]
        assert page.timing.opens_at in openings, page.slug
    assert click_days, "the demo content should have a click-day call"
