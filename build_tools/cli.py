"""Command line: ``python -m build_tools check|report|preview|new|schema|guide|build|serve``.

With the MkDocs plugin, the only place that reads the clock and the environment.
Exit codes: 0 fine, 1 content problems, 2 the command itself was misused.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from build_tools.cli_italian import use_italian
from build_tools.clock import ClockError, resolve_now
from build_tools.renderers import RENDERERS

# Each command imports what it needs: `build` and `serve` hand over to MkDocs (a new process
# that loads the pipeline itself), and need not load it here first.

_SINGULAR = {"call": "calls", "story": "stories", "service": "services"}


def _parser() -> argparse.ArgumentParser:
    use_italian()
    parser = argparse.ArgumentParser(prog="python -m build_tools", description="Strumenti del sito del Laboratorio.")
    sub = parser.add_subparsers(dest="command", required=True, title="comandi", metavar="COMANDO")

    check = sub.add_parser("check", help="controlla tutti i contenuti")
    check.add_argument("--today", metavar="DATA", help="data (AAAA-MM-GG) o data e ora da usare come 'oggi'")
    check.add_argument("--content", default="content", metavar="CARTELLA", help="cartella dei contenuti (se manca: content)")
    check.add_argument("--strict", action="store_true", help="anche gli avvisi fanno fallire il controllo")
    check.add_argument("--format", choices=("text", "github"), default="text", help="formato dei messaggi")
    check.add_argument("--closing-soon-days", type=int, metavar="GIORNI",  # default: DEFAULT_CLOSING_SOON_DAYS (cmd_check)
                       help="giorni prima della scadenza in cui un bando è «in scadenza» (se manca: 14)")
    check.add_argument("--summary", metavar="FILE",
                       help="aggiunge a FILE un riepilogo in Markdown (errori, scadenze): per $GITHUB_STEP_SUMMARY")

    report = sub.add_parser("report", help="elenco notturno: bandi scaduti, in scadenza, fonti da ricontrollare")
    report.add_argument("--issue-body", metavar="FILE", required=True,
                        help="scrive in FILE il testo della segnalazione (vuoto se non c'è nulla da fare)")
    report.add_argument("--today", metavar="DATA", help="data (AAAA-MM-GG) o data e ora da usare come 'oggi'")
    report.add_argument("--content", default="content", metavar="CARTELLA", help="cartella dei contenuti (se manca: content)")

    preview = sub.add_parser("preview", help="riepilogo di una pull request: le schede cambiate come appariranno sul sito")
    preview.add_argument("--changed", metavar="FILE", required=True,
                         help="elenco dei file cambiati, uno per riga (git diff --name-only)")
    preview.add_argument("--artifact-url", metavar="URL", help="indirizzo dell'anteprima del sito da scaricare")
    preview.add_argument("--summary", metavar="FILE", help="aggiunge il riepilogo a FILE invece di stamparlo")
    preview.add_argument("--today", metavar="DATA", help="data (AAAA-MM-GG) o data e ora da usare come 'oggi'")
    preview.add_argument("--content", default="content", metavar="CARTELLA", help="cartella dei contenuti (se manca: content)")

    new = sub.add_parser("new", help="crea lo scheletro di un nuovo contenuto")
    new.add_argument("kind", choices=sorted(_SINGULAR), help="call, story o service")
    new.add_argument("title", help="titolo, tra virgolette")
    new.add_argument("--content", default="content", metavar="CARTELLA", help="cartella dei contenuti (se manca: content)")
    new.add_argument("--today", metavar="DATA", help="data di pubblicazione (se manca: oggi)")

    schema = sub.add_parser("schema", help="scrive lo JSON Schema di ogni raccolta")
    schema.add_argument("--out", default="schemas", metavar="CARTELLA", help="cartella di destinazione (se manca: schemas)")

    guide = sub.add_parser("guide", help="rigenera nella guida le parti generate dai modelli (campi, stati, messaggi)")
    guide.add_argument("--file", default="CONTRIBUTING.md", metavar="FILE", help="la guida da aggiornare (se manca: CONTRIBUTING.md)")
    guide.add_argument("--check", action="store_true", help="non scrive: esce con 1 se la guida non è aggiornata")

    for name, help_text in (("build", "costruisce il sito in site/"), ("serve", "anteprima del sito su http://127.0.0.1:8000")):
        command = sub.add_parser(name, help=help_text)
        command.add_argument("--today", metavar="DATA", help="data da usare come 'oggi'")
        if name == "build":
            command.add_argument("--renderer", choices=RENDERERS,
                                 help="costruisce senza il plugin: prepara le pagine (stage) e le fa impaginare "
                                      "da mkdocs, properdocs o zensical")
        command.set_defaults(mkdocs_args=[])
        command.epilog = ("Ogni altra opzione passa a mkdocs, per esempio " + (
            "-d CARTELLA (dove scrivere il sito) o -f mkdocs.yml" if name == "build" else
            "-a 127.0.0.1:8001 (un altro indirizzo) o -f mkdocs.yml") + f"; l'elenco completo: python -m mkdocs {name} --help")
        command.usage = f"python -m build_tools {name} [-h] [--today DATA]" + (
            " [--renderer {mkdocs,properdocs,zensical}]" if name == "build" else "") + " [OPZIONI DI MKDOCS]"

    stage = sub.add_parser("stage", help="scrive in DIR le pagine e la configurazione per un renderer, senza plugin")
    stage.add_argument("dir", metavar="CARTELLA", help="cartella di destinazione (docs/ e mkdocs.yml)")
    stage.add_argument("--today", metavar="DATA", help="data da usare come 'oggi'")
    stage.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="FILE", help="configurazione di partenza (se manca: mkdocs.yml)")
    return parser


def cmd_check(args: argparse.Namespace) -> int:
    from build_tools.pipeline import run_checks
    from build_tools.diagnostics import format_github
    from build_tools.deriving.status import DEFAULT_CLOSING_SOON_DAYS
    from build_tools.editor.job_summary import github_file_link, render_summary, write_summary

    if args.closing_soon_days is None:
        args.closing_soon_days = DEFAULT_CLOSING_SOON_DAYS
    now = resolve_now(args.today)
    content_dir = _content_dir(args)
    if content_dir is None:
        return 2
    root = _repository_root(content_dir)
    result = run_checks(content_dir, now, args.closing_soon_days, root=root)
    report = result.report
    for diagnostic in report.sorted():
        print(format_github(diagnostic) if args.format == "github" else diagnostic.format())
    files = sum(len(v) for v in result.content.entries.values())
    errors, warnings = len(report.errors), len(report.warnings)
    print(f"Controllo del {now:%Y-%m-%d %H:%M} (Europe/Rome): {files} {'file valido' if files == 1 else 'file validi'}, "
          f"{errors} {'errore' if errors == 1 else 'errori'}, {warnings} {'avviso' if warnings == 1 else 'avvisi'}")
    if args.summary:  # an empty value (e.g. $GITHUB_STEP_SUMMARY outside GitHub) means no summary
        text = render_summary(result, now, args.closing_soon_days, link=github_file_link(dict(os.environ)))
        try:
            write_summary(Path(args.summary), text)
        except OSError as exc:
            print(f"errore: impossibile scrivere il riepilogo in {args.summary}: {exc.strerror}", file=sys.stderr)
            return 2
    if errors or (args.strict and warnings):
        return 1
    return 0


def _content_dir(args: argparse.Namespace) -> Path | None:
    """``--content`` when it exists; otherwise an Italian message (the caller exits 2)."""
    content_dir = Path(args.content)
    if not content_dir.is_dir():
        print(f"errore: la cartella dei contenuti `{content_dir.as_posix()}` non esiste (usa --content)", file=sys.stderr)
        return None
    return content_dir


def _repository_root(content_dir: Path) -> Path:
    """Where paths in messages start: the current folder when the content is inside it."""
    cwd = Path.cwd().resolve()
    return cwd if content_dir.resolve().is_relative_to(cwd) else content_dir.resolve().parent


def cmd_report(args: argparse.Namespace) -> int:
    """The nightly issue body; the exit status says only whether the command could run (errors are the check's job)."""
    from build_tools.editor.issue_report import WEEK_DAYS, github_edit_link, render_issue_body
    from build_tools.pipeline import run_checks

    now = resolve_now(args.today)
    content_dir = _content_dir(args)
    if content_dir is None:
        return 2
    root = _repository_root(content_dir)
    body = render_issue_body(run_checks(content_dir, now, WEEK_DAYS, root=root), now, github_edit_link(dict(os.environ)))
    try:
        Path(args.issue_body).write_text(body, encoding="utf-8")
    except OSError as exc:
        print(f"errore: impossibile scrivere {args.issue_body}: {exc.strerror}", file=sys.stderr)
        return 2
    rows = sum(1 for line in body.splitlines() if line.startswith("| ") and line.endswith(".md` |"))
    print(f"{args.issue_body}: {rows} {'voce' if rows == 1 else 'voci'} da ricontrollare" if body
          else f"{args.issue_body}: nulla da ricontrollare (file vuoto: la segnalazione si può chiudere)")
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    """The pull request's changed items as the site will show them (errors are the check's job: exit 0)."""
    from build_tools.editor.job_summary import write_summary
    from build_tools.editor.pr_preview import read_changed, render_preview
    from build_tools.pipeline import run_checks

    now = resolve_now(args.today)
    content_dir = _content_dir(args)
    if content_dir is None:
        return 2
    root = content_dir.resolve().parent
    try:
        changed = read_changed(Path(args.changed), root)
    except OSError as exc:
        print(f"errore: impossibile leggere {args.changed}: {exc.strerror}", file=sys.stderr)
        return 2
    text = render_preview(run_checks(content_dir, now, root=root), now, changed, args.artifact_url or None)
    if not args.summary:
        print(text, end="")
        return 0
    try:
        write_summary(Path(args.summary), text)
    except OSError as exc:
        print(f"errore: impossibile scrivere il riepilogo in {args.summary}: {exc.strerror}", file=sys.stderr)
        return 2
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from build_tools.reading.registry import BY_NAME
    from build_tools.editor.scaffold import skeleton, slugify

    collection = BY_NAME[_SINGULAR[args.kind]]
    slug = slugify(args.title)
    if not slug:
        print("errore: il titolo deve contenere almeno una lettera o una cifra", file=sys.stderr)
        return 2
    folder = Path(args.content) / collection.folder
    path = folder / f"{slug}.md"
    if path.exists():
        print(f"errore: {path.as_posix()} esiste già: scegli un altro titolo o modifica quel file", file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(collection, args.title, resolve_now(args.today).date()), encoding="utf-8")
    print(f"creato {path.as_posix()}: sostituisci i valori «Da completare» e quelli segnati `# DA COMPLETARE`, "
          "poi togli `draft: true` per pubblicare")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from build_tools.outputs.schema import write_schemas

    for path in write_schemas(Path(args.out)):
        print(f"scritto {path.as_posix()}")
    return 0


def cmd_guide(args: argparse.Namespace) -> int:
    from build_tools.editor.guide import GuideError, update_guide

    path = Path(args.file)
    try:
        changed = update_guide(path, write=not args.check)
    except GuideError as exc:
        print(f"errore: {exc}", file=sys.stderr)
        return 2
    if args.check:
        if changed:
            print(f"{path.as_posix()} non è aggiornata rispetto ai modelli: esegui `python -m build_tools guide`")
            return 1
        print(f"{path.as_posix()} è aggiornata")
    else:
        print(f"{'aggiornata' if changed else 'già aggiornata'}: {path.as_posix()}")
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line; `build` and `serve` pass MkDocs' own options (`-d DIR`, `-a ADDR`…) to MkDocs."""
    parser = _parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        if args.command not in ("build", "serve"):
            parser.error(f"argomenti non riconosciuti: {' '.join(unknown)}")
        args.mkdocs_args = [a for a in unknown if a != "--"]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from build_tools.cli_site import cmd_mkdocs, cmd_render, cmd_stage

    handlers = {"check": cmd_check, "report": cmd_report, "preview": cmd_preview, "new": cmd_new, "schema": cmd_schema, "guide": cmd_guide, "build": cmd_mkdocs,
                "serve": cmd_mkdocs, "stage": cmd_stage}
    if args.command == "build" and args.renderer:
        return _guarded(cmd_render, args)
    return _guarded(handlers[args.command], args)


def _guarded(handler, args: argparse.Namespace) -> int:  # noqa: ANN001 - a command handler
    try:
        return handler(args)
    except ClockError as exc:
        print(f"errore: {exc}", file=sys.stderr)
        return 2
