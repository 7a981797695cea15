"""argparse speaks Italian: "uso", "argomenti", "opzioni", its error messages.

argparse looks its own words up through ``gettext`` at the moment it prints them; the
editors' commands (``check``, ``new``, ``serve``…) must not greet them in English. This
module gives argparse a lookup with the Italian of every message an editor can meet;
anything else stays as argparse wrote it. It touches nothing but argparse's lookup.
"""

from __future__ import annotations

import argparse

ITALIAN = {
    "usage: ": "uso: ",
    "positional arguments": "argomenti",
    "options": "opzioni",
    "show this help message and exit": "mostra questo aiuto ed esce",
    "%(prog)s: error: %(message)s\n": "%(prog)s: errore: %(message)s\n",
    "the following arguments are required: %s": "mancano questi argomenti: %s",
    "unrecognized arguments: %s": "argomenti non riconosciuti: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "scelta non valida: %(value)r (scegli tra %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argomento %(argument_name)s: %(message)s",
    "expected one argument": "serve un valore",
    "expected at least one argument": "serve almeno un valore",
    "expected at most one argument": "al massimo un valore",
    "invalid %(type)s value: %(value)r": "valore %(type)s non valido: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "opzione ambigua: %(option)s può essere %(matches)s",
    "not allowed with argument %s": "non si può usare insieme a %s",
    "one of the arguments %s is required": "serve uno di questi argomenti: %s",
    "ignored explicit argument %r": "valore ignorato: %r",
}


def _italian(message: str) -> str:
    return ITALIAN.get(message, message)


def use_italian() -> None:
    """From now on argparse prints its own words in Italian (idempotent)."""
    argparse._ = _italian  # type: ignore[attr-defined]  # argparse calls `_()` each time it prints
