"""A byte budget per page type, on the built demo site: what a phone downloads before any tap.

Compressed bytes of a page and everything it loads by itself (stylesheets, scripts, images,
the favicon, what its CSS imports; see ``tests/browser/pageweight.py``): at most 50 KB for
every call sheet and every story, 80 KB for ``/bandi/`` at the demo's size — and with more calls
than one page holds, since ``/bandi/`` shows only its first page. KB = 1,000 bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

_HERE = Path(__file__).parent / "browser"
sys.path.insert(0, str(_HERE))
import sitebuild  # noqa: E402
from pageweight import BUDGETS, KB, Weight, page_weight  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sitebuild.built_site(tmp_path_factory)


def pages_of(site: Path, collection: str, folder: str) -> list[str]:
    """The built page of every item of ``content/<collection>/`` (drafts and scheduled ones have none)."""
    slugs = sorted(p.stem for p in (sitebuild.REPO / "content" / collection).glob("*.md") if not p.name.startswith("_"))
    return [f"{folder}/{slug}/index.html" for slug in slugs if (site / folder / slug / "index.html").is_file()]


def explain(weight: Weight) -> str:
    parts = sorted(weight.resources.items(), key=lambda kv: -kv[1])
    return (f"{weight.page}: {weight.total / KB:.1f} KB (HTML {weight.html / KB:.1f} KB; "
            + ", ".join(f"{path} {size / KB:.1f} KB" for path, size in parts) + ")")


@pytest.mark.parametrize(("kind", "collection", "folder"), [("call", "calls", "bandi"), ("story", "stories", "storie")])
def test_item_pages_fit_the_budget(site: Path, kind: str, collection: str, folder: str) -> None:
    pages = pages_of(site, collection, folder)
    assert len(pages) >= 5, f"the demo should publish several {kind} pages under {folder}/"
    heavy = [w for w in (page_weight(site, p) for p in pages) if w.total > BUDGETS[kind]]
    assert not heavy, f"over {BUDGETS[kind] // KB} KB:\n" + "\n".join(explain(w) for w in heavy)


def test_call_listing_fits_the_budget(site: Path) -> None:
    weight = page_weight(site, "bandi/index.html")
    assert weight.resources, "the listing should load its stylesheet"
    assert weight.total <= BUDGETS["listing"], explain(weight)


def test_call_listing_stays_light_with_many_calls(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Generated content with several pages of calls: /bandi/ carries its first page, not the whole list."""
    big, _ = sitebuild.built_generated_site(tmp_path_factory)
    weight = page_weight(big, "bandi/index.html")
    assert weight.total <= BUDGETS["listing"], explain(weight)
    assert (big / "bandi" / "pagina" / "3" / "index.html").is_file()
    assert "bandi/elenco.json" not in weight.resources and "assets/lab-bandi.js" not in weight.resources
    assert (big / "bandi" / "index.html").read_text(encoding="utf-8").count('class="lab-card lab-card--call"') == 30


def test_weight_counts_what_a_page_loads(tmp_path: Path) -> None:
    """The measure itself: a stylesheet, a script, what the CSS imports; external URLs are not ours."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<link rel="stylesheet" href="../s.css"><script src="/j.js" defer></script>'
        '<img src="https://example.org/x.png"><img src="../lazy.png" loading="lazy">', encoding="utf-8")
    (tmp_path / "s.css").write_text("@import 'more.css'; body{background:url(data:image/png;base64,AA==)}",
                                    encoding="utf-8")
    (tmp_path / "more.css").write_text("p{color:red}" * 50, encoding="utf-8")
    (tmp_path / "j.js").write_text("var x = 1;", encoding="utf-8")
    (tmp_path / "lazy.png").write_bytes(b"\x89PNG" + bytes(5000))
    weight = page_weight(tmp_path, "a/index.html")
    assert sorted(weight.resources) == ["j.js", "more.css", "s.css"]
    assert weight.total == weight.html + sum(weight.resources.values())
