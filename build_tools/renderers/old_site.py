"""The previous build's files: overwritten where they are, the ones this build does not write deleted.

Before it builds, MkDocs empties the site folder, and every page is then a new file. On the
build machine, creating ten thousand files in new folders costs the system about ten times
what rewriting existing ones does (measured: 8–10 s against 0.8 s of system time for 10,000
pages of 8 KB), and deleting them held the build for one to four seconds more.

So the previous site stays: :meth:`PreviousSite.set_aside` moves its entries into a hidden
folder beside the site folder just before MkDocs empties it (a rename per top-level entry),
:meth:`~PreviousSite.put_back` moves them back before anything is written, and each file the
build writes overwrites its old copy. :meth:`~PreviousSite.sweep` then deletes every file this
build did not write (its change time is still the one it had before the build), and the folders
left empty: the site folder ends as a fresh build leaves it (``tests/test_old_site.py``).
Hidden entries are not touched, as MkDocs leaves them (the ``.git`` of ``gh-deploy``).

The search index is not put back: Pagefind does not rewrite a file whose name (a hash of its
content) exists, so an old file's times say nothing there. It is deleted, with anything a
stopped build left beside the site folder, by a separate process while the build runs (a
process: the pipeline forks its workers only from a process that runs no other thread).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: What the deleting process runs: every folder given, at low priority, errors ignored.
_DELETE = ("import os, shutil, sys\n"
           "hasattr(os, 'nice') and os.nice(10)\n"
           "for folder in sys.argv[1:]:\n"
           "    shutil.rmtree(folder, ignore_errors=True)\n")


#: What is not put back (:mod:`build_tools.renderers.search` writes it).
NOT_KEPT = ("pagefind",)


class PreviousSite:
    """The files a previous build left in the site folder, from before MkDocs empties it until the
    end of this build."""

    def __init__(self, site_dir: Path, aside: Path, entries: list[str]) -> None:
        self.site_dir, self._aside, self._entries = site_dir, aside, entries
        #: Every file put back, by path in the site folder: its times then.
        self._before: dict[str, tuple[int, int]] = {}
        self._deleting: subprocess.Popen[bytes] | None = None

    @classmethod
    def set_aside(cls, site_dir: Path) -> PreviousSite | None:
        """Move what MkDocs would delete out of ``site_dir``; None when there is nothing to keep
        (or it cannot be moved: then MkDocs deletes it as usual)."""
        try:
            site_dir = site_dir.resolve()
            entries = sorted(e for e in os.listdir(site_dir) if not e.startswith("."))
        except OSError:  # no site folder yet
            return None
        if not entries:
            return None
        aside = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
        moved: list[str] = []
        try:
            aside.mkdir(exist_ok=True)
            for entry in entries:
                os.rename(site_dir / entry, aside / entry)
                moved.append(entry)
        except OSError:  # another file system, no right to write beside the site folder...
            for entry in moved:
                os.rename(aside / entry, site_dir / entry)
            _remove_empty(aside, stop=aside.parent)
            return None
        return cls(site_dir, aside, moved)

    def put_back(self) -> None:
        """Once MkDocs has emptied the site folder: the old files where they were, and their times;
        the rest is deleted by another process."""
        for entry in self._entries:
            if entry not in NOT_KEPT:
                try:
                    os.rename(self._aside / entry, self.site_dir / entry)
                except OSError:  # (a file held open on Windows): deleted with the rest, the build writes it anew
                    pass
        left = sorted(str(p) for p in self.site_dir.parent.glob(f".{self.site_dir.name}.old-*") if p.is_dir())
        self._deleting = subprocess.Popen([sys.executable, "-c", _DELETE, *left], stdin=subprocess.DEVNULL,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        top = str(self.site_dir)
        for folder, folders, names in os.walk(top):
            if folder == top:  # hidden entries are not the build's
                folders[:] = [f for f in folders if not f.startswith(".")]
                names = [n for n in names if not n.startswith(".")]
            for name in names:
                path = os.path.join(folder, name)
                stat = os.lstat(path)
                self._before[os.path.relpath(path, top)] = (stat.st_mtime_ns, stat.st_ctime_ns)

    def sweep(self) -> None:
        """Delete the old files this build has not written, and the folders left empty; wait until
        the rest is deleted."""
        for path, times in self._before.items():
            full = self.site_dir / path
            try:
                stat = os.lstat(full)
            except OSError:
                continue
            if (stat.st_mtime_ns, stat.st_ctime_ns) == times:
                full.unlink()
                _remove_empty(full.parent, stop=self.site_dir)
        self._before = {}
        if self._deleting is not None:
            self._deleting.wait()


def _remove_empty(folder: Path, stop: Path) -> None:
    """``folder`` and its parents up to ``stop`` (excluded), as long as they are empty."""
    while folder != stop:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
