"""Does a call fit a visitor? The finder's rule, pure: a call's requirements + the answers → verdict.

The same rule runs in the visitor's browser (``pages/assets/finder.js``); a browser test runs
the table of cases in ``tests/eligibility_cases.json`` through both and fails on any
difference. So this module speaks only JSON-like data:

- ``req``: a call's requirements as published in the finder's data (the open-data keys of
  contract §2b plus ``beneficiaries``, ``pathways``, ``scope``, ``target_groups``, ``aid_regime``,
  ``selection``, and ``dove``: the regions one can apply from, ``*`` for all, derived by
  :mod:`build_tools.deriving.territory` like the explorer's and the feeds'); a missing key is
  "non indicato dal bando";
- ``answers``: what the visitor said, under the page's URL keys (``beneficiari``, ``percorso``,
  ``regione``, ``provincia``, ``comune``, ``dimensione``, ``ateco``, ``anni``, ``bisogni``,
  ``destinatari``); a missing key is "non risposto";
- ``tables``: labels and places (:func:`finder_tables`), shipped in the page's data too.

Each requirement is ``ok``, ``unknown`` or ``no``; the verdict is ``non_compatibile`` if one is
``no``, else ``da_verificare`` if one is ``unknown``, else ``compatibile``. Neither "not stated by
the call" nor "not answered" ever counts as met, unless the call admits every possible answer.
"""

from __future__ import annotations

from typing import Any

OK, UNKNOWN, NO = "ok", "unknown", "no"
KEYS = ("beneficiaries", "pathways", "territory", "sizes", "ateco", "company_age", "purposes")
COMPANIES = ("cooperatives", "social_cooperatives", "social_enterprises", "startups", "spin_offs")
FOUNDERS = "new_cooperative"  # the visitor who has not founded the cooperative yet


def finder_tables() -> dict[str, Any]:
    """Labels and places both runtimes need: built from the models' vocabularies (one source)."""
    from build_tools.reading.models.places import ATECO_2025_SECTIONS, ATECO_DIVISIONS, ISTAT_PROVINCE, PROVINCES
    from build_tools.reading.models.vocab import (
        Beneficiary, CompanySize, Office, Pathway, Purpose, Region, Scope, TargetGroup,
    )

    return {
        "beneficiaries": {**Beneficiary.labels(), FOUNDERS: "Persone che vogliono fondare una cooperativa"},
        "pathways": Pathway.labels(), "sizes": CompanySize.labels(), "purposes": Purpose.labels(),
        "regions": Region.labels(), "target_groups": TargetGroup.labels(), "scopes": Scope.labels(),
        "offices": Office.labels(), "sections": ATECO_2025_SECTIONS,
        "provinces": {s: [region, name] for region, names in PROVINCES.items() for s, name in names.items()},
        "istat_provinces": ISTAT_PROVINCE, "divisions": ATECO_DIVISIONS["2025"],
    }


def _names(values: list[str], labels: dict[str, str]) -> str:
    return ", ".join(labels.get(v, v) for v in values)


def _years(n: int) -> str:
    return "1 anno" if n == 1 else f"{n} anni"


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _answer_list(answers: dict[str, Any], key: str) -> list[str]:
    value = answers.get(key)
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _beneficiaries(req: dict, answers: dict, t: dict) -> tuple[str, str]:
    wanted = list(req.get("beneficiaries") or [])
    who = _answer_list(answers, "beneficiari")
    names = _names(wanted, t["beneficiaries"])
    if not who:
        if set(t["beneficiaries"]) - {FOUNDERS} <= set(wanted):
            return OK, "Aperto a ogni tipo di beneficiario."
        return UNKNOWN, f"È per: {names}. Non hai indicato chi sei."
    mine = set(who)
    if "social_cooperatives" in mine:
        mine |= {"cooperatives", "social_enterprises", "third_sector"}
    if FOUNDERS in mine:
        mine |= {"cooperatives", "individuals"}
    size = answers.get("dimensione")
    company = FOUNDERS not in mine and bool(mine & set(COMPANIES))
    if company and size:
        mine.add("large_enterprises" if size == "large" else "sme")
    matched = [b for b in wanted if b in mine]
    if matched:
        return OK, f"Tra i beneficiari: {_names(matched, t['beneficiaries'])}."
    if company and not size and {"sme", "large_enterprises"} & set(wanted):
        return UNKNOWN, f"È per: {names}. Indica la dimensione della tua impresa."
    return NO, f"È riservato a: {names}."


def _pathways(req: dict, answers: dict, t: dict) -> tuple[str, str]:
    wanted = list(req.get("pathways") or [])
    mine = answers.get("percorso")
    names = _names(wanted, t["pathways"])
    if set(t["pathways"]) <= set(wanted):
        return OK, "Adatto sia a imprese esistenti sia a nuove imprese."
    if not mine:
        return UNKNOWN, f"È pensato per: {names}. Non hai indicato il tuo percorso."
    if mine in wanted:
        return OK, f"È pensato per: {names}."
    return NO, f"È pensato solo per: {names}."


def _territory(req: dict, answers: dict, t: dict) -> tuple[str, str]:
    """Region level from the call's ``dove`` (deriving/territory.py, published in the data), then
    province and comune from its ``territory``; a local call that names neither stays to verify."""
    place, scope, dove = req.get("territory"), req.get("scope"), req.get("dove")
    if place == "any":
        return OK, "Nessun vincolo territoriale."
    if dove is None:
        return UNKNOWN, "Territorio: non indicato dal bando."
    block = place if isinstance(place, dict) else {}
    regions = [] if dove == "*" else list(dove)
    provinces, towns = list(block.get("provinces") or []), list(block.get("municipalities") or [])
    if not regions and place is None:
        return OK, f"Ambito {_lower(t['scopes'][scope])}: si partecipa da tutta Italia."
    local = scope == "local" and not provinces and not towns  # below the region, the call says nothing
    town = answers.get("comune")
    province = answers.get("provincia") or (t["istat_provinces"].get(town[:3]) if town else None)
    region = answers.get("regione") or (t["provinces"][province][0] if province in t["provinces"] else None)
    if towns:
        where = "i comuni con codice ISTAT " + ", ".join(towns)
    elif provinces:
        where = ("provincia di " if len(provinces) == 1 else "province di ") + ", ".join(t["provinces"][p][1] if p in t["provinces"] else p for p in provinces)
    elif regions:
        where = _names(regions, t["regions"]) + (" (bando locale)" if local else "")
    else:
        where = "tutta Italia"
    office = block.get("office")
    need = f" Serve la {_lower(t['offices'][office])} nel territorio." if office else ""
    states: list[tuple[str, str]] = []
    if towns:
        town_provinces = {t["istat_provinces"].get(c[:3]) for c in towns}
        if town:
            states.append((OK if town in towns else NO, "il comune"))
        elif province and None not in town_provinces and province not in town_provinces:
            states.append((NO, "il comune"))
        else:
            states.append((UNKNOWN, "il comune"))
    if provinces:
        if province:
            states.append((OK if province in provinces else NO, "la provincia"))
        elif region and all(t["provinces"].get(p, [None])[0] != region for p in provinces):
            states.append((NO, "la provincia"))
        else:
            states.append((UNKNOWN, "la provincia"))
    if regions:
        states.append(((OK if region in regions else NO) if region else UNKNOWN, "la regione"))
    if any(s == NO for s, _ in states):
        return NO, f"Si partecipa solo da: {where}."
    missing = [what for s, what in states if s == UNKNOWN]
    if missing:
        return UNKNOWN, f"Si partecipa solo da: {where}. Non hai indicato {missing[0]}.{need}"
    if local:
        return UNKNOWN, (f"Si partecipa da: {where}. Provincia e comune non indicati dal bando: "
                         f"controlla se vale per il tuo territorio.{need}")
    return OK, f"Si partecipa da: {where}.{need}"


def _sizes(req: dict, answers: dict, t: dict) -> tuple[str, str]:
    sizes, mine = req.get("sizes"), answers.get("dimensione")
    if sizes is None:
        return UNKNOWN, "Dimensione dell'impresa: non indicata dal bando."
    if sizes == "any" or set(t["sizes"]) <= set(sizes):
        return OK, "Aperto a imprese di ogni dimensione."
    names = ", ".join(_lower(t["sizes"].get(s, s)) for s in sizes)
    if not mine:
        return UNKNOWN, f"Dimensioni ammesse: {names}. Non hai indicato la dimensione."
    return (OK, f"Dimensioni ammesse: {names}.") if mine in sizes else (NO, f"Dimensioni ammesse solo: {names}.")


def _ateco(req: dict, answers: dict, t: dict) -> tuple[str, str]:
    rule, mine = req.get("ateco"), answers.get("ateco")
    if rule is None:
        return UNKNOWN, "Settori ATECO: non indicati dal bando."
    if rule == "any":
        return OK, "Aperto a tutti i settori ATECO."
    if not mine:
        return UNKNOWN, "Il bando ammette o esclude alcuni settori ATECO. Non hai indicato il tuo settore."
    if rule.get("version") != "2025":
        return UNKNOWN, f"Il bando usa i codici ATECO {rule.get('version')}: controlla il tuo codice in quella versione."
    include, exclude = list(rule.get("include") or []), list(rule.get("exclude") or [])
    name = f"{mine} ({t['sections'].get(mine, mine)})"
    if mine in exclude:
        return NO, f"Il settore {name} è escluso."
    parts_out = [d for d in exclude if t["divisions"].get(d) == mine]
    parts_in = [d for d in include if t["divisions"].get(d) == mine]
    if include and mine not in include:
        if parts_in:
            return UNKNOWN, f"Del settore {name} sono ammesse solo le divisioni {', '.join(parts_in)}: controlla il tuo codice."
        return NO, f"Ammessi solo i settori ATECO {', '.join(include)}."
    if parts_out:
        return UNKNOWN, f"Del settore {name} sono escluse le divisioni {', '.join(parts_out)}: controlla il tuo codice."
    return OK, f"Il settore {name} è ammesso."


def _company_age(req: dict, answers: dict, t: dict) -> tuple[str, str]:
    rule, years = req.get("company_age"), answers.get("anni")
    founding = years == "da-costituire" or FOUNDERS in _answer_list(answers, "beneficiari")
    if rule is None:
        return UNKNOWN, "Età dell'impresa: non indicata dal bando."
    if rule == "any":
        if founding:
            return UNKNOWN, "Nessun limite di anni, ma il bando non dice se si può fare domanda prima di costituire l'impresa."
        return OK, "Nessun limite di anni di attività."
    low, high, new = rule.get("min_years"), rule.get("max_years"), bool(rule.get("to_be_founded"))
    parts = ([f"almeno {_years(low)} di attività"] if low is not None else []) + (
        [f"non più di {_years(high)} di attività"] if high is not None else []) + (["anche imprese da costituire"] if new else [])
    wanted = "Richiesto: " + ", ".join(parts) + "."
    if founding:
        return (OK, wanted) if new else (NO, "Serve un'impresa già costituita.")
    if years is None or not str(years).isdigit():
        if low is None and high is None:
            return OK, wanted
        return UNKNOWN, f"{wanted} Non hai indicato da quanti anni esiste l'impresa."
    age = int(years)
    if low is not None and age < low or high is not None and age > high:
        return NO, wanted
    if high is not None and age == high:
        return UNKNOWN, f"{wanted} Sei al limite: conta la data esatta di costituzione."
    return OK, wanted


def _purposes(req: dict, answers: dict, t: dict) -> tuple[str, str]:
    purposes, needs = req.get("purposes"), _answer_list(answers, "bisogni")
    if purposes is None:
        return UNKNOWN, "Che cosa finanzia: non indicato per categoria dal bando."
    if purposes == "any" or set(t["purposes"]) <= set(purposes):
        return OK, "Finanzia progetti di ogni tipo."
    names = _names(purposes, t["purposes"])
    if not needs:
        return UNKNOWN, f"Finanzia: {names}. Non hai indicato che cosa ti serve."
    matched = [p for p in purposes if p in needs]
    if matched:
        return OK, f"Finanzia: {_names(matched, t['purposes'])}."
    return NO, f"Finanzia solo: {names}."


CHECKS = {"beneficiaries": _beneficiaries, "pathways": _pathways, "territory": _territory, "sizes": _sizes,
          "ateco": _ateco, "company_age": _company_age, "purposes": _purposes}


def notes(req: dict, answers: dict, t: dict) -> list[str]:
    """What helps without deciding: priorities that apply, aid regime, click day."""
    out = []
    mine = [g for g in req.get("target_groups") or [] if g in _answer_list(answers, "destinatari")]
    if mine:
        out.append(f"Priorità per: {_names(mine, t['target_groups'])}: ti riguarda.")
    if req.get("aid_regime") == "de_minimis":
        out.append("Aiuto «de minimis»: contano gli aiuti di questo tipo ricevuti negli ultimi tre anni.")
    if req.get("selection") == "click_day":
        out.append("Click day: le domande si inviano da un'ora precisa e i fondi possono finire in pochi minuti.")
    return out


def evaluate(req: dict[str, Any], answers: dict[str, Any], tables: dict[str, Any]) -> dict[str, Any]:
    """The verdict on one call for one visitor, with a reason per requirement."""
    reasons = [{"key": key, "state": state, "text": text}
               for key in KEYS for state, text in [CHECKS[key](req, answers, tables)]]
    states = {r["state"] for r in reasons}
    verdict = "non_compatibile" if NO in states else "da_verificare" if UNKNOWN in states else "compatibile"
    return {"verdict": verdict, "reasons": reasons, "notes": notes(req, answers, tables)}
