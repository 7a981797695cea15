"""The valid files the editor guide shows as templates: a call, a story, a service's events.

Plain data; :mod:`build_tools.editor.guide_examples` proves each passes the check and breaks
them one thing at a time to quote the checker's real messages.
"""

from __future__ import annotations

from datetime import datetime

from build_tools.reading.models.common import ROME

#: "Now" for every example: the guide must not change from one day to the next.
GUIDE_NOW = datetime(2027, 1, 15, 9, 0, tzinfo=ROME)

CALL_PATH = "content/calls/voucher-cooperative-lazio.md"
STORY_PATH = "content/stories/cooperativa-esempio.md"
SERVICE_PATH = "content/services/seminari-e-webinar.md"

CALL_TEMPLATE = """\
---
title: Voucher per la digitalizzazione delle cooperative del Lazio
summary: Contributi a fondo perduto per consulenze, formazione e tecnologie digitali delle cooperative con sede nel Lazio.
funder: Regione Lazio
managing_body: Lazio Innova
funding_source: regional
support_types: [grant]
beneficiaries: [cooperatives, social_cooperatives]
pathways: [existing_business]
scope: lazio
sizes: [micro, small, medium]
territory:
  provinces: [RM, LT]
  office: operating
company_age: any
aid_regime: de_minimis
selection: ranking
purposes: [digitalisation, training]
opens: 2027-02-01T12:00
deadline: 2027-03-31T17:00
max_grant_eur: 50000
funding_rate_pct: 50
url: https://www.lazioinnova.it/
contact:
  name: Sportello imprese
  url: https://www.lazioinnova.it/contatti
tags: [digitalizzazione, voucher]
published: 2027-01-10
verified: 2027-01-10
---
## Cosa finanzia

Consulenze, formazione e acquisto di tecnologie digitali: in parole semplici, che cosa si può fare con il contributo.

## Chi può partecipare

Le imprese che possono fare domanda e i requisiti principali.

## Come partecipare

Dove e come si presenta la domanda, da quando e fino a quando.

## Come ti accompagna il Laboratorio

Il servizio del Laboratorio che aiuta a preparare la domanda.
"""

STORY_TEMPLATE = """\
---
title: Dal campo allo scaffale, una filiera che si racconta
summary: Una cooperativa agricola usa sensori nei campi e un negozio online per far conoscere ai clienti l'origine di ogni prodotto.
cooperative: Cooperativa agricola di esempio
sector: agrifood
regions: [lazio]
technologies: [iot, e-commerce]
pathway: existing_business
published: 2027-01-10
source:
  name: Laboratorio di Contaminazione Digitale
tags: [filiera-corta]
---
Chi è la cooperativa, in due righe.

## Il problema

Che cosa non funzionava prima.

## La soluzione

Che cosa hanno fatto con il digitale, e con l'aiuto di chi.

## I risultati

Che cosa è cambiato, con qualche numero se c'è.
"""

EVENT_TEMPLATE = """\
  - title: Scrivere un progetto finanziabile, dal budget agli indicatori
    start: 2027-03-11T15:00
    end: 2027-03-11T17:30
    location: Online
    description: Webinar pratico sulla preparazione di una domanda di contributo.
"""

SERVICE_HEAD = """\
---
title: Seminari e webinar
summary: Attività seminariali in presenza e webinar online su tecnologie e strumenti di finanziamento.
kind: seminars
order: 3
events:
"""

STUB_STORY = "content/stories/terre-del-tevere-filiera-tracciata.md"
