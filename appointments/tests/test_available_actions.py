"""Which workflow steps a user may take on an ASC or warden appointment (¶17, ¶19) is answered
once, by ``appointments.services.workflow.available_actions``, from the predicates the services ask:
the
appointment page's action forms and ``GET /api/v1/appointments/{id}/actions/`` follow it, and
the matrix below proves it is exactly what the services accept."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from actors import models as m
from actors.tests.api_helpers import client_for, error_attrs
from actors.tests.factories import superuser
from appointments.models import Answer, Appointment, AppointmentStatus
from appointments.services import workflow as wf
from appointments.tests.conftest import statements_for

pytestmark = pytest.mark.django_db
S = AppointmentStatus

STATES = (S.DRAFT, S.CONSULTATION, S.PENDING, S.ACTIVE, S.REJECTED, S.ENDED, S.REVOKED)
USERS = ("fsco", "do", "smt1", "smt2", "rep", "nominee", "other_do", "outsider", "root")


class RolledBack(Exception):
    pass


def in_state(w, state, *, kind):
    """A nomination by the FSCO with its dossier complete (statements, every SMT member
    answered, the time released), brought to ``state``: only the actor's right and the state
    are left to decide whether a step is accepted."""
    role, scope, person = (
        (w["warden"], w["zone"], w["nominee"])
        if kind == "warden"
        else (w["asc"], w["area"], w["field_nominee"])
    )
    start = timezone.localdate() if state == S.ACTIVE else w["start"]
    appointment = wf.nomination_create(
        actor=w["fsco"],
        person=person,
        role=role,
        scope=scope,
        start_date=start,
        statements=statements_for(role),
    )
    if state == S.ENDED:
        wf.nomination_withdraw(actor=w["fsco"], appointment=appointment, reason="Moved.")
    if state in (S.DRAFT, S.ENDED):
        return appointment
    wf.nomination_submit(actor=w["fsco"], appointment=appointment)
    for who in ("smt1", "smt2"):
        wf.consultation_answer(actor=w[who], appointment=appointment, answer=Answer.SUPPORT)
    wf.release_record(actor=w["rep"], appointment=appointment, hours_per_week=Decimal("4"))
    if state != S.CONSULTATION:
        wf.appointment_decide(
            actor=w["do"], appointment=appointment, approve=state != S.REJECTED, reason="x"
        )
    if state == S.REVOKED:
        wf.appointment_revoke(actor=w["do"], appointment=appointment, reason="Left.")
    return appointment


STEPS = {
    "submit": lambda user, a: wf.nomination_submit(actor=user, appointment=a),
    "consult": lambda user, a: wf.consultation_answer(
        actor=user, appointment=a, answer=Answer.NO_VIEW
    ),
    "release": lambda user, a: wf.release_record(actor=user, appointment=a, percent=10),
    "approve": lambda user, a: wf.appointment_decide(actor=user, appointment=a, approve=True),
    "reject": lambda user, a: wf.appointment_decide(
        actor=user, appointment=a, approve=False, reason="Too busy."
    ),
    "revoke": lambda user, a: wf.appointment_revoke(actor=user, appointment=a, reason="Left."),
    "withdraw": lambda user, a: wf.nomination_withdraw(actor=user, appointment=a, reason="No."),
}


def accepted(user, appointment) -> set[str]:
    """The steps the services carry out for ``user``, each tried and rolled back."""
    steps = set()
    for name, step in STEPS.items():
        try:
            with transaction.atomic():
                step(user, appointment)
                raise RolledBack
        except RolledBack:
            steps.add(name)
        except ValidationError:
            pass
    return steps


def fetched(appointment):
    return Appointment.objects.select_related(
        "role", "person__duty_station", "scope_zone__duty_station", "scope_area"
    ).get(pk=appointment.pk)


@pytest.mark.parametrize("kind", ["warden", "asc"])
@pytest.mark.parametrize("state", STATES)
def test_available_actions_are_what_the_services_accept(station_world, outsider, state, kind):
    root = m.User.objects.filter(is_superuser=True).first() or superuser()
    w = {**station_world, "outsider": outsider, "root": root}
    appointment = in_state(w, state, kind=kind)
    assert appointment.__class__.objects.get(pk=appointment.pk).status == state
    users = {who: w[who] for who in USERS if who != "nominee"}
    users["nominee"] = w["nominee"].user
    seen = {}
    for who, user in users.items():
        available = wf.available_actions(user=user, appointment=fetched(appointment))
        assert available == accepted(user, fetched(appointment)), (state, kind, who)
        seen[who] = available
    # Not vacuous: the states where the workflow has steps, somebody may take them.
    expected_do = {
        S.DRAFT: {"submit", "withdraw"},
        S.CONSULTATION: {"approve", "reject", "withdraw"},
        S.PENDING: {"revoke"},
        S.ACTIVE: {"revoke"},
    }.get(state, set())
    assert seen["do"] == expected_do
    if state == S.CONSULTATION:
        assert seen["smt1"] == {"consult"} and seen["rep"] == {"release"}
        assert seen["fsco"] == {"withdraw"}  # the nominator never decides
    assert seen["outsider"] == seen["other_do"] == set()


def test_roles_outside_the_workflow_have_no_actions_and_are_not_revoked_this_way(station_world):
    """The workflow's revoke applied to any appointment its caller could merely see (an SMT
    member revoking a colleague's SMT seat through /revoke/); other roles end through
    ``end``, behind the appointment's edit rights."""
    w = station_world
    seat = Appointment.objects.get(person__user=w["smt2"], role__code="smt")
    assert wf.available_actions(user=w["do"], appointment=seat) == frozenset()
    response = client_for(w["smt1"]).post(
        f"/api/v1/appointments/{seat.pk}/revoke/", {"reason": "x"}
    )
    assert response.status_code == 400 and error_attrs(response) == {"role"}
    seat.refresh_from_db()
    assert seat.status == S.ACTIVE
    assert client_for(w["smt1"]).get(f"/api/v1/appointments/{seat.pk}/actions/").json() == {
        "id": seat.pk,
        "actions": [],
    }


def test_revoke_page_asks_the_service_not_a_copy_of_its_rules(client, station_world):
    """A blank reason from who may not revoke: the service's refusal (only the DO), not the
    view's own reason check run first."""
    w = station_world
    appointment = in_state(w, S.PENDING, kind="warden")
    client.force_login(w["fsco"])
    response = client.post(
        reverse("appointments:revoke", args=[appointment.pk]), {"reason": " "}, follow=True
    )
    assert [str(message) for message in response.context["messages"]] == [
        "Only the Designated Official revokes."
    ]
    client.force_login(w["do"])
    response = client.post(
        reverse("appointments:revoke", args=[appointment.pk]), {"reason": " "}, follow=True
    )
    assert [str(message) for message in response.context["messages"]] == [
        "Give the reason for the revocation."
    ]
    appointment.refresh_from_db()
    assert appointment.status == S.PENDING


def test_actions_endpoint_answers_the_same_with_exact_queries(
    station_world, outsider, django_assert_num_queries
):
    w = station_world
    zone = in_state(w, S.CONSULTATION, kind="warden")
    area = in_state(w, S.DRAFT, kind="asc")
    cases = (
        # 1 token + user, 1 grants, 1 appointment with role, person, station and scope, and
        # 1 the user's own consultation (asked in consultation only) ...
        (zone, "smt1", ["consult"], 4),
        (zone, "do", ["approve", "reject", "withdraw"], 4),
        # ... or, for an area in draft, 1 its country's capital, the station that decides.
        (area, "fsco", ["submit", "withdraw"], 4),
        (area, "do", ["submit", "withdraw"], 4),
        (area, "rep", ["release"], 4),
        (area, "smt2", [], 4),
    )
    for appointment, who, actions, queries in cases:
        client = client_for(w[who])
        url = f"/api/v1/appointments/{appointment.pk}/actions/"
        client.get(url)  # the token's first use
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200
        assert response.json() == {"id": appointment.pk, "actions": actions}, who
        assert set(actions) == wf.available_actions(user=w[who], appointment=fetched(appointment))
    assert client_for(outsider).get(f"/api/v1/appointments/{zone.pk}/actions/").status_code == 404


@pytest.mark.parametrize(
    ("kind", "queries"),
    [
        # 1 session, 1 user, 1 grants, 1 appointment with its rows, 2 history (events and
        # previous snapshots), 1 statements, 1 consultations with their members (the panel's
        # table and available_actions' "consult" both read them), 1 letter, 1 navigation
        # badges, 1 organization and 1 country rows of the page's frame. An area adds 1: the
        # capital that decides, looked up once (the DO's page asked it twice before).
        ("warden", 12),
        ("asc", 13),
    ],
)
def test_appointment_page_with_its_actions_costs_exact_queries(
    client, station_world, django_assert_num_queries, kind, queries
):
    w = station_world
    appointment = in_state(w, S.CONSULTATION, kind=kind)
    url = reverse("appointments:appointment-detail", args=[appointment.pk])
    for who in ("fsco", "do", "smt1", "rep"):
        client.force_login(w[who])
        client.get(url)
        with django_assert_num_queries(queries):
            response = client.get(url)
        panel = response.context["wf"]["actions"]
        available = wf.available_actions(user=w[who], appointment=fetched(appointment))
        assert {name for name, shown in panel.items() if shown} == (
            {"decide"} if available & {"approve", "reject"} else set()
        ) | (available - {"approve", "reject"}), who


def test_the_nominate_page_opens_for_whom_the_service_accepts(client, station_world, outsider):
    """The page's 404 asks workflow.may_nominate, the predicate nomination_create asks."""
    w = {**station_world, "outsider": outsider}
    for who in ("fsco", "do", "smt1", "rep", "other_do", "outsider"):
        user = w[who]
        try:
            with transaction.atomic():
                wf.nomination_create(
                    actor=user,
                    person=w["nominee"],
                    role=w["warden"],
                    scope=w["zone"],
                    start_date=w["start"],
                    is_alternate=True,
                    statements=statements_for(w["warden"]),
                )
                raise RolledBack
        except RolledBack:
            accepts = True
        except ValidationError:
            accepts = False
        assert accepts == wf.may_nominate(user, w["capital"]), who
        client.force_login(user)
        response = client.get(reverse("appointments:nominate"), {"zone": w["zone"].pk})
        assert response.status_code == (200 if accepts else 404), who
    assert wf.may_nominate(w["fsco"], w["capital"]) and not wf.may_nominate(w["rep"], w["capital"])
