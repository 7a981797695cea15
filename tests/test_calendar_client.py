"""Every calendar the site publishes imports into a real calendar program, khal, with its alarms.

khal (from the package index, pinned in requirements/dev.txt) runs offline on a throw-away
configuration: its own ``import`` reads each .ics into a local calendar, then khal's collection
gives the events back with the alarms it understood. One test also drives khal's command line,
as a person would.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from khal.cli import build_collection
from khal.controllers import import_ics
from khal.settings import get_config

from build_tools import build_site, run_checks
from build_tools.outputs import SiteSettings
from build_tools.outputs.calendar import build_calendars

CONFIG = """[calendars]
[[lab]]
path = {folder}/calendario
type = calendar
[locale]
local_timezone = Europe/Rome
default_timezone = Europe/Rome
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
[sqlite]
path = {folder}/khal.db
"""


def khal_config(folder: Path) -> Path:
    (folder / "calendario").mkdir(parents=True)
    path = folder / "khal.conf"
    path.write_text(CONFIG.format(folder=folder), encoding="utf-8")
    return path


def import_into_khal(content: bytes, folder: Path) -> list:
    """khal's own import of one .ics into an empty calendar; the events as khal reads them back."""
    conf = get_config(str(khal_config(folder)))
    collection = build_collection(conf, None)
    import_ics(collection, conf, content.decode("utf-8"), batch=True)
    zone = conf["locale"]["local_timezone"]
    start, end = datetime(2020, 1, 1), datetime(2035, 1, 1)
    timed = collection.get_localized(zone.localize(start), zone.localize(end))
    return list(timed) + list(collection.get_floating(start, end))


@pytest.fixture
def calendars(content_tree, fm, now) -> dict[str, bytes]:
    files = {
        "calls/tutto-il-giorno.md": fm.text(fm.call(title="Bando con scadenza senza ora", deadline=date(2027, 3, 31))),
        "calls/alle-17.md": fm.text(fm.call(title="Bando che chiude alle 17", deadline="2026-12-03T17:00",
                                            pathways=["new_business"])),
        "calls/in-arrivo.md": fm.text(fm.call(title="Bando che apre a gennaio", opens="2027-01-12T10:00",
                                              deadline=date(2027, 3, 1), funding_source="national")),
        "calls/esaurito.md": fm.text(fm.call(title="Voucher esauriti", deadline="2026-12-31T17:00", rolling=True,
                                             status_override="funds_exhausted", status_note="Risorse esaurite.")),
        "calls/chiuso.md": fm.text(fm.call(title="Bando chiuso da poco", deadline=date(2026, 11, 10),
                                           published=date(2026, 6, 1))),
        **fm.five_services(),
    }
    files["services/guidance.md"] = fm.text(fm.service("guidance", events=[
        {"title": "Sportello di orientamento", "start": "2026-12-15T10:00", "end": "2026-12-15T13:00",
         "location": "Legacoop Lazio, Roma"}]))
    result = run_checks(content_tree(files), now)
    assert result.ok, [d.format() for d in result.report.errors]
    site = build_site(result.content, now)
    return {o.path: o.content for o in build_calendars(site, SiteSettings("https://example.org/laboratorio/"))}


def test_every_calendar_imports_into_khal_with_its_alarms(calendars, tmp_path, now):
    for number, (path, content) in enumerate(sorted(calendars.items())):
        events = import_into_khal(content, tmp_path / str(number))
        assert len(events) == content.count(b"BEGIN:VEVENT"), path
        for event in events:
            triggers = [trigger for trigger, _ in event.alarms]
            if event.uid.startswith(("tutto-il-giorno-deadline", "alle-17-deadline", "in-arrivo-deadline")):
                assert triggers[:2] == [-timedelta(days=14), -timedelta(days=3)], (path, event.uid)
                assert len(triggers) == 3
            elif event.uid.startswith("in-arrivo-opening"):
                assert triggers == [-timedelta(days=3), -timedelta(hours=1)], path
            else:  # closed, cancelled, or a service event: nothing rings
                assert triggers == [], (path, event.uid)
    assert {"calendari/scadenze.ics", "calendari/eventi.ics", "calendari/beneficiari/cooperative.ics",
            "bandi/alle-17/scadenza.ics", "calendari/eventi/guidance-20261215T1000.ics"} <= set(calendars)


def test_khal_reads_the_morning_alarm_at_nine_in_rome(calendars, tmp_path):
    events = {e.uid: e for e in import_into_khal(calendars["calendari/scadenze.ics"], tmp_path)}
    timed = events["alle-17-deadline-1@legacooplazio.it"]
    assert (timed.start + timed.alarms[2][0]).strftime("%H:%M") == "09:00"
    all_day = events["tutto-il-giorno-deadline-1@legacooplazio.it"]
    assert all_day.alarms[2][0] == timedelta(hours=9) and all_day.allday
    assert str(all_day.alarms[2][1]) == "Oggi scade: Bando con scadenza senza ora"
    assert "chiuso-deadline-1@legacooplazio.it" in events  # closed 15 days ago: still listed


def test_khal_command_line_imports_and_lists_with_the_alarm_symbol(calendars, tmp_path):
    config = khal_config(tmp_path)
    ics = tmp_path / "scadenze.ics"
    ics.write_bytes(calendars["calendari/scadenze.ics"])
    khal = [sys.executable, "-m", "khal", "-c", str(config)]
    done = subprocess.run([*khal, "import", "--batch", "-a", "lab", str(ics)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    listed = subprocess.run([*khal, "list", "--format", "{title}|{alarm-symbol}", "2026-11-01", "200d"],
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    lines = {line.split("|")[0]: line.split("|")[1].strip() for line in listed.stdout.splitlines() if "|" in line}
    assert lines["Scadenza: Bando che chiude alle 17"] and lines["Scadenza: Bando con scadenza senza ora"]
    assert lines["Apertura: Bando che apre a gennaio"]
    assert not lines["Scadenza: Voucher esauriti"]  # funds exhausted: the event is cancelled, no alarm
