"""The station and organization view (¶27, ¶32, annex ¶26): each manager sees the
requirements of exactly the people scoping lets them see, filtered by status, course, role,
organization and duty station, with counts by status, pages, and CSV and XLSX exports of the
filtered rows (formula-escaped); query counts constant in the number of rows."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from actors.models import Role
from actors.tests.factories import PersonFactory
from training.models import TrainingRequirement
from training.tests import test_web_fixtures as fx

pytestmark = pytest.mark.django_db
web_world = fx.web_world

URL = reverse("training:requirements")


def people_of(response) -> set[str]:
    return {row.person.family_name for row in response.context["page"]}


def csv_rows(response) -> list[list[str]]:
    content = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def counts(response) -> dict[str, int]:
    return {c["status"]: c["count"] for c in response.context["counts"]}


def test_the_fsco_sees_every_organization_at_the_station(web_world, client):
    w = web_world
    client.force_login(w["fsco"])
    response = client.get(URL, {"page_size": 100})
    assert response.status_code == 200
    names = people_of(response)
    assert {"Achieng", "Otieno", "Wanjiru"} <= names
    assert "Kamau" not in names  # another country's station
    everyone_here = TrainingRequirement.objects.filter(duty_station=w["nairobi"]).count()
    assert response.context["page"].paginator.count == everyone_here
    assert counts(response)[""] == everyone_here


def test_the_country_representative_sees_its_own_agency_only(web_world, client):
    w = web_world
    client.force_login(w["rep"])
    names = people_of(client.get(URL, {"page_size": 100}))
    assert "Achieng" in names and "Otieno" in names
    assert "Wanjiru" not in names and "Kamau" not in names


def test_a_staff_member_sees_own_rows_and_an_outsider_none_of_ours(web_world, client, outsider):
    w = web_world
    client.force_login(w["mary_user"])
    assert people_of(client.get(URL)) == {"Achieng"}
    client.force_login(outsider)
    names = people_of(client.get(URL, {"organization": w["unicef"].pk}))
    assert names == set()


def test_filters(web_world, client):
    w = web_world
    client.force_login(w["fsco"])
    # Mary arrived ten days ago: her briefing is overdue; the others arrived today.
    response = client.get(URL, {"status": "overdue"})
    rows = list(response.context["page"])
    assert [(r.person.family_name, r.rule.code) for r in rows] == [("Achieng", "arrival-briefing")]
    assert counts(response)["overdue"] == 1
    response = client.get(URL, {"organization": w["undp"].pk, "page_size": 100})
    assert {r.organization_id for r in response.context["page"]} == {w["undp"].pk}
    response = client.get(URL, {"course_kind": "arrival_briefing", "page_size": 100})
    assert {r.rule.code for r in response.context["page"]} == {"arrival-briefing"}
    response = client.get(URL, {"role": Role.objects.get(code="fsco").pk})
    assert [r.rule.code for r in response.context["page"]] == ["fsco-induction"]
    response = client.get(URL, {"duty_station": w["elsewhere"].pk})
    assert list(response.context["page"]) == []
    # A filter that is not a valid choice is named, and filters nothing.
    response = client.get(URL, {"status": "lost"})
    assert "status" in response.context["form"].errors


def test_counts_link_to_their_status_and_keep_the_other_filters(web_world, client):
    w = web_world
    client.force_login(w["fsco"])
    response = client.get(URL, {"organization": w["unicef"].pk, "status": "overdue"})
    by_status = counts(response)
    assert sum(v for k, v in by_status.items() if k) == by_status[""]
    # The counts ignore the status filter, so that each one can be chosen from there.
    assert by_status["due_soon"] > 0
    page = fx.text(response)
    assert f"?organization={w['unicef'].pk}&amp;status=due_soon" in page


def test_pages(web_world, client):
    client.force_login(web_world["fsco"])
    first = client.get(URL, {"page_size": 10})
    second = client.get(URL, {"page_size": 10, "page": 2})
    assert len(first.context["page"]) == 10
    assert {r.pk for r in first.context["page"]}.isdisjoint({r.pk for r in second.context["page"]})
    assert 'rel="next"' in fx.text(first)


def test_page_query_count_is_constant(web_world, client, django_assert_num_queries):
    w = web_world
    client.force_login(w["fsco"])
    for n in (1, 15):
        for _ in range(n):
            PersonFactory(organization=w["unicef"], duty_station=w["nairobi"])
        # session, user, the grants, the counts by status (one aggregate), COUNT, the page
        # with person, dependant, organization, station, rule and role, the base template's
        # two, the filter form's three choice lists (roles, organizations, duty stations).
        with django_assert_num_queries(11):
            response = client.get(URL, {"page_size": 50})
        assert response.status_code == 200
    assert len(response.context["page"]) == 50


def test_export_query_count_is_constant(web_world, client, django_assert_num_queries):
    w = web_world
    client.force_login(w["fsco"])
    for n in (1, 15):
        for _ in range(n):
            PersonFactory(organization=w["unicef"], duty_station=w["nairobi"])
        for file_format in ("csv", "xlsx"):
            # session, user, the grants, one SELECT of the rows.
            with django_assert_num_queries(4):
                response = client.get(URL, {"format": file_format})
            assert response.status_code == 200


def test_csv_export_holds_only_visible_filtered_rows(web_world, client):
    w = web_world
    client.force_login(w["rep"])
    response = client.get(URL, {"format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="training-')
    rows = csv_rows(response)
    heading, body = rows[0], rows[1:]
    assert heading[:3] == ["Index number", "Family name", "Given names"]
    visible = TrainingRequirement.objects.filter(
        organization=w["unicef"], duty_station=w["nairobi"]
    )
    assert len(body) == visible.count()
    family = heading.index("Family name")
    assert {row[family] for row in body} == {"Achieng", "Otieno", w["rep"].person.family_name}
    child_rows = [row for row in body if row[heading.index("Dependant given names")] == "Amani"]
    assert len(child_rows) == 1
    # Filtered like the page.
    rows = csv_rows(client.get(URL, {"format": "csv", "status": "overdue"}))
    status = rows[0].index("Status")
    assert [row[status] for row in rows[1:]] == ["Overdue"]


def test_xlsx_export_parses_and_keeps_dates(web_world, client):
    w = web_world
    client.force_login(w["fsco"])
    response = client.get(URL, {"format": "xlsx", "organization": w["undp"].pk})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = fx.xlsx_rows(response.content)
    heading, body = rows[0], rows[1:]
    assert len(body) == TrainingRequirement.objects.filter(organization=w["undp"]).count()
    organization = heading.index("Organization")
    assert {row[organization] for row in body} == {"UNDP"}
    due = heading.index("Due on")
    assert all(isinstance(row[due], dt.datetime | dt.date) for row in body)
    assert "Kamau" not in {row[heading.index("Family name")] for row in body}


def test_exports_neutralize_formulas(web_world, client):
    w = web_world
    PersonFactory(
        organization=w["unicef"],
        duty_station=w["nairobi"],
        family_name='=HYPERLINK("http://evil.example","x")',
        given_names="+1",
    )
    client.force_login(w["fsco"])
    for file_format, read in (("csv", csv_rows), ("xlsx", lambda r: fx.xlsx_rows(r.content))):
        rows = read(client.get(URL, {"format": file_format}))
        family = rows[0].index("Family name")
        given = rows[0].index("Given names")
        evil = [row for row in rows[1:] if "HYPERLINK" in (row[family] or "")]
        assert evil and all(row[family].startswith("'=") for row in evil)
        assert all(row[given] == "'+1" for row in evil)


def test_an_unknown_format_or_filter_is_refused(web_world, client):
    client.force_login(web_world["fsco"])
    response = client.get(URL, {"format": "pdf"})
    assert response.status_code == 400
    assert fx.text(response) == "The format must be csv or xlsx."
    response = client.get(URL, {"format": "csv", "status": "<b>lost</b>"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert fx.text(response).startswith("Status: Select a valid choice.")
