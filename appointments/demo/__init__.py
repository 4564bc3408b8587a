"""Appointments in the demo data (issue 3): every role held at every duty station, and the
ASC and warden workflow in every state. ``seed_appointments`` is registered with the seed_demo
orchestrator (accountability/core/demo/) from ``AppointmentsConfig.ready()`` and runs right
after the actors' seeder, whose plan and rows it builds on (``run.shared``).

Who holds which role, and who is nominated for one, is drawn with the people
(actors/demo/seed.py: the holder's organization, grade and zone depend on it); the dates
here go on drawing from the same generator, ``plan.rng``, in the order the seed has always
drawn them, so the same seed gives the same data. Appointments are inserted ACTIVE in bulk
and only the demo logins get rights, through ``scoping.sync_rights``: the other appointees
have no login, and rights are only ever held by logins.

- the planned holders (ACTIVE), then the nominations in every state (draft, consultation,
  rejected, pending, ended, revoked) with the records the state implies: competency
  statements, the SMT's answers, the agency's release and the decision (¶17, ¶19, ¶24);
- a DO ad interim recommended by the DO of Kenya (¶8(b)) and an agency security officer
  proposed by UNHCR headquarters (annex ¶12), both awaiting UNSECOORD;
- data.py: the texts all this uses.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from accountability.core import scoping
from accountability.core.demo import DemoRun
from actors import models as m
from actors.demo.seed import ANCHOR, BATCH, Inserted, Plan, bulk_insert
from appointments.models import (
    SCOPE_FIELDS,
    Answer,
    Appointment,
    AppointmentStatus,
    CompetencyStatement,
    Consultation,
)

from . import data

__all__ = ["ANALYZED", "seed_appointments"]

# Nominations still open (draft, consultation) or approved but not started start on this day:
# far enough ahead that the daily task does not start them for years, and fixed, so that
# the same seed gives the same data whenever it runs.
FUTURE = dt.date(2030, 1, 1)

# The tables seed_appointments fills, analyzed once the whole seed is in.
ANALYZED = (
    "appointments_appointment",
    "appointments_competencystatement",
    "appointments_consultation",
)


def seed_appointments(run: DemoRun) -> dict[str, int]:
    """Write the planned appointments and their workflow, then grant the demo logins their
    rights; returns counts per kind."""
    plan: Plan = run.shared["plan"]
    inserted: Inserted = run.shared["inserted"]
    step = run.step
    roles = {role.code: role for role in m.Role.objects.all()}
    appointments = _insert_active(plan, inserted, roles)
    step(f"{len(appointments)} appointments")
    counts = _insert_workflow(plan, inserted, roles, appointments)
    step(
        "workflow: "
        + ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in counts.items())
    )

    for user in inserted.users.values():
        scoping.sync_rights(user)
    step(f"rights granted to {len(inserted.users)} demo logins")
    run.analyze += ANALYZED
    # The nominations, the DO ad interim and the agency security officer awaiting decisions.
    return {"appointments": len(appointments) + counts["nominations"] + 2}


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def _insert_active(plan: Plan, inserted: Inserted, roles) -> list[Appointment]:
    """The planned holders of every role, ACTIVE, appointed by the UN Security Coordinator."""
    rng = plan.rng
    people, scopes = inserted.people, inserted.scopes
    coordinator = inserted.users.get("unsecoord")
    appointments = []
    wardens_in_zone: dict[int, int] = defaultdict(int)
    for person_idx, role_code, kind, scope in plan.appointments:
        person = people[person_idx]
        start = ANCHOR - dt.timedelta(days=rng.randint(30, 1500))
        alternate = False
        if role_code == "warden":
            # One warden per zone and an alternate (¶19).
            alternate = wardens_in_zone[scope] > 0
            wardens_in_zone[scope] += 1
        appointments.append(
            Appointment(
                organization_id=person.organization_id,
                person=person,
                role=roles[role_code],
                scope_kind=kind,
                start_date=start,
                status=AppointmentStatus.ACTIVE,
                appointed_by=coordinator,
                is_alternate=alternate,
                **{SCOPE_FIELDS[kind]: scopes[kind][scope]},
            )
        )
    return bulk_insert(Appointment, appointments)


def _insert_workflow(plan: Plan, inserted: Inserted, roles, planned) -> dict[str, int]:
    """The records of the ASC and warden workflow (¶17, ¶19, ¶24) consistent with each
    appointment's state, and the other appointments awaiting a decision.

    The planned (ACTIVE) coordinators and wardens went through the workflow too: they get
    their competency statements, the SMT's answers, the agency's release and the decision.
    """
    rng = plan.rng
    people, scope_objects, users_by_name = inserted.people, inserted.scopes, inserted.users
    S = AppointmentStatus
    competencies: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for code, pk, name in m.Competency.objects.order_by("position", "pk").values_list(
        "role__code", "pk", "name_en"
    ):
        competencies[code].append((pk, name))
    do_login = {0: users_by_name.get("do.kenya"), 1: users_by_name.get("do.afghanistan")}
    fsco_login = {0: users_by_name.get("fsco.kenya")}

    def decision_station(kind: str, scope: int) -> int:
        # A zone's own city; an area's country capital (capitals are planned first, one per
        # country, so the capital's index is the country's).
        return plan.zones[scope][0] if kind == "zone" else plan.areas[scope][0]

    appointments: list[Appointment] = []
    states: list[str] = []
    for person_idx, role_code, kind, scope, state, alternate in plan.nominations:
        person = people[person_idx]
        ci = plan.stations[decision_station(kind, scope)].country
        start = {
            "draft": FUTURE,
            "consultation": FUTURE,
            "rejected": ANCHOR + dt.timedelta(days=30),
            "pending": FUTURE,
            "ended": ANCHOR - dt.timedelta(days=rng.randint(700, 1200)),
            "revoked": ANCHOR - dt.timedelta(days=rng.randint(200, 600)),
        }[state]
        row = Appointment(
            organization_id=person.organization_id,
            person=person,
            role=roles[role_code],
            scope_kind=kind,
            start_date=start,
            status=state,
            is_alternate=alternate,
            nominated_by=fsco_login.get(ci),
            **{SCOPE_FIELDS[kind]: scope_objects[kind][scope]},
        )
        if state == "ended":
            row.end_date = row.ended_on = ANCHOR - dt.timedelta(days=rng.randint(10, 150))
            row.end_reason = "End date reached."
        elif state == "revoked":
            row.ended_on = ANCHOR - dt.timedelta(days=rng.randint(5, 60))
            row.end_reason = "Revoked by the Designated Official: left the zone's residence."
        appointments.append(row)
        states.append(state)
    bulk_insert(Appointment, appointments)

    # The planned coordinators and wardens, and the nominations, with their records.
    workflow_rows = [
        (a, "active") for a in planned if a.role.code in ("area_coordinator", "warden")
    ] + list(zip(appointments, states, strict=True))
    kinds = {"warden": "zone", "area_coordinator": "area"}
    station_of = {
        "zone": {scope_objects["zone"][zi].pk: si for zi, (si, _n) in enumerate(plan.zones)},
        "area": {scope_objects["area"][ai].pk: ci for ai, (ci, _n) in enumerate(plan.areas)},
    }
    statements, consultations, updated = [], [], []
    for appointment, state in workflow_rows:
        kind = kinds[appointment.role.code]
        scope_id = appointment.scope_zone_id if kind == "zone" else appointment.scope_area_id
        si = station_of[kind][scope_id]
        ci = plan.stations[si].country
        for n, (competency_id, _name) in enumerate(competencies[appointment.role.code]):
            if state == "draft" and n > 0:
                break  # a draft: the nominator is still writing the statements
            statements.append(
                CompetencyStatement(
                    appointment=appointment,
                    competency_id=competency_id,
                    statement=data.STATEMENT_PHRASES[
                        (appointment.pk + n) % len(data.STATEMENT_PHRASES)
                    ],
                )
            )
        if state == "draft":
            continue
        submitted = appointment.start_date - dt.timedelta(days=30)
        if state in ("consultation", "pending"):
            submitted = ANCHOR - dt.timedelta(days=14)
        appointment.submitted_at = _at(submitted)
        appointment.consultation_ends_on = submitted + dt.timedelta(days=7)
        for n, member in enumerate(plan.holders[("smt", "duty_station", si)]):
            answer = Answer.SUPPORT if n % 3 else Answer.NO_VIEW
            reasons = ""
            if state == "consultation" and n % 2:
                answer = Answer.PENDING
            elif state == "rejected" and n == 0:
                answer, reasons = (
                    Answer.OBJECT,
                    "Not resident in the zone; cannot reach households.",
                )
            consultations.append(
                Consultation(
                    appointment=appointment,
                    member=people[member],
                    answer=answer,
                    reasons=reasons,
                    answered_at=None
                    if answer == Answer.PENDING
                    else _at(submitted + dt.timedelta(days=1 + n % 5)),
                )
            )
        if state != "consultation" or appointment.pk % 2:
            if appointment.pk % 3:
                appointment.release_percent = (10, 15, 20, 25)[appointment.pk % 4]
            else:
                appointment.release_hours_per_week = (4, 6, 8)[appointment.pk % 3]
            appointment.released_at = _at(submitted + dt.timedelta(days=2))
        if state != "consultation":
            appointment.decided_by = do_login.get(ci)
            appointment.decided_at = _at(appointment.consultation_ends_on + dt.timedelta(days=1))
            if state == "rejected":
                appointment.decision_reason = "The SMT objected: the nominee lives outside it."
        updated.append(appointment)
    Appointment.objects.bulk_update(
        updated,
        [
            "submitted_at",
            "consultation_ends_on",
            "release_percent",
            "release_hours_per_week",
            "released_at",
            "decided_by",
            "decided_at",
            "decision_reason",
        ],
        batch_size=BATCH,
    )
    bulk_insert(CompetencyStatement, statements)
    bulk_insert(Consultation, consultations)

    # A DO ad interim recommended by the DO of Kenya, awaiting UNSECOORD (¶8(b)).
    acting, country = plan.interim
    recommended = Appointment(
        organization_id=people[acting].organization_id,
        person=people[acting],
        role=roles["designated_official"],
        scope_kind="country",
        scope_country=scope_objects["country"][country],
        is_ad_interim=True,
        start_date=FUTURE,
        end_date=FUTURE + dt.timedelta(days=20),
        status=S.DRAFT,
        nominated_by=do_login.get(country),
    )
    # An agency security officer proposed by UNHCR headquarters, awaiting clearance (annex ¶12).
    officer, station = plan.aso_proposed
    proposed = Appointment(
        organization_id=people[officer].organization_id,
        person=people[officer],
        role=roles["agency_security_officer"],
        scope_kind="duty_station",
        scope_duty_station=scope_objects["duty_station"][station],
        start_date=FUTURE,
        status=S.DRAFT,
        nominated_by=users_by_name.get("hq.unhcr"),
        appointed_by=users_by_name.get("hq.unhcr"),
    )
    bulk_insert(Appointment, [recommended, proposed])
    return {
        "nominations": len(appointments),
        "competency_statements": len(statements),
        "consultations": len(consultations),
    }
