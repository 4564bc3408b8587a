"""Arrival briefings (¶10(j), ¶22(c), ¶33): the FSCO records the briefing and who attended;
each staff member acknowledges in writing, for self and dependants, which meets the arrival
requirement; the briefing's page shows who acknowledged when, and which version."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from actors.tests.factories import PersonFactory, user_with_role
from training.models import BriefingAttendee, RecordSource, TrainingRecord
from training.requirements import requirements_of
from training.services.briefings import briefing_record
from training.tests import test_web_fixtures as fx

pytestmark = pytest.mark.django_db
web_world = fx.web_world

CREATE = reverse("training:briefing-create")
LIST = reverse("training:briefing-list")


def briefed(w, *, people=None, dependants=None, version="2026-1", given_on=None):
    return briefing_record(
        actor=w["fsco"],
        duty_station=w["nairobi"],
        given_on=given_on or w["today"],
        given_by=w["fsco"].person,
        version=version,
        content="Curfew, radio checks, evacuation routes.",
        people=[w["mary"], w["otieno"]] if people is None else people,
        dependants=[w["child"]] if dependants is None else dependants,
    )


def detail(briefing) -> str:
    return reverse("training:briefing-detail", args=[briefing.pk])


def acknowledge(client, attendee, **data):
    return client.post(reverse("training:briefing-acknowledge", args=[attendee.pk]), data)


def test_record_a_briefing_in_two_steps(web_world, client):
    w = web_world
    client.force_login(w["fsco"])
    assert CREATE in fx.text(client.get(LIST))
    assert "duty_station" in client.get(CREATE).context["form"].fields
    url = f"{CREATE}?duty_station={w['nairobi'].pk}"
    form = client.get(url).context["form"]
    assert w["mary"] in form.fields["people"].queryset
    assert w["kamau"] not in form.fields["people"].queryset
    assert list(form.fields["dependants"].queryset) == [w["child"]]
    response = client.post(
        url,
        {
            "given_on": w["today"].isoformat(),
            "given_by": w["fsco"].person.pk,
            "version": "2026-1",
            "content": "Curfew, radio checks, evacuation routes.",
            "people": [w["mary"].pk, w["otieno"].pk],
            "dependants": [w["child"].pk],
        },
    )
    attendees = BriefingAttendee.objects.select_related("briefing")
    assert attendees.count() == 3
    briefing = attendees.first().briefing
    assert response["Location"] == detail(briefing)
    assert (briefing.version, briefing.duty_station, briefing.created_by) == (
        "2026-1",
        w["nairobi"],
        w["fsco"],
    )


def test_briefing_errors_name_their_field(web_world, client):
    w = web_world
    client.force_login(w["fsco"])
    url = f"{CREATE}?duty_station={w['nairobi'].pk}"
    response = client.post(url, {"given_on": "", "version": "", "content": ""})
    assert response.status_code == 400
    assert {"given_on", "given_by", "version", "content"} <= set(response.context["form"].errors)
    data = {
        "given_on": (w["today"] + dt.timedelta(days=2)).isoformat(),
        "given_by": w["fsco"].person.pk,
        "version": "1",
        "content": "Situation.",
        "people": [w["mary"].pk],
    }
    response = client.post(url, data)
    assert response.context["form"].errors == {"given_on": ["The briefing date is in the future."]}
    data |= {"given_on": w["today"].isoformat(), "people": []}
    response = client.post(url, data)
    assert response.context["form"].errors == {"people": ["List who was briefed."]}
    assert not BriefingAttendee.objects.exists()


def test_only_who_briefs_at_the_station_may_record(web_world, client):
    w = web_world
    hq = user_with_role("hq_focal_point", w["unicef"], organization=w["unicef"], username="hq")
    url = f"{CREATE}?duty_station={w['nairobi'].pk}"
    for user in (w["rep"], hq, w["mary_user"]):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"version": "1"}).status_code == 404
        assert CREATE not in fx.text(client.get(LIST))
    client.force_login(w["fsco"])
    assert client.get(f"{CREATE}?duty_station={w['elsewhere'].pk}").status_code == 404


def test_acknowledgement_meets_the_arrival_requirement(web_world, client):
    w = web_world

    def arrival_status():
        rows = requirements_of(w["mary"], today=w["today"])
        return next(r.status for r in rows if r.rule.code == "arrival-briefing")

    assert arrival_status() == "overdue"
    briefing = briefed(w)
    mine = BriefingAttendee.objects.get(person=w["mary"], dependant=None)
    childs = BriefingAttendee.objects.get(dependant=w["child"])
    client.force_login(w["mary_user"])
    page = fx.text(client.get(detail(briefing)))
    assert reverse("training:briefing-acknowledge", args=[mine.pk]) in page
    assert reverse("training:briefing-acknowledge", args=[childs.pk]) in page

    response = acknowledge(client, mine, next=detail(briefing))
    assert response["Location"] == detail(briefing)
    mine.refresh_from_db()
    assert mine.acknowledged_by == w["mary_user"] and mine.acknowledged_at is not None
    record = mine.record
    assert record.source == RecordSource.BRIEFING and record.completed_on == briefing.given_on
    assert arrival_status() == "compliant"
    # The dependant's row is acknowledged by the staff member.
    response = acknowledge(client, childs)
    assert response["Location"] == reverse("training:my-training")
    childs.refresh_from_db()
    assert childs.record.dependant == w["child"]
    # Acknowledging again changes nothing; a foreign ``next`` is not followed.
    response = acknowledge(client, mine, next="https://evil.example/")
    assert response["Location"] == reverse("training:my-training")
    assert TrainingRecord.objects.filter(source=RecordSource.BRIEFING).count() == 2
    # The briefing's page shows who acknowledged when, and the version.
    client.force_login(w["fsco"])
    page = fx.text(client.get(detail(briefing)))
    assert "by mary (version 2026-1)" in page
    assert "not yet" in page  # Otieno
    assert reverse("training:briefing-acknowledge", args=[mine.pk]) not in page


def test_nobody_else_acknowledges(web_world, client, outsider):
    w = web_world
    briefed(w)
    mine = BriefingAttendee.objects.get(person=w["mary"], dependant=None)
    for user in (w["fsco"], w["rep"], outsider):
        client.force_login(user)
        assert acknowledge(client, mine).status_code == 404
    assert client.get(reverse("training:briefing-acknowledge", args=[mine.pk])).status_code == 405
    mine.refresh_from_db()
    assert mine.acknowledged_at is None


def test_who_sees_a_briefing(web_world, client, outsider):
    w = web_world
    briefing = briefed(w, people=[w["mary"], w["wanjiru"]], dependants=[])
    # An attendee sees the briefing and, of its attendees, the people they may see.
    client.force_login(w["mary_user"])
    response = client.get(detail(briefing))
    assert [a.person for a in response.context["attendees"]] == [w["mary"]]
    assert [b.pk for b in client.get(LIST).context["page"]] == [briefing.pk]
    # The country representative sees its own agency's attendees.
    client.force_login(w["rep"])
    response = client.get(detail(briefing))
    assert [a.person for a in response.context["attendees"]] == [w["mary"]]
    client.force_login(outsider)
    assert client.get(detail(briefing)).status_code == 404
    assert list(client.get(LIST).context["page"]) == []


def test_list_and_detail_query_counts_are_constant(web_world, client, django_assert_num_queries):
    w = web_world
    client.force_login(w["fsco"])
    for n in (1, 6):
        people = [
            PersonFactory(organization=w["unicef"], duty_station=w["nairobi"]) for _ in range(n)
        ]
        for i in range(n):
            briefing = briefed(w, people=people, version=f"{n}.{i}")
        # session, user, the grants, COUNT, the page with station, briefer and counts, the
        # base template's two.
        with django_assert_num_queries(7):
            response = client.get(LIST)
        assert response.status_code == 200
        # session, user, the grants, the briefing, its attendees, the base template's two.
        with django_assert_num_queries(7):
            response = client.get(detail(briefing))
        assert response.status_code == 200
        assert len(response.context["attendees"]) == n + 1
