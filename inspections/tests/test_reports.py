"""The debrief report and the non-compliance report (A/57/365 ¶40): who gets which content,
the Chinese text and font, rendering once, and a constant number of queries."""

import datetime as dt
import io

import pytest
import time_machine
from django.template.loader import render_to_string
from django.utils import translation
from pypdf import PdfReader

from inspections.models import Escalation, FollowUpResult, ItemResult, MissionReport
from inspections.services import deadlines, reports
from inspections.services.findings import finding_update
from inspections.services.followups import follow_up_check_record, follow_up_complete
from inspections.services.missions import mission_debrief
from inspections.services.recording import checklist_item_record

from .factories import announced_mission, station_world

pytestmark = pytest.mark.django_db(transaction=False)
START = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)


@pytest.fixture
def world(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with time_machine.travel(NOW, tick=False):
        w = station_world(staff=4)
        # Names no other name contains, so that a text check cannot match by accident.
        for user, given, family in (
            (w.do, "Dolores", "Amberfield"),
            (w.aso_b, "Bertrand", "Quillingham"),
            (w.fsco, "Felicity", "Oakenshaw"),
            (w.warden, "Wendelin", "Marchbanks"),
        ):
            person = w.person(user)
            person.given_names, person.family_name = given, family
            person.save()
        yield w


def mission_with_findings(world, capture, *, roles=None, count=None, execute=True):
    """A debriefed mission whose first item of each role in ``roles`` (or its first ``count``
    items) is not compliant, each finding with its own notes, recommendation and date."""
    with time_machine.travel(NOW, tick=False), capture(execute=execute):
        mission = announced_mission(world, starts_on=START, sample=4)
        items = mission.checklist_items.order_by("position")
        if roles is not None:
            deficient = [items.filter(role__code=code).first() for code in roles]
        else:
            deficient = list(items[:count])
            assert len(deficient) == count, "the station has too few checklist items"
        deficient_pks = {item.pk for item in deficient}
        for item in items:
            result = ItemResult.NON_COMPLIANT if item.pk in deficient_pks else ItemResult.COMPLIANT
            notes = f"Observed gap {item.pk}" if item.pk in deficient_pks else ""
            checklist_item_record(user=world.inspector, item=item, result=result, notes=notes)
        for index, finding in enumerate(mission.findings.order_by("checklist_item__position")):
            finding_update(
                user=world.inspector,
                finding=finding,
                recommendation=f"Recommendation {finding.checklist_item_id} to put right",
                deadline=START + dt.timedelta(days=40 + index),
            )
        mission = mission_debrief(user=world.inspector, mission=mission, summary="Debriefed.")
    return mission


def pdf_bytes(document) -> bytes:
    with document.pdf.open("rb") as stored:
        return stored.read()


def flat(text: str) -> str:
    # Line wraps fall anywhere; compare with all white space removed.
    return "".join(text.split())


def pdf_text(data: bytes) -> str:
    return flat("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def report_text(mission, organization=None) -> str:
    report = MissionReport.objects.get(mission=mission, organization=organization)
    assert report.sha256, "rendered by the debrief's task"
    return pdf_text(pdf_bytes(report))


def test_full_report_lists_every_finding_with_its_deadline_and_the_summary(
    world, django_capture_on_commit_callbacks
):
    mission = mission_with_findings(
        world,
        django_capture_on_commit_callbacks,
        roles=("designated_official", "agency_security_officer", "fsco"),
    )
    text = report_text(mission)
    findings = list(mission.findings.select_related("checklist_item", "accountable_person", "role"))
    assert len(findings) == 3
    for finding in findings:
        item = finding.checklist_item
        assert flat(item.reference) in text
        assert flat(item.text_en)[:60] in text
        assert flat(finding.accountable_person.full_name) in text
        assert flat(finding.role.name) in text
        assert flat(finding.recommendation) in text
        assert flat(f"Observed gap {item.pk}") in text
        assert finding.deadline.isoformat() in text
    for agency in (world.agency_a, world.agency_b, world.unsecoord):
        assert flat(agency.name) in text
    # The summary: score, counts, team, dates, checklist version.
    items = mission.checklist_items.count()
    assert flat(f"{mission.compliance_score} %") in text
    assert flat(f"{items} checklist items") in text and "3findings" in text
    assert flat(f"Compliant{items - 3}") in text and "Notcompliant3" in text
    assert flat(world.person(world.inspector).full_name + " (lead inspector)") in text
    assert START.isoformat() in text and mission.ends_on.isoformat() in text
    assert flat(f"Checklist version: v{mission.template.version}") in text
    assert "DesignatedOfficialandtheSecurityManagementTeam" in text
    assert mission.reference in text


def test_agency_copy_holds_the_summary_and_only_its_own_findings(
    world, django_capture_on_commit_callbacks
):
    mission = mission_with_findings(
        world,
        django_capture_on_commit_callbacks,
        roles=("designated_official", "warden", "agency_security_officer"),
    )
    a_findings = list(mission.findings.filter(organization=world.agency_a))
    (b_finding,) = mission.findings.filter(organization=world.agency_b).select_related(
        "checklist_item"
    )
    assert len(a_findings) == 2
    assert set(
        MissionReport.objects.filter(mission=mission).values_list("organization", flat=True)
    ) == {
        None,
        world.agency_a.pk,
        world.agency_b.pk,
    }

    text = report_text(mission, world.agency_a)
    for finding in a_findings:
        assert flat(finding.recommendation) in text
        assert flat(finding.accountable_person.full_name) in text
        assert finding.deadline.isoformat() in text
    # The station summary: every agency's counts, the same totals as the full report.
    assert "3findings" in text
    assert "AgencyA(AGENCYA)" in text and "AgencyB(AGENCYB)" in text
    assert "headquarterssecurityfocalpointofAgencyA" in text
    # Nothing of B's finding beyond the count.
    assert flat(b_finding.recommendation) not in text
    assert "Quillingham" not in text and "Bertrand" not in text
    assert flat(b_finding.checklist_item.text_en)[:60] not in text
    assert f"Observedgap{b_finding.checklist_item_id}" not in text

    b_text = report_text(mission, world.agency_b)
    assert flat(b_finding.recommendation) in b_text and "BertrandQuillingham" in b_text
    assert "Amberfield" not in b_text and "Marchbanks" not in b_text
    for finding in a_findings:
        assert flat(finding.recommendation) not in b_text


def test_non_compliance_report_lists_the_unrectified_findings_without_notes_or_names(
    world, django_capture_on_commit_callbacks
):
    mission = mission_with_findings(
        world,
        django_capture_on_commit_callbacks,
        roles=("designated_official", "agency_security_officer", "warden"),
    )
    findings = {f.role.code: f for f in mission.findings.select_related("role", "checklist_item")}
    last = max(f.deadline for f in findings.values())
    with django_capture_on_commit_callbacks(execute=True):
        deadlines.scan_follow_ups(today=last + dt.timedelta(days=1))
        mission.refresh_from_db()
        visit = mission.follow_up
        for code, finding in findings.items():
            result = FollowUpResult.RECTIFIED if code == "warden" else FollowUpResult.NOT_RECTIFIED
            follow_up_check_record(
                user=world.inspector,
                visit=visit,
                finding=finding,
                result=result,
                notes=f"Private check note {code}",
            )
        follow_up_complete(user=world.inspector, visit=visit)
    escalation = Escalation.objects.get(mission=mission)
    assert escalation.sha256
    text = pdf_text(pdf_bytes(escalation))

    assert "Reportofnon-compliance" in text
    assert flat(world.station.name) in text and flat(world.country.name) in text
    assert START.isoformat() in text and mission.ends_on.isoformat() in text
    assert visit.scheduled_for.isoformat() in text
    assert "High-LevelCommitteeonManagement" in text
    for code in ("designated_official", "agency_security_officer"):
        finding = findings[code]
        assert flat(finding.recommendation) in text
        assert flat(finding.checklist_item.reference) in text
        assert finding.deadline.isoformat() in text
        # It goes to every agency concerned and the HLCM: roles, not people's names.
        assert flat(finding.accountable_person.full_name) not in text
        assert flat(finding.organization.name) in text
    # Each responsible agency with its findings' numbers (the DO's item comes first).
    assert "AgencyA(AGENCYA):1findingnotrectified(no.1)" in text
    assert "AgencyB(AGENCYB):1findingnotrectified(no.2)" in text
    # The rectified finding is not reported, and no notes travel beyond the station.
    assert flat(findings["warden"].recommendation) not in text
    assert "Marchbanks" not in text
    assert "Observedgap" not in text and "Privatechecknote" not in text


def test_chinese_report_quotes_the_chinese_duty_and_embeds_a_cjk_font(
    world, django_capture_on_commit_callbacks
):
    mission = mission_with_findings(
        world, django_capture_on_commit_callbacks, roles=("designated_official",), execute=False
    )
    # Rendered here, in Chinese, rather than by the debrief's task.
    report = MissionReport.objects.get(mission=mission, organization=None)
    assert not report.sha256
    report.language = "zh-hans"
    report.save()
    assert reports.mission_report_render(report) is True
    report.refresh_from_db()
    data = pdf_bytes(report)
    text = pdf_text(data)
    finding = mission.findings.select_related("checklist_item", "role").get()
    assert flat(finding.checklist_item.text_zh)[:15] in text
    assert flat(finding.role.name_zh) in text
    assert flat(finding.checklist_item.text_en)[:40] not in text
    assert mission.reference in text and finding.deadline.isoformat() in text
    fonts = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            for descendant in font.get("/DescendantFonts") or []:
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded
    assert any("WenQuanYi" in f or "CJK" in f for f in fonts), fonts


def test_reports_render_once(world, django_capture_on_commit_callbacks):
    mission = mission_with_findings(
        world, django_capture_on_commit_callbacks, roles=("designated_official",)
    )
    report = MissionReport.objects.get(mission=mission, organization=None)
    data, issued_at = pdf_bytes(report), report.issued_at
    assert reports.mission_report_render(report) is False
    report.refresh_from_db()
    assert pdf_bytes(report) == data and report.issued_at == issued_at


def test_agency_finding_numbers_are_written_as_ranges():
    assert reports.number_ranges([]) == ""
    assert reports.number_ranges([4]) == "4"
    assert reports.number_ranges([8, 1, 2, 3, 5, 7]) == "1–3, 5, 7–8"


def _escalated(world, capture, mission):
    last = max(mission.findings.values_list("deadline", flat=True))
    with capture(execute=False):
        deadlines.scan_follow_ups(today=last + dt.timedelta(days=1))
        mission.refresh_from_db()
        for finding in mission.findings.all():
            follow_up_check_record(
                user=world.inspector,
                visit=mission.follow_up,
                finding=finding,
                result=FollowUpResult.NOT_RECTIFIED,
            )
        follow_up_complete(user=world.inspector, visit=mission.follow_up)
    return Escalation.objects.get(mission=mission)


@pytest.mark.parametrize("count", [2, 20])
def test_contexts_run_a_constant_number_of_queries(
    world, count, django_capture_on_commit_callbacks, django_assert_num_queries
):
    mission = mission_with_findings(
        world, django_capture_on_commit_callbacks, count=count, execute=False
    )
    escalation = _escalated(world, django_capture_on_commit_callbacks, mission)
    assert mission.findings.count() == escalation.findings.count() == count
    agency = mission.findings.values_list("organization", flat=True).first()
    for organization in (None, agency):
        pk = MissionReport.objects.get(mission=mission, organization=organization).pk
        # 1 report with mission, station, country, lead, version, visit and agency; 1 team;
        # 1 summary (items by result grouped with their findings' agency and severity);
        # 1 findings shown in full. The template reads nothing more.
        with django_assert_num_queries(4), translation.override("en"):
            report = reports.mission_report_queryset().get(pk=pk)
            html = render_to_string(
                reports.MISSION_REPORT_TEMPLATE, reports.mission_report_context(report)
            )
        assert (
            html.count('class="finding ')
            == mission.findings.filter(
                **({"organization": organization} if organization else {})
            ).count()
        )
    # 1 escalation with mission, station, country, lead and visit; 1 reported findings.
    with django_assert_num_queries(2), translation.override("en"):
        escalation = reports.escalation_queryset().get(pk=escalation.pk)
        html = render_to_string(
            reports.NON_COMPLIANCE_TEMPLATE, reports.escalation_context(escalation)
        )
    assert html.count('class="finding ') == count
