"""Explain a YAML syntax error in Italian, at the line that causes it.

PyYAML reports where its reader *stopped*, which is often far from the mistake: an
unclosed quote is noticed at the end of the front matter, a `-title:` without a space
one line later. Editors fix what they can see, so this module looks at the text around
the stop for the few mistakes that cause nearly every syntax error (a `: ` inside an
unquoted value, a Tab, a `-` without a space, a quote or bracket left open, a line
indented differently from its neighbours) and points at that line and column, still
saying where the reader stopped. Works with the C and the pure-Python reader alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

#: The YAML text starts on line 2 of the file (line 1 is `---`).
_FIRST_LINE = 2
_KEY = re.compile(r"\s*(?:-\s+)?([^\s:#'\"][^:]*?):(?:\s|$)")
_DASH_NO_SPACE = re.compile(r"\s*-[^\s\-]")
_GENERIC = ("di solito è un `: ` (due punti e spazio) in un testo senza virgolette, un Tab al posto degli spazi, "
            "un `-` senza spazio dopo o un rientro diverso da quello delle righe vicine")


@dataclass(frozen=True)
class Explained:
    """Where to point (1-based line in the file, 1-based column) and the Italian message."""

    line: int
    column: int
    message: str


def explain(exc: yaml.MarkedYAMLError, yaml_text: str) -> Explained:
    """The cause of ``exc`` (raised while reading ``yaml_text``) as an editor can act on it."""
    lines = yaml_text.split("\n")
    stop = exc.problem_mark or exc.context_mark
    stop_line, stop_col = (stop.line, stop.column) if stop is not None else (0, 0)
    line, col, hint = _cause(exc, lines, stop_line, stop_col)
    where = f"riga {line + _FIRST_LINE}, colonna {col + 1}"
    problem = exc.problem or exc.context or "sintassi non valida"
    if (line, col) == (stop_line, stop_col):
        stopped = f"il lettore YAML dice: «{problem}»"
    else:
        stopped = f"il lettore YAML si è fermato alla riga {stop_line + _FIRST_LINE}, colonna {stop_col + 1}: «{problem}»"
    return Explained(line + _FIRST_LINE, col + 1, f"YAML non valido alla {where}: {hint} ({stopped})")


def _text(lines: list[str], index: int) -> str:
    return lines[index] if 0 <= index < len(lines) else ""


def _cause(exc: yaml.MarkedYAMLError, lines: list[str], line: int, col: int) -> tuple[int, int, str]:
    """(0-based line, 0-based column, Italian hint) of the likely mistake."""
    problem = (exc.problem or "").lower()
    context = (exc.context or "").lower()
    mark = exc.context_mark
    text = _text(lines, line)
    for index in (line, mark.line if mark is not None else line):  # a Tab near the stop is the likeliest cause
        tab = _text(lines, index).find("\t")
        if tab >= 0 and ("tab" in problem or "\\t" in problem or "cannot start any token" in problem or index == line):
            return index, tab, ("c'è un carattere Tab: YAML accetta solo spazi per i rientri e tra chiave e valore; "
                                "sostituiscilo con spazi")
    if "quoted scalar" in context and mark is not None:
        return mark.line, mark.column, ("le virgolette aperte qui non sono chiuse: aggiungi quella di chiusura alla fine "
                                        "del valore (se il testo contiene un apostrofo, usa le virgolette doppie: "
                                        "`\"l'Europa\"`)")
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        if mark is not None:
            return mark.line, mark.column, (f"la parentesi `{bracket}` aperta qui non è chiusa: chiudi l'elenco con "
                                            f"`{closing}` sulla stessa riga, per esempio `[grant, voucher]`")
    quoted = _after_closing_quote(text)
    if quoted is not None:
        return line, quoted, ("il testo continua dopo la virgoletta di chiusura: se il valore contiene virgolette o "
                              "un apostrofo, racchiudilo nell'altro tipo di virgolette (`\"l'Europa\"`, "
                              "`'il \"nuovo\" bando'`) oppure raddoppia l'apostrofo (`'l''Europa'`)")
    opened = _unclosed_quote_above(lines, line)
    if opened is not None:
        return opened[0], opened[1], ("le virgolette aperte qui non si chiudono su questa riga, così YAML legge il "
                                      "testo fino alle prossime virgolette: aggiungi quella di chiusura alla fine "
                                      "del valore")
    if "mapping values are not allowed" in problem:
        key = _KEY.match(text)
        if key is not None and key.end(1) < col:
            return line, col, (f"il valore di `{key.group(1)}` contiene `:` seguito da uno spazio, che YAML legge come "
                               f"una nuova chiave: metti il valore tra virgolette, per esempio "
                               f"`{key.group(1)}: \"…: …\"`")
        return _indentation(lines, line)
    if "could not find expected ':'" in problem and mark is not None:
        start = _text(lines, mark.line)
        glued = re.match(r"\s*(?:-\s+)?([A-Za-z_]+):\S", start)
        if glued is not None:
            return mark.line, glued.end(1), (f"dopo i due punti di `{glued.group(1)}:` serve uno spazio: "
                                            f"`{glued.group(1)}: valore`")
        return mark.line, mark.column, ("questa riga non è nella forma `chiave: valore`: aggiungi la chiave e `: `, "
                                        "oppure unisci il testo alla riga del suo valore")
    if "block sequence entries are not allowed" in problem:
        return line, col, ("un `- ` dopo una chiave, sulla stessa riga, non è ammesso: per un elenco vai a capo e scrivi "
                           "un elemento per riga (`  - valore`); per un testo che inizia con un trattino mettilo tra "
                           "virgolette")
    if ("block scalar" in context or "anchor" in context) and mark is not None:
        line, col = mark.line, mark.column
        text = _text(lines, line)
    char = text[col:col + 1]
    if char in ("@", "`", "%", "*", "&", "|", ">", "!"):
        shown = f"`` {char} ``" if char == "`" else f"`{char}`"
        return line, col, (f"un valore non può iniziare con {shown}: mettilo tra virgolette, "
                           f"per esempio `\"{char}…\"`")
    if "expected key" in problem or "expected <block end>" in problem or "indicator" in problem:
        return _indentation(lines, line)
    return line, col, _GENERIC


def _after_closing_quote(text: str) -> int | None:
    """Column of text that follows a quoted value's closing quote on the same line, if any."""
    key = _KEY.match(text)
    if key is None:
        return None
    rest = text[key.end():].lstrip(" ")
    start = len(text) - len(rest)
    if not rest or rest[0] not in "'\"":
        return None
    end = _closing(rest)
    if end is None:
        return None
    tail = rest[end + 1:].strip()
    return start + end + 1 if tail and not tail.startswith("#") else None


def _unclosed_quote_above(lines: list[str], line: int) -> tuple[int, int] | None:
    """(line, column) of the nearest value above ``line`` that opens a quote and does not close it there."""
    for index in range(min(line, len(lines) - 1), -1, -1):
        text = lines[index]
        key = _KEY.match(text)
        if key is None:
            continue
        rest = text[key.end():].strip(" ")
        if rest[:1] in ("'", '"') and _closing(rest) is None:
            return index, len(text) - len(text[key.end():].lstrip(" "))
    return None


def _closing(quoted: str) -> int | None:
    """Index of the quote that closes ``quoted`` (which starts with one), or None."""
    quote = quoted[0]
    index = 1
    while index < len(quoted):
        if quote == '"' and quoted[index] == "\\":
            index += 2
            continue
        if quoted[index] == quote:
            if quote == "'" and quoted[index + 1:index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return None


def _indentation(lines: list[str], line: int) -> tuple[int, int, str]:
    """A line whose indentation does not fit: a `-title` just above, or a different number of spaces."""
    previous = line - 1
    while previous >= 0 and (not lines[previous].strip() or lines[previous].lstrip().startswith("#")):
        previous -= 1
    for index in (line, previous):
        if _DASH_NO_SPACE.match(_text(lines, index)):
            return index, _text(lines, index).index("-"), (
                "dopo il trattino `-` di un elenco serve uno spazio: scrivi `- valore` (per esempio `  - title: …`)")
    text = _text(lines, line)
    spaces = len(text) - len(text.lstrip(" "))
    return line, spaces, ("il rientro di questa riga non corrisponde a quello delle righe vicine: le chiavi dello "
                          "stesso blocco hanno lo stesso numero di spazi all'inizio (per esempio due sotto "
                          "`contact:`), le chiavi principali nessuno")
