"""Controlled vocabularies of the contract, each value with its Italian label, defined once.

The labels feed the site, the feeds, the open data, the JSON Schema and the editor guide.
"""

from __future__ import annotations

from enum import Enum


class LabeledEnum(str, Enum):
    """A string enum whose members carry an Italian label: ``Member = "value", "Etichetta"``."""

    label: str

    def __new__(cls, value: str, label: str) -> "LabeledEnum":
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    def __str__(self) -> str:
        return self.value

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {m.value: m.label for m in cls}

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):  # noqa: ANN001, ANN206
        """Publish the Italian labels in the JSON Schema (editors' tools show them)."""
        schema = handler(core_schema)
        schema = handler.resolve_ref_schema(schema)
        schema["x-labels"] = cls.labels()
        schema["description"] = "; ".join(f"{v} = {label}" for v, label in cls.labels().items())
        return schema


class FundingSource(LabeledEnum):
    PNRR = "pnrr", "PNRR"
    EU_DIRECT = "eu_direct", "Fondi europei diretti"
    EU_STRUCTURAL = "eu_structural", "Fondi strutturali europei"
    NATIONAL = "national", "Nazionale"
    REGIONAL = "regional", "Regionale"
    PRIVATE = "private", "Privato"
    OTHER = "other", "Altro"


class SupportType(LabeledEnum):
    GRANT = "grant", "Fondo perduto"
    SOFT_LOAN = "soft_loan", "Finanziamento agevolato"
    GUARANTEE = "guarantee", "Garanzia"
    EQUITY = "equity", "Capitale di rischio"
    TAX_CREDIT = "tax_credit", "Credito d'imposta"
    VOUCHER = "voucher", "Voucher"
    SERVICES = "services", "Servizi"
    PRIZE = "prize", "Premio"


class Beneficiary(LabeledEnum):
    COOPERATIVES = "cooperatives", "Cooperative"
    SOCIAL_COOPERATIVES = "social_cooperatives", "Cooperative sociali"
    SOCIAL_ENTERPRISES = "social_enterprises", "Imprese sociali"
    SME = "sme", "PMI"
    LARGE_ENTERPRISES = "large_enterprises", "Grandi imprese"
    STARTUPS = "startups", "Start-up"
    SPIN_OFFS = "spin_offs", "Spin-off"
    ENTERPRISE_NETWORKS = "enterprise_networks", "Reti di imprese"
    PUBLIC_PRIVATE_PARTNERSHIPS = "public_private_partnerships", "Partenariati pubblico-privati"
    THIRD_SECTOR = "third_sector", "Enti del Terzo settore"
    UNIVERSITIES_RESEARCH = "universities_research", "Università e centri di ricerca"
    PUBLIC_BODIES = "public_bodies", "Enti pubblici"
    INDIVIDUALS = "individuals", "Persone fisiche"


class TargetGroup(LabeledEnum):
    YOUTH = "youth", "Giovani"
    WOMEN = "women", "Donne"
    RESEARCHERS = "researchers", "Ricercatori e ricercatrici"
    STUDENTS = "students", "Studenti e studentesse"
    WORKERS_TO_RELOCATE = "workers_to_relocate", "Lavoratori e lavoratrici da ricollocare"
    DISADVANTAGED = "disadvantaged", "Persone svantaggiate"


class Pathway(LabeledEnum):
    EXISTING_BUSINESS = "existing_business", "Imprese esistenti, reti e partenariati pubblico-privati"
    NEW_BUSINESS = "new_business", "Spin-off e start-up"


class Scope(LabeledEnum):
    LOCAL = "local", "Locale"
    LAZIO = "lazio", "Lazio"
    NATIONAL = "national", "Nazionale"
    EUROPEAN = "european", "Europeo"
    INTERNATIONAL = "international", "Internazionale"


class StatusOverride(LabeledEnum):
    SUSPENDED = "suspended", "Sospeso"
    FUNDS_EXHAUSTED = "funds_exhausted", "Fondi esauriti"
    CANCELLED = "cancelled", "Annullato"


class CallStatus(LabeledEnum):
    """Derived at build time (contract §5); never written by editors."""

    FORTHCOMING = "forthcoming", "In apertura"
    OPEN = "open", "Aperto"
    CLOSING_SOON = "closing_soon", "In scadenza"
    ROLLING = "rolling", "A sportello"
    SUSPENDED = "suspended", "Sospeso"
    FUNDS_EXHAUSTED = "funds_exhausted", "Fondi esauriti"
    CANCELLED = "cancelled", "Annullato"
    CLOSED = "closed", "Chiuso"


class PnrrMission(LabeledEnum):
    M1 = "M1", "M1 – Digitalizzazione, innovazione, competitività, cultura e turismo"
    M2 = "M2", "M2 – Rivoluzione verde e transizione ecologica"
    M3 = "M3", "M3 – Infrastrutture per una mobilità sostenibile"
    M4 = "M4", "M4 – Istruzione e ricerca"
    M5 = "M5", "M5 – Inclusione e coesione"
    M6 = "M6", "M6 – Salute"
    M7 = "M7", "M7 – REPowerEU"


#: Components that exist in the plan, per mission (M7 REPowerEU has none).
PNRR_COMPONENTS: dict[str, int] = {"M1": 3, "M2": 4, "M3": 2, "M4": 2, "M5": 3, "M6": 2, "M7": 0}


class Sector(LabeledEnum):
    AGRIFOOD = "agrifood", "Agroalimentare"
    SOCIAL_SERVICES = "social_services", "Servizi sociali"
    HEALTH = "health", "Sanità"
    EDUCATION = "education", "Istruzione e formazione"
    CULTURE_TOURISM = "culture_tourism", "Cultura e turismo"
    ENVIRONMENT_ENERGY = "environment_energy", "Ambiente ed energia"
    LOGISTICS_MOBILITY = "logistics_mobility", "Logistica e mobilità"
    MANUFACTURING = "manufacturing", "Manifattura"
    CONSTRUCTION_HOUSING = "construction_housing", "Edilizia e abitare"
    RETAIL_CONSUMERS = "retail_consumers", "Commercio e consumo"
    ICT = "ict", "ICT"
    OTHER = "other", "Altro"


class Region(LabeledEnum):
    ABRUZZO = "abruzzo", "Abruzzo"
    BASILICATA = "basilicata", "Basilicata"
    CALABRIA = "calabria", "Calabria"
    CAMPANIA = "campania", "Campania"
    EMILIA_ROMAGNA = "emilia-romagna", "Emilia-Romagna"
    FRIULI_VENEZIA_GIULIA = "friuli-venezia-giulia", "Friuli-Venezia Giulia"
    LAZIO = "lazio", "Lazio"
    LIGURIA = "liguria", "Liguria"
    LOMBARDIA = "lombardia", "Lombardia"
    MARCHE = "marche", "Marche"
    MOLISE = "molise", "Molise"
    PIEMONTE = "piemonte", "Piemonte"
    PUGLIA = "puglia", "Puglia"
    SARDEGNA = "sardegna", "Sardegna"
    SICILIA = "sicilia", "Sicilia"
    TOSCANA = "toscana", "Toscana"
    TRENTINO_ALTO_ADIGE = "trentino-alto-adige", "Trentino-Alto Adige"
    UMBRIA = "umbria", "Umbria"
    VALLE_D_AOSTA = "valle-d-aosta", "Valle d'Aosta"
    VENETO = "veneto", "Veneto"


class ServiceKind(LabeledEnum):
    INFORMATION = "information", "Informazione e sensibilizzazione"
    GUIDANCE = "guidance", "Orientamento"
    SEMINARS = "seminars", "Attività seminariali e webinar"
    CAPACITY_BUILDING = "capacity_building", "Capacity building"
    COACHING = "coaching", "Coaching"


class ServiceFormat(LabeledEnum):
    IN_PERSON = "in_person", "In presenza"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Ibrido"


# --- eligibility (contract §2b) --------------------------------------------------------------


class CompanySize(LabeledEnum):
    """EU Recommendation 2003/361; the thresholds in plain words are in ``SIZE_THRESHOLDS``."""

    MICRO = "micro", "Microimpresa"
    SMALL = "small", "Piccola impresa"
    MEDIUM = "medium", "Media impresa"
    LARGE = "large", "Grande impresa"


#: What each size means, for a visitor who does not know the Recommendation by heart.
SIZE_THRESHOLDS: dict[str, str] = {
    "micro": "meno di 10 persone e fatturato o bilancio annuo fino a 2 milioni di euro",
    "small": "meno di 50 persone e fatturato o bilancio annuo fino a 10 milioni di euro",
    "medium": "meno di 250 persone e fatturato fino a 50 milioni di euro o bilancio fino a 43 milioni",
    "large": "250 persone o più, oppure oltre le soglie economiche delle medie imprese",
}


class Office(LabeledEnum):
    OPERATING = "operating", "Sede operativa"
    REGISTERED = "registered", "Sede legale"


class AtecoVersion(LabeledEnum):
    V2007 = "2007", "ATECO 2007"
    V2025 = "2025", "ATECO 2025 (in vigore dal 1° aprile 2025)"


class AidRegime(LabeledEnum):
    DE_MINIMIS = "de_minimis", "De minimis"
    GBER = "gber", "Regolamento generale di esenzione (GBER)"
    NOTIFIED = "notified", "Aiuto notificato alla Commissione europea"
    NOT_STATE_AID = "not_state_aid", "Non è un aiuto di Stato"
    OTHER = "other", "Altro"


class Selection(LabeledEnum):
    FIRST_COME = "first_come", "A sportello (in ordine di arrivo)"
    RANKING = "ranking", "Graduatoria"
    CLICK_DAY = "click_day", "Click day"
    AUTOMATIC = "automatic", "Automatica"
    NEGOTIATED = "negotiated", "Negoziale"


class Purpose(LabeledEnum):
    DIGITALISATION = "digitalisation", "Digitalizzazione"
    INNOVATION_RESEARCH = "innovation_research", "Innovazione e ricerca"
    ENERGY_ENVIRONMENT = "energy_environment", "Energia e ambiente"
    TRAINING = "training", "Formazione"
    INTERNATIONALISATION = "internationalisation", "Internazionalizzazione"
    BUSINESS_CREATION = "business_creation", "Avvio d'impresa"
    SOCIAL_INCLUSION = "social_inclusion", "Inclusione sociale"
    PRODUCTIVE_INVESTMENT = "productive_investment", "Investimenti produttivi"
    CULTURE_TOURISM = "culture_tourism", "Cultura e turismo"
    WELFARE = "welfare", "Welfare"
    OTHER = "other", "Altro"
