"""The Italian error page a live preview shows while the content has errors.

During `serve` an editor looks at the browser, not at the terminal: a build that stops on
a content error left every request waiting for a site that never came. Instead the preview
is rebuilt with this page in place of every page — the checker's ``file:line`` messages
and what to do — and the live reload brings the real site back once the files are fixed.
A real build (``build``, CI) still stops on the first error: this page is never published.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined

from build_tools.diagnostics import Diagnostic
from build_tools.outputs import Page

TITLE = "Errori nei contenuti"


def error_page(path: str, errors: list[Diagnostic]) -> Page:
    """The page at ``path`` (``bandi/index.md``), listing ``errors`` in reading order."""
    env = Environment(loader=PackageLoader("build_tools.outputs.html", "templates"), autoescape=True,
                      undefined=StrictUndefined)
    count = "1 errore" if len(errors) == 1 else f"{len(errors)} errori"
    files = len({d.path for d in errors})
    headline = f"{count} nei contenuti" + ("" if files == 1 else f" ({files} file)")
    content = env.get_template("content-errors.html").render(headline=headline, errors=errors)
    return Page(path, TITLE, f"{headline}: correggi i file indicati", content, hide=("toc", "navigation"))
