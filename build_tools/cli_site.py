"""The site commands of the CLI: ``build`` and ``serve`` (MkDocs, with our plugin), ``stage``
and ``build --renderer`` (any renderer, without it). Imported only when one of them runs."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from build_tools.clock import resolve_now


def cmd_stage(args: argparse.Namespace) -> int:
    from build_tools.renderers.stage import StageError, stage

    try:
        staged = stage(Path(args.dir), resolve_now(args.today), Path(args.config_file))
    except StageError as exc:
        print(f"errore: {exc}", file=sys.stderr)
        return 1
    if staged.result.history_note:
        print(f"nota: {staged.result.history_note}")
    print(f"pagine pronte in {staged.config_file.parent.as_posix()}: "
          f"`mkdocs build -f {staged.config_file.as_posix()}` (oppure properdocs, zensical)")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """``build --renderer``: stage in a temporary folder, render with that renderer, index for search."""
    import tempfile

    from build_tools.renderers.search import SearchIndexError
    from build_tools.renderers.stage import StageError, render, stage

    extra = [a for a in args.mkdocs_args if a != "--"]
    site_dir = Path("site")
    for flag in ("-d", "--site-dir"):
        if flag in extra:
            at = extra.index(flag)
            site_dir = Path(extra[at + 1])
            del extra[at:at + 2]
    try:
        with tempfile.TemporaryDirectory(prefix="lab-stage-") as folder:
            staged = stage(Path(folder), resolve_now(args.today), site_dir=site_dir)
            if staged.result.history_note:
                print(f"nota: {staged.result.history_note}")
            render(staged, args.renderer, extra=extra)
    except (StageError, SearchIndexError) as exc:
        print(f"errore: {exc}", file=sys.stderr)
        return 1
    print(f"sito costruito con {args.renderer} in {site_dir.as_posix()}")
    return 0


def cmd_mkdocs(args: argparse.Namespace) -> int:
    """Run MkDocs (strict) with "now" fixed in the environment, so the plugin sees the same date."""
    env = dict(os.environ)
    if args.today:
        env["LAB_NOW"] = resolve_now(args.today).isoformat()
    extra = [a for a in args.mkdocs_args if a != "--"]
    if args.command == "serve" and not env.get("SITE_URL"):
        # preview at the root of the local server, not under the published site's sub-path
        address = _option_value(extra, "-a", "--dev-addr") or "127.0.0.1:8000"
        env["SITE_URL"] = f"http://{address}/"
        print(f"Anteprima su http://{address}/ (si aggiorna a ogni modifica di content/; "
              "con un errore nei contenuti ogni pagina mostra l'elenco degli errori)", flush=True)
    command = [sys.executable, "-m", "mkdocs", args.command, "--strict", *extra]
    if args.command == "serve" and hasattr(os, "execve"):
        # become MkDocs: Ctrl-C or `kill <pid>` then stops the server itself, and no child is left holding the port
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, command, env)
    return subprocess.call(command, env=env)


def _option_value(args: list[str], *names: str) -> str | None:
    """The value of ``-a X``, ``--dev-addr X`` or ``--dev-addr=X`` among MkDocs' options."""
    for index, arg in enumerate(args):
        if arg in names and index + 1 < len(args):
            return args[index + 1]
        for name in names:
            if name.startswith("--") and arg.startswith(name + "="):
                return arg.split("=", 1)[1]
    return None
