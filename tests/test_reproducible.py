"""The same content at the same "now" gives the same site, byte for byte, in any process.

Python orders the members of a set of strings differently in each process (hash
randomisation): a value built by walking a set (``data-dove="sardegna calabria …"`` on the
cards of a call open from six regions) changed from one build to the next, so every build
looked like a change to the site. Two processes with different hash seeds must agree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from content_factory import call_data, front_matter

REPO = Path(__file__).resolve().parents[1]

DIGEST = """
import hashlib, sys
from pathlib import Path
from build_tools.clock import resolve_now
from build_tools.outputs import Output, SiteSettings
from build_tools.pipeline import build
result = build(Path(sys.argv[1]), resolve_now(), SiteSettings(site_url="https://example.org/lab/", demo=True), root=Path(sys.argv[2]))
assert not result.errors
for output in result.outputs:
    text = output.content if isinstance(output, Output) else "".join((output.title, output.description, output.content, output.head, output.scripts))
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    print(output.path, hashlib.sha256(data).hexdigest())
"""


def _digests(content: Path, seed: str) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "LAB_TODAY": "2026-11-25", "LAB_WORKERS": "1"}
    env.pop("LAB_NOW", None)
    done = subprocess.run([sys.executable, "-c", DIGEST, str(content), str(content.parent)], env=env, cwd=REPO,
                          capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def test_two_processes_build_the_same_outputs(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    south = call_data(title="Reti cooperative del Sud", scope="national",
                      territory={"regions": ["basilicata", "calabria", "campania", "puglia", "sardegna", "sicilia"],
                                 "office": "operating"})
    (content / "calls" / "reti-cooperative-sud.md").write_text(front_matter(south), encoding="utf-8")
    runs = [_digests(content, seed) for seed in ("1", "2", "3")]
    assert len(runs[0]) > 100
    for other in runs[1:]:
        different = [a.split()[0] for a, b in zip(runs[0], other) if a != b]
        assert other == runs[0], f"outputs that differ between two builds: {different[:10]}"
