"""The schema: pydantic models are the single source of truth for content rules."""

from .calls import Call, Pnrr, Window
from .common import Contact, Link, Problem, Source
from .services import Audience, Event, Service
from .stories import Story
from .vocab import (
    Beneficiary, CallStatus, FundingSource, LabeledEnum, Pathway, PnrrMission, Region, Scope, Sector,
    ServiceFormat, ServiceKind, StatusOverride, SupportType, TargetGroup,
)

__all__ = [
    "Audience", "Beneficiary", "Call", "CallStatus", "Contact", "Event", "FundingSource", "LabeledEnum",
    "Link", "Pathway", "Pnrr", "PnrrMission", "Problem", "Region", "Scope", "Sector", "Service",
    "ServiceFormat", "ServiceKind", "Source", "StatusOverride", "Story", "SupportType", "TargetGroup", "Window",
]
