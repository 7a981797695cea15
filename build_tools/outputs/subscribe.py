"""The /iscriviti/ page: how to follow the site, in plain Italian, with every feed, calendar and dataset.

Links are written relative to ``iscriviti.md`` so MkDocs checks them; when ``site_url`` is
known the full address is shown too, ready to paste into a feed reader or a calendar.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote

from build_tools.reading.models import ServiceKind
from build_tools.reading.registry import COLLECTIONS
from build_tools.deriving.site import Site
from build_tools.outputs import SiteSettings
from build_tools.outputs.calendar import DEADLINES_PATH
from build_tools.outputs.service_calendar import EVENTS_PATH
from build_tools.outputs.feeds import ATOM, FEEDS_BY_ID, RSS, SITE_WIDE, FeedSpec, interest_feed
from build_tools.outputs.interests import FACETS, INTERESTS, Interest
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


#: The builder's script (pages/assets/, loaded by templates/subscribe.html): it turns the lists
#: below into a small form; without it the lists are the whole page.
SCRIPT = "assets/iscriviti.js"
#: The facets the builder asks about, in its order (the lists show every facet).
BUILDER_FACETS = ("beneficiari", "percorso", "fonte", "dove")


def _interest_row(item: Interest, count: int, settings: SiteSettings) -> str:
    spec = interest_feed(item)
    return (f"| {item.label} | {_count(count)} | [RSS]({spec.path(RSS)}) · [Atom]({spec.path(ATOM)}) · "
            f"[Calendario]({item.calendar_path}) | {_full(settings, spec.path(RSS))} |")


def builder_data(settings: SiteSettings) -> dict:
    """What the script needs (the template writes it as JSON): each interest's feed and calendar addresses."""
    base = settings.site_url.rstrip("/") + "/" if settings.site_url else ""
    facets = []
    for facet in FACETS:
        if facet.listing_key not in BUILDER_FACETS:
            continue
        values = []
        for item in (i for i in INTERESTS if i.facet is facet):
            spec = interest_feed(item)
            values.append({"label": item.label, "rss": base + spec.path(RSS), "atom": base + spec.path(ATOM),
                           "ics": base + item.calendar_path,
                           "webcal": ("webcal://" + (base + item.calendar_path).split("://", 1)[1]) if base else ""})
        facets.append({"key": facet.segment, "question": facet.question, "values": values})
    return {"facets": facets}


def _filtered_section(site: Site, settings: SiteSettings) -> list[str]:
    counts = Counter(i.feed_id for page in site.current_calls for i in INTERESTS if i.matches(page))
    lines = [
        "## Solo i bandi che ti riguardano", "",
        "Scegli chi sei, il percorso, la fonte del finanziamento o la regione in cui operi: per ciascuna "
        "scelta c'è un feed con i bandi nuovi e aggiornati che la riguardano, e un calendario con le loro "
        "scadenze. Ogni elenco pronto di bandi (per esempio «Bandi per cooperative») ha il suo feed e il suo "
        "calendario. Nella scheda di ogni bando il browser trova anche il feed della sua fonte.", "",
        '<div id="costruisci-iscrizione" class="lab-iscriviti" hidden></div>', "",
    ]
    intros = {"beneficiari": "Le cooperative per prime: scegli la riga che ti descrive.",
              "percorso": "Il Laboratorio accompagna due percorsi: chi ha già un'impresa e chi ne vuole creare una nuova.",
              "fonte": "Per esempio, una cooperativa che segue solo le misure del PNRR sceglie la riga «PNRR».",
              "dove": "I bandi a cui puoi partecipare dalla regione in cui operi: quelli della regione e dei suoi "
                      "territori, più i nazionali, gli europei e gli internazionali aperti a tutta Italia. "
                      "Una cooperativa del Lazio sceglie la riga «Lazio».",
              "ambito": "Per chi segue un tipo di bando: l'ambito che il bando dichiara, dal Comune al mondo. "
                        "Per sapere a quali bandi puoi partecipare, scegli la tua regione in «Dove operi».",
              "stato": "Per seguire solo i bandi in un certo stato: aperti ora, in scadenza, in apertura."}
    for facet in FACETS:
        lines += [f"### {facet.question}", "", intros[facet.listing_key], "",
                  "| | Bandi in elenco oggi | Feed e calendario | Indirizzo del feed da copiare |", "|---|---|---|---|"]
        lines += [_interest_row(i, counts[i.feed_id], settings) for i in INTERESTS if i.facet is facet]
        lines.append("")
    return lines


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
        "- **Solo i bandi che ti riguardano**: ogni riga delle tabelle qui sopra ha il suo calendario.",
        "- **Un solo bando**: nella scheda di ogni bando il link «Aggiungi al calendario» scarica "
        "la sua scadenza.", "",
        "Ogni scadenza ha tre promemoria: 14 giorni prima, 3 giorni prima e la mattina del giorno stesso. "
        "I bandi con click day o non ancora aperti hanno anche l'apertura in calendario.", "",
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
        "Quando un bando viene aggiornato o prorogato torna in cima al feed, senza comparire due volte, "
        "e dice che cosa è cambiato; il feed «Modifiche ai bandi» ha una notizia per ogni modifica.", "",
        "Preferisci la posta elettronica? Thunderbird mostra i feed accanto alla posta, e molti lettori "
        "e servizi «RSS to email» mandano un messaggio per ogni novità: basta dare loro lo stesso "
        "indirizzo del feed.", "",
    ]
    body += _feeds_section(site, settings) + _filtered_section(site, settings)
    body += _calendar_section(settings) + _data_section(settings) + _help_section(site)
    return "\n".join(body)


TITLE = "Iscriviti"
DESCRIPTION = ("Come seguire i nuovi bandi, le scadenze e le storie del Laboratorio: "
               "feed RSS e Atom, calendari e dati aperti.")
