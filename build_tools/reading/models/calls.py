"""Calls (schede bandi e finanziamenti): `content/calls/<slug>.md`, contract §2."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from build_tools.reading.models.common import (
    Contact, Day, Link, Moment, Money, Name, Problem, Slug, StrictModel, Summary, Tag, Text, Title, Url,
    dst_note, end_of, start_of,
)
from build_tools.reading.models.eligibility_keys import (
    AtecoOrAny, CompanyAgeOrAny, Purposes, Sizes, TerritoryOrAny, eligibility_problems,
)
from build_tools.reading.models.vocab import (
    PNRR_COMPONENTS, AidRegime, Beneficiary, FundingSource, Pathway, PnrrMission, Scope, Selection,
    StatusOverride, SupportType, TargetGroup,
)


#: A source not re-checked for this many days gets a warning (the guide says so too).
STALE_VERIFIED_DAYS = 90


class Pnrr(StrictModel):
    """Where a PNRR call sits in the plan."""

    mission: PnrrMission = Field(title="Missione", description="M1–M7 (M7 = REPowerEU)")
    component: str | None = Field(
        None, title="Componente", pattern=r"^M[1-7]C[1-9]$",
        description="per esempio M1C2; deve esistere nella missione",
    )
    investment: str | None = Field(None, title="Investimento", pattern=r"^\d+(\.\d+)*$", description='per esempio "1.1"')


class Window(StrictModel):
    """One application window of a call that opens more than once (`windows`)."""

    label: Name | None = Field(None, title="Nome della finestra", description='per esempio «Prima finestra»')
    opens: Moment | None = Field(None, title="Apertura")
    deadline: Moment = Field(title="Scadenza")


class Call(StrictModel):
    """A funding call or instrument."""

    title: Title = Field(title="Titolo", description="il nome del bando come lo capirebbe un'impresa, non la sigla del decreto")
    summary: Summary = Field(title="Sintesi", description="testo semplice, 20–400 caratteri: elenchi, feed e anteprime")
    funder: Name = Field(title="Ente finanziatore", description='chi mette i soldi, per esempio «Regione Lazio», «Ministero delle Imprese e del Made in Italy»')
    managing_body: Name | None = Field(None, title="Soggetto gestore", description='chi gestisce il bando, se diverso dal finanziatore (per esempio «Lazio Innova», «Invitalia»)')
    funding_source: FundingSource = Field(title="Fonte del finanziamento", description='da dove vengono i fondi')
    pnrr: Pnrr | None = Field(None, title="PNRR", description="obbligatorio con `funding_source: pnrr`", json_schema_extra={'required_when': 'con `funding_source: pnrr`'})
    support_types: list[SupportType] = Field(min_length=1, title="Tipo di agevolazione", description="che forma ha l'aiuto; se sono più d'una, indicale tutte")
    beneficiaries: list[Beneficiary] = Field(min_length=1, title="Beneficiari", description='chi può presentare la domanda')
    target_groups: list[TargetGroup] = Field(default_factory=list, title="Destinatari prioritari", description='le persone a cui il bando dà priorità, punteggi o riserve')
    pathways: list[Pathway] = Field(min_length=1, title="Percorsi", description='per chi è adatto tra i due percorsi del Laboratorio')
    scope: Scope = Field(title="Ambito territoriale", description='dove vale il bando')
    area: Name | None = Field(None, title="Area", description="il territorio preciso, se l'ambito non basta (per esempio «Città metropolitana di Roma Capitale»)")
    opens: Moment | None = Field(None, title="Apertura", description='da quando si può presentare la domanda; prima di questa data il bando è «In apertura»')
    deadline: Moment | None = Field(None, title="Scadenza", description="una data sola vale fino alle 23:59:59 (ora di Roma)", json_schema_extra={'required_when': 'sì, salvo `rolling: true` o `windows`'})
    deadline_extended_from: Moment | None = Field(None, title="Scadenza precedente (proroga)", description="la scadenza di prima, quando l'ente concede una proroga: deve essere prima della nuova `deadline`")
    windows: list[Window] = Field(default_factory=list, title="Finestre", description='per i bandi con più «sportelli» o finestre: sostituisce `opens`/`deadline`, in ordine e senza sovrapposizioni')
    rolling: bool = Field(False, title="A sportello", description='`true` per i bandi a sportello, aperti fino a esaurimento fondi; una `deadline` li chiude comunque')
    status_override: StatusOverride | None = Field(None, title="Stato impostato a mano", description="solo quando l'ente sospende, esaurisce i fondi o annulla il bando")
    status_note: Text | None = Field(None, title="Nota sullo stato", description='una frase che spiega il motivo, mostrata sulla scheda', json_schema_extra={'required_when': 'con `status_override`'})
    budget_total_eur: Money | None = Field(None, title="Dotazione complessiva (€)", description='in euro, solo cifre: `1500000` (senza punti né simbolo €)')
    min_grant_eur: Money | None = Field(None, title="Contributo minimo (€)", description='in euro, solo cifre; non più del contributo massimo')
    max_grant_eur: Money | None = Field(None, title="Contributo massimo (€)", description='in euro, solo cifre')
    funding_rate_pct: float | None = Field(None, gt=0, le=100, allow_inf_nan=False, title="Intensità dell'aiuto (%)", description='la percentuale delle spese coperta, per esempio `50`')
    url: Url = Field(title="Pagina ufficiale", description="la pagina ufficiale del bando sul sito dell'ente")
    documents: list[Link] = Field(default_factory=list, title="Documenti", description='allegati utili: bando, modulistica, domande frequenti')
    contact: Contact | None = Field(None, title="Contatti", description='a chi rivolgersi per informazioni sul bando')
    tags: list[Tag] = Field(default_factory=list, title="Etichette", description='parole chiave per la ricerca, minuscole con trattini')
    published: Day = Field(title="Data di pubblicazione", description='la data in cui la scheda va online; una data futura programma la pubblicazione')
    updated: Day | None = Field(None, title="Ultimo aggiornamento", description='da scrivere a ogni modifica importante (proroga, nuove risorse): il bando riappare nei feed')
    verified: Day | None = Field(None, title="Ultima verifica della fonte", description=f"l'ultima volta che qualcuno ha ricontrollato la pagina ufficiale; dopo {STALE_VERIFIED_DAYS} giorni il controllo lo segnala")
    sizes: Sizes | None = Field(None, title="Dimensioni d'impresa ammesse", description=(
        "Raccomandazione UE 2003/361: micro < 10 persone, piccola < 50, media < 250; se manca vale «non indicato "
        "dal bando»: il cercatore dirà «da verificare»"))
    territory: TerritoryOrAny | None = Field(None, title="Territorio richiesto", description=(
        "`any` = da tutta Italia; se manca, lo dice `scope` (con `scope: lazio` vale il Lazio; con `local` è «non indicato»)"))
    ateco: AtecoOrAny | None = Field(None, title="Attività economiche (ATECO)", description="se manca vale «non indicato dal bando»")
    company_age: CompanyAgeOrAny | None = Field(None, title="Età dell'impresa", description=(
        "per esempio `{max_years: 5}` per «costituite da non più di 5 anni»; se manca vale «non indicato dal bando»"))
    aid_regime: AidRegime | None = Field(None, title="Regime di aiuto",
                                         description="de minimis, GBER…: si legge nel bando, di solito nelle premesse")
    selection: Selection | None = Field(None, title="Modalità di selezione",
                                        description="con `click_day` serve l'ora di apertura in `opens` (o in ogni finestra)")
    purposes: Purposes | None = Field(None, title="Finalità",
                                      description="che cosa finanzia il bando, per chi cerca un bando adatto al proprio bisogno")
    related_stories: list[Slug] = Field(default_factory=list, title="Storie collegate", description='nomi dei file (senza `.md`) in `content/stories/`')
    related_services: list[Slug] = Field(default_factory=list, title="Servizi collegati", description='nomi dei file (senza `.md`) in `content/services/`')
    draft: bool = Field(False, title="Bozza", description='`true`: il file viene controllato ma non pubblicato')

    def deadlines(self) -> list[tuple[datetime | None, datetime]]:
        """(opens, deadline) as instants, one per window; a call without windows has at most one."""
        if self.windows:
            return [(start_of(w.opens) if w.opens else None, end_of(w.deadline)) for w in self.windows]
        if self.deadline is not None:
            return [(start_of(self.opens) if self.opens else None, end_of(self.deadline))]
        return []

    def last_deadline(self) -> datetime | None:
        spans = self.deadlines()
        return spans[-1][1] if spans else None

    def problems(self) -> list[Problem]:
        """Cross-field rules of the contract that a JSON Schema cannot express."""
        out: list[Problem] = []

        def bad(loc: tuple[str | int, ...], code: str, message: str) -> None:
            out.append(Problem(loc=loc, code=code, message=message))

        if self.funding_source is FundingSource.PNRR and self.pnrr is None:
            bad(("funding_source",), "pnrr_missing",
                "con `funding_source: pnrr` serve il blocco `pnrr` con almeno `mission` (es. `mission: M1`)")
        if self.pnrr is not None:
            if self.funding_source is not FundingSource.PNRR:
                bad(("pnrr",), "pnrr_unexpected", "il blocco `pnrr` vale solo con `funding_source: pnrr`")
            comp = self.pnrr.component
            mission = self.pnrr.mission.value
            if comp:
                count = PNRR_COMPONENTS[mission]
                valid = [f"{mission}C{i}" for i in range(1, count + 1)]
                if comp not in valid:
                    allowed = ", ".join(valid) if valid else "nessuna (M7 REPowerEU non ha componenti)"
                    bad(("pnrr", "component"), "pnrr_component",
                        f"la componente `{comp}` non esiste nella missione {mission}: ammesse {allowed}")
        if self.windows and (self.opens or self.deadline):
            bad(("windows",), "windows_and_deadline",
                "con `windows` non usare anche `opens`/`deadline`: metti le date dentro le finestre")
        if not self.windows and self.deadline is None and not self.rolling:
            bad(("deadline",), "deadline_missing",
                "manca `deadline`: indica la scadenza, oppure `rolling: true` per i bandi a sportello, oppure `windows`")
        if self.opens and self.deadline and end_of(self.deadline) <= start_of(self.opens):
            bad(("deadline",), "deadline_before_opens", "la scadenza (`deadline`) è prima dell'apertura (`opens`)")
        previous_end: datetime | None = None
        for i, w in enumerate(self.windows):
            if w.opens and end_of(w.deadline) <= start_of(w.opens):
                bad(("windows", i, "deadline"), "deadline_before_opens",
                    f"finestra {i + 1}: la scadenza è prima dell'apertura")
            begins = start_of(w.opens) if w.opens else end_of(w.deadline)
            if previous_end is not None and begins <= previous_end:
                bad(("windows", i), "windows_order",
                    f"finestra {i + 1}: deve iniziare dopo la scadenza della finestra precedente (in ordine, senza sovrapporsi)")
            previous_end = end_of(w.deadline)
        if self.deadline_extended_from is not None:
            if self.deadline is None:
                bad(("deadline_extended_from",), "extension_without_deadline",
                    "`deadline_extended_from` richiede la nuova `deadline`")
            elif end_of(self.deadline_extended_from) >= end_of(self.deadline):
                bad(("deadline_extended_from",), "extension_not_before",
                    "la scadenza prorogata (`deadline_extended_from`) deve essere precedente alla nuova `deadline`")
        last = self.last_deadline()
        if last is not None and start_of(self.published) > last:
            bad(("published",), "published_after_deadline",
                "la data di pubblicazione (`published`) è successiva all'ultima scadenza")
        if self.updated and self.updated < self.published:
            bad(("updated",), "updated_before_published", "`updated` non può essere prima di `published`")
        if self.status_override and not self.status_note:
            bad(("status_override",), "status_note_missing",
                "con `status_override` serve anche `status_note` (una frase che spiega il motivo)")
        if self.min_grant_eur is not None and self.max_grant_eur is not None and self.min_grant_eur > self.max_grant_eur:
            bad(("min_grant_eur",), "grant_range", "`min_grant_eur` è maggiore di `max_grant_eur`")
        if self.selection is Selection.CLICK_DAY:
            opens = [w.opens for w in self.windows] if self.windows else [self.opens]
            if not all(isinstance(o, datetime) for o in opens):
                where = "ogni finestra (`windows` → `opens`)" if self.windows else "`opens`"
                bad(("selection",), "click_day_hour",
                    f"un bando a click day deve indicare l'ora di apertura in {where}, es. `opens: 2027-03-10T10:00`")
        out += eligibility_problems(self)
        moments: list[tuple[tuple[str | int, ...], date | datetime | None]] = [
            (("opens",), self.opens), (("deadline",), self.deadline), (("deadline_extended_from",), self.deadline_extended_from)]
        for i, w in enumerate(self.windows):
            moments += [(("windows", i, "opens"), w.opens), (("windows", i, "deadline"), w.deadline)]
        for loc, moment in moments:
            note = dst_note(moment)
            if note:
                out.append(Problem(loc=loc, code="dst_ambiguous", message=note, warning=True))
        return out

    @property
    def is_timed(self) -> bool:
        return isinstance(self.deadline, datetime)

    @staticmethod
    def as_date(moment: date | datetime) -> date:
        return moment.date() if isinstance(moment, datetime) else moment
