"""Stories, services and their events as the pages show them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from markupsafe import Markup

from build_tools.deriving.facets import STORY_FACETS, facet_data
from build_tools.deriving.site import ServicePage, StoryPage
from build_tools.outputs.html.attributes import html_attrs
from build_tools.outputs.html.call_view import CallView, labels
from build_tools.outputs.html.urls import image_path
from build_tools.outputs.service_calendar import event_ics_path
from build_tools.reading.models import Event, Service, Story
from build_tools.reading.models.common import ROME

if TYPE_CHECKING:
    from build_tools.outputs.html.views import SiteViews


class StoryView:
    def __init__(self, page: StoryPage, views: "SiteViews") -> None:
        self.page, self.views = page, views
        self.story: Story = page.story
        self.slug, self.url, self.title = page.slug, page.url, page.story.title

    @cached_property
    def facets(self) -> dict[str, str]:
        return facet_data(STORY_FACETS, self.story)

    @cached_property
    def facet_attrs(self) -> Markup:
        return html_attrs(self.facets)

    @property
    def regions(self) -> list[str]:
        return labels(self.story.regions)

    @property
    def image_url(self) -> str | None:
        path = image_path(self.page)
        return path if path and self.views.has_output(path) else None

    @property
    def calls(self) -> list[CallView]:
        """Related calls, current ones first."""
        views = [self.views.call(c) for c in self.page.calls]
        return sorted(views, key=lambda v: v.timing.archived)


@dataclass(frozen=True)
class EventView:
    event: Event
    service: "ServiceView"

    @property
    def anchor(self) -> str:
        """Unique on the service page and on /eventi/: ``evento-20261215-1000-orientamento``."""
        return f"evento-{self.event.start.astimezone(ROME):%Y%m%d-%H%M}-{self.service.slug}"

    @property
    def ics_path(self) -> str | None:
        """The event's own .ics ("aggiungi al calendario"), when it was built."""
        path = event_ics_path(self.service.page, self.event)
        return path if self.service.views.has_output(path) else None


class ServiceView:
    def __init__(self, page: ServicePage, views: "SiteViews") -> None:
        self.page, self.views = page, views
        self.service: Service = page.service
        self.slug, self.url, self.title = page.slug, page.url, page.service.title

    @property
    def audience(self) -> list[str]:
        return labels(self.service.audience)

    @cached_property
    def events(self) -> list[EventView]:
        return [EventView(e, self) for e in self.page.upcoming_events(self.views.now)]

    @property
    def calls(self) -> list[CallView]:
        """Current calls that this service helps with."""
        return [self.views.call(c) for c in self.page.calls if not c.timing.archived]
