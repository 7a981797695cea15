"""The /iscriviti/ page: how to follow the site, in plain Italian, with every feed, calendar and dataset.

Links are written relative to ``iscriviti.md`` so MkDocs checks them; when ``site_url`` is
known the full address is shown too, ready to paste into a feed reader or a calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from build_tools.reading.models import FundingSource, Pathway, ServiceKind
from build_tools.reading.registry import COLLECTIONS
from build_tools.deriving.site import Site
from build_tools.outputs import SiteSettings
from build_tools.outputs.calendar import DEADLINES_PATH, EVENTS_PATH
from build_tools.outputs.feeds import ATOM, FEEDS_BY_ID, RSS, SITE_WIDE, FeedSpec, pathway_feed, source_feed
from build_tools.outputs.opendata import DATASETS, LICENSE, LICENSE_URL, data_schema_path
from build_tools.outputs.html.urls import source_uri

PATH = "iscriviti.md"

READERS = (
    ("Feedly", "https://feedly.com/", "sul web e come app per telefono"),
    ("Inoreader", "https://www.inoreader.com/", "sul web e come app per telefono"),
    ("NetNewsWire", "https://netnewswire.com/", "gratuito, per Mac, iPhone e iPad"),
    ("Feeder", "https://f-droid.org/packages/com.nononsenseapps.feeder/", "gratuito, per Android"),
    ("Thunderbird", "https://www.thunderbird.net/", "il programma di posta, che legge anche i feed"),
)


def _full(settings: SiteSettings, path: str) -> str:
    """`https://…/path` as code, to copy; empty when the site's address is not known."""
    if not settings.site_url:
        return ""
    return f"`{settings.site_url.rstrip('/')}/{path}`"


def _feed_row(spec: FeedSpec, what: str, settings: SiteSettings) -> str:
    return (f"| **{spec.title}** | {what} | [RSS]({spec.path(RSS)}) · [Atom]({spec.path(ATOM)}) "
            f"| {_full(settings, spec.path(RSS))} |")


def _count(n: int) -> str:
    return "nessuno" if n == 0 else ("1 bando" if n == 1 else f"{n} bandi")


def _feeds_section(site: Site, settings: SiteSettings) -> list[str]:
    what = {spec_id: FEEDS_BY_ID[spec_id].description.format(days=site.closing_soon_days) for spec_id in SITE_WIDE}
    rows = [_feed_row(FEEDS_BY_ID[i], what[i], settings) for i in SITE_WIDE]
    return [
        "## I feed del sito", "",
        "Ogni feed esiste in due formati, RSS e Atom: i lettori li accettano entrambi, scegline uno.", "",
        "| Feed | Cosa contiene | Formati | Indirizzo da copiare |", "|---|---|---|---|", *rows, "",
    ]


def _filtered_table(title: str, intro: str, rows: Iterable[tuple[str, FeedSpec, int]],
                    settings: SiteSettings) -> list[str]:
    lines = [f"### {title}", "", intro, "", "| | Bandi in elenco oggi | Formati | Indirizzo da copiare |", "|---|---|---|---|"]
    for label, spec, count in rows:
        lines.append(f"| {label} | {_count(count)} | [RSS]({spec.path(RSS)}) · [Atom]({spec.path(ATOM)}) "
                     f"| {_full(settings, spec.path(RSS))} |")
    return lines + [""]


def _filtered_section(site: Site, settings: SiteSettings) -> list[str]:
    current = site.current_calls
    sources = [(s.label, source_feed(s), sum(p.call.funding_source is s for p in current)) for s in FundingSource]
    pathways = [(p.label, pathway_feed(p), sum(p in page.call.pathways for page in current)) for p in Pathway]
    return [
        "## Solo i bandi che ti interessano", "",
        "Se ti interessa solo una parte dei bandi, iscriviti a uno di questi feed: ricevi i bandi "
        "nuovi e aggiornati di quella fonte o di quel percorso, e nient'altro. Nella scheda di ogni "
        "bando il browser trova anche il feed della sua fonte.", "",
        *_filtered_table("Per fonte di finanziamento",
                         "Per esempio, una cooperativa che segue solo le misure del PNRR sceglie la riga «PNRR».",
                         sources, settings),
        *_filtered_table("Per percorso",
                         "Il Laboratorio accompagna due percorsi: chi ha già un'impresa e chi ne vuole creare una nuova.",
                         pathways, settings),
    ]


def _webcal(settings: SiteSettings, path: str) -> str:
    if not settings.site_url:
        return ""
    url = f"{settings.site_url.rstrip('/')}/{path}"
    webcal = "webcal://" + url.split("://", 1)[1]
    google = "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe="")
    return f" [Iscriviti con un clic]({webcal}) · [Aggiungi a Google Calendar]({google}) · {_full(settings, path)}"


def _calendar_section(settings: SiteSettings) -> list[str]:
    return [
        "## Le scadenze nel tuo calendario", "",
        "I calendari funzionano con Google Calendar, Outlook, il Calendario di Apple e Thunderbird. "
        "Se ti *iscrivi* a un calendario (invece di scaricarlo una volta), il tuo programma lo "
        "ricontrolla da solo e vedi anche le proroghe e le nuove scadenze.", "",
        f"- **[Scadenze dei bandi]({DEADLINES_PATH})**: le prossime scadenze dei bandi aperti o in arrivo, "
        f"con l'ora quando il bando la indica.{_webcal(settings, DEADLINES_PATH)}",
        f"- **[Eventi del Laboratorio]({EVENTS_PATH})**: seminari, webinar e sportelli di orientamento."
        f"{_webcal(settings, EVENTS_PATH)}",
        "- **Un solo bando**: nella scheda di ogni bando il link «Aggiungi al calendario» scarica "
        "la sua scadenza, con un promemoria una settimana prima.", "",
        "Come iscriversi a un calendario:", "",
        "- **Google Calendar** (dal computer): *Altri calendari* → **+** → *Da URL*, incolla l'indirizzo.",
        "- **Outlook**: *Aggiungi calendario* → *Sottoscrivi dal Web*, incolla l'indirizzo.",
        "- **Calendario di Apple**: *File* → *Nuova sottoscrizione calendario*, incolla l'indirizzo.", "",
    ]


def _data_section(settings: SiteSettings) -> list[str]:
    rows = [
        ("dati/bandi.csv", "Tutti i bandi pubblicati, aperti e chiusi, in un foglio di calcolo: si apre con "
                           "Excel o LibreOffice (separatore `;`, numeri all'italiana, più valori nella stessa cella separati da una barra verticale)."),
        ("dati/bandi.json", "Gli stessi bandi in JSON, con stato, giorni alla scadenza e tutte le date con il fuso orario."),
        ("dati/storie.json", "Le storie di cooperative."),
        ("dati/servizi-eventi.json", "I cinque servizi del Laboratorio e i loro eventi."),
    ]
    lines = ["## Dati aperti", "",
             "Per chi vuole riusare le informazioni (enti, giornalisti, sviluppatori): i file hanno un "
             "indirizzo che non cambia e si aggiornano a ogni pubblicazione del sito.", "",
             "| File | Cosa contiene | Descrizione dei campi |", "|---|---|---|"]
    for path, what in rows:
        schema = data_schema_path(path) if path in DATASETS else data_schema_path("dati/bandi.json")
        lines.append(f"| [{path.rsplit('/', 1)[1]}]({path}) | {what} | [JSON Schema]({schema}) |")
    editors = ", ".join(f"[{c.label.lower()}](dati/schema/{c.name}.schema.json)" for c in COLLECTIONS)
    lines += ["", f"Licenza: [{LICENSE}]({LICENSE_URL}): puoi riusare i dati citando "
              "«Legacoop Lazio – Laboratorio di Contaminazione Digitale». "
              f"Gli schemi delle schede scritte dai redattori: {editors}.", ""]
    return lines


def _help_section(site: Site) -> list[str]:
    guidance = next((s for s in site.services if s.service.kind is ServiceKind.GUIDANCE), None)
    if guidance is None:
        return []
    return ["## Preferisci parlarne con qualcuno?", "",
            f"Feed e calendari ti avvisano; per capire se un bando fa per te c'è il servizio di "
            f"[{guidance.service.kind.label.lower()}]({source_uri(guidance)}), gratuito.", ""]


def render_subscribe(site: Site, settings: SiteSettings) -> str:
    readers = [f"- [{name}]({url}), {note};" for name, url, note in READERS]
    readers[-1] = readers[-1].rstrip(";") + "."
    body = [
        "# Resta aggiornato", "",
        "Vuoi sapere quando esce un nuovo bando, quando uno sta per scadere o quando viene prorogato? "
        "Non serve tornare ogni giorno sul sito: puoi ricevere le novità in un lettore di feed e "
        "vedere le scadenze nel tuo calendario.", "",
    ]
    if settings.demo:
        body += ['!!! warning "Contenuti dimostrativi"', "",
                 "    Questo sito mostra contenuti di esempio: feed, calendari e dati funzionano, "
                 "ma i bandi non sono reali.", ""]
    body += [
        "## Cos'è un lettore di feed", "",
        "Un *feed* (RSS o Atom) è un indirizzo che elenca le ultime novità di un sito. Un *lettore di "
        "feed* è un'app che controlla per te i siti che segui e ti mostra le novità in un unico posto, "
        "senza pubblicità e senza dare la tua email a nessuno. Alcuni lettori:", "",
        *readers, "",
        "Per iscriverti copia l'indirizzo di un feed (qui sotto) e incollalo nel lettore, di solito "
        "con il pulsante «Aggiungi» o «+». Molti lettori accettano anche l'indirizzo di una pagina "
        "del sito e trovano da soli i feed.", "",
        "Quando un bando viene aggiornato o prorogato torna in cima al feed, senza comparire due volte.", "",
    ]
    body += _feeds_section(site, settings) + _filtered_section(site, settings)
    body += _calendar_section(settings) + _data_section(settings) + _help_section(site)
    return "\n".join(body)


TITLE = "Iscriviti"
DESCRIPTION = ("Come seguire i nuovi bandi, le scadenze e le storie del Laboratorio: "
               "feed RSS e Atom, calendari e dati aperti.")
