"""Templates and check messages for the editor guide, both proven by the checker itself.

Each template is written into a temporary content tree and checked: the guide cannot be
generated if a template has a single error or warning. Each example of a mistake is a
valid call with one thing broken; the guide quotes what :func:`run_checks` really prints
for it, so the messages an editor reads in the guide are the ones GitHub will show.
Everything runs at the fixed instant :data:`GUIDE_NOW`, so the output is reproducible.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.pipeline import run_checks
from build_tools.diagnostics import Diagnostic
from build_tools.editor.guide_templates import (
    CALL_PATH, CALL_TEMPLATE, EVENT_TEMPLATE, GUIDE_NOW, SERVICE_HEAD, SERVICE_PATH, STORY_PATH, STORY_TEMPLATE,
    STUB_STORY,
)



class GuideError(Exception):
    """The guide cannot be updated (missing file or markers, or an example that misbehaves)."""


class ExampleError(GuideError):
    """A template does not pass the check, or an example does not produce a message."""


def check_tree(files: dict[str, str]) -> list[Diagnostic]:
    """Write ``files`` (path → text) into a temporary repository and check it at GUIDE_NOW."""
    with tempfile.TemporaryDirectory(prefix="guida-") as tmp:
        root = Path(tmp)
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return run_checks(root / "content", GUIDE_NOW, root=root).report.sorted()


def _only(diagnostics: list[Diagnostic], path: str) -> list[Diagnostic]:
    return [d for d in diagnostics if d.path == path]


def render_templates() -> str:
    """The three templates, each proven clean by the checker."""
    service = SERVICE_HEAD + EVENT_TEMPLATE + "---\nI seminari del Laboratorio.\n"
    found = check_tree({CALL_PATH: CALL_TEMPLATE, STORY_PATH: STORY_TEMPLATE, SERVICE_PATH: service})
    for path in (CALL_PATH, STORY_PATH, SERVICE_PATH):
        problems = _only(found, path)
        if problems:
            raise ExampleError("il modello non supera il controllo:\n" + "\n".join(d.format() for d in problems))
    return "\n".join([
        "#### Modello per un bando (`content/calls/<nome-del-bando>.md`)", "",
        "```markdown", CALL_TEMPLATE.rstrip("\n"), "```", "",
        "#### Modello per una storia (`content/stories/<nome-della-storia>.md`)", "",
        "```markdown", STORY_TEMPLATE.rstrip("\n"), "```", "",
        "#### Modello per un evento (da aggiungere sotto `events:` in `content/services/seminari-e-webinar.md`)", "",
        "Ogni evento inizia con due spazi, un trattino e uno spazio (`- title:`); le righe seguenti hanno quattro spazi. "
        "Il link per iscriversi e quello della diretta vanno in `registration_url:` e `online_url:` (indirizzi completi, "
        "con https://).",
        "",
        "```yaml", "events:", EVENT_TEMPLATE.rstrip("\n"), "```",
    ])


@dataclass(frozen=True)
class Example:
    """A valid call with one mistake: ``replace`` maps lines of the template to their broken form."""

    title: str
    cause: str
    shown: str
    fix: str
    replace: dict[str, str] = field(default_factory=dict)
    extra_files: dict[str, str] = field(default_factory=dict)
    language: str = "yaml"

    def text(self) -> str:
        text = CALL_TEMPLATE
        for old, new in self.replace.items():
            if old not in text:
                raise ExampleError(f"esempio «{self.title}»: il modello non contiene {old!r}")
            text = text.replace(old, new, 1)
        return text

    def messages(self) -> list[str]:
        found = _only(check_tree({CALL_PATH: self.text(), **self.extra_files}), CALL_PATH)
        if not found:
            raise ExampleError(f"esempio «{self.title}»: il controllo non segnala nulla")
        return [d.format() for d in found]


EXAMPLES: tuple[Example, ...] = (
    Example(
        "Chiave sconosciuta («forse intendevi…»)",
        "il nome di una chiave è scritto male, o la chiave non esiste: il controllo propone quella più simile.",
        "dealine: 2027-03-31T17:00",
        "correggi il nome come suggerito (qui `deadline`). I nomi delle chiavi sono in inglese, minuscoli, con `_`.",
        {"deadline: 2027-03-31T17:00": "dealine: 2027-03-31T17:00"},
    ),
    Example(
        "Data nel formato sbagliato",
        "le date si scrivono anno-mese-giorno, con i trattini; l'ora, se c'è, dopo una `T`.",
        "deadline: 31/03/2027",
        "scrivi `deadline: 2027-03-31` oppure, con l'ora, `deadline: 2027-03-31T17:00`.",
        {"deadline: 2027-03-31T17:00": "deadline: 31/03/2027"},
    ),
    Example(
        "Valore non ammesso",
        "alcune chiavi accettano solo i valori dell'elenco (in inglese, minuscoli): il messaggio li elenca tutti.",
        "funding_source: regionale",
        "usa uno dei valori elencati (qui `regional`); le tabelle dei campi qui sopra dicono che cosa significa ciascuno.",
        {"funding_source: regional": "funding_source: regionale"},
    ),
    Example(
        "Requisiti: «any», un elenco o un blocco",
        "le chiavi dei requisiti (`sizes`, `territory`, `ateco`, `company_age`, `purposes`) hanno tre stati: se mancano il "
        "requisito è «non indicato dal bando»; `any` vuol dire «nessun vincolo»; altrimenti si scrive il vincolo.",
        "sizes: tutte\nterritory:\n  provinces: [Roma, LT]",
        "per «nessun vincolo» scrivi `sizes: any`; le province si scrivono con la sigla (`RM`); i comuni con il codice "
        "ISTAT tra virgolette (`\"058091\"` è Roma).",
        {"sizes: [micro, small, medium]": "sizes: tutte", "provinces: [RM, LT]": "provinces: [Roma, LT]"},
    ),
    Example(
        "Manca una chiave obbligatoria",
        "una chiave obbligatoria è stata cancellata o non è mai stata scritta.",
        "# (la riga `funder: …` non c'è)",
        "aggiungi la riga, per esempio `funder: Regione Lazio`. Le chiavi obbligatorie sono segnate con **sì** nelle tabelle.",
        {"funder: Regione Lazio\n": ""},
    ),
    Example(
        "Elenco vuoto",
        "un elenco obbligatorio deve avere almeno un valore.",
        "beneficiaries: []",
        "scrivi almeno un valore tra le parentesi quadre: `beneficiaries: [cooperatives]`.",
        {"beneficiaries: [cooperatives, social_cooperatives]": "beneficiaries: []"},
    ),
    Example(
        "Rientro sbagliato (YAML)",
        "dentro un blocco (`contact:`, `documents:`, `events:`…) ogni riga deve avere lo stesso numero di spazi. "
        "Il messaggio indica la riga e la colonna da correggere e, tra parentesi, dove si è fermato il lettore YAML "
        "con le sue parole in inglese (*mapping values are not allowed in this context* vuol dire «qui c'è un `:` "
        "che non mi aspettavo»).",
        "contact:\n  name: Sportello imprese\n   url: https://www.lazioinnova.it/contatti",
        "allinea le righe del blocco: due spazi prima di `name:` e due prima di `url:`. Non usare il tasto Tab.",
        {"  url: https://www.lazioinnova.it/contatti": "   url: https://www.lazioinnova.it/contatti"},
    ),
    Example(
        "Due punti in un testo senza virgolette (YAML)",
        "un testo che contiene `: ` (due punti e spazio) confonde YAML, che lo legge come una nuova chiave.",
        "title: Voucher digitali: le cooperative del Lazio",
        'metti il testo tra virgolette: `title: "Voucher digitali: le cooperative del Lazio"`.',
        {"title: Voucher per la digitalizzazione delle cooperative del Lazio":
         "title: Voucher digitali: le cooperative del Lazio"},
    ),
    Example(
        "Virgolette non chiuse (YAML)",
        "un testo aperto con le virgolette e non chiuso: YAML continua a leggere fino in fondo e si ferma "
        "alla fine del front matter, ma il messaggio indica la riga dove le virgolette si aprono.",
        'funder: "Regione Lazio',
        'chiudi le virgolette alla fine del valore: `funder: "Regione Lazio"` (o toglile: qui non servono).',
        {"funder: Regione Lazio": 'funder: "Regione Lazio'},
    ),
    Example(
        "Trattino senza spazio in un elenco (YAML)",
        "in un elenco scritto una riga per elemento, dopo il trattino serve uno spazio: senza, YAML legge un testo.",
        "beneficiaries:\n  -cooperatives\n  -social_cooperatives",
        "scrivi `  - cooperatives` (trattino, spazio, valore), o l'elenco tra parentesi quadre: `[cooperatives, social_cooperatives]`.",
        {"beneficiaries: [cooperatives, social_cooperatives]": "beneficiaries:\n  -cooperatives\n  -social_cooperatives"},
    ),
    Example(
        "Segnaposto rimasto",
        "il file è stato creato con `new` e pubblicato (senza `draft: true`) prima di sostituire tutti i valori "
        "di esempio: «Da completare», indirizzi `example.org`, righe segnate `# DA COMPLETARE`.",
        "funder: Da completare\nurl: https://www.example.org/da-completare\n"
        "deadline: 2027-03-31T17:00  # DA COMPLETARE: scrivi la scadenza del bando ufficiale",
        "scrivi i valori veri presi dal bando ufficiale e togli «DA COMPLETARE» dai commenti. Finché la scheda non è "
        "pronta, rimetti `draft: true`.",
        {"funder: Regione Lazio": "funder: Da completare", "url: https://www.lazioinnova.it/\n": "url: https://www.example.org/da-completare\n",
         "deadline: 2027-03-31T17:00": "deadline: 2027-03-31T17:00  # DA COMPLETARE: scrivi la scadenza del bando ufficiale"},
    ),
    Example(
        "Scadenza prima dell'apertura",
        "`deadline` è uguale o precedente a `opens`: di solito un errore di battitura nel mese o nell'anno.",
        "opens: 2027-04-01T12:00\ndeadline: 2027-03-31T17:00",
        "ricontrolla le date sul bando ufficiale.",
        {"opens: 2027-02-01T12:00": "opens: 2027-04-01T12:00"},
    ),
    Example(
        "Collegamento a un contenuto che non esiste",
        "`related_stories`, `related_services` e `related_calls` contengono nomi di file (senza `.md`): "
        "qui il nome è incompleto.",
        "related_stories: [terre-del-tevere-filiera]",
        "copia il nome esatto del file dalla cartella (`content/stories/`), senza `.md`: il controllo suggerisce quello più simile.",
        {"published: 2027-01-10\n": "related_stories: [terre-del-tevere-filiera]\npublished: 2027-01-10\n"},
        {STUB_STORY: "---\ntitle: Storia\n---\n"},
    ),
    Example(
        "HTML non ammesso",
        "per sicurezza il sito non pubblica script, riquadri incorporati (`<iframe>`, per esempio i video di YouTube), "
        "moduli, stili e link `javascript:`.",
        '<iframe src="https://www.youtube.com/embed/abc123"></iframe>',
        "togli il codice HTML e metti un link normale: `[Guarda il video](https://www.youtube.com/watch?v=abc123)`.",
        {"## Come partecipare\n": '## Come partecipare\n\n<iframe src="https://www.youtube.com/embed/abc123"></iframe>\n'},
        language="markdown",
    ),
    Example(
        "Avviso: scadenza passata",
        "un avviso, non un errore: il bando è scaduto ed è passato nell'archivio del sito. "
        "Lo stesso avviso compare ogni notte nel riepilogo della pubblicazione.",
        "deadline: 2027-01-12",
        "se l'ente ha prorogato il bando, scrivi la nuova data in `deadline` e quella vecchia in `deadline_extended_from`; "
        "altrimenti non serve fare nulla.",
        {"opens: 2027-02-01T12:00": "opens: 2026-12-01T12:00", "deadline: 2027-03-31T17:00": "deadline: 2027-01-12"},
    ),
    Example(
        "Avviso: bando in scadenza",
        "mancano pochi giorni alla scadenza: sul sito il bando mostra «In scadenza».",
        "deadline: 2027-01-20T17:00",
        "nessuna correzione: è un promemoria per segnalarlo nei canali del Laboratorio e ricontrollare eventuali proroghe.",
        {"opens: 2027-02-01T12:00": "opens: 2026-12-01T12:00", "deadline: 2027-03-31T17:00": "deadline: 2027-01-20T17:00"},
    ),
    Example(
        "Avviso: fonte da ricontrollare",
        "la pagina ufficiale di un bando ancora aperto non è stata ricontrollata da molto tempo.",
        "verified: 2026-09-01",
        "apri la pagina ufficiale (`url`), controlla date e importi, aggiorna quello che è cambiato e scrivi la data di oggi in `verified`.",
        {"verified: 2027-01-10": "verified: 2026-09-01"},
    ),
)


def render_messages() -> str:
    out = [f"Gli esempi partono dal modello di bando qui sopra, con un solo errore; il controllo è fatto come se "
           f"oggi fosse il {GUIDE_NOW.day} gennaio {GUIDE_NOW.year}.", ""]
    for number, example in enumerate(EXAMPLES, start=1):
        out += [f"#### {number}. {example.title}", "", example.cause[0].upper() + example.cause[1:], "",
                f"```{example.language}", example.shown, "```", "", "Il controllo scrive:", "",
                "```text", *example.messages(), "```", "", f"**Come correggere:** {example.fix}", ""]
    return "\n".join(out).rstrip("\n")
