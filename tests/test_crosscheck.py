"""Rules across files: references must exist, slugs are unique, exactly five services, images exist."""

from __future__ import annotations

from datetime import date

import pytest

from build_tools.pipeline import run_checks


def check(root, now):
    return run_checks(root, now, root=root.parent).report


def errors(report) -> list[tuple[str, int, str, str]]:
    return [(d.path, d.line, d.code, d.message) for d in report.sorted() if d.is_error]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), start=1) if needle in line)


def test_valid_relations_in_both_directions_are_fine(content_tree, fm, now):
    root = content_tree({
        "calls/voucher.md": fm.text(fm.call(related_stories=["filiera"], related_services=["guidance"])),
        "stories/filiera.md": fm.text(fm.story(related_calls=["voucher"])),
        **fm.five_services(),
    })
    assert errors(check(root, now)) == []


@pytest.mark.parametrize("source, key, good, bad, target", [
    ("calls/voucher.md", "related_stories", "filiera", "filera", "stories"),
    ("calls/voucher.md", "related_services", "guidance", "guidence", "services"),
    ("stories/filiera.md", "related_calls", "voucher", "vocher", "calls"),
])
def test_broken_reference_is_an_error_at_the_item_with_a_hint(source, key, good, bad, target, content_tree, fm,
                                                              now):
    texts = {"calls/voucher.md": fm.text(fm.call()), "stories/filiera.md": fm.text(fm.story())}
    # a block list, so that each item has its own line
    texts[source] = texts[source].replace("---\nTesto", f"{key}:\n- {good}\n- {bad}\n---\nTesto")
    root = content_tree({**texts, **fm.five_services()})
    found = errors(check(root, now))
    assert len(found) == 1, found
    path, line, code, message = found[0]
    assert (path, line, code) == (f"content/{source}", line_of(texts[source], f"- {bad}"), "broken_reference")
    assert f"`{key}`: non esiste `content/{target}/{bad}.md`" in message
    assert f"forse intendevi `{good}`" in message


def test_broken_reference_without_a_close_slug_has_no_hint(content_tree, fm, now):
    root = content_tree({"calls/voucher.md": fm.text(fm.call(related_stories=["zzz"])), **fm.five_services()})
    (message,) = [m for *_, m in errors(check(root, now))]
    assert "`related_stories`" in message and "forse" not in message


def test_reference_to_a_file_with_its_own_error_is_reported_once(content_tree, fm, now):
    root = content_tree({
        "calls/voucher.md": fm.text(fm.call(related_stories=["filiera"])),
        "stories/filiera.md": fm.text(fm.story(sector="agricoltura")),
        **fm.five_services(),
    })
    found = errors(check(root, now))
    assert [(p, c) for p, _, c, _ in found] == [("content/stories/filiera.md", "schema")]


def test_reference_to_a_draft_or_scheduled_item_is_not_an_error(content_tree, fm, now):
    root = content_tree({
        "calls/voucher.md": fm.text(fm.call(related_stories=["bozza", "futura"])),
        "stories/bozza.md": fm.text(fm.story(draft=True)),
        "stories/futura.md": fm.text(fm.story(published=date(2027, 6, 1))),
        **fm.five_services(),
    })
    assert errors(check(root, now)) == []


def test_every_broken_reference_of_every_file_is_reported(content_tree, fm, now):
    root = content_tree({
        "calls/a.md": fm.text(fm.call(related_stories=["x1", "x2"], related_services=["x3"])),
        "calls/b.md": fm.text(fm.call(related_stories=["x4"])),
        "stories/c.md": fm.text(fm.story(related_calls=["x5", "a"])),
        **fm.five_services(),
    })
    found = errors(check(root, now))
    assert [(p.rsplit("/", 1)[1], c) for p, _, c, _ in found] == [
        ("a.md", "broken_reference"), ("a.md", "broken_reference"), ("a.md", "broken_reference"),
        ("b.md", "broken_reference"), ("c.md", "broken_reference"),
    ]


def test_duplicate_slug_differing_only_in_extension_case(content_tree, fm, now):
    root = content_tree({"calls/voucher.md": fm.text(fm.call()), "calls/voucher.MD": fm.text(fm.call()),
                         **fm.five_services()})
    found = errors(check(root, now))
    assert [(c, line) for _, line, c, _ in found] == [("duplicate_slug", 1)]
    assert "voucher" in found[0][3]


# --- the five services ------------------------------------------------------------------------

def test_exactly_five_services_is_fine(content_tree, fm, now):
    root = content_tree(fm.five_services())
    result = run_checks(root, now, root=root.parent)
    assert errors(result.report) == []
    assert len(result.content["services"]) == 5


def test_missing_service_kind_is_reported(content_tree, fm, now):
    services = fm.five_services()
    del services["services/coaching.md"]
    root = content_tree(services)
    found = errors(check(root, now))
    assert [(p, line, c) for p, line, c, _ in found] == [("content/services", 1, "missing_service")]
    assert "`kind: coaching`" in found[0][3]


def test_empty_services_folder_reports_all_five(content_tree, now):
    root = content_tree({})
    (root / "services").mkdir()
    found = errors(check(root, now))
    assert [c for _, _, c, _ in found] == ["missing_service"] * 5


def test_two_services_of_the_same_kind_are_both_reported_at_kind(content_tree, fm, now):
    text = fm.text(fm.service("coaching", title="Coaching bis"))
    root = content_tree({**fm.five_services(), "services/coaching-bis.md": text})
    found = errors(check(root, now))
    assert [(p, line, c) for p, line, c, _ in found] == [
        ("content/services/coaching-bis.md", line_of(text, "kind:"), "duplicate_service_kind"),
        ("content/services/coaching.md", line_of(text, "kind:"), "duplicate_service_kind"),
    ]
    assert "coaching.md" in found[0][3] and "coaching-bis.md" in found[1][3]


# --- images -------------------------------------------------------------------------------------

def test_story_image_must_exist(content_tree, fm, now):
    from content_factory import tiny_png

    text = fm.text(fm.story(image="content/images/filiera.png", image_alt="Il campo della cooperativa"))
    root = content_tree({"stories/filiera.md": text, **fm.five_services()})
    found = errors(check(root, now))
    assert [(line, c) for _, line, c, _ in found] == [(line_of(text, "image:"), "image_missing")]
    assert "content/images/filiera.png" in found[0][3]
    # once the file is there (path relative to the repository), the story is fine
    (root / "images").mkdir()
    (root / "images" / "filiera.png").write_bytes(tiny_png())
    assert errors(check(root, now)) == []


def test_story_image_relative_to_content_is_found(content_tree, fm, now):
    from content_factory import tiny_png

    root = content_tree({"stories/filiera.md": fm.text(fm.story(image="/images/filiera.png", image_alt="Il campo")),
                         "images/filiera.png": tiny_png(), **fm.five_services()})
    assert errors(check(root, now)) == []


def test_story_image_outside_the_repository_is_refused(content_tree, fm, now):
    text = fm.text(fm.story(image="../" * 30 + "etc/passwd", image_alt="Nessuna immagine"))
    root = content_tree({"stories/filiera.md": text, **fm.five_services()})
    assert [(line, c) for _, line, c, _ in errors(check(root, now))] == [(line_of(text, "image:"), "image_outside_folder")]
