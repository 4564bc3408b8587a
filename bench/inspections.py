"""The debrief report and the non-compliance report (issue 5, "Performance"): rendering time,
Django's share against WeasyPrint's, pages, and queries that do not grow with the findings.

Run in a process of its own (``python -m bench.inspections``, DATABASE_URL set), printing
one JSON object; ``python -m bench inspections`` drives it and prints the table. The data is
built through the services (inspections.tests.factories and the recording, debrief and
follow-up services) inside one transaction that is rolled back at the end, so the database
(migrated, otherwise empty) is left as it was and every run starts from the same state:

- a capital duty station with four agencies, wardens in eight zones, agency security
  officers and country representatives of each agency and 40 staff members, of whom 20 are
  sampled (¶22): about 300 checklist items;
- a mission with 150 findings (every other item from the top, then the rest from the start
  of the list, non-compliant or partially compliant, with the inspector's notes and a
  recommendation of realistic length), taken through the debrief and a failed follow-up visit
  to a non-compliance report; and a mission with 15 findings at another station, the same way,
  to show that the number of queries does not grow with the findings.

Each document is measured as ``accountability.core.pdfs.render_once`` renders it, in two
parts: Django (read the document, build the context, ``render_to_string`` in the document's
language) and WeasyPrint (``HTML(string=…, url_fetcher=…).write_pdf()``). Left out: the
SHA-256 and the write to storage (a few milliseconds, the same for any renderer). Medians of
``--runs`` runs after one warm-up (fontconfig and WeasyPrint's caches fill on the first).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import logging
import statistics
import sys
import time
from pathlib import Path

FINDINGS = (15, 150)
# An observation and a recommendation of the length inspectors write (a line or two each).
NOTES = "Asked for on {day}: {what}, not available; said to be under revision, no date given."
RECOMMENDATION = (
    "Complete {what}, brief everyone concerned on it and send the signed list of those "
    "briefed to the Field Security Coordination Officer before the follow-up visit."
)
SUBJECTS = (
    "the current security plan",
    "the updated list of personnel and dependants",
    "the record of the last evacuation exercise",
    "the warden zone's contact tree",
    "the minutes of the Security Management Team",
    "the residential security measures",
)


class _Rollback(Exception):
    """Raised at the end of the measurements: the data built for them is not kept."""


def _station():
    """A capital duty station with every role of the checklist, several times over."""
    from actors.tests.factories import OrganizationFactory, WardenZoneFactory, user_with_role
    from inspections.tests.factories import station_world

    world = station_world(staff=40)
    extra = [OrganizationFactory(), OrganizationFactory()]
    for number, agency in enumerate([world.agency_a, world.agency_b, *extra]):
        zone = WardenZoneFactory(duty_station=world.station)
        user_with_role("warden", zone, organization=agency, duty_station=world.station)
        zone = WardenZoneFactory(duty_station=world.station)
        user_with_role("warden", zone, organization=agency, duty_station=world.station)
        user_with_role("smt", world.station, organization=agency)
        if number >= 2:
            user_with_role("agency_security_officer", world.station, organization=agency)
            user_with_role("country_representative", world.station, organization=agency)
    return world


def _set_aside(world, index: int) -> None:
    """station_world gives its agencies and logins fixed codes and names: rename those of a
    station built, so that the next one can have them."""
    import dataclasses

    from actors.models import Organization, User

    for field in dataclasses.fields(world):
        value = getattr(world, field.name)
        if isinstance(value, User):
            value.username = f"{value.username}.{index}"
            value.save(update_fields=["username"])
        elif isinstance(value, Organization) and value.pk != world.unsecoord.pk:
            value.code = f"{value.code}{index}"
            value.save(update_fields=["code"])


def _mission_with_findings(world, count: int, start: dt.date):
    """A debriefed mission with ``count`` findings, then its failed follow-up visit:
    {document: (pk, findings shown in full)}."""
    from django.db.models import Count

    from inspections.models import Escalation, ItemResult, MissionReport
    from inspections.services.findings import finding_update
    from inspections.services.followups import follow_up_schedule
    from inspections.services.missions import mission_debrief
    from inspections.services.recording import checklist_item_record
    from inspections.tests.factories import announced_mission, follow_up_done

    mission = announced_mission(world, starts_on=start, sample=20)
    items = list(mission.checklist_items.order_by("position"))
    if len(items) < count:
        raise SystemExit(f"the station has {len(items)} checklist items, fewer than {count}")
    # Spread over the whole list (so over every role and agency): every other item first.
    order = items[::2] + items[1::2]
    deficient = {item.pk: number for number, item in enumerate(order[:count])}
    for item in items:
        number = deficient.get(item.pk)
        if number is None:
            checklist_item_record(user=world.inspector, item=item, result=ItemResult.COMPLIANT)
            continue
        subject = SUBJECTS[number % len(SUBJECTS)]
        checklist_item_record(
            user=world.inspector,
            item=item,
            result=ItemResult.PARTIAL if number % 3 else ItemResult.NON_COMPLIANT,
            notes=NOTES.format(day=start + dt.timedelta(days=number % 5), what=subject),
        )
    for finding in mission.findings.all():
        subject = SUBJECTS[deficient[finding.checklist_item_id] % len(SUBJECTS)]
        finding_update(
            user=world.inspector,
            finding=finding,
            recommendation=RECOMMENDATION.format(what=subject),
        )
    mission = mission_debrief(
        user=world.inspector, mission=mission, summary="The team met the DO and the SMT."
    )
    assert mission.findings.count() == count
    last = max(mission.findings.values_list("deadline", flat=True))
    visit = follow_up_schedule(mission=mission, today=last + dt.timedelta(days=1))
    follow_up_done(world.inspector, visit)
    reports = MissionReport.objects.filter(mission=mission)
    # The agency copy with the most findings.
    agency, shown = (
        mission.findings.values("organization")
        .annotate(n=Count("pk"))
        .order_by("-n", "organization")
        .values_list("organization", "n")
        .first()
    )
    return {
        "full": (reports.get(organization=None).pk, count),
        "copy": (reports.get(organization=agency).pk, shown),
        "escalation": (Escalation.objects.get(mission=mission).pk, count),
    }


def _documents():
    """(key, label, queryset factory, template, context) of each measured document."""
    from inspections.services import reports

    mission_report = (
        reports.mission_report_queryset,
        reports.MISSION_REPORT_TEMPLATE,
        reports.mission_report_context,
    )
    return {
        "full": ("full report (DO and SMT)", *mission_report),
        "copy": ("agency copy (HQ focal point)", *mission_report),
        "escalation": (
            "non-compliance report (HLCM)",
            reports.escalation_queryset,
            reports.NON_COMPLIANCE_TEMPLATE,
            reports.escalation_context,
        ),
    }


def _django_part(queryset, pk, template, context) -> tuple[str, object]:
    """What render_once does in Django: read the document, build its context, render."""
    from django.template.loader import render_to_string
    from django.utils import translation

    document = queryset().get(pk=pk)
    with translation.override(document.language):
        return render_to_string(template, context(document)), document


def _measure(queryset, pk, template, context, *, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from pypdf import PdfReader
    from weasyprint import HTML

    from accountability.core.pdfs import url_fetcher

    with CaptureQueriesContext(connection) as captured:
        _django_part(queryset, pk, template, context)
    queries = len(captured.captured_queries)
    django_s, weasy_s, total_s, cpu_s = [], [], [], []
    pdf, html = b"", ""
    for run in range(runs + 1):  # the first is the warm-up
        cpu = time.process_time()
        start = time.perf_counter()
        html, _document = _django_part(queryset, pk, template, context)
        middle = time.perf_counter()
        pdf = HTML(string=html, url_fetcher=url_fetcher()).write_pdf()
        end = time.perf_counter()
        if run:
            django_s.append(middle - start)
            weasy_s.append(end - middle)
            total_s.append(end - start)
            cpu_s.append(time.process_time() - cpu)
    django_ms = statistics.median(django_s) * 1000
    total_ms = statistics.median(total_s) * 1000
    return {
        "queries": queries,
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "bytes": len(pdf),
        "django_ms": django_ms,
        "weasyprint_ms": statistics.median(weasy_s) * 1000,
        "total_ms": total_ms,
        "django_share": django_ms / total_ms,
        # This process's CPU time: what the wall-clock figures would be on an idle machine.
        "cpu_ms": statistics.median(cpu_s) * 1000,
        "pdf": pdf,
        "html": html,
    }


def run(*, runs: int, save: Path | None) -> dict:
    from django.db import transaction
    from django.utils import timezone

    results: dict = {"runs": runs, "documents": {}}
    try:
        with transaction.atomic():
            today = timezone.localdate()
            built = {}
            for index, count in enumerate(FINDINGS):
                print(f"building a mission with {count} findings…", file=sys.stderr, flush=True)
                world = _station()
                built[count] = _mission_with_findings(
                    world, count, today + dt.timedelta(days=30 * index)
                )
                _set_aside(world, index)
            documents = _documents()
            for count, pks in built.items():
                for key, (label, queryset, template, context) in documents.items():
                    # Only the 150-finding documents are timed; the 15 are counted.
                    print(f"measuring the {label}, {count} findings…", file=sys.stderr, flush=True)
                    pk, shown = pks[key]
                    entry = _measure(
                        queryset, pk, template, context, runs=runs if count > 20 else 1
                    )
                    entry["shown"] = shown
                    pdf, html = entry.pop("pdf"), entry.pop("html")
                    if save is not None:
                        save.mkdir(parents=True, exist_ok=True)
                        (save / f"{key}-{count}.pdf").write_bytes(pdf)
                        (save / f"{key}-{count}.html").write_text(html, encoding="utf-8")
                    entry["label"] = label
                    results["documents"].setdefault(key, {})[str(count)] = entry
            raise _Rollback
    except _Rollback:
        pass
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--save", type=Path, help="write the rendered PDFs to this directory")
    args = parser.parse_args(argv)
    from .training_data import setup_django

    setup_django()
    # WeasyPrint logs each step of each page at INFO: noise here.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    print(json.dumps(run(runs=args.runs, save=args.save)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
