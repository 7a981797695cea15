"""The catalogue of diagnostics: every code the checker can emit, with its Italian title and hint.

One place for what a code means to an editor. :class:`build_tools.diagnostics.Report`
refuses a code that is not here, and the editor guide lists every entry (a generated region
of ``CONTRIBUTING.md``), so no message can reach an editor without an explanation.
Codes are stable English identifiers: GitHub annotations show them as titles.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    title: str  # what went wrong, in a few Italian words
    hint: str  # what to do about it


CODES: dict[str, Code] = {
    # reading: the file and its front matter
    "bad_slug": Code("Nome del file non valido", "rinomina il file: minuscole, cifre e trattini, al massimo 80 caratteri"),
    "unreadable": Code("File illeggibile", "salva il file come testo UTF-8; se non basta, ricrealo da uno esistente"),
    "encoding": Code("Codifica del testo", "salva il file in UTF-8 (nell'editor di GitHub lo è già)"),
    "empty_file": Code("File vuoto", "copia lo scheletro con `python -m build_tools new` o da un file esistente"),
    "missing_front_matter": Code("Manca il front matter", "la prima riga del file deve essere `---`"),
    "unclosed_front_matter": Code("Front matter non chiuso", "aggiungi una riga `---` dopo l'ultima chiave"),
    "empty_front_matter": Code("Front matter vuoto", "scrivi le chiavi obbligatorie tra le due righe `---`"),
    "not_a_mapping": Code("Front matter non è un elenco di chiavi", "ogni riga deve essere `chiave: valore`"),
    "yaml_syntax": Code("YAML non valido", "correggi alla riga e colonna indicate: il messaggio dice la causa più probabile "
                        "(virgolette o parentesi non chiuse, `: ` in un valore senza virgolette, Tab, `-` senza spazio, rientro)"),
    "yaml_key": Code("Chiave non valida", "le chiavi sono parole semplici, scritte una volta sola"),
    "yaml_tag": Code("Etichetta YAML non ammessa", "togli il `!` e scrivi il valore tra virgolette"),
    "yaml_alias": Code("Alias YAML non ammesso", "ripeti il valore invece di usare `&` e `*`"),
    "schema": Code("Valore non valido", "il messaggio dice la chiave e il valore atteso; la sezione 8 elenca i valori ammessi"),
    "empty_body": Code("Scheda senza testo", "scrivi il testo dopo il front matter"),
    "unsafe_html": Code("HTML non sicuro", "togli il codice indicato: nelle schede si scrive in Markdown"),
    "placeholder": Code("Segnaposto non completato", "scrivi il valore vero al posto di «Da completare», dell'indirizzo "
                        "di esempio o della riga segnata `# DA COMPLETARE`; finché non è pronta, rimetti `draft: true`"),
    "http_url": Code("Indirizzo non sicuro (http)", "usa `https://` se il sito lo permette"),
    "html_removed": Code("HTML che verrebbe tolto", "nessun rischio, ma la pagina non lo mostrerebbe: toglilo o usa ciò che la sezione 1 ammette"),
    # reading: rules between keys (models)
    "pnrr_missing": Code("Manca il blocco PNRR", "con `funding_source: pnrr` aggiungi `pnrr:` con almeno `mission`"),
    "pnrr_unexpected": Code("Blocco PNRR di troppo", "togli `pnrr:` o imposta `funding_source: pnrr`"),
    "pnrr_component": Code("Componente PNRR inesistente", "scegli una componente della missione indicata (per esempio M1C2)"),
    "windows_and_deadline": Code("Finestre e scadenza insieme", "con `windows` togli `opens` e `deadline`"),
    "deadline_missing": Code("Manca la scadenza", "scrivi `deadline`, oppure `rolling: true` per un bando a sportello"),
    "deadline_before_opens": Code("Scadenza prima dell'apertura", "controlla le date `opens` e `deadline`"),
    "windows_order": Code("Finestre fuori ordine", "metti le finestre in ordine di data, senza sovrapposizioni"),
    "extension_without_deadline": Code("Proroga senza scadenza", "con `deadline_extended_from` scrivi anche la nuova `deadline`"),
    "extension_not_before": Code("Proroga non anteriore", "`deadline_extended_from` è la scadenza di prima: deve precedere `deadline`"),
    "grant_range": Code("Importi invertiti", "`min_grant_eur` non può superare `max_grant_eur`"),
    "published_after_deadline": Code("Pubblicato dopo la scadenza", "controlla `published`: deve precedere l'ultima scadenza"),
    "updated_before_published": Code("Aggiornato prima della pubblicazione", "`updated` deve essere uguale o successiva a `published`"),
    "status_note_missing": Code("Manca la nota sullo stato", "con `status_override` scrivi in `status_note` il motivo"),
    "image_alt_missing": Code("Manca il testo alternativo", "con `image` scrivi in `image_alt` che cosa mostra l'immagine"),
    "event_end_before_start": Code("Evento che finisce prima di iniziare", "controlla `start` e `end` dell'evento"),
    "click_day_hour": Code("Click day senza ora di apertura", "scrivi l'ora in `opens` (o in ogni finestra), es. `2027-03-10T10:00`"),
    # reading: requirements (contract §2b)
    "duplicate_value": Code("Valore ripetuto", "scrivi ogni valore dell'elenco una volta sola"),
    "territory_empty": Code("Territorio senza luoghi", "con `scope: local` indica `regions`, `provinces` o `municipalities`"),
    "territory_scope": Code("Regione fuori dall'ambito", "con `scope: lazio` il territorio è nel Lazio, o cambia `scope`"),
    "territory_province": Code("Provincia fuori dal territorio", "la provincia deve stare nelle regioni indicate (o nel Lazio)"),
    "territory_municipality": Code("Comune fuori dal territorio", "il codice ISTAT deve stare nelle province o regioni indicate"),
    "ateco_empty": Code("ATECO senza elenchi", "aggiungi `include` o `exclude`, oppure scrivi `ateco: any`"),
    "ateco_code": Code("Codice ATECO inesistente", "usa una sezione o una divisione della versione indicata in `version`"),
    "ateco_both": Code("ATECO ammesso ed escluso", "tieni il codice in una sola lista, `include` o `exclude`"),
    "company_age_empty": Code("Età dell'impresa vuota", "indica `min_years`, `max_years` o `to_be_founded`, oppure `company_age: any`"),
    "company_age_range": Code("Anni invertiti", "`min_years` non può superare `max_years`"),
    "company_age_founded": Code("Da costituire con anni minimi", "togli `min_years` o `to_be_founded`"),
    "dst_ambiguous": Code("Ora inesistente o ripetuta (ora legale)", "scrivi l'ora giusta, o aggiungi il fuso (`+01:00` o `+02:00`)"),
    # reading: story images (resolved by the loader)
    "image_outside_folder": Code("Immagine fuori dalla cartella delle immagini", "carica l'immagine in `content/images/` e scrivi quel percorso"),
    "image_not_raster": Code("Non è un'immagine ammessa", "usa una foto JPEG, PNG, WebP o AVIF (conta il contenuto, non il nome)"),
    "image_wrong_extension": Code("Estensione dell'immagine sbagliata", "rinomina il file con l'estensione del suo formato"),
    "image_too_large": Code("Immagine troppo grande", "riduci l'immagine sotto i 5 MB"),
    # deriving: the whole content
    "no_content": Code("Cartella dei contenuti assente", "esegui il comando dalla cartella del progetto o usa `--content`"),
    "reserved_slug": Code("Nome del file riservato", "scegli un altro nome: questo è usato da una pagina del sito"),
    "broken_reference": Code("Collegamento a un file inesistente", "correggi il nome (senza `.md`) o togli il collegamento"),
    "duplicate_service_kind": Code("Tipo di servizio ripetuto", "ogni `kind` compare in un solo servizio"),
    "missing_service": Code("Manca un servizio", "i servizi sono esattamente cinque, uno per tipo"),
    "image_missing": Code("Immagine non trovata", "controlla il percorso di `image`"),
    "duplicate_slug": Code("Nome di file ripetuto", "due file hanno lo stesso nome: rinominane uno"),
    # deriving: the deadline report (warnings)
    "deadline_passed": Code("Scadenza passata", "se c'è una proroga aggiorna `deadline` e `deadline_extended_from`; altrimenti nulla"),
    "closing_soon": Code("In scadenza", "nessuna azione: il bando è segnalato ai visitatori"),
    "stale_verified": Code("Fonte da ricontrollare", "ricontrolla la pagina ufficiale e aggiorna `verified`"),
}


class UnknownCode(KeyError):
    """A stage emitted a code the catalogue does not explain: add it to ``CODES``."""


def explain(code: str) -> Code:
    try:
        return CODES[code]
    except KeyError:
        raise UnknownCode(f"diagnostic code {code!r} is not in build_tools/codes.py: add its Italian title and hint") from None
