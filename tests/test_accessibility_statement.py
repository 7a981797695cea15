"""The accessibility statement (AgID model): its feedback mailbox and date come from mkdocs.yml, the
date reads as Italians write it, and the footer reaches it from any page, base path or disk preview."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import pytest

from build_tools import build_site, run_checks
from build_tools.clock import resolve_now
from build_tools.outputs import Page, SiteSettings, build_outputs, settings_from_extra
from build_tools.renderers.stage import read_config

bs4 = pytest.importorskip("bs4")

_spec = importlib.util.spec_from_file_location("lab_sitebuild", Path(__file__).parent / "browser" / "sitebuild.py")
sitebuild = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sitebuild)  # type: ignore[union-attr]

REPO = Path(__file__).resolve().parents[1]
STATEMENT = "accessibilita.md"


@pytest.fixture(scope="module")
def demo_site():
    now = resolve_now(sitebuild.TODAY)
    return build_site(run_checks(REPO / "content", now, 14, root=REPO).content, now)


def statement(site, **settings) -> bs4.BeautifulSoup:  # noqa: ANN001
    outputs = build_outputs(site, SiteSettings("https://example.org/", **settings))
    page = next(o for o in outputs if isinstance(o, Page) and o.path == STATEMENT)
    return bs4.BeautifulSoup(page.content, "html.parser")


def text_of(doc: bs4.BeautifulSoup) -> str:
    return " ".join(doc.get_text(" ").split())


@pytest.mark.parametrize(("day", "written"), [(date(2027, 3, 1), "redatta il 1° marzo 2027"),
                                              (date(2027, 8, 11), "redatta l'11 agosto 2027")])
def test_the_date_and_mailbox_are_the_configured_ones_written_in_italian(demo_site, day: date, written: str) -> None:
    doc = statement(demo_site, contact_email="accessibilita@example.org", accessibility_statement_date=day)
    assert written in text_of(doc)
    assert doc.select_one("time")["datetime"] == day.isoformat()
    mail = doc.select_one("a[href^='mailto:']")
    assert mail["href"] == "mailto:accessibilita@example.org" and mail.get_text() == "accessibilita@example.org"


def test_without_a_mailbox_the_statement_still_says_how_to_report(demo_site) -> None:
    doc = statement(demo_site, issues_url="https://github.com/o/r/issues/new")
    assert doc.select_one("a[href^='mailto:']") is None
    assert "Segnala un errore" in text_of(doc)


@pytest.mark.parametrize(("extra", "wrong"), [({"contact_email": "laboratorio at legacoop"}, "contact_email"),
                                              ({"accessibility_statement_date": "1 dicembre 2026"},
                                               "accessibility_statement_date"),
                                              ({"accessibility_statement_date": 2026}, "accessibility_statement_date")])
def test_a_malformed_setting_stops_the_build_with_its_name(extra: dict, wrong: str) -> None:
    with pytest.raises(ValueError, match=wrong):
        settings_from_extra(extra)


def test_dates_written_as_text_are_read_too() -> None:
    assert settings_from_extra({"accessibility_statement_date": "2027-01-15"})["accessibility_statement_date"] == \
        date(2027, 1, 15)


@pytest.mark.slow
def test_the_published_statement_shows_what_mkdocs_yml_says(tmp_path_factory) -> None:  # noqa: ANN001
    extra = read_config(REPO / "mkdocs.yml")["extra"]
    assert extra.get("contact_email") and extra.get("accessibility_statement_date")
    site_dir = sitebuild.built_site(tmp_path_factory)
    doc = bs4.BeautifulSoup((site_dir / "accessibilita" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = doc.select_one("article")
    assert article.select_one("a[href^='mailto:']")["href"] == f"mailto:{extra['contact_email']}"
    assert article.select_one("time")["datetime"] == settings_from_extra(extra)["accessibility_statement_date"].isoformat()


@pytest.mark.slow
@pytest.mark.parametrize("page", ["index.html", "bandi/index.html", "bandi/confronta/index.html",
                                  "laboratorio/index.html"])
def test_the_footer_link_is_relative_and_reaches_the_statement(tmp_path_factory, page: str) -> None:  # noqa: ANN001
    site_dir = sitebuild.built_site(tmp_path_factory)
    doc = bs4.BeautifulSoup((site_dir / page).read_text(encoding="utf-8"), "html.parser")
    link = next(a for a in doc.select(".md-footer a") if a.get_text(strip=True) == "Dichiarazione di accessibilità")
    href = link["href"]
    assert not href.startswith(("http:", "https:", "/")), href  # works under any base path and from disk
    target = urljoin(f"http://host/base/{page}", href).removeprefix("http://host/base/")
    assert (site_dir / target / "index.html").is_file(), (page, href)
