"""The appointment workflow over /api/v1/ (¶17, ¶19): every action legal and illegal, who may
take it, the nominations endpoint, the DO's approval queue, consultations and notifications.

Illegal steps answer 400 in the standard error format naming ``status``; a step the user may
not take answers 400 naming the service's field (``decision``, ``release``, ``answer``); an
appointment the user cannot see answers 404.
"""

import datetime as dt

import pytest
from django.utils import timezone

from accountability.core.models import Notification
from actors.tests.api_helpers import client_for, error_attrs
from actors.tests.factories import (
    AreaFactory,
    PersonFactory,
    WardenZoneFactory,
    appoint,
    user_with_role,
)
from appointments.models import Appointment, AppointmentStatus
from appointments.tests.conftest import statements_for

pytestmark = pytest.mark.django_db
S = AppointmentStatus


def url(appointment_id, step=None):
    base = f"/api/v1/appointments/{appointment_id}/"
    return f"{base}{step}/" if step else base


def nomination_body(w, *, role=None, scope=None, **overrides):
    role = role or w["warden"]
    scope = scope or w["zone"]
    return {
        "person": w["nominee"].pk,
        "role": role.code,
        "scope_kind": "zone" if scope == w["zone"] else "area",
        "scope_id": scope.pk,
        "start_date": w["start"].isoformat(),
        "statements": [
            {"competency": pk, "statement": text} for pk, text in statements_for(role).items()
        ],
        **overrides,
    }


def nominate(w, by="fsco", **kwargs) -> int:
    response = client_for(w[by]).post("/api/v1/nominations/", nomination_body(w, **kwargs))
    assert response.status_code == 201, response.content
    return response.json()["id"]


def post(w, who, pk, step, body=None):
    return client_for(w[who]).post(url(pk, step), body or {})


def through_consultation(w, pk, *, release=True):
    assert post(w, "fsco", pk, "submit").status_code == 200
    assert post(w, "smt1", pk, "consult", {"answer": "support"}).status_code == 200
    assert post(w, "smt2", pk, "consult", {"answer": "no_view"}).status_code == 200
    if release:
        assert post(w, "rep", pk, "release", {"hours_per_week": "4.5"}).status_code == 200


# --- The full path ---------------------------------------------------------------------------


def test_nominate_consult_release_approve_letter_revoke(
    station_world, django_capture_on_commit_callbacks
):
    w = station_world
    pk = nominate(w)
    row = client_for(w["fsco"]).get(url(pk)).json()
    assert row["status"] == S.DRAFT and row["nominated_by"] == w["fsco"].pk
    assert row["is_alternate"] is False and row["consultation_ends_on"] is None

    submitted = post(w, "fsco", pk, "submit")
    assert submitted.status_code == 200
    assert submitted.json()["status"] == S.CONSULTATION
    assert submitted.json()["consultation_ends_on"]

    objection = post(w, "smt2", pk, "consult", {"answer": "object"})
    assert objection.status_code == 400 and error_attrs(objection) == {"reasons"}
    assert (
        post(w, "smt2", pk, "consult", {"answer": "object", "reasons": "Busy"}).status_code == 200
    )
    assert post(w, "smt1", pk, "consult", {"answer": "support"}).status_code == 200

    released = post(w, "rep", pk, "release", {"percent": 20})
    assert released.status_code == 200
    assert released.json()["release_percent"] == 20
    assert released.json()["released_by"] == w["rep"].pk

    with django_capture_on_commit_callbacks(execute=True):
        approved = post(w, "do", pk, "approve", {"reason": "Best placed"})
    assert approved.status_code == 200, approved.content
    body = approved.json()
    assert body["status"] == S.PENDING
    assert body["decided_by"] == w["do"].pk and body["decision_reason"] == "Best placed"
    assert body["decided_at"]

    letter = client_for(w["nominee"].user).get(url(pk, "letter"))
    assert letter.status_code == 200
    assert letter["Content-Type"] == "application/pdf"
    assert b"".join(letter.streaming_content).startswith(b"%PDF")
    assert client_for(w["other_do"]).get(url(pk, "letter")).status_code == 404

    no_reason = post(w, "do", pk, "revoke")
    assert no_reason.status_code == 400 and error_attrs(no_reason) == {"end_reason"}
    revoked = post(w, "do", pk, "revoke", {"reason": "Left the zone"})
    assert revoked.status_code == 200 and revoked.json()["status"] == S.REVOKED


def test_release_in_hours_keeps_the_decimal(station_world):
    w = station_world
    pk = nominate(w)
    through_consultation(w, pk)
    row = client_for(w["do"]).get(url(pk)).json()
    assert row["release_hours_per_week"] == 4.5 and row["release_percent"] is None


# --- Illegal transitions: 400 naming status ---------------------------------------------------


def test_illegal_transitions_name_status(station_world):
    w = station_world
    pk = nominate(w)
    for step, who, body in (
        ("consult", "smt1", {"answer": "support"}),
        ("approve", "do", {}),
        ("reject", "do", {"reason": "No"}),
        ("revoke", "do", {"reason": "No"}),
    ):
        response = post(w, who, pk, step, body)
        assert response.status_code == 400, (step, response.content)
        assert error_attrs(response) == {"status"}, step
    through_consultation(w, pk)
    assert post(w, "do", pk, "approve").status_code == 200
    for step, who, body in (
        ("submit", "fsco", {}),
        ("consult", "smt1", {"answer": "support"}),
        ("release", "rep", {"percent": 10}),
        ("approve", "do", {}),
        ("reject", "do", {"reason": "No"}),
        ("withdraw", "fsco", {}),
    ):
        response = post(w, who, pk, step, body)
        assert response.status_code == 400, (step, response.content)
        assert error_attrs(response) == {"status"}, step
    body = response.json()
    assert body["type"] == "validation_error"
    assert body["errors"][0]["code"] == "invalid"


def test_reject_needs_a_reason_and_ends_the_nomination(station_world):
    w = station_world
    pk = nominate(w)
    through_consultation(w, pk, release=False)
    no_reason = post(w, "do", pk, "reject")
    assert no_reason.status_code == 400 and error_attrs(no_reason) == {"reason"}
    rejected = post(w, "do", pk, "reject", {"reason": "Not available at night"})
    assert rejected.status_code == 200 and rejected.json()["status"] == S.REJECTED
    again = post(w, "do", pk, "approve")
    assert again.status_code == 400 and error_attrs(again) == {"status"}


def test_withdraw_by_the_nominator_or_the_do_only(station_world):
    w = station_world
    pk = nominate(w)
    refused = post(w, "smt1", pk, "withdraw")
    assert refused.status_code == 400 and error_attrs(refused) == {"status"}
    withdrawn = post(w, "fsco", pk, "withdraw", {"reason": "Leaving"})
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == S.ENDED and withdrawn.json()["end_reason"] == "Leaving"
    pk2 = nominate(w)
    assert post(w, "fsco", pk2, "submit").status_code == 200
    assert post(w, "do", pk2, "withdraw").json()["status"] == S.ENDED


# --- Who decides ------------------------------------------------------------------------------


def test_only_the_do_of_that_station_decides(station_world):
    w = station_world
    pk = nominate(w)
    through_consultation(w, pk)
    # A DO of another country cannot see the appointment: 404, as for a missing one.
    for step in ("approve", "reject", "revoke", "submit", "consult", "release", "withdraw"):
        assert post(w, "other_do", pk, step, {"reason": "x"}).status_code == 404, step
    assert client_for(w["other_do"]).get(url(pk)).status_code == 404
    # The same DO, based in Nairobi (a regional hub) and sitting on its SMT, sees it but may
    # not decide: 400 naming "decision".
    person = w["other_do"].person
    person.duty_station = w["capital"]
    person.save()
    appoint(person, "smt", w["capital"])
    sees = post(w, "other_do", pk, "approve")
    assert sees.status_code == 400 and error_attrs(sees) == {"decision"}
    # Neither may the FSCO, who nominated (nor anyone else who sees it).
    for who in ("fsco", "smt1", "rep"):
        response = post(w, who, pk, "approve")
        assert response.status_code == 400 and error_attrs(response) == {"decision"}, who
    assert post(w, "do", pk, "approve").json()["status"] == S.PENDING


def test_outsider_gets_404_on_every_action(station_world, outsider):
    w = station_world
    pk = nominate(w)
    client = client_for(outsider)
    for step in ("submit", "consult", "release", "approve", "reject", "revoke", "withdraw"):
        assert client.post(url(pk, step), {"reason": "x"}).status_code == 404, step
    assert client.get(url(pk, "letter")).status_code == 404
    assert client.post(url(987654, "approve")).status_code == 404


def test_nobody_decides_on_their_own_nomination(station_world):
    w = station_world
    pk = nominate(w, by="do")
    assert post(w, "do", pk, "submit").status_code == 200
    for who in ("smt1", "smt2"):
        post(w, who, pk, "consult", {"answer": "support"})
    post(w, "rep", pk, "release", {"percent": 10})
    response = post(w, "do", pk, "approve")
    assert response.status_code == 400 and error_attrs(response) == {"decision"}
    assert "own nomination" in response.json()["errors"][0]["detail"]


def test_consultation_and_release_rules(station_world):
    w = station_world
    pk = nominate(w)
    # The release may come before submission, from the nominee's representative only.
    wrong = post(w, "fsco", pk, "release", {"percent": 10})
    assert wrong.status_code == 400 and error_attrs(wrong) == {"release"}
    both = post(w, "rep", pk, "release", {"percent": 10, "hours_per_week": "2"})
    assert both.status_code == 400 and error_attrs(both) == {"hours_per_week"}
    out_of_range = post(w, "rep", pk, "release", {"percent": 120})
    assert out_of_range.status_code == 400 and error_attrs(out_of_range) == {"percent"}
    assert post(w, "fsco", pk, "submit").status_code == 200
    # Only consulted SMT members answer, with a known answer.
    assert error_attrs(post(w, "fsco", pk, "consult", {"answer": "support"})) == {"answer"}
    assert error_attrs(post(w, "smt1", pk, "consult", {"answer": "maybe"})) == {"answer"}
    # Not before the consultation ends unless every member answered.
    assert post(w, "smt1", pk, "consult", {"answer": "support"}).status_code == 200
    early = post(w, "do", pk, "approve")
    assert early.status_code == 400 and error_attrs(early) == {"decision"}
    assert post(w, "smt2", pk, "consult", {"answer": "support"}).status_code == 200
    # Approval needs the agency's release.
    unreleased = post(w, "do", pk, "approve")
    assert unreleased.status_code == 400 and error_attrs(unreleased) == {"release"}
    assert post(w, "rep", pk, "release", {"percent": 10}).status_code == 200
    assert post(w, "do", pk, "approve").status_code == 200


def test_submit_needs_every_statement(station_world):
    w = station_world
    pk = nominate(w, statements=[])
    response = post(w, "fsco", pk, "submit")
    assert response.status_code == 400 and error_attrs(response) == {"statements"}


# --- POST /nominations/ ------------------------------------------------------------------------


def test_nomination_validation_names_fields(station_world, outsider):
    w = station_world
    client = client_for(w["fsco"])
    response = client.post("/api/v1/nominations/", {})
    assert response.status_code == 400
    assert {"person", "role", "scope_kind", "scope_id", "start_date"} <= error_attrs(response)
    cases = [
        ({"start_date": (timezone.localdate() - dt.timedelta(days=1)).isoformat()}, "start_date"),
        ({"end_date": (w["start"] - dt.timedelta(days=1)).isoformat()}, "end_date"),
        ({"role": "fsco"}, "role"),
        ({"role": "nosuchrole"}, "role"),
        ({"scope_kind": "country"}, "scope_kind"),
        ({"scope_id": 987654}, "scope_id"),
        ({"statements": [{"competency": 987654, "statement": "x"}]}, "statements"),
        ({"person": PersonFactory().pk}, "person"),  # nobody the FSCO sees
    ]
    for override, field in cases:
        response = client.post("/api/v1/nominations/", nomination_body(w) | override)
        assert response.status_code == 400, (override, response.content)
        assert field in {a.split(".")[0] for a in error_attrs(response)}, (
            override,
            response.json(),
        )
    duplicate = nomination_body(w)
    duplicate["statements"] = duplicate["statements"][:1] * 2
    assert "statements" in error_attrs(client.post("/api/v1/nominations/", duplicate))
    alternate_asc = nomination_body(
        w, role=w["asc"], scope=w["area"], is_alternate=True, person=w["field_nominee"].pk
    )
    assert error_attrs(client_for(w["do"]).post("/api/v1/nominations/", alternate_asc)) == {
        "is_alternate"
    }
    # The country representative does not nominate; nor does an outsider.
    assert error_attrs(client_for(w["rep"]).post("/api/v1/nominations/", nomination_body(w))) == {
        "scope"
    }
    assert client_for(outsider).post("/api/v1/nominations/", nomination_body(w)).status_code == 400
    assert not Appointment.objects.filter(role__code="warden").exists()


def test_alternate_warden_and_area_coordinator_nominations(station_world):
    w = station_world
    pk = nominate(w, by="do", is_alternate=True)
    assert client_for(w["do"]).get(url(pk)).json()["is_alternate"] is True
    asc = nominate(w, by="do", role=w["asc"], scope=w["area"], person=w["field_nominee"].pk)
    row = client_for(w["do"]).get(url(asc)).json()
    assert row["role_code"] == "area_coordinator" and row["scope_kind"] == "area"


# --- The approval queue -------------------------------------------------------------------------


def queue_ids(user) -> list:
    response = client_for(user).get("/api/v1/approval-queue/")
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_approval_queue_shows_the_do_its_decisions_with_summary(station_world, outsider):
    w = station_world
    pk = nominate(w)
    assert queue_ids(w["do"]) == []  # a draft is not in the queue
    assert post(w, "fsco", pk, "submit").status_code == 200
    post(w, "smt1", pk, "consult", {"answer": "object", "reasons": "Too new"})
    asc = nominate(w, by="do", role=w["asc"], scope=w["area"], person=w["field_nominee"].pk)
    assert post(w, "do", asc, "submit").status_code == 200  # the DO's own: decided by another

    response = client_for(w["do"]).get("/api/v1/approval-queue/")
    [row] = response.json()["results"]
    assert row["id"] == pk
    assert row["consultation"] == {
        "support": 0,
        "object": 1,
        "no_view": 0,
        "pending": 1,
        "ends_on": row["consultation"]["ends_on"],
        "closed": False,
    }
    assert row["release"] == {
        "released": False,
        "hours_per_week": None,
        "percent": None,
        "released_by": None,
    }
    assert row["decidable_now"] is False
    assert {s["competency"] for s in row["statements"]} == set(statements_for(w["warden"]))
    assert row["scope_name"] == "Gigiri" and row["role_code"] == "warden"

    post(w, "smt2", pk, "consult", {"answer": "support"})
    post(w, "rep", pk, "release", {"hours_per_week": "3"})
    [row] = client_for(w["do"]).get("/api/v1/approval-queue/").json()["results"]
    assert row["consultation"]["closed"] is True and row["decidable_now"] is True
    assert row["release"]["hours_per_week"] == 3.0

    for user in (w["fsco"], w["smt1"], w["rep"], w["other_do"], outsider, w["nominee"].user):
        assert queue_ids(user) == []
    csv = client_for(w["do"]).get("/api/v1/approval-queue/", {"format": "csv"})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert b"consultation.pending" in csv.content


def test_approval_queue_covers_areas_through_the_capital(station_world):
    w = station_world
    # A country-wide FSCO (who sees the field station's staff) nominates; the capital's DO
    # decides (¶17).
    w["country_fsco"] = user_with_role("fsco", w["country"], organization=w["undp"])
    asc = nominate(
        w, by="country_fsco", role=w["asc"], scope=w["area"], person=w["field_nominee"].pk
    )
    assert post(w, "country_fsco", asc, "submit").status_code == 200
    assert queue_ids(w["do"]) == [asc]


def add_nominations(w, n: int) -> None:
    """More nominations in consultation at the capital, with answers and statements."""
    from appointments.services import workflow as wf

    for _ in range(n):
        zone = WardenZoneFactory(duty_station=w["capital"])
        person = PersonFactory(organization=w["unicef"], duty_station=w["capital"])
        appointment = wf.nomination_create(
            actor=w["fsco"],
            person=person,
            role=w["warden"],
            scope=zone,
            start_date=w["start"],
            statements=statements_for(w["warden"]),
        )
        wf.nomination_submit(actor=w["fsco"], appointment=appointment)
        wf.consultation_answer(actor=w["smt1"], appointment=appointment, answer="support")
    AreaFactory(country=w["country"])


def test_queue_consultations_notifications_cost_constant_queries(
    station_world, outsider, django_assert_num_queries
):
    # 1 token and user, 1 grants, 1 page (counts, release and statements annotated). A user
    # who decides nowhere gets the empty queue without the page query; notifications are
    # the user's own and need no grants.
    w = station_world
    add_nominations(w, 2)
    pk = Appointment.objects.filter(status=S.CONSULTATION).values_list("pk", flat=True)[0]
    urls = [
        ("/api/v1/approval-queue/", {}),
        ("/api/v1/consultations/", {}),
        ("/api/v1/consultations/", {"appointment": pk}),
        ("/api/v1/notifications/", {}),
    ]
    sizes = []
    for n in (0, 12):
        add_nominations(w, n)
        for user in (w["do"], w["smt1"], outsider):
            client = client_for(user)
            for address, params in urls:
                expected = 3
                if address == "/api/v1/notifications/" or (
                    address == "/api/v1/approval-queue/" and user != w["do"]
                ):
                    expected = 2
                with django_assert_num_queries(expected):
                    response = client.get(address, {"page_size": 100, **params})
                assert response.status_code == 200, response.content
        sizes.append(len(client_for(w["do"]).get("/api/v1/approval-queue/").json()["results"]))
    assert sizes == [2, 14]


# --- Consultations and notifications ------------------------------------------------------------


def test_consultations_of_visible_appointments(station_world, outsider):
    w = station_world
    pk = nominate(w)
    post(w, "fsco", pk, "submit")
    post(w, "smt1", pk, "consult", {"answer": "object", "reasons": "Too new"})
    rows = client_for(w["do"]).get("/api/v1/consultations/", {"appointment": pk}).json()["results"]
    assert {(r["member"], r["answer"]) for r in rows} == {
        (w["smt1"].person.pk, "object"),
        (w["smt2"].person.pk, "pending"),
    }
    assert [r["reasons"] for r in rows if r["answer"] == "object"] == ["Too new"]
    assert client_for(outsider).get("/api/v1/consultations/").json()["results"] == []
    assert client_for(w["other_do"]).get("/api/v1/consultations/").json()["results"] == []


def test_notifications_own_and_read(station_world, outsider):
    w = station_world
    pk = nominate(w)
    post(w, "fsco", pk, "submit")
    rows = client_for(w["smt1"]).get("/api/v1/notifications/").json()["results"]
    assert [r["key"] for r in rows] == [f"consult:{pk}"] and rows[0]["read_at"] is None
    notice = rows[0]["id"]
    assert client_for(w["smt2"]).post(f"/api/v1/notifications/{notice}/read/").status_code == 404
    assert client_for(outsider).post(f"/api/v1/notifications/{notice}/read/").status_code == 404
    read = client_for(w["smt1"]).post(f"/api/v1/notifications/{notice}/read/")
    assert read.status_code == 200 and read.json()["read_at"]
    first = Notification.objects.get(pk=notice).read_at
    client_for(w["smt1"]).post(f"/api/v1/notifications/{notice}/read/")
    assert Notification.objects.get(pk=notice).read_at == first
    unread = client_for(w["smt1"]).get("/api/v1/notifications/", {"unread": "true"})
    assert unread.json()["results"] == []
    assert client_for(outsider).get("/api/v1/notifications/").json()["results"] == []
