"""The people and places the framework is about, and the roles they may hold."""

from .catalogue import Competency, Responsibility
from .geography import Area, Country, DutyStation, SecurityPhase, SecurityPhaseChange, WardenZone
from .organizations import Organization, OrganizationKind
from .people import ContractType, Dependant, Person, PersonCategory, Relationship
from .permissions import (
    AreaUserObjectPermission,
    CountryUserObjectPermission,
    DutyStationUserObjectPermission,
    OrganizationUserObjectPermission,
    WardenZoneUserObjectPermission,
)
from .roles import Role, ScopeKind
from .stafflists import StaffListConfirmation
from .users import User

__all__ = [
    "Area",
    "AreaUserObjectPermission",
    "Competency",
    "ContractType",
    "Country",
    "CountryUserObjectPermission",
    "Dependant",
    "DutyStation",
    "DutyStationUserObjectPermission",
    "Organization",
    "OrganizationKind",
    "OrganizationUserObjectPermission",
    "Person",
    "PersonCategory",
    "Relationship",
    "Responsibility",
    "Role",
    "ScopeKind",
    "SecurityPhase",
    "SecurityPhaseChange",
    "StaffListConfirmation",
    "User",
    "WardenZone",
    "WardenZoneUserObjectPermission",
]
