"""How long reading the calls' history from Git takes at scale.

    python benchmarks/history.py [--calls 1000] [--edits 1000] [--work DIR]

Builds a throw-away repository: the generated calls (``generate.py``) committed in batches
of 50 over 2025, then ``--edits`` commits, each touching three calls — a *proroga*, a new
document, a body-only edit — spread over 2026. Prints the time of ``read_history`` (best of
three), the number of versions and the changes found.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

from build_tools.deriving.history import read_history  # noqa: E402
from build_tools.reading.models.common import ROME  # noqa: E402

DEADLINE = re.compile(r"^deadline: (\d{4}-\d{2}-\d{2})", re.MULTILINE)


def git(root: Path, *args: str, when: datetime | None = None) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.org",
               GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.org")
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def edit(path: Path, how: str, n: int) -> None:
    text = path.read_text(encoding="utf-8")
    if how == "proroga" and DEADLINE.search(text):
        old = date.fromisoformat(DEADLINE.search(text).group(1))
        text = DEADLINE.sub(f"deadline: {(old + timedelta(days=14)).isoformat()}", text, count=1)
    elif how == "document":
        marker = "\npublished: "
        if "\ndocuments:" not in text:
            text = text.replace(marker, f"\ndocuments:\n  - title: Allegato {n}\n    url: https://example.org/a{n}.pdf{marker}", 1)
        else:
            text = text.replace("\ndocuments:\n", f"\ndocuments:\n  - title: Allegato {n}\n    url: https://example.org/a{n}.pdf\n", 1)
    else:
        text += f"\nRevisione {n}.\n"
    path.write_text(text, encoding="utf-8")


def build_repo(root: Path, calls: int, edits: int) -> None:
    content = root / "content"
    generate(content, calls, 20)
    git(root, "init", "-q", "-b", "main")
    files = sorted((content / "calls").glob("*.md"))
    git(root, "add", "content/stories", "content/services")
    start = datetime(2025, 1, 2, 10, 0, tzinfo=ROME)
    for i in range(0, len(files), 50):
        git(root, "add", *[str(p.relative_to(root)) for p in files[i:i + 50]])
        git(root, "commit", "-q", "-m", f"Bandi {i}", when=start + timedelta(days=i // 50))
    rng = random.Random(1)
    start = datetime(2026, 1, 2, 9, 0, tzinfo=ROME)
    for n in range(edits):
        touched = rng.sample(files, 3)
        for path, how in zip(touched, ("proroga", "document", "body")):
            edit(path, how, n)
        git(root, "add", *[str(p.relative_to(root)) for p in touched])
        git(root, "commit", "-q", "-m", f"Modifica {n}", when=start + timedelta(hours=7 * n))


def cpu_seconds() -> float:
    """User + system time of this process and its finished children (git): steadier than the
    wall clock on a shared machine."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--work", type=Path, help="keep the repository here (default: a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.work or Path(tmp)
        if not (root / ".git").is_dir():
            began = time.perf_counter()
            build_repo(root, args.calls, args.edits)
            print(f"repository: {args.calls} bandi, {args.edits} commit di modifica "
                  f"({time.perf_counter() - began:.1f} s per crearlo)")
        now = datetime(2027, 12, 31, tzinfo=ROME)
        times, cpu = [], []
        for _ in range(3):
            began, used = time.perf_counter(), cpu_seconds()
            history = read_history(root / "content", now, env={})
            times.append(time.perf_counter() - began)
            cpu.append(cpu_seconds() - used)
        changes = sum(len(c) for c in history.changes.values())
        print(f"read_history: {min(times) * 1000:.0f} ms (migliore di 3; {', '.join(f'{t * 1000:.0f}' for t in times)}) "
              f"[CPU {min(cpu) * 1000:.0f} ms, git incluso] — {len(history.changes)} bandi con modifiche, {changes} modifiche")
    return 0


if __name__ == "__main__":
    sys.exit(main())
