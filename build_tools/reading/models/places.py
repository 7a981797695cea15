"""Italian places and ATECO sections, as small tables: enough to validate a call and to match.

- provinces: the two-letter sigle of every region (Sardinia also keeps the historical sigle
  CI, OG, OT, VS, which reappear in its 2025 reorganisation), with their names for the finder's form;
- municipalities are six-digit ISTAT codes whose first three digits are the province's
  ISTAT code: only Lazio's provinces are mapped (056–060), elsewhere the format is checked;
- ATECO sections and the divisions each one holds, for ATECO 2007 (NACE Rev. 2) and
  ATECO 2025 (NACE Rev. 2.1, in force from 1 April 2025: 22 sections, J split into J and K).
"""

from __future__ import annotations

import re

#: region slug (``Region`` values) → {sigla: name}
PROVINCES: dict[str, dict[str, str]] = {
    "abruzzo": {"AQ": "L'Aquila", "CH": "Chieti", "PE": "Pescara", "TE": "Teramo"},
    "basilicata": {"MT": "Matera", "PZ": "Potenza"},
    "calabria": {"CS": "Cosenza", "CZ": "Catanzaro", "KR": "Crotone", "RC": "Reggio Calabria", "VV": "Vibo Valentia"},
    "campania": {"AV": "Avellino", "BN": "Benevento", "CE": "Caserta", "NA": "Napoli", "SA": "Salerno"},
    "emilia-romagna": {"BO": "Bologna", "FC": "Forlì-Cesena", "FE": "Ferrara", "MO": "Modena", "PC": "Piacenza",
                       "PR": "Parma", "RA": "Ravenna", "RE": "Reggio Emilia", "RN": "Rimini"},
    "friuli-venezia-giulia": {"GO": "Gorizia", "PN": "Pordenone", "TS": "Trieste", "UD": "Udine"},
    "lazio": {"FR": "Frosinone", "LT": "Latina", "RI": "Rieti", "RM": "Roma", "VT": "Viterbo"},
    "liguria": {"GE": "Genova", "IM": "Imperia", "SP": "La Spezia", "SV": "Savona"},
    "lombardia": {"BG": "Bergamo", "BS": "Brescia", "CO": "Como", "CR": "Cremona", "LC": "Lecco", "LO": "Lodi",
                  "MB": "Monza e Brianza", "MI": "Milano", "MN": "Mantova", "PV": "Pavia", "SO": "Sondrio",
                  "VA": "Varese"},
    "marche": {"AN": "Ancona", "AP": "Ascoli Piceno", "FM": "Fermo", "MC": "Macerata", "PU": "Pesaro e Urbino"},
    "molise": {"CB": "Campobasso", "IS": "Isernia"},
    "piemonte": {"AL": "Alessandria", "AT": "Asti", "BI": "Biella", "CN": "Cuneo", "NO": "Novara", "TO": "Torino",
                 "VB": "Verbano-Cusio-Ossola", "VC": "Vercelli"},
    "puglia": {"BA": "Bari", "BR": "Brindisi", "BT": "Barletta-Andria-Trani", "FG": "Foggia", "LE": "Lecce",
               "TA": "Taranto"},
    "sardegna": {"CA": "Cagliari", "CI": "Sulcis Iglesiente", "NU": "Nuoro", "OG": "Ogliastra",
                 "OR": "Oristano", "OT": "Gallura Nord-Est Sardegna", "SS": "Sassari", "SU": "Sud Sardegna",
                 "VS": "Medio Campidano"},
    "sicilia": {"AG": "Agrigento", "CL": "Caltanissetta", "CT": "Catania", "EN": "Enna", "ME": "Messina",
                "PA": "Palermo", "RG": "Ragusa", "SR": "Siracusa", "TP": "Trapani"},
    "toscana": {"AR": "Arezzo", "FI": "Firenze", "GR": "Grosseto", "LI": "Livorno", "LU": "Lucca",
                "MS": "Massa-Carrara", "PI": "Pisa", "PO": "Prato", "PT": "Pistoia", "SI": "Siena"},
    "trentino-alto-adige": {"BZ": "Bolzano", "TN": "Trento"},
    "umbria": {"PG": "Perugia", "TR": "Terni"},
    "valle-d-aosta": {"AO": "Aosta"},
    "veneto": {"BL": "Belluno", "PD": "Padova", "RO": "Rovigo", "TV": "Treviso", "VE": "Venezia", "VI": "Vicenza",
               "VR": "Verona"},
}
#: sigla → region slug
PROVINCE_REGION: dict[str, str] = {s: region for region, names in PROVINCES.items() for s in names}
#: ISTAT code of a province (first three digits of its municipalities' codes) → sigla; Lazio only
ISTAT_PROVINCE: dict[str, str] = {"056": "VT", "057": "RI", "058": "RM", "059": "LT", "060": "FR"}
MUNICIPALITY_RE = re.compile(r"^\d{6}$")
SIGLA_RE = re.compile(r"^[A-Z]{2}$")


def municipality_province(code: str) -> str | None:
    """``"058091"`` (Roma) → ``"RM"``; None where the table does not know the province."""
    return ISTAT_PROVINCE.get(code[:3])


# --- ATECO ----------------------------------------------------------------------------------

def _spans(*spans: tuple[str, int, int]) -> dict[str, str]:
    return {f"{d:02d}": section for section, low, high in spans for d in range(low, high + 1)}


#: version → {division: section}
ATECO_DIVISIONS: dict[str, dict[str, str]] = {
    "2007": _spans(("A", 1, 3), ("B", 5, 9), ("C", 10, 33), ("D", 35, 35), ("E", 36, 39), ("F", 41, 43),
                   ("G", 45, 47), ("H", 49, 53), ("I", 55, 56), ("J", 58, 63), ("K", 64, 66), ("L", 68, 68),
                   ("M", 69, 75), ("N", 77, 82), ("O", 84, 84), ("P", 85, 85), ("Q", 86, 88), ("R", 90, 93),
                   ("S", 94, 96), ("T", 97, 98), ("U", 99, 99)),
    "2025": _spans(("A", 1, 3), ("B", 5, 9), ("C", 10, 33), ("D", 35, 35), ("E", 36, 39), ("F", 41, 43),
                   ("G", 46, 47), ("H", 49, 53), ("I", 55, 56), ("J", 58, 60), ("K", 61, 63), ("L", 64, 66),
                   ("M", 68, 68), ("N", 69, 75), ("O", 77, 82), ("P", 84, 84), ("Q", 85, 85), ("R", 86, 88),
                   ("S", 90, 93), ("T", 94, 96), ("U", 97, 98), ("V", 99, 99)),
}
#: ATECO 2025 sections as the finder's form shows them (the classification on today's visure)
ATECO_2025_SECTIONS: dict[str, str] = {
    "A": "Agricoltura, silvicoltura e pesca",
    "B": "Estrazione di minerali da cave e miniere",
    "C": "Attività manifatturiere",
    "D": "Fornitura di energia elettrica, gas, vapore e aria condizionata",
    "E": "Acqua, reti fognarie, rifiuti e risanamento",
    "F": "Costruzioni",
    "G": "Commercio all'ingrosso e al dettaglio",
    "H": "Trasporto e magazzinaggio",
    "I": "Alloggio e ristorazione",
    "J": "Editoria, radiotelevisione, produzione e distribuzione di contenuti",
    "K": "Telecomunicazioni, informatica e altri servizi d'informazione",
    "L": "Attività finanziarie e assicurative",
    "M": "Attività immobiliari",
    "N": "Attività professionali, scientifiche e tecniche",
    "O": "Servizi amministrativi e di supporto",
    "P": "Amministrazione pubblica e difesa",
    "Q": "Istruzione",
    "R": "Sanità e assistenza sociale",
    "S": "Attività artistiche, sportive e di intrattenimento",
    "T": "Altre attività di servizi",
    "U": "Famiglie e convivenze come datori di lavoro",
    "V": "Organizzazioni ed organismi extraterritoriali",
}


def ateco_sections(version: str) -> list[str]:
    return sorted(set(ATECO_DIVISIONS[version].values()))
