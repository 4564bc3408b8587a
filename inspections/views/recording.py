"""The team records the checklist on site (¶39), often on a poor connection.

The recording page is a plain form per item (result, notes and, for a deficiency, the
finding's severity, recommendation and date, ¶40), posted to ``ItemRecordView``. With its
script (static/inspections/record.js) every change is first kept on the device and sent at
once, with the time of the change on the device (``client_saved_at``): a draft re-sent after
the connection came back never overwrites a later entry (``checklist_item_entry_record`` answers
``applied: false`` and the page shows what the server holds). Without the script the same
forms post one item at a time. Evidence is uploaded per item. Only the mission's team reaches
any of this: everyone else gets 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from accountability.core import scoping

from ..forms import EvidenceForm, ItemRecordForm
from ..models import ChecklistItem, Finding, ItemResult, Mission, Severity
from ..models.checklists import DEFICIENT
from ..selectors import checklist_groups
from ..services.recording import RECTIFICATION_DAYS, checklist_item_entry_record, evidence_add
from .common import service_errors
from .missions import detail_url, get_mission

# The fields of one item's form, as the page and the script send them.
ENTRY_FIELDS = ("result", "notes", "severity", "recommendation", "deadline")


def record_url(mission_id: int, item_id: int | None = None) -> str:
    url = reverse("inspections:mission-record", args=[mission_id])
    return f"{url}#item-{item_id}" if item_id else url


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _entry(item: ChecklistItem) -> dict:
    """What one item's form shows: the server's state."""
    finding = item.shown_finding
    return {
        "result": item.result,
        "notes": item.notes,
        "severity": finding.severity if finding else item.severity,
        "recommendation": finding.recommendation if finding else "",
        "deadline": finding.deadline.isoformat() if finding else "",
        "deadline_set_by_hand": bool(finding and finding.deadline_set_by_hand),
    }


def _errors_by_field(errors: dict) -> dict[str, list[str]]:
    """Errors at the item's fields; the others (the mission's status, the device's time)
    above its form, as ``general`` (templates cannot read ``__all__``)."""
    shown: dict[str, list[str]] = {}
    for name, texts in errors.items():
        key = name if name in (*ENTRY_FIELDS, "file") else "general"
        shown.setdefault(key, []).extend(texts)
    return shown


def deadline_help() -> str:
    rule = ", ".join(
        _("%(days)s days if %(severity)s")
        % {"days": days, "severity": str(Severity(severity).label).lower()}
        for severity, days in RECTIFICATION_DAYS.items()
    )
    return _("Left empty, the date is the mission's last day plus %(rule)s (¶40).") % {"rule": rule}


def script_texts() -> dict[str, str]:
    """What the autosave script says, translated here (the page has no JavaScript catalogue).
    ``{count}`` is replaced by the number of items whose entries are kept on the device."""
    return {
        "saved": _("All changes saved."),
        "saving_one": ngettext("Saving {count} change…", "Saving {count} changes…", 1),
        "saving_many": ngettext("Saving {count} change…", "Saving {count} changes…", 2),
        "offline_one": ngettext(
            "Offline: {count} change kept on this device. It is sent when the connection "
            "comes back.",
            "Offline: {count} changes kept on this device. They are sent when the connection "
            "comes back.",
            1,
        ),
        "offline_many": ngettext(
            "Offline: {count} change kept on this device. It is sent when the connection "
            "comes back.",
            "Offline: {count} changes kept on this device. They are sent when the connection "
            "comes back.",
            2,
        ),
        "session": _(
            "Your session has ended: sign in again, then reload this page. Changes kept on "
            "this device: {count}."
        ),
        "server": _("The server did not save the entries; retrying. Kept on this device: {count}."),
        "rejected": _("Some entries were not accepted: see the errors at the items."),
        "item_saving": _("Saving…"),
        "item_saved": _("Saved"),
        "item_kept": _("Kept on this device"),
        "item_stale": _("A later entry is on the server: it is shown here."),
        "item_rejected": _("Not saved: see the errors."),
        "item_gone": _("This item can no longer be recorded."),
    }


def render_record(
    request, mission: Mission, *, failed: ChecklistItem | None = None, errors=None, status=200
):
    """The recording page. ``failed``: the item whose post was refused, shown with what was
    posted and ``errors`` ({field: [messages]}, ``file`` for an upload) at its fields.

    Queries: the mission, the items, the findings and the evidence, the base template's two.
    """
    items = scoping.editable_by(request.user, ChecklistItem).filter(mission=mission)
    groups = checklist_groups(request.user, mission, items)
    for group in groups:
        for item in group["items"]:
            item.entry = _entry(item)
            item.errors = {}
            if failed is not None and item.pk == failed.pk:
                item.errors = _errors_by_field(errors or {})
                if "file" not in item.errors:
                    shown = item.entry
                    item.entry = {
                        name: request.POST.get(name, shown[name]) for name in ENTRY_FIELDS
                    }
                    # A date typed over the one shown is the inspector's own.
                    item.entry["deadline_set_by_hand"] = (
                        shown["deadline_set_by_hand"] or item.entry["deadline"] != shown["deadline"]
                    )
    return render(
        request,
        "inspections/record.html",
        {
            "title": _("Recording %(reference)s") % {"reference": mission.reference},
            "mission": mission,
            "groups": groups,
            "results": ItemResult.choices,
            "deficient": [str(value) for value in DEFICIENT],
            "severities": Severity.choices,
            "deadline_help": deadline_help(),
            # What the script needs to show each severity's default date at once, offline too.
            "rectification_days": {str(key): days for key, days in RECTIFICATION_DAYS.items()},
            "texts": script_texts(),
        },
        status=status,
    )


class RecordView(LoginRequiredMixin, View):
    """The recording page, for the team while the mission is announced or in progress."""

    def get(self, request, pk):
        mission = get_mission(request, pk, for_change=True)
        if not mission.is_recording:
            if mission.debriefed_at:
                messages.info(request, _("The checklist is closed: the mission was debriefed."))
            else:
                messages.info(request, _("The checklist exists once the mission is announced."))
            return HttpResponseRedirect(detail_url(mission))
        return render_record(request, mission)


def _item_for_change(request, pk) -> ChecklistItem:
    return scoping.get_for_user(
        request.user,
        ChecklistItem,
        pk,
        for_change=True,
        queryset=ChecklistItem.objects.select_related("mission", "person"),
    )


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return {"__all__": exc.messages}


def item_state(item: ChecklistItem, applied: bool) -> dict:
    """The server's state of an item after an entry, for the script: whether the entry was
    applied, and what is stored (shown on the page when it was not)."""
    finding = Finding.objects.filter(checklist_item=item).first()
    return {
        "applied": applied,
        "item": {
            "id": item.pk,
            "result": item.result,
            "notes": item.notes,
            "recorded_at": item.recorded_at.isoformat() if item.recorded_at else None,
            "client_saved_at": item.client_saved_at.isoformat() if item.client_saved_at else None,
        },
        "finding": None
        if finding is None
        else {
            "id": finding.pk,
            "severity": finding.severity,
            "recommendation": finding.recommendation,
            "deadline": finding.deadline.isoformat(),
            "deadline_set_by_hand": finding.deadline_set_by_hand,
            "status": finding.status,
            "url": reverse("inspections:finding-detail", args=[finding.pk]),
        },
    }


class ItemRecordView(LoginRequiredMixin, View):
    """POST one item's entry. The script asks for JSON: 200 with ``applied`` and the stored
    state, 400 with ``errors`` by field. A plain form post is redirected back to the item, or
    the page is shown again with the errors at the item's fields. 404 for anyone not on the
    mission's team."""

    http_method_names = ["post"]

    def post(self, request, pk):
        item = _item_for_change(request, pk)
        as_json = wants_json(request)
        if not as_json and not item.mission.is_recording:
            messages.error(request, _("The checklist is closed: the mission was debriefed."))
            return HttpResponseRedirect(detail_url(item.mission))
        form = ItemRecordForm(request.POST)
        errors: dict[str, list[str]] = {}
        applied = False
        if form.is_valid():
            data = form.cleaned_data
            try:
                # A field left out of the post is left as it is; an empty recommendation or
                # date is one not written yet (the service keeps the default date).
                item, applied = checklist_item_entry_record(
                    user=request.user,
                    item=item,
                    result=data["result"] if "result" in request.POST else None,
                    notes=data["notes"] if "notes" in request.POST else None,
                    severity=data["severity"] or None,
                    client_saved_at=data["client_saved_at"],
                    recommendation=data["recommendation"] or None,
                    deadline=data["deadline"],
                    deadline_set_by_hand=data["deadline_set_by_hand"],
                )
            except ValidationError as exc:
                errors = _errors(exc)
            except PermissionDenied:
                raise Http404 from None
        else:
            errors = {name: list(messages_) for name, messages_ in form.errors.items()}
        if as_json:
            if errors:
                return JsonResponse({"errors": errors}, status=400)
            return JsonResponse(item_state(item, applied))
        if errors:
            return render_record(request, item.mission, failed=item, errors=errors, status=400)
        messages.success(
            request,
            _("Saved: %(reference)s, %(person)s.")
            % {"reference": item.reference, "person": item.person},
        )
        return HttpResponseRedirect(record_url(item.mission_id, item.pk))


class ItemEvidenceView(LoginRequiredMixin, View):
    """POST a photograph or document for one item (multipart, field ``file``): checked by
    type and size, stored through Django's storage API. 404 for anyone not on the team."""

    http_method_names = ["post"]

    def post(self, request, pk):
        item = _item_for_change(request, pk)
        if not item.mission.is_recording:
            messages.error(request, _("The checklist is closed: the mission was debriefed."))
            return HttpResponseRedirect(detail_url(item.mission))
        form = EvidenceForm(request.POST, request.FILES)
        if form.is_valid():
            with service_errors(form):
                evidence = evidence_add(
                    user=request.user, upload=form.cleaned_data["file"], checklist_item=item
                )
            if not form.errors:
                messages.success(
                    request,
                    _("%(name)s is attached to %(reference)s.")
                    % {"name": evidence.name, "reference": item.reference},
                )
                return HttpResponseRedirect(record_url(item.mission_id, item.pk))
        errors = {"file": [*form.errors.get("file", []), *form.non_field_errors()]}
        return render_record(request, item.mission, failed=item, errors=errors, status=400)
