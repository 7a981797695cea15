"""Links between pages: the hand-written relative path is the library's, for every kind of path."""

from __future__ import annotations

import itertools
import posixpath
import random

from build_tools.outputs.html.urls import Linker, relpath

PARTS = ["bandi", "storie", "x", "pagina", "2", "feed", "bandi.xml", ".", "..", "", "dove", "lazio"]


def _paths(rng: random.Random, count: int) -> list[str]:
    paths = ["", ".", "/", "bandi", "bandi/", "bandi//x", "/bandi/x", "../bandi", "./bandi/x/"]
    for _ in range(count):
        path = "/".join(rng.choice(PARTS) for _ in range(rng.randint(0, 5)))
        paths.append(path + rng.choice(["", "/"]))
    return paths


def test_the_relative_path_is_the_one_posixpath_gives() -> None:
    rng = random.Random(7)
    pairs = list(itertools.product(_paths(rng, 60), _paths(rng, 60)))
    different = [(path, base) for path, base in pairs
                 if relpath(path, base) != posixpath.relpath(path or ".", base or ".")]
    assert len(pairs) > 4000
    assert not different, different[:10]


def test_links_from_a_page_reach_their_targets() -> None:
    linker = Linker(["bandi/x.md", "bandi/dove/lazio/pagina/2.md", "index.md"])
    assert linker.relative("bandi/x/", "bandi/dove/lazio/pagina/2/") == "../../../../x/"
    assert linker.relative("feed/bandi.xml", "bandi/x/") == "../../feed/bandi.xml"
    assert linker.relative("", "bandi/x/") == "../../"
    assert linker.relative("bandi/x/#scadenza", "bandi/x/") == "./#scadenza"
    assert linker.relative(".", "") == "./"
