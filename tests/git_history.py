"""A throw-away Git repository whose commits carry chosen dates, for history tests.

``GitRepo(path).commit({"content/calls/x.md": text}, "message", when)`` writes the files
(``None`` deletes one), commits them with author and committer date ``when``, and returns
the commit id. Identity and configuration are local to the repository.
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime
from pathlib import Path


class GitRepo:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Redazione")
        self.git("config", "user.email", "redazione@example.org")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, when: datetime | None = None) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        if when is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
        done = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return done.stdout

    def commit(self, files: dict[str, str | None], message: str, when: datetime) -> str:
        for rel, text in files.items():
            path = self.root / rel
            if text is None:
                self.git("rm", "-q", rel)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            self.git("add", rel)
        self.git("commit", "-q", "--allow-empty", "-m", message, when=when)
        return self.git("rev-parse", "HEAD").strip()
