"""Links that open GitHub's issue forms, prefilled: "Segnala un bando", "Segnala un errore".

Visitors who know of a missing call or spot a wrong date are the cheapest source of
corrections; the forms live in ``.github/ISSUE_TEMPLATE/`` and GitHub fills their fields
from the query string (``template``, ``title`` and each field's ``id``). The base address
(``…/issues/new``) is ``extra.issues_url`` in mkdocs.yml: without it no link is shown.
"""

from __future__ import annotations

from urllib.parse import urlencode

NEW_CALL_FORM = "segnala-un-bando.yml"
ERROR_FORM = "segnala-un-errore.yml"


def new_call_link(issues_url: str | None) -> str | None:
    """"Segnala un bando": the form, title already started."""
    if not issues_url:
        return None
    return f"{issues_url}?{urlencode({'template': NEW_CALL_FORM, 'title': '[Bando] '})}"


def error_link(issues_url: str | None, title: str | None = None, page_address: str | None = None) -> str | None:
    """"Segnala un errore", with the sheet's title and address filled in when known."""
    if not issues_url:
        return None
    query = {"template": ERROR_FORM, "title": f"[Errore] {title}" if title else "[Errore] "}
    if page_address:
        query["scheda"] = page_address  # the form's field id
    return f"{issues_url}?{urlencode(query)}"
