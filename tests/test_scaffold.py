"""`new call|story|service "Titolo"`: the file name, no overwriting, and a skeleton that passes `check`."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from build_tools.diagnostics import Report
from build_tools.reading.frontmatter import parse
from build_tools.reading.loader import load_content
from build_tools.reading.registry import CALLS, COLLECTIONS, SERVICES, STORIES
from build_tools.editor.scaffold import skeleton, slugify


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LAB_TODAY", "LAB_NOW")}
    env["PYTHONIOENCODING"] = "utf-8"
    result = subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=cwd, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.mark.parametrize("title, slug", [
    ("Titolo con Città e accenti", "titolo-con-citta-e-accenti"),
    ("Perché l'innovazione è più forte", "perche-l-innovazione-e-piu-forte"),
    ("L’innovazione sociale (seconda edizione)", "l-innovazione-sociale-seconda-edizione"),
    ("Cooperative–Lazio 2027", "cooperative-lazio-2027"),
    ("«Bando» — Voucher: 50% a fondo perduto!", "bando-voucher-50-a-fondo-perduto"),
    ("  ÀÈÌÒÙ  ", "aeiou"),
    ("PNRR M1C2: investimento 1.1", "pnrr-m1c2-investimento-1-1"),
])
def test_slugify_folds_accents_and_separates_words(title, slug):
    assert slugify(title) == slug


def test_long_title_gives_a_valid_slug_cut_at_a_word():
    title = "Bando per la transizione digitale delle cooperative sociali e delle imprese di comunità del Lazio " * 2
    slug = slugify(title)
    assert 0 < len(slug) <= 80
    assert title.lower().replace("à", "a").replace(" ", "-").startswith(slug + "-")


def test_slug_without_letters_is_empty():
    assert slugify("€ — !!") == ""


@pytest.mark.parametrize("kind, folder", [("call", "calls"), ("story", "stories")])
def test_new_writes_the_file_refuses_to_overwrite_and_passes_check(kind, folder, tmp_path):
    title = "Titolo con Città e accenti"
    created = run(tmp_path, "new", kind, title, "--today", "2026-11-25")
    assert created.returncode == 0, created.stderr
    path = tmp_path / "content" / folder / "titolo-con-citta-e-accenti.md"
    assert path.is_file()
    assert f"content/{folder}/titolo-con-citta-e-accenti.md" in created.stdout
    doc = parse(path.read_bytes())
    assert doc.data["title"] == title
    assert doc.data["published"] == date(2026, 11, 25)
    assert doc.data["draft"] is True  # not published until an editor removes the line

    path.write_text(path.read_text(encoding="utf-8") + "\nIl mio testo.\n", encoding="utf-8")
    before = path.read_bytes()
    again = run(tmp_path, "new", kind, title, "--today", "2026-11-25")
    assert again.returncode == 1
    assert "esiste già" in again.stderr
    assert path.read_bytes() == before

    checked = run(tmp_path, "check", "--content", "content", "--today", "2026-11-25")
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.splitlines()[:-1] == []  # not even a warning
    assert "1 file valido, 0 errori, 0 avvisi" in checked.stdout


@pytest.mark.parametrize("kind, folder, keys", [
    ("call", "calls", ["summary", "funder", "funding_source", "support_types", "beneficiaries", "pathways", "scope",
                       "deadline", "url"]),
    ("story", "stories", ["summary", "cooperative", "sector", "regions"]),
])
def test_without_draft_every_placeholder_new_wrote_is_an_error_naming_its_key(kind, folder, keys, tmp_path):
    """Removing `draft` publishes the file: each invented value must stop the check, by its key and line."""
    assert run(tmp_path, "new", kind, "Voucher: digitale per tutti", "--today", "2026-11-25").returncode == 0
    path = next((tmp_path / "content" / folder).glob("*.md"))
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.split("\n") if not line.startswith("draft:")), encoding="utf-8")
    checked = run(tmp_path, "check", "--content", "content", "--today", "2026-11-25")
    assert checked.returncode == 1, checked.stdout
    rel = path.relative_to(tmp_path).as_posix()
    errors = [line for line in checked.stdout.splitlines() if line.startswith(rel) and ": error: " in line]
    lines = text.split("\n")
    for key in keys:
        line = next(i for i, t in enumerate(lines, start=1) if t.startswith(f"{key}:"))
        assert any(e.startswith(f"{rel}:{line}: error: ") and f"`{key}`" in e for e in errors), (key, errors)
    body_start = lines.index("---", 1) + 2
    body_errors = [e for e in errors if int(e.split(":")[1]) >= body_start]
    assert body_errors and all("testo della scheda" in e for e in body_errors)
    # the title, the publication date and the (valid) slug are the editor's own: never reported
    assert not [e for e in errors if "`title`" in e or "`published`" in e]


def test_new_call_passes_once_every_placeholder_is_replaced(tmp_path):
    assert run(tmp_path, "new", "call", "Voucher: digitale per tutti", "--today", "2026-11-25").returncode == 0
    path = tmp_path / "content" / "calls" / "voucher-digitale-per-tutti.md"
    text = path.read_text(encoding="utf-8")
    filled = []
    for line in text.split("\n"):
        if line.startswith("draft:"):
            continue
        line = line.replace("DA COMPLETARE", "").replace("https://www.example.org/da-completare",
                                                        "https://www.regione.lazio.it/bandi/voucher")
        line = line.replace('"Da completare: una o due frasi', '"Contributi per le cooperative: una o due frasi')
        line = line.replace("Da completare.", "Il testo della scheda.").replace(": Da completare", ": Regione Lazio")
        filled.append(line)
    path.write_text("\n".join(filled), encoding="utf-8")
    checked = run(tmp_path, "check", "--content", "content", "--today", "2026-11-25")
    assert checked.returncode == 0, checked.stdout
    assert parse(path.read_bytes()).data["title"] == "Voucher: digitale per tutti"


def test_new_honours_content_option(tmp_path):
    result = run(tmp_path, "new", "story", "Una storia di comunità", "--content", "altrove", "--today", "2026-11-25")
    assert result.returncode == 0
    assert (tmp_path / "altrove" / "stories" / "una-storia-di-comunita.md").is_file()


def test_new_with_a_title_without_letters_exits_2(tmp_path):
    result = run(tmp_path, "new", "call", "€€€")
    assert result.returncode == 2
    assert not (tmp_path / "content" / "calls").exists() or not any((tmp_path / "content" / "calls").iterdir())


@pytest.mark.parametrize("collection", COLLECTIONS, ids=[c.name for c in COLLECTIONS])
def test_skeleton_lists_every_key(collection):
    text = skeleton(collection, "Un titolo di prova", date(2026, 11, 25))
    front = text.split("---\n")[1]
    for name in collection.model.model_fields:
        assert f"\n{name}:" in "\n" + front or f"\n# {name}:" in "\n" + front, name
    # required keys are real YAML keys, optional ones are comments
    data = yaml.safe_load(front)
    required = {n for n, f in collection.model.model_fields.items() if f.is_required()}
    assert required <= set(data)


@pytest.mark.parametrize("collection", [CALLS, STORIES, SERVICES], ids=["calls", "stories", "services"])
@pytest.mark.parametrize("title", ["Titolo semplice di prova", "Titolo: con i due punti", "Un titolo # con cancelletto",
                                   "'Virgolette' e \"doppie\"", "Perché sì: 100% cooperativo"])
def test_skeleton_is_valid_for_any_title(collection, title, content_tree):
    root = content_tree({f"{collection.folder}/nuovo.md": skeleton(collection, title, date(2026, 11, 25))})
    report = Report(root.parent)
    content = load_content(root, report)
    if "draft" in collection.model.model_fields:  # a draft: checked, clean, never published
        assert not report.items, [d.format() for d in report.items]
        (entry,) = content[collection.name]
        assert entry.item.title == title
    else:  # services cannot be drafts: the skeleton's placeholders are the only problems
        assert report.items and {d.code for d in report.items} == {"placeholder"}, [d.format() for d in report.items]
