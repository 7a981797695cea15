"""Generate a large, valid, realistic content tree for benchmarks.

    python benchmarks/generate.py --calls 2000 --stories 200 --out DIR [--seed 1]

writes ``DIR/calls/*.md``, ``DIR/stories/*.md`` and the five ``DIR/services/*.md``: every file
passes ``python -m build_tools check --content DIR`` (deadline warnings aside, as in real
life). Bodies are about 2,300 characters of Italian-looking text with the suggested
sections; dates span 2025–2028 so that every status occurs around any "today" in 2026–2027;
enums, windows, rolling calls, overrides, PNRR blocks, relations and the eligibility keys
(omitted, ``any`` or a constraint) are all represented.
The same seed always gives the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

FUNDERS = [
    ("Regione Lazio", "Lazio Innova", "regional", "lazio"),
    ("Regione Lazio", None, "eu_structural", "lazio"),
    ("Ministero delle Imprese e del Made in Italy", "Invitalia", "national", "national"),
    ("Ministero dell'Università e della Ricerca", None, "pnrr", "national"),
    ("Commissione europea", "EISMEA", "eu_direct", "european"),
    ("Camera di Commercio di Roma", None, "other", "local"),
    ("Fondazione per l'innovazione sociale", None, "private", "international"),
    ("Ministero del Lavoro e delle Politiche sociali", None, "national", "national"),
]
PNRR_COMPONENTS = {"M1": 3, "M2": 4, "M3": 2, "M4": 2, "M5": 3, "M6": 2, "M7": 0}
SUPPORT = ["grant", "soft_loan", "guarantee", "equity", "tax_credit", "voucher", "services", "prize"]
BENEFICIARIES = ["cooperatives", "social_cooperatives", "social_enterprises", "sme", "large_enterprises", "startups",
                 "spin_offs", "enterprise_networks", "public_private_partnerships", "third_sector",
                 "universities_research", "public_bodies", "individuals"]
TARGETS = ["youth", "women", "researchers", "students", "workers_to_relocate", "disadvantaged"]
PATHWAYS = ["existing_business", "new_business"]
SECTORS = ["agrifood", "social_services", "health", "education", "culture_tourism", "environment_energy",
           "logistics_mobility", "manufacturing", "construction_housing", "retail_consumers", "ict", "other"]
REGIONS = ["abruzzo", "basilicata", "calabria", "campania", "emilia-romagna", "friuli-venezia-giulia", "lazio",
           "liguria", "lombardia", "marche", "molise", "piemonte", "puglia", "sardegna", "sicilia", "toscana",
           "trentino-alto-adige", "umbria", "valle-d-aosta", "veneto"]
TECHNOLOGIES = ["ai", "cloud", "e-commerce", "iot", "blockchain", "realta-aumentata", "big-data", "app",
                "cybersecurity", "stampa-3d", "robotica", "piattaforme"]
SERVICES = [
    ("informazione-e-sensibilizzazione", "Informazione e sensibilizzazione", "information"),
    ("orientamento", "Orientamento", "guidance"),
    ("seminari-e-webinar", "Seminari e webinar", "seminars"),
    ("capacity-building", "Capacity building", "capacity_building"),
    ("coaching", "Coaching", "coaching"),
]
TOPICS = [
    ("Voucher per la transizione digitale", "voucher-transizione-digitale"),
    ("Contributi per l'economia circolare", "economia-circolare"),
    ("Fondo per le nuove cooperative", "nuove-cooperative"),
    ("Credito d'imposta per la formazione 4.0", "credito-imposta-formazione"),
    ("Reti di imprese per l'innovazione", "reti-imprese-innovazione"),
    ("Efficienza energetica nelle imprese", "efficienza-energetica"),
    ("Spin-off della ricerca", "spin-off-ricerca"),
    ("Imprese culturali e creative", "imprese-culturali-creative"),
    ("Internazionalizzazione digitale", "internazionalizzazione-digitale"),
    ("Welfare di comunità e servizi sociali", "welfare-di-comunita"),
    ("Agricoltura di precisione", "agricoltura-precisione"),
    ("Turismo lento nelle aree interne", "turismo-aree-interne"),
]
PLACES = ["del Lazio", "dell'area romana", "delle aree interne", "del Mezzogiorno", "della Tuscia", "della Ciociaria",
          "in Italia", "in Europa", "dei comuni montani", "della costa laziale"]
WORDS = ("cooperativa impresa comunità territorio innovazione digitale progetto servizio rete filiera lavoro "
         "formazione competenze piattaforma dati cittadini socie soci risorse investimento sviluppo sostenibile "
         "sociale energia processo tecnologia mercato qualità partecipazione giovani donne ricerca università "
         "partenariato accompagnamento valutazione domanda contributo spese ammissibili").split()
SENTENCES = [
    "Il contributo copre una parte delle spese sostenute per consulenze, software e attrezzature.",
    "Possono partecipare le imprese con almeno una sede operativa nel territorio indicato dall'avviso.",
    "La domanda si presenta solo online, con firma digitale del legale rappresentante.",
    "Le spese ammissibili devono essere sostenute dopo la data di presentazione della domanda.",
    "Un punteggio aggiuntivo è riservato ai progetti presentati da imprese a prevalenza giovanile o femminile.",
    "Le domande sono valutate in ordine di arrivo fino all'esaurimento delle risorse disponibili.",
    "Il progetto deve concludersi entro diciotto mesi dalla concessione del contributo.",
    "Sono escluse le spese per l'acquisto di beni usati e quelle già finanziate da altri aiuti pubblici.",
    "Il Laboratorio offre un colloquio gratuito per verificare i requisiti e preparare la documentazione.",
    "La graduatoria viene pubblicata sul sito dell'ente entro novanta giorni dalla scadenza.",
    "È possibile chiedere un anticipo fino al quaranta per cento del contributo concesso.",
    "Le cooperative sociali possono presentare progetti anche in partenariato con enti del Terzo settore.",
    "Per i progetti di rete serve un accordo scritto che indichi il capofila e il ruolo di ciascun partner.",
    "La rendicontazione avviene con fatture quietanzate e una breve relazione sui risultati raggiunti.",
]


def lorem(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    parts = [rng.choice(SENTENCES) if rng.random() < 0.7 else lorem(rng, rng.randint(10, 18)) for _ in range(sentences)]
    return " ".join(parts)


def call_body(rng: random.Random, url: str) -> str:
    sections = [
        "## Cosa finanzia", "", paragraph(rng, 4), "",
        *[f"- {lorem(rng, rng.randint(5, 9))}" for _ in range(4)], "",
        "## Chi può partecipare", "", paragraph(rng, 4), "",
        "## Come partecipare", "", paragraph(rng, 3) + f" Tutti i dettagli sono nella [pagina ufficiale]({url}).", "",
        "## Come ti accompagna il Laboratorio", "", paragraph(rng, 3), "",
    ]
    body = "\n".join(sections)
    while len(body) < 2200:
        body += paragraph(rng, 1) + "\n"
    return body


def story_body(rng: random.Random) -> str:
    body = "\n".join([paragraph(rng, 3), "", "## L'idea", "", paragraph(rng, 4), "", "## Il ruolo del digitale", "",
                      paragraph(rng, 4), "", "## Oggi", "", paragraph(rng, 3), ""])
    while len(body) < 2200:
        body += paragraph(rng, 1) + "\n"
    return body


def clip(text: str, limit: int) -> str:
    """``text`` cut at a word to at most ``limit`` characters."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]


def q(text: str) -> str:
    """A YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def some(rng: random.Random, values: list[str], low: int, high: int) -> list[str]:
    picked = rng.sample(values, rng.randint(low, high))
    return [v for v in values if v in picked]  # contract order, as an editor would write them


def day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def moment(rng: random.Random, when: date) -> str:
    """A bare date, or a date-time at a usual closing hour."""
    if rng.random() < 0.4:
        return datetime(when.year, when.month, when.day, rng.choice([12, 13, 17, 18])).isoformat()
    return when.isoformat()


LAZIO_PROVINCES = ["FR", "LT", "RI", "RM", "VT"]
SIZES = ["micro", "small", "medium", "large"]
PURPOSES = ["digitalisation", "innovation_research", "energy_environment", "training", "internationalisation",
            "business_creation", "social_inclusion", "productive_investment", "culture_tourism", "welfare"]
SECTIONS_2025 = list("ACFGHIJKLNQRS")


def requirements(index: int, scope: str) -> list[str]:
    """Eligibility keys (contract §2b) in their three states; a separate generator per call, so the
    rest of the content stays what it was before these keys existed."""
    rng = random.Random(index)
    lines: list[str] = []
    roll = rng.random()
    if roll < 0.6:
        lines.append(f"sizes: {flow(some(rng, SIZES, 1, 3))}")
    elif roll < 0.8:
        lines.append("sizes: any")
    if scope == "local":
        lines += ["territory:", f"  provinces: {flow(some(rng, LAZIO_PROVINCES, 1, 2))}"]
        if rng.random() < 0.3:
            lines.append('  municipalities: ["058091"]' if "RM" in lines[-1] else "  office: operating")
    elif scope == "lazio" and rng.random() < 0.5:
        lines += ["territory:", "  regions: [lazio]", f"  office: {rng.choice(['operating', 'registered'])}"]
    elif scope == "national" and rng.random() < 0.2:
        lines += ["territory:", "  regions: [basilicata, calabria, campania, puglia, sardegna, sicilia]"]
    roll = rng.random()
    if roll < 0.3:
        key = rng.choice(["include", "exclude"])
        lines += ["ateco:", '  version: "2025"', f"  {key}: {flow(some(rng, SECTIONS_2025, 1, 4))}"]
    elif roll < 0.5:
        lines.append("ateco: any")
    roll = rng.random()
    if roll < 0.3:
        lines += ["company_age:", f"  max_years: {rng.choice([3, 5, 7])}"] + (["  to_be_founded: true"] if rng.random() < 0.5 else [])
    elif roll < 0.6:
        lines.append("company_age: any")
    if rng.random() < 0.7:
        lines.append(f"aid_regime: {rng.choice(['de_minimis', 'gber', 'not_state_aid'])}")
    if rng.random() < 0.7:
        lines.append(f"selection: {rng.choice(['first_come', 'ranking', 'automatic'])}")
    roll = rng.random()
    if roll < 0.8:
        lines.append(f"purposes: {flow(some(rng, PURPOSES, 1, 3))}")
    elif roll < 0.9:
        lines.append("purposes: any")
    return lines


def make_call(rng: random.Random, index: int, story_slugs: list[str]) -> tuple[str, str]:
    topic, topic_slug = rng.choice(TOPICS)
    place = rng.choice(PLACES)
    slug = f"{topic_slug}-{index:05d}"
    funder, manager, source, scope = rng.choice(FUNDERS)
    url = f"https://www.lazioinnova.it/bandi/{slug}"
    lines = [
        "---",
        f"title: {q(f'{topic} {place} ({index})')}",
        f"summary: {q(clip(f'{topic} {place}: ' + paragraph(rng, 2), 380))}",
        f"funder: {q(funder)}",
    ]
    if manager:
        lines.append(f"managing_body: {q(manager)}")
    lines.append(f"funding_source: {source}")
    if source == "pnrr":
        mission = rng.choice(list(PNRR_COMPONENTS))
        lines += ["pnrr:", f"  mission: {mission}"]
        if PNRR_COMPONENTS[mission]:
            lines.append(f"  component: {mission}C{rng.randint(1, PNRR_COMPONENTS[mission])}")
            lines.append(f'  investment: "{rng.randint(1, 5)}.{rng.randint(1, 4)}"')
    lines += [
        f"support_types: {flow(some(rng, SUPPORT, 1, 3))}",
        "beneficiaries:",
        *[f"  - {b}" for b in some(rng, BENEFICIARIES, 1, 5)],
    ]
    if rng.random() < 0.5:
        lines.append(f"target_groups: {flow(some(rng, TARGETS, 1, 3))}")
    lines += [f"pathways: {flow(some(rng, PATHWAYS, 1, 2))}", f"scope: {scope}"]
    if rng.random() < 0.4:
        lines.append(f"area: {q('Comuni ' + place)}")

    published = day(rng, date(2024, 10, 1), date(2027, 10, 1))
    kind = rng.random()
    if kind < 0.15:  # windows
        first_open = published + timedelta(days=rng.randint(0, 30))
        lines.append("windows:")
        start = first_open
        for w in range(rng.randint(2, 3)):
            close = start + timedelta(days=rng.randint(20, 60))
            lines += [f"  - label: {q(f'Finestra {w + 1}')}", f"    opens: {start.isoformat()}",
                      f"    deadline: {moment(rng, close)}"]
            start = close + timedelta(days=rng.randint(10, 60))
    elif kind < 0.25:  # rolling ("a sportello")
        lines += [f"opens: {published.isoformat()}", "rolling: true"]
        if rng.random() < 0.5:
            lines.append(f"deadline: {(published + timedelta(days=rng.randint(120, 700))).isoformat()}")
    else:
        opens = published + timedelta(days=rng.randint(0, 45))
        deadline = opens + timedelta(days=rng.randint(30, 240))
        if rng.random() < 0.6:
            lines.append(f"opens: {moment(rng, opens)}")
        lines.append(f"deadline: {moment(rng, deadline)}")
        if rng.random() < 0.1:
            lines.append(f"deadline_extended_from: {(deadline - timedelta(days=rng.randint(7, 45))).isoformat()}")
    if rng.random() < 0.06:
        override = rng.choice(["suspended", "funds_exhausted", "cancelled"])
        lines += [f"status_override: {override}", f"status_note: {q(paragraph(rng, 1))}"]
    if rng.random() < 0.7:
        low = rng.randint(1, 50) * 1000
        lines += [f"budget_total_eur: {rng.randint(1, 200) * 100_000}", f"min_grant_eur: {low}",
                  f"max_grant_eur: {low * rng.randint(1, 20)}", f"funding_rate_pct: {rng.choice([40, 50, 60, 70, 80, 100])}"]
    lines += requirements(index, scope)
    lines.append(f"url: {url}")
    if rng.random() < 0.6:
        lines += ["documents:", "  - title: Avviso pubblico (PDF)", f"    url: {url}/avviso.pdf",
                  "  - title: \"Domande frequenti\"", f"    url: {url}/faq"]
    if rng.random() < 0.5:
        lines += ["contact:", f"  name: {q('Sportello ' + funder)}", "  url: https://www.lazioinnova.it/contatti"]
    lines.append(f"tags: {flow(rng.sample(TECHNOLOGIES, rng.randint(1, 4)))}")
    lines.append(f"published: {published.isoformat()}")
    if rng.random() < 0.3:
        lines.append(f"updated: {(published + timedelta(days=rng.randint(0, 60))).isoformat()}")
    if rng.random() < 0.6:
        lines.append(f"verified: {(published + timedelta(days=rng.randint(0, 200))).isoformat()}")
    if story_slugs and rng.random() < 0.4:
        lines.append(f"related_stories: {flow(rng.sample(story_slugs, min(len(story_slugs), rng.randint(1, 3))))}")
    if rng.random() < 0.5:
        lines.append(f"related_services: {flow([s[0] for s in rng.sample(SERVICES, rng.randint(1, 2))])}")
    if rng.random() < 0.03:
        lines.append("draft: true")
    lines.append("---")
    return slug, "\n".join(lines) + "\n" + call_body(rng, url)


def story_slug(sector: str, index: int) -> str:
    return f"storia-{sector.replace('_', '-')}-{index:05d}"


def make_story(rng: random.Random, index: int, sector: str, call_slugs: list[str]) -> str:
    name = f"Cooperativa {rng.choice(['Terre', 'Ponte', 'Officina', 'Sentieri', 'Energia', 'Aria', 'Codice'])} {index}"
    lines = [
        "---",
        f"title: {q(f'{name}: ' + lorem(rng, 6).rstrip('.'))}",
        f"summary: {q(clip(paragraph(rng, 2), 390))}",
        f"cooperative: {q(name)}",
        f"sector: {sector}",
        f"regions: {flow(some(rng, REGIONS, 1, 2))}",
        f"technologies: {flow(rng.sample(TECHNOLOGIES, rng.randint(1, 4)))}",
        f"pathway: {rng.choice(PATHWAYS)}",
        f"published: {day(rng, date(2024, 1, 1), date(2027, 6, 30)).isoformat()}",
    ]
    if rng.random() < 0.5:
        lines += ["source:", "  name: Fondazione Pico", "  url: https://www.lazioinnova.it/fonti"]
    if call_slugs and rng.random() < 0.5:
        lines.append(f"related_calls: {flow(rng.sample(call_slugs, min(len(call_slugs), rng.randint(1, 3))))}")
    lines.append("---")
    return "\n".join(lines) + "\n" + story_body(rng)


def make_service(rng: random.Random, order: int, slug: str, title: str, kind: str) -> str:
    lines = [
        "---",
        f"title: {q(title)}",
        f"summary: {q(clip(paragraph(rng, 2), 390))}",
        f"kind: {kind}",
        f"order: {order}",
        f"audience: {flow(some(rng, PATHWAYS + BENEFICIARIES[:4], 1, 4))}",
        f"format: {rng.choice(['in_person', 'online', 'hybrid'])}",
    ]
    if kind == "seminars":
        lines.append("events:")
        start = datetime(2026, 1, 15, 15, 0)
        for i in range(24):
            lines += [f"  - title: {q(f'Webinar {i + 1}: ' + lorem(rng, 4).rstrip('.'))}",
                      f"    start: {start.isoformat()}", f"    end: {(start + timedelta(hours=2)).isoformat()}",
                      "    location: Online", "    registration_url: https://www.lazioinnova.it/iscrizioni"]
            start += timedelta(days=rng.randint(10, 30))
    lines.append("---")
    return "\n".join(lines) + "\n" + story_body(rng)


def generate(out: Path, calls: int, stories: int, seed: int = 1) -> dict[str, int]:
    """Write the tree under ``out`` (replacing its calls/stories/services); return the file counts."""
    rng = random.Random(seed)
    for folder in ("calls", "stories", "services"):
        shutil.rmtree(out / folder, ignore_errors=True)
        (out / folder).mkdir(parents=True)
    # calls name stories and stories name calls: draw the story slugs first
    sectors = [rng.choice(SECTORS) for _ in range(stories)]
    story_slugs = [story_slug(sector, i) for i, sector in enumerate(sectors)]
    call_slugs = []
    for i in range(calls):
        slug, text = make_call(rng, i, story_slugs)
        (out / "calls" / f"{slug}.md").write_text(text, encoding="utf-8")
        call_slugs.append(slug)
    for i, (slug, sector) in enumerate(zip(story_slugs, sectors)):
        (out / "stories" / f"{slug}.md").write_text(make_story(rng, i, sector, call_slugs), encoding="utf-8")
    for order, (slug, title, kind) in enumerate(SERVICES, start=1):
        (out / "services" / f"{slug}.md").write_text(make_service(rng, order, slug, title, kind), encoding="utf-8")
    return {"calls": calls, "stories": stories, "services": len(SERVICES)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--out", type=Path, required=True, help="content folder to write (its collections are replaced)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.calls < 0 or args.stories < 0:
        parser.error("--calls and --stories must be >= 0")
    counts = generate(args.out, args.calls, args.stories, args.seed)
    print(f"scritti {counts['calls']} bandi, {counts['stories']} storie, {counts['services']} servizi in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
