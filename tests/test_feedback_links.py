"""«Segnala un bando» and «Segnala un errore»: in the footer, on /bandi/ and on each sheet, prefilled.

GitHub fills an issue form from the query string (``template``, ``title`` and each field's
``id``): the links must name forms that exist and fields those forms have.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from build_tools.outputs.feedback import ERROR_FORM, NEW_CALL_FORM, error_link, new_call_link

bs4 = pytest.importorskip("bs4")

_spec = importlib.util.spec_from_file_location("lab_sitebuild", Path(__file__).parent / "browser" / "sitebuild.py")
sitebuild = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sitebuild)  # type: ignore[union-attr]

REPO = Path(__file__).resolve().parents[1]
FORMS = REPO / ".github" / "ISSUE_TEMPLATE"
ISSUES = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["extra"]["issues_url"]
SHEET = "bandi/voucher-transizione-digitale-cooperative-lazio/index.html"


def _form_fields(name: str) -> set[str]:
    form = yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))
    return {item["id"] for item in form["body"] if "id" in item}


def _links(page: Path, text: str) -> list[dict[str, list[str]]]:
    doc = bs4.BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = []
    for a in doc.find_all("a", string=lambda s: s and text in s):
        url = urlsplit(a["href"])
        assert f"{url.scheme}://{url.netloc}{url.path}" == ISSUES
        found.append(parse_qs(url.query, keep_blank_values=True))
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sitebuild.built_site(tmp_path_factory)


def test_links_name_existing_forms_and_fields():
    assert "scheda" in _form_fields(ERROR_FORM) and "titolo" in _form_fields(NEW_CALL_FORM)
    query = parse_qs(urlsplit(error_link(ISSUES, "Un bando", "https://esempio.it/bandi/x/")).query)
    assert query == {"template": [ERROR_FORM], "title": ["[Errore] Un bando"], "scheda": ["https://esempio.it/bandi/x/"]}
    assert set(query) - {"template", "title"} <= _form_fields(ERROR_FORM)
    assert parse_qs(urlsplit(new_call_link(ISSUES)).query)["template"] == [NEW_CALL_FORM]
    assert new_call_link(None) is None and error_link(None, "x") is None  # no repository, no link


def test_every_page_has_both_links_in_the_footer(site):
    for page in ("index.html", "laboratorio/index.html", SHEET):
        [report] = _links(site / page, "Segnala un bando")[-1:]
        assert report["template"] == [NEW_CALL_FORM]
        assert any(q["template"] == [ERROR_FORM] for q in _links(site / page, "Segnala un errore"))


def test_calls_listing_invites_to_report_a_call(site):
    assert len(_links(site / "bandi" / "index.html", "Segnala un bando")) == 2  # in the page and in the footer


def test_each_sheet_reports_an_error_about_itself(site):
    queries = [q for q in _links(site / SHEET, "Segnala un errore") if "scheda" in q]
    [query] = queries
    assert query["template"] == [ERROR_FORM]
    assert query["title"][0].startswith("[Errore] Voucher per la transizione digitale")
    assert query["scheda"][0].endswith("/bandi/voucher-transizione-digitale-cooperative-lazio/")
