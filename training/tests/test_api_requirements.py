"""/api/v1/training-requirements/ and /api/v1/compliance/training/: what each person owes and
where they stand, and the aggregation by organization and duty station (¶25–¶33, annex ¶26),
checked against numbers worked out by hand."""

import csv
import datetime as dt
import io

import pytest
from rest_framework.test import APIClient

from actors.tests.api_helpers import client_for, error_attrs
from actors.tests.factories import DependantFactory, PersonFactory, role
from training.tests.factories import RecordFactory, course, rule
from training.tests.test_api_fixtures import build_world, people_at

URL = "/api/v1/training-requirements/"
COMPLIANCE = "/api/v1/compliance/training/"
# A fixed day, and the clock frozen on it for each test: a date read at import disagreed
# with the code's own once a run crossed midnight UTC.
T = dt.date(2026, 6, 16)
pytestmark = [pytest.mark.django_db, pytest.mark.frozen_on(T)]


def days(n: int) -> dt.date:
    return T + dt.timedelta(days=n)


@pytest.fixture
def world(outsider):
    """The shared world, plus people whose statuses are worked out by hand (T is today).

    Everyone arrived today unless said otherwise: security awareness (due in 30 days) and the
    arrival briefing (due in 7) are due soon, stress management (due in 90) is not due.
    - p1 (UNICEF, Nairobi, arrived T-100): security awareness done T-50 (compliant), stress
      due T-10 (overdue), briefing due T-93 (overdue).
    - p2 (UNICEF, Nairobi, arrived T-400, a child at the station): security awareness valid
      until T+10 (due soon), stress valid until T-5 (expired), briefed T-399 (compliant); the
      child's security awareness due T-370 (overdue).
    - u1 (UNDP, Nairobi, arrived T-100, nothing done): three overdue.
    """
    w = build_world(outsider)
    unicef, undp, nairobi = w["unicef"], w["undp"], w["nairobi"]
    w["p1"] = PersonFactory(organization=unicef, duty_station=nairobi, arrived_on=days(-100))
    RecordFactory(person=w["p1"], course=course("BSITF"), completed_on=days(-50))
    w["p2"] = PersonFactory(organization=unicef, duty_station=nairobi, arrived_on=days(-400))
    w["p2_child"] = DependantFactory(person=w["p2"])
    RecordFactory(
        person=w["p2"], course=course("BSITF"), completed_on=days(-1085), valid_until=days(10)
    )
    RecordFactory(
        person=w["p2"], course=course("STRESS"), completed_on=days(-1100), valid_until=days(-5)
    )
    RecordFactory(person=w["p2"], course=course("BRIEF"), completed_on=days(-399))
    w["u1"] = PersonFactory(organization=undp, duty_station=nairobi, arrived_on=days(-100))
    return w


def statuses(response) -> dict:
    """(person id, rule code, dependant id) -> status."""
    return {
        (row["person"], row["rule_code"], row["dependant"]): row["status"]
        for row in response.json()["results"]
    }


# --- The requirement list ----------------------------------------------------------------------


def test_a_focal_point_sees_its_organizations_people_at_its_station(world):
    w = world
    response = client_for(w["cfp"]).get(URL, {"page_size": 100})
    assert response.status_code == 200
    cfp, ben, p1, p2 = w["cfp"].person.pk, w["ben"].person.pk, w["p1"].pk, w["p2"].pk
    sa, stress, brief = "all-security-awareness", "all-stress-management", "arrival-briefing"
    assert statuses(response) == {
        (cfp, sa, None): "due_soon",
        (cfp, stress, None): "not_due",
        (cfp, brief, None): "due_soon",
        (ben, sa, None): "due_soon",
        (ben, stress, None): "not_due",
        (ben, brief, None): "due_soon",
        (p1, sa, None): "compliant",
        (p1, stress, None): "overdue",
        (p1, brief, None): "overdue",
        (p2, sa, None): "due_soon",
        (p2, stress, None): "expired",
        (p2, brief, None): "compliant",
        (p2, sa, w["p2_child"].pk): "overdue",
    }
    row = next(
        r
        for r in response.json()["results"]
        if (r["person"], r["rule_code"]) == (p1, "all-stress-management")
    )
    assert row == {
        "id": f"{rule('all-stress-management').pk}-{p1}",
        "status": "overdue",
        "deadline": days(-10).isoformat(),
        "days_late": 10,
        "rule": rule("all-stress-management").pk,
        "rule_code": "all-stress-management",
        "rule_name": "All personnel: stress management",
        "rule_kind": "all",
        "course_kind": "stress_management",
        "role": None,
        "role_code": None,
        "person": p1,
        "person_family_name": w["p1"].family_name,
        "person_given_names": w["p1"].given_names,
        "dependant": None,
        "dependant_given_names": None,
        "organization": w["unicef"].pk,
        "organization_code": "unicef",
        "duty_station": w["nairobi"].pk,
        "duty_station_name": "Nairobi",
        "anchor_on": days(-100).isoformat(),
        "due_on": days(-10).isoformat(),
        "completed_on": None,
        "valid_until": None,
        "record": None,
    }
    expired = next(
        r for r in response.json()["results"] if (r["person"], r["status"]) == (p2, "expired")
    )
    assert (expired["deadline"], expired["days_late"]) == (days(-5).isoformat(), 5)
    assert expired["record"] is not None and expired["valid_until"] == days(-5).isoformat()


def test_staff_see_their_own_and_their_dependants_requirements_only(world):
    w = world
    rows = client_for(w["alice"]).get(URL, {"page_size": 100}).json()["results"]
    assert {(r["person"], r["dependant"]) for r in rows} == {
        (w["alice"].person.pk, None),
        (w["alice"].person.pk, w["child"].pk),
    }
    outsider_rows = client_for(w["outsider"]).get(URL, {"page_size": 100}).json()["results"]
    assert {r["person"] for r in outsider_rows} == {w["outsider"].person.pk}
    assert APIClient().get(URL).status_code == 401


def test_the_fsco_sees_everyone_at_the_station_and_roles_add_their_rules(world):
    w = world
    rows = client_for(w["fsco"]).get(URL, {"page_size": 200}).json()["results"]
    assert {r["organization_code"] for r in rows} == {"undp", "unicef"}
    assert {r["duty_station_name"] for r in rows} == {"Nairobi"}
    induction = [r for r in rows if r["rule_code"] == "fsco-induction"]
    assert [(r["person"], r["role_code"], r["status"]) for r in induction] == [
        (w["fsco"].person.pk, "fsco", "due_soon")  # due on the day the post is taken up (¶30)
    ]


def test_status_filter_repeated_or_comma_separated(world):
    client = client_for(world["cfp"])
    repeated = client.get(f"{URL}?status=overdue&status=expired&page_size=100")
    commas = client.get(URL, {"status": "overdue,expired", "page_size": 100})
    assert statuses(repeated) == statuses(commas)
    assert sorted(statuses(commas).values()) == ["expired", "overdue", "overdue", "overdue"]


def test_each_filter_narrows_the_list(world):
    w = world
    client = client_for(w["fsco"])

    def people(**params):
        rows = client.get(URL, {"page_size": 200, **params}).json()["results"]
        return {(r["person"], r["rule_code"]) for r in rows}

    assert people(person=w["p1"].pk) == {
        (w["p1"].pk, code)
        for code in ("all-security-awareness", "all-stress-management", "arrival-briefing")
    }
    assert {p for p, _ in people(organization=w["undp"].pk)} == {
        w["fsco"].person.pk,
        w["hq"].person.pk,
        w["alice"].person.pk,
        w["u1"].pk,
    }
    assert people(duty_station=w["kisumu"].pk) == set()
    assert people(rule=rule("fsco-induction").pk) == {(w["fsco"].person.pk, "fsco-induction")}
    assert people(role=role("hq_focal_point").pk) == {(w["hq"].person.pk, "hq-security-management")}
    assert {code for _, code in people(rule_kind="role")} == {
        "fsco-induction",
        "hq-security-management",
    }
    assert {code for _, code in people(course_kind="arrival_briefing")} == {"arrival-briefing"}
    assert people(course_kind="stress_management", status="expired") == {
        (w["p2"].pk, "all-stress-management")
    }


def test_bad_filters_name_themselves(world):
    client = client_for(world["cfp"])
    response = client.get(
        URL, {"status": "overdue,late", "course_kind": "juggling", "rule": "x", "person": "0"}
    )
    assert response.status_code == 400
    assert error_attrs(response) == {"status", "course_kind", "rule", "person"}
    response = client.get(URL, {"rule_kind": "sometimes", "organization": "-1"})
    assert error_attrs(response) == {"rule_kind", "organization"}


def test_ordered_by_person_then_rule_and_paged_by_cursor(world):
    client = client_for(world["fsco"])
    everything = client.get(URL, {"page_size": 500}).json()["results"]
    # PostgreSQL sorts the person's own row (no dependant, NULL) after the dependants'.
    keys = [(r["person"], r["rule"], r["dependant"] is None, r["dependant"]) for r in everything]
    assert keys == sorted(keys) and len(keys) == len(set(keys)) == 28
    seen, page = [], client.get(URL, {"page_size": 5}).json()
    while True:
        seen += [r["id"] for r in page["results"]]
        if not page["next"]:
            break
        page = client.get(page["next"]).json()
    assert seen == [r["id"] for r in everything]


def test_no_detail_route(world):
    assert client_for(world["cfp"]).get(f"{URL}1-2/").status_code == 404


def test_the_list_costs_three_queries_whatever_the_data(world, django_assert_num_queries):
    w = world

    def check():
        for user, params in (
            ("cfp", {}),
            ("fsco", {"status": "overdue,due_soon"}),
            ("hq", {"rule_kind": "all", "format": "csv"}),
            ("alice", {}),
            ("outsider", {"person": w["p1"].pk}),
        ):
            client = client_for(w[user])
            for page_size in (1, 100):
                # 1 token + user, 1 grants, 1 page of the requirement view with its status.
                with django_assert_num_queries(3):
                    response = client.get(URL, {"page_size": page_size, **params})
                assert response.status_code == 200

    check()
    people_at(w["nairobi"], w["unicef"], 12)
    people_at(w["kisumu"], w["undp"], 12)
    check()
    fsco = client_for(w["fsco"])
    first = fsco.get(URL, {"page_size": 5}).json()
    with django_assert_num_queries(3):  # the next page costs the same
        assert fsco.get(first["next"]).status_code == 200


def test_csv_export_of_the_requirements(world):
    response = client_for(world["cfp"]).get(URL, {"format": "csv", "status": "expired"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert (row["rule_code"], row["status"], row["days_late"]) == (
        "all-stress-management",
        "expired",
        "5",
    )
    assert row["person_family_name"] == world["p2"].family_name


# --- The compliance aggregation ---------------------------------------------------------------

ZERO = {"compliant": 0, "due_soon": 0, "overdue": 0, "expired": 0, "not_due": 0}


def counts(total, **by_status) -> dict:
    shaped = {"total": total}
    for status in ZERO:
        count = by_status.get(status, 0)
        shaped[status] = count
        shaped[f"{status}_percent"] = round(100 * count / total, 1)
    return shaped


# By hand (see the world fixture):
# UNICEF at Nairobi, 13 requirements: cfp and ben 2 due soon and 1 not due each; p1
# compliant, overdue, overdue; p2 due soon, expired, compliant, and the child overdue.
UNICEF_NAIROBI = counts(13, compliant=2, due_soon=5, overdue=3, expired=1, not_due=2)
# UNDP at Nairobi, 15: the FSCO 3 due soon (induction due today) and 1 not due; the HQ focal
# point 2 due soon and 2 not due (its security management due in 90 days); alice and her
# child 3 due soon and 1 not due; u1 3 overdue.
UNDP_NAIROBI = counts(15, due_soon=8, not_due=4, overdue=3)


def test_compliance_of_a_focal_point_matches_the_hand_count(world):
    w = world
    response = client_for(w["cfp"]).get(COMPLIANCE)
    assert response.status_code == 200
    body = response.json()
    assert body["today"] == T.isoformat()
    assert body["group_by"] == ["organization", "duty_station"]
    assert body["results"] == [
        {
            "organization": w["unicef"].pk,
            "duty_station": w["nairobi"].pk,
            "organization_label": "unicef",
            "duty_station_label": "Nairobi",
            **UNICEF_NAIROBI,
        }
    ]
    assert UNICEF_NAIROBI["compliant_percent"] == 15.4
    assert UNICEF_NAIROBI["due_soon_percent"] == 38.5
    assert body["totals"] == UNICEF_NAIROBI


def test_compliance_by_organization_and_by_station_for_the_fsco(world):
    w = world
    client = client_for(w["fsco"])
    by_org = client.get(COMPLIANCE, {"group_by": "organization"}).json()
    rows = {row["organization_label"]: row for row in by_org["results"]}
    assert set(rows) == {"undp", "unicef"}
    assert {k: v for k, v in rows["unicef"].items() if k in UNICEF_NAIROBI} == UNICEF_NAIROBI
    assert {k: v for k, v in rows["undp"].items() if k in UNDP_NAIROBI} == UNDP_NAIROBI
    assert rows["undp"]["due_soon_percent"] == 53.3 and "duty_station" not in rows["undp"]
    whole = counts(28, compliant=2, due_soon=13, overdue=6, expired=1, not_due=6)
    assert by_org["totals"] == whole

    [station] = client.get(COMPLIANCE, {"group_by": "duty_station"}).json()["results"]
    assert station == {"duty_station": w["nairobi"].pk, "duty_station_label": "Nairobi", **whole}
    both = client.get(COMPLIANCE, {"group_by": "duty_station,organization"}).json()
    assert both["group_by"] == ["duty_station", "organization"]
    assert len(both["results"]) == 2 and both["totals"] == whole


def test_compliance_filters_and_wider_scopes(world):
    w = world
    briefings = client_for(w["cfp"]).get(COMPLIANCE, {"course_kind": "arrival_briefing"}).json()
    assert briefings["totals"] == counts(4, compliant=1, due_soon=2, overdue=1)
    only_u1 = client_for(w["fsco"]).get(COMPLIANCE, {"person": w["u1"].pk}).json()
    assert only_u1["totals"] == counts(3, overdue=3)
    # UNDP's HQ focal point: UNDP everywhere (carl at Kisumu too), none of UNICEF.
    hq = client_for(w["hq"]).get(COMPLIANCE, {"group_by": "duty_station"}).json()
    rows = {row["duty_station_label"]: row for row in hq["results"]}
    assert rows["Kisumu"]["total"] == 3 and rows["Nairobi"]["total"] == 15
    # UNSECOORD sees every organization.
    labels = {
        row["organization_label"]
        for row in client_for(w["unsecoord"])
        .get(COMPLIANCE, {"group_by": "organization"})
        .json()["results"]
    }
    assert {"undp", "unicef", "outsider", "unsecoord"} <= labels
    # The outsider: its own requirements, nothing of Kenya.
    outsider = client_for(w["outsider"]).get(COMPLIANCE).json()
    assert [row["organization_label"] for row in outsider["results"]] == ["outsider"]
    assert outsider["totals"]["total"] == 3


def test_compliance_errors_name_the_parameter(world):
    client = client_for(world["cfp"])
    for group_by in ("country", "organization,organization", ","):
        response = client.get(COMPLIANCE, {"group_by": group_by})
        assert response.status_code == 400 and error_attrs(response) == {"group_by"}
    response = client.get(COMPLIANCE, {"rule_kind": "x", "duty_station": "y"})
    assert error_attrs(response) == {"rule_kind", "duty_station"}
    assert client.post(COMPLIANCE, {}).status_code == 405


def test_compliance_without_requirements_is_empty_not_an_error(world):
    response = client_for(world["cfp"]).get(COMPLIANCE, {"duty_station": world["kisumu"].pk})
    assert response.json()["results"] == []
    assert response.json()["totals"] == {"total": 0} | {
        key: value for status in ZERO for key, value in ((status, 0), (f"{status}_percent", 0.0))
    }


def test_compliance_costs_three_queries_whatever_the_data(world, django_assert_num_queries):
    w = world

    def check():
        for user in ("cfp", "fsco", "hq", "unsecoord", "outsider"):
            client = client_for(w[user])
            for group_by in ("organization", "duty_station", "organization,duty_station"):
                # 1 token + user, 1 grants, 1 GROUP BY on the requirement view.
                with django_assert_num_queries(3):
                    response = client.get(COMPLIANCE, {"group_by": group_by})
                assert response.status_code == 200

    check()
    people_at(w["nairobi"], w["unicef"], 10)
    people_at(w["kisumu"], w["undp"], 10)
    check()


def test_compliance_csv_has_one_line_per_group(world):
    response = client_for(world["fsco"]).get(
        COMPLIANCE, {"group_by": "organization", "format": "csv"}
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["organization_label"]: row["total"] for row in rows} == {
        "undp": "15",
        "unicef": "13",
    }
    assert rows[0]["overdue_percent"] in ("20.0", "23.1")
