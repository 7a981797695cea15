"""Derive the publishable site from validated content and "now" (pure; no MkDocs).

Drops drafts and scheduled items, gives each call its status, splits current calls from
the archive, resolves ``related_*`` links in both directions (only between published items)
and gathers upcoming events. Outputs (pages, feeds, calendars, data) read only this.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from build_tools.deriving.changes import Change
from build_tools.reading.loader import Content, Entry
from build_tools.reading.models import Call, Event, Service, Story
from build_tools.reading.models.common import ROME
from build_tools.reading.registry import CALLS, SERVICES, STORIES
from build_tools.deriving.status import DEFAULT_CLOSING_SOON_DAYS, CallTiming, archive_year, derive_timing, today_in_rome


@dataclass
class _Page:
    """A published item; subclasses add the typed item and the links to other items."""

    entry: Entry

    @property
    def slug(self) -> str:
        return self.entry.slug

    @property
    def url(self) -> str:
        return self.entry.url


# Links in both directions are kept out of repr(), which would otherwise walk the whole graph.

@dataclass
class CallPage(_Page):
    timing: CallTiming = field(kw_only=True)
    #: Announced changes since the first publication, oldest first (from the Git history).
    changes: tuple[Change, ...] = field(default=(), kw_only=True, repr=False)
    stories: list["StoryPage"] = field(default_factory=list, repr=False)
    services: list["ServicePage"] = field(default_factory=list, repr=False)

    @property
    def call(self) -> Call:
        assert isinstance(self.entry.item, Call)
        return self.entry.item


@dataclass
class StoryPage(_Page):
    calls: list[CallPage] = field(default_factory=list, repr=False)

    @property
    def story(self) -> Story:
        assert isinstance(self.entry.item, Story)
        return self.entry.item


@dataclass
class ServicePage(_Page):
    calls: list[CallPage] = field(default_factory=list, repr=False)

    @property
    def service(self) -> Service:
        assert isinstance(self.entry.item, Service)
        return self.entry.item

    def upcoming_events(self, now: datetime) -> list[Event]:
        return sorted((e for e in self.service.events if (e.end or e.start) >= now), key=lambda e: e.start)


@dataclass(frozen=True)
class UpcomingEvent:
    event: Event
    service: ServicePage


@dataclass
class Site:
    """Everything the outputs need, already derived for one instant."""

    now: datetime
    content_root: Path
    closing_soon_days: int
    calls: list[CallPage]  # every published call, current first then archive
    stories: list[StoryPage]  # newest first
    services: list[ServicePage]  # by `order`
    history_note: str | None = None  # why the calls have no history (no Git), else None

    @property
    def current_calls(self) -> list[CallPage]:
        """Calls still worth applying for, soonest deadline first (rolling, undated last)."""
        return [c for c in self.calls if not c.timing.archived]

    @property
    def archived_calls(self) -> list[CallPage]:
        return [c for c in self.calls if c.timing.archived]

    def archive_by_year(self) -> list[tuple[int, list[CallPage]]]:
        """Closed and cancelled calls grouped by year, newest year and newest deadline first."""
        groups: dict[int, list[CallPage]] = defaultdict(list)
        for page in self.archived_calls:
            groups[archive_year(page.call, page.timing)].append(page)
        return [(year, groups[year]) for year in sorted(groups, reverse=True)]

    def upcoming_events(self) -> list[UpcomingEvent]:
        found = [UpcomingEvent(e, s) for s in self.services for e in s.upcoming_events(self.now)]
        return sorted(found, key=lambda u: u.event.start)

    @property
    def today(self):  # noqa: ANN201 - a date
        return today_in_rome(self.now)


def _is_published(entry: Entry, now: datetime) -> bool:
    item = entry.item
    if getattr(item, "draft", False):
        return False
    published = getattr(item, "published", None)
    return published is None or published <= today_in_rome(now)


def _current_sort_key(page: CallPage) -> tuple:
    deadline = page.timing.deadline_at
    far = datetime.max.replace(tzinfo=ROME)
    return (deadline is None, deadline or far, page.call.title.casefold())


def _archive_sort_key(page: CallPage) -> tuple:
    deadline = page.timing.deadline_at
    stamp = deadline.timestamp() if deadline else 0.0
    return (-stamp, page.call.title.casefold())


def build_site(content: Content, now: datetime, closing_soon_days: int = DEFAULT_CLOSING_SOON_DAYS,
               timings: dict[str, CallTiming] | None = None,
               history: Mapping[str, Sequence[Change]] | None = None, history_note: str | None = None) -> Site:
    """Derive the site at ``now``; ``content`` must have passed the checks.

    ``timings`` are the ones the check derived (slug → timing): reused, never derived twice.
    ``history`` (slug → changes, see :mod:`build_tools.deriving.history`) is read by the caller:
    deriving never runs Git, so every output stays a function of its inputs.
    """
    timings = timings or {}
    history = history or {}
    calls = {e.slug: CallPage(e, timing=timings.get(e.slug) or derive_timing(e.item, now, closing_soon_days),  # type: ignore[arg-type]
                              changes=tuple(c for c in history.get(e.slug, ()) if c.at <= now))
             for e in content[CALLS.name] if _is_published(e, now)}
    stories = {e.slug: StoryPage(e) for e in content[STORIES.name] if _is_published(e, now)}
    services = {e.slug: ServicePage(e) for e in content[SERVICES.name]}
    links: set[tuple[str, str]] = set()
    for page in calls.values():
        links.update((page.slug, s) for s in page.call.related_stories)
        for slug in page.call.related_services:
            if slug in services:
                page.services.append(services[slug])
                services[slug].calls.append(page)
    for story in stories.values():
        links.update((c, story.slug) for c in story.story.related_calls)
    for call_slug, story_slug in sorted(links):
        if call_slug in calls and story_slug in stories:
            calls[call_slug].stories.append(stories[story_slug])
            stories[story_slug].calls.append(calls[call_slug])
    current = sorted((c for c in calls.values() if not c.timing.archived), key=_current_sort_key)
    archived = sorted((c for c in calls.values() if c.timing.archived), key=_archive_sort_key)
    for service in services.values():
        service.calls.sort(key=_current_sort_key)
    ordered_stories = sorted(stories.values(), key=lambda s: (s.story.published, s.slug), reverse=True)
    ordered_services = sorted(services.values(), key=lambda s: (s.service.order, s.slug))
    return Site(now, content.root, closing_soon_days, current + archived, ordered_stories, ordered_services,
                history_note)
