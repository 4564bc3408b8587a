"""The checklists of ¶39: one per category of actor, generated for the actors present.

The items come from the framework catalogue (actors.Responsibility): the DO's duties (¶8), the
FSCO's (¶10), each FSCA's (¶11), each agency security officer's (¶13), each country
representative's (¶15), each country security focal point's (annex ¶24, ¶27), the SMT's (¶16),
each area security coordinator's (¶18), each warden's (¶20) and those of a sample of the
station's personnel (¶22). The catalogue is frozen into a numbered checklist version
whenever its text changes; missions keep theirs.
"""

from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import MD5, Cast, Concat

from actors import models as am
from appointments.models import Appointment, AppointmentStatus

from ..models import ChecklistItem, ChecklistTemplate, ChecklistTemplateItem, Mission, Severity

# Role, the catalogue's source and the paragraphs of its duties, in the order the checklist
# lists them. The country security focal point has no lettered duties: the annex names it
# (annex ¶24: the day-to-day security tasks its country representative delegates) and gives
# it the security clearances and their written records of each office (annex ¶27).
CHECKLIST_ROLES: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    ("designated_official", "report", (8,)),
    ("fsco", "report", (10,)),
    ("fsca", "report", (11,)),
    ("agency_security_officer", "report", (13,)),
    ("country_representative", "report", (15,)),
    ("country_focal_point", "annex", (24, 27)),
    ("smt", "report", (16,)),
    ("area_coordinator", "report", (18,)),
    ("warden", "report", (20,)),
    ("personnel", "report", (22,)),
)
ROLE_ORDER = {code: index for index, (code, _source, _paragraphs) in enumerate(CHECKLIST_ROLES)}

# The weight a deficiency carries by default. The DO's, the FSCO's and the SMT's duties are
# the station's security arrangements as a whole (¶8, ¶10, ¶16): a gap there exposes
# everyone. One staff member's own duties (¶22) expose mainly that person. Inspectors adjust
# each finding's severity as they record it.
DEFAULT_SEVERITY = {
    "designated_official": Severity.HIGH,
    "fsco": Severity.HIGH,
    "smt": Severity.HIGH,
    "personnel": Severity.LOW,
}

# Appointments that count as "present at the duty station at that time" (¶39).
PRESENT_STATUSES = (AppointmentStatus.ACTIVE, AppointmentStatus.PENDING)


def _catalogue_rows() -> list[dict]:
    wanted = Q()
    for code, source, paragraphs in CHECKLIST_ROLES:
        wanted |= Q(role__code=code, source=source, paragraph__in=paragraphs)
    rows = am.Responsibility.objects.filter(wanted).values(
        "id", "role_id", "role__code", "source", "paragraph", "letter", "text_en", "text_zh"
    )
    return sorted(
        rows, key=lambda row: (ROLE_ORDER[row["role__code"]], row["paragraph"], row["letter"])
    )


def _reference(row: dict) -> str:
    prefix = "annex " if row["source"] == "annex" else ""
    letter = f"({row['letter']})" if row["letter"] else ""
    return f"{prefix}¶{row['paragraph']}{letter}"


def _digest(rows: list[dict]) -> str:
    content = [
        [
            row["role__code"],
            _reference(row),
            row["text_en"],
            row["text_zh"],
            DEFAULT_SEVERITY.get(row["role__code"], Severity.MEDIUM).value,
        ]
        for row in rows
    ]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def current_template() -> ChecklistTemplate:
    """The checklist version matching the catalogue as it is now, written if new."""
    rows = _catalogue_rows()
    digest = _digest(rows)
    existing = ChecklistTemplate.objects.filter(digest=digest).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        # Serialize the numbering: two missions announced at once get one new version.
        ChecklistTemplate.objects.select_for_update().order_by("pk").first()
        existing = ChecklistTemplate.objects.filter(digest=digest).first()
        if existing is not None:
            return existing
        last = ChecklistTemplate.objects.order_by("-version").values_list("version", flat=True)
        template = ChecklistTemplate.objects.create(version=(last.first() or 0) + 1, digest=digest)
        ChecklistTemplateItem.objects.bulk_create(
            ChecklistTemplateItem(
                template=template,
                responsibility_id=row["id"],
                role_id=row["role_id"],
                reference=_reference(row),
                text_en=row["text_en"],
                text_zh=row["text_zh"],
                severity=DEFAULT_SEVERITY.get(row["role__code"], Severity.MEDIUM),
                position=position,
            )
            for position, row in enumerate(rows, start=1)
        )
    return template


def present_appointments(mission: Mission):
    """Appointments of the checklist's roles covering the station during the mission."""
    station = mission.duty_station
    covers = (
        Q(
            role__code__in=[
                "designated_official",
                "fsco",
                "country_representative",
                "country_focal_point",
            ]
        )
        & (Q(scope_duty_station=station) | Q(scope_country_id=station.country_id))
    ) | Q(role__code__in=["fsca", "agency_security_officer", "smt"], scope_duty_station=station)
    covers |= Q(role__code="warden", scope_zone__duty_station=station)
    if station.area_id:
        covers |= Q(role__code="area_coordinator", scope_area_id=station.area_id)
    elif station.is_capital:
        # The capital's DO looks after the areas of the country (¶17).
        covers |= Q(role__code="area_coordinator", scope_area__country_id=station.country_id)
    return (
        Appointment.objects.filter(
            covers,
            status__in=PRESENT_STATUSES,
            start_date__lte=mission.ends_on,
            person__is_active=True,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=mission.starts_on))
        .select_related("person", "role")
        .order_by("person__family_name", "person__given_names", "person_id", "pk")
    )


def sampled_personnel(mission: Mission) -> list[am.Person]:
    """A reproducible sample of the station's staff for the ¶22 items: the same mission
    always draws the same people, different missions different ones."""
    key = MD5(Concat(Cast("id", CharField()), Value(f"/{mission.pk}")))
    # The inspectors do not inspect themselves.
    team = mission.members.values("person_id")
    return list(
        am.Person.objects.filter(duty_station_id=mission.duty_station_id, is_active=True)
        .exclude(pk=mission.lead_inspector_id)
        .exclude(pk__in=team)
        .annotate(draw=key)
        .order_by("draw")[: mission.personnel_sample_size]
    )


def actors_present(mission: Mission) -> dict[str, list[am.Person]]:
    """Role code -> the people accountable in it, in checklist order (SMT: its chair)."""
    by_role: dict[str, list[am.Person]] = {code: [] for code in ROLE_ORDER}
    seen: set[tuple[str, int]] = set()
    for appointment in present_appointments(mission):
        key = (appointment.role.code, appointment.person_id)
        if key not in seen:
            seen.add(key)
            by_role[appointment.role.code].append(appointment.person)
    # The SMT answers collectively (¶16), chaired by the DO; with no DO, its first member.
    smt = by_role["smt"]
    chair = (by_role["designated_official"] or smt)[:1]
    by_role["smt"] = chair if smt else []
    by_role["personnel"] = sampled_personnel(mission)
    return by_role


def checklist_items_build(mission: Mission, template: ChecklistTemplate) -> list[ChecklistItem]:
    """The mission's checklist items (unsaved), one per duty per accountable person."""
    duties: dict[str, list[ChecklistTemplateItem]] = {}
    for duty in template.items.select_related("role").order_by("position"):
        duties.setdefault(duty.role.code, []).append(duty)
    items = []
    for code, people in actors_present(mission).items():
        for person in people:
            for duty in duties.get(code, []):
                items.append(
                    ChecklistItem(
                        mission=mission,
                        template_item=duty,
                        person=person,
                        role_id=duty.role_id,
                        organization_id=person.organization_id,
                        reference=duty.reference,
                        text_en=duty.text_en,
                        text_zh=duty.text_zh,
                        severity=duty.severity,
                        position=len(items) + 1,
                    )
                )
    return items
