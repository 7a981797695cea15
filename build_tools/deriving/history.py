"""Each call's published versions, read from Git, and the changes between them.

Two processes whatever the number of calls: one ``git log`` of the calls' folder on the main
line (``--first-parent``: a merged pull request is one publication, dated when it was merged)
with the blob each commit left (``--raw``, renames followed with ``-M``), and one
``git cat-file --batch`` that reads only the blobs of files that have more than one version.
A version whose front matter text did not change (a body-only edit) is not even parsed.

The history reaches the rest of the build as data (:class:`History`, slug → changes), so
every output stays a pure function of content, "now" and history.

- A shallow clone would give an empty history and wrong dates: :class:`HistoryError` stops the
  build with an Italian message, unless ``LAB_HISTORY=off`` says to build without history.
- No Git at all (an archive, a folder outside a repository): the build goes on, and
  :attr:`History.note` says once that there is no history.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from build_tools.deriving.changes import COMPARED_KEYS, Change, Version, call_changes, is_quiet
from build_tools.reading import frontmatter
from build_tools.reading.registry import CALLS

#: ``LAB_HISTORY=off`` (or 0, no, false) builds without reading Git, even from a shallow clone.
HISTORY_ENV = "LAB_HISTORY"
_OFF = ("off", "0", "no", "false")

SHALLOW_MESSAGE = (
    "il repository è una copia parziale (shallow clone): senza la storia completa la cronologia "
    "delle modifiche dei bandi sarebbe vuota o con date sbagliate, e il sito non è stato costruito. "
    "In GitHub Actions usa `actions/checkout` con `fetch-depth: 0`; in locale esegui "
    "`git fetch --unshallow`. Per costruire comunque senza cronologia imposta LAB_HISTORY=off."
)
NO_GIT_NOTE = ("cronologia delle modifiche non disponibile: i contenuti non sono in un repository Git "
               "(per esempio un archivio scaricato); le schede mostrano solo la prima pubblicazione")
OFF_NOTE = "cronologia delle modifiche disattivata (LAB_HISTORY=off)"


class HistoryError(ValueError):
    """The history cannot be trusted (a shallow clone): the build must stop (renderers report
    a ``ValueError`` of the pipeline as a build error, with its message)."""


@dataclass(frozen=True)
class History:
    """Announced changes of every call (slug → changes, oldest first), or why there are none."""

    changes: Mapping[str, tuple[Change, ...]] = field(default_factory=dict)
    note: str | None = None  # say it once in the build log

    def of(self, slug: str) -> tuple[Change, ...]:
        return self.changes.get(slug, ())


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat"}
    return subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=cwd, input=stdin,
                          capture_output=True, check=False, env=env)


def read_history(content_dir: Path, now: datetime, env: Mapping[str, str] | None = None) -> History:
    """The calls' history up to ``now``; raises :class:`HistoryError` on a shallow clone."""
    env = os.environ if env is None else env
    if env.get(HISTORY_ENV, "").strip().lower() in _OFF:
        return History(note=OFF_NOTE)
    content_dir = content_dir.resolve()
    if shutil.which("git") is None or not content_dir.is_dir():
        return History(note=NO_GIT_NOTE)
    probe = _git(["rev-parse", "--show-toplevel", "--is-shallow-repository"], content_dir)
    if probe.returncode != 0:
        return History(note=NO_GIT_NOTE)
    top_text, shallow = probe.stdout.decode("utf-8", "replace").splitlines()[:2]
    if shallow.strip() == "true":
        raise HistoryError(SHALLOW_MESSAGE)
    top = Path(top_text).resolve()
    folder = (content_dir / CALLS.folder).relative_to(top).as_posix()
    lineages = _lineages(top, folder, now)
    return History({slug: tuple(found) for slug, found in _changes(top, lineages, now).items() if found})


Step = tuple[datetime, bool, str | None]  # commit time, announce, blob id (None = removed)
Blocks = dict[str, str]  # top-level key → its block of YAML text


def _is_call_file(path: str, folder: str) -> bool:
    parent, _, name = path.rpartition("/")
    return parent == folder and name[:1] not in ("_", ".") and name[-3:].lower() == ".md"


def _lineages(top: Path, folder: str, now: datetime) -> dict[str, list[Step]]:
    """Path at its latest name → what each commit on the main line left there, oldest first."""
    log = _git(["log", "--first-parent", "-M", "--raw", "--no-abbrev", "--no-color",
                "--format=%x1e%H%x1f%ct%x1f%B%x1f", "--", folder], top)
    if log.returncode != 0:  # e.g. a repository without commits yet
        return {}
    lineages: dict[str, list[Step]] = {}
    for chunk in reversed(log.stdout.decode("utf-8", "replace").split("\x1e")[1:]):
        _sha, stamp, message, raw = chunk.split("\x1f", 3)
        at = datetime.fromtimestamp(int(stamp), timezone.utc)
        if at > now:
            continue
        announce = not is_quiet(message)
        for line in raw.splitlines():
            if not line.startswith(":"):
                continue
            meta, *paths = line.split("\t")
            _, _, _old_blob, blob, status = meta.split(" ")
            kind = status[:1]
            if kind == "R" and len(paths) == 2:
                old, new = paths
                steps = lineages.pop(old, []) if _is_call_file(old, folder) else []
                if _is_call_file(new, folder):
                    lineages[new] = steps + [(at, announce, blob)]
            elif kind == "D":
                if paths[0] in lineages:
                    lineages[paths[0]].append((at, announce, None))
            elif _is_call_file(paths[-1], folder):  # A, M, T, C
                lineages.setdefault(paths[-1], []).append((at, announce, blob))
    return lineages


def _read_blobs(top: Path, blobs: list[str]) -> dict[str, bytes]:
    if not blobs:
        return {}
    done = _git(["cat-file", "--batch"], top, stdin="".join(f"{b}\n" for b in blobs).encode())
    out, data, pos = {}, done.stdout, 0
    while pos < len(data):
        header_end = data.index(b"\n", pos)
        header = data[pos:header_end].split(b" ")
        if len(header) < 3:  # "<sha> missing"
            pos = header_end + 1
            continue
        size = int(header[2])
        out[header[0].decode()] = data[header_end + 1:header_end + 1 + size]
        pos = header_end + 1 + size + 1
    return out


def _changes(top: Path, lineages: dict[str, list[Step]], now: datetime) -> dict[str, list[Change]]:
    """Only files with two versions or more can have changed: read and compare those."""
    candidates = {path: steps for path, steps in lineages.items() if sum(b is not None for _, _, b in steps) > 1}
    blobs = _read_blobs(top, sorted({b for steps in candidates.values() for _, _, b in steps if b is not None}))
    out: dict[str, list[Change]] = {}
    for path, steps in candidates.items():
        versions: list[Version] = []
        last_blocks: Blocks | None = None
        last_data: dict[str, Any] | None = None
        for at, announce, blob in steps:
            data = None
            if blob is not None and blob in blobs:
                data, last_blocks = _front_matter(blobs[blob], last_blocks, last_data)
            last_data = data
            versions.append(Version(at, announce, data))
        out[PurePosixPath(path).stem] = call_changes(PurePosixPath(path).stem, versions, now)
    return out


def _front_matter(raw: bytes, last_blocks: Blocks | None, last_data: dict[str, Any] | None
                  ) -> tuple[dict[str, Any] | None, Blocks | None]:
    """The compared keys of one version. Only the blocks that differ from the previous version
    are parsed; when none does (a body-only or ``verified``-only edit) the previous version's
    very object comes back, and :func:`call_changes` skips it."""
    try:
        yaml_text, _, _ = frontmatter.split(frontmatter.decode(raw))
    except frontmatter.FrontMatterError:
        return None, None
    blocks = relevant_blocks(yaml_text)
    if last_blocks is None or last_data is None:
        changed = blocks
    elif blocks == last_blocks:
        return last_data, blocks
    else:
        changed = {k: v for k, v in blocks.items() if last_blocks.get(k) != v}
    try:
        parsed = frontmatter.load_data("".join(changed.values())) if changed else {}
    except yaml.YAMLError:
        parsed = None
    if not isinstance(parsed, dict) or set(parsed) != set(changed):  # a layout the cut could not follow
        try:
            full = frontmatter.load_data(yaml_text)
        except yaml.YAMLError:
            return None, None
        if not isinstance(full, dict):
            return None, None
        return {k: v for k, v in full.items() if k in COMPARED_KEYS}, None
    base = last_data if changed is not blocks and last_data is not None else {}
    return {**{k: v for k, v in base.items() if k in blocks}, **parsed}, blocks


_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:", re.MULTILINE)


def relevant_blocks(yaml_text: str) -> Blocks:
    """The top-level blocks of ``COMPARED_KEYS``, by key (a cheap, exact cut for block-style
    YAML: a key at column 0 starts a block, indented lines belong to it)."""
    found = list(_TOP_KEY.finditer(yaml_text))
    blocks: Blocks = {}
    for i, match in enumerate(found):
        if match.group(1) in COMPARED_KEYS:
            end = found[i + 1].start() if i + 1 < len(found) else len(yaml_text)
            block = yaml_text[match.start():end]
            blocks[match.group(1)] = block if block.endswith("\n") else block + "\n"
    return blocks
