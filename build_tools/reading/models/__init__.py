"""The schema: pydantic models are the single source of truth for content rules."""

from build_tools.reading.models.calls import Call, Pnrr, Window
from build_tools.reading.models.common import Contact, Link, Problem, Source
from build_tools.reading.models.services import Audience, Event, Service
from build_tools.reading.models.stories import Story
from build_tools.reading.models.vocab import (
    Beneficiary, CallStatus, FundingSource, LabeledEnum, Pathway, PnrrMission, Region, Scope, Sector,
    ServiceFormat, ServiceKind, StatusOverride, SupportType, TargetGroup,
)

__all__ = [
    "Audience", "Beneficiary", "Call", "CallStatus", "Contact", "Event", "FundingSource", "LabeledEnum",
    "Link", "Pathway", "Pnrr", "PnrrMission", "Problem", "Region", "Scope", "Sector", "Service",
    "ServiceFormat", "ServiceKind", "Source", "StatusOverride", "Story", "SupportType", "TargetGroup", "Window",
]
