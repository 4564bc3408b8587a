"""Web pages of the SMT's meetings (¶16(b)): a duty station's meeting history, a meeting with
its decisions and action items, and the forms that record them.

Reads start from accountability.core.scoping; writes call meetings.services, whose field
errors land on the form. Meetings and action items out of the user's scope answer 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from accountability.core import scoping
from accountability.core.views import ServiceFormView, paginate
from actors.models import DutyStation
from meetings import services as meetings
from meetings.models import ActionItem, SmtMeeting

# --- Forms --------------------------------------------------------------------------------------


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.family_name}, {obj.given_names} ({obj.organization.code})"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.family_name}, {obj.given_names} ({obj.organization.code})"


def _people(user, station):
    return (
        meetings.participants(user, station)
        .select_related("organization")
        .order_by("family_name", "given_names", "id")
    )


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    attendees = PeopleChoiceField(
        label=_("Attendees"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 4}))
    decisions = forms.CharField(
        label=_("Decisions"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, user, station, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = _people(user, station)


class ActionItemForm(forms.Form):
    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 3}))
    owner = PersonChoiceField(label=_("Owner"), queryset=None)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, station, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people(user, station)


# --- Pages --------------------------------------------------------------------------------------


class MeetingListView(LoginRequiredMixin, View):
    """The SMT's meeting history at one duty station, newest first.

    Queries: session and user, the user's grants, the station, a COUNT and one SELECT of the
    page with its action-item counts, whatever the number of meetings.
    """

    def get(self, request, pk):
        station = scoping.get_for_user(
            request.user, DutyStation, pk, queryset=DutyStation.objects.select_related("country")
        )
        qs = (
            scoping.visible_to(request.user, SmtMeeting)
            .filter(duty_station=station)
            .annotate(
                items=Count("action_items"),
                open_items=Count("action_items", filter=Q(action_items__done_on__isnull=True)),
            )
            .order_by("-held_on", "-id")
        )
        return render(
            request,
            "meetings/list.html",
            {
                "title": _("SMT meetings at %(station)s") % {"station": station.name},
                "station": station,
                **paginate(request, qs),
                "can_record": scoping.may_create(request.user, SmtMeeting, duty_station=station),
            },
        )


class MeetingDetailView(LoginRequiredMixin, View):
    """A meeting: attendees, agenda, decisions and action items (owner, due date, done)."""

    def get(self, request, pk):
        meeting = scoping.get_for_user(
            request.user,
            SmtMeeting,
            pk,
            queryset=SmtMeeting.objects.select_related("duty_station", "recorded_by"),
        )
        can_edit = scoping.can_change(request.user, meeting)
        items = (
            scoping.visible_to(request.user, ActionItem)
            .filter(meeting=meeting)
            .select_related("owner__organization")
            .order_by("due_on", "id")
        )
        return render(
            request,
            "meetings/detail.html",
            {
                "title": _("SMT meeting of %(date)s") % {"date": meeting.held_on.isoformat()},
                "meeting": meeting,
                "attendees": meeting.attendees.select_related("organization").order_by(
                    "family_name", "id"
                ),
                "items": items,
                "can_edit": can_edit,
                "today": timezone.localdate(),
            },
        )


class MeetingCreateView(ServiceFormView):
    title = _("Record an SMT meeting")
    submit_label = _("Record")

    def get_object(self):
        station = scoping.get_for_user(self.request.user, DutyStation, self.kwargs["pk"])
        if not scoping.may_create(self.request.user, SmtMeeting, duty_station=station):
            raise Http404
        return station

    def get_cancel_url(self):
        return reverse("meetings:list", args=[self.object.pk])

    def get_form(self, data=None):
        initial = {"held_on": timezone.localdate()}
        return MeetingForm(data, initial=initial, user=self.request.user, station=self.object)

    def perform(self, form):
        return meetings.meeting_record(
            actor=self.request.user, duty_station=self.object, **form.cleaned_data
        )

    def success_url(self, obj):
        return reverse("meetings:detail", args=[obj.pk])


class MeetingEditView(ServiceFormView):
    title = _("Edit the SMT meeting")

    def get_object(self):
        return scoping.get_for_user(
            self.request.user,
            SmtMeeting,
            self.kwargs["pk"],
            for_change=True,
            queryset=SmtMeeting.objects.select_related("duty_station"),
        )

    def get_cancel_url(self):
        return reverse("meetings:detail", args=[self.object.pk])

    def get_form(self, data=None):
        meeting = self.object
        initial = {
            "held_on": meeting.held_on,
            "agenda": meeting.agenda,
            "decisions": meeting.decisions,
            "attendees": list(meeting.attendees.values_list("pk", flat=True)),
        }
        return MeetingForm(
            data, initial=initial, user=self.request.user, station=meeting.duty_station
        )

    def perform(self, form):
        return meetings.meeting_update(
            actor=self.request.user, meeting=self.object, **form.cleaned_data
        )

    def success_url(self, obj):
        return reverse("meetings:detail", args=[obj.pk])


class ActionItemCreateView(ServiceFormView):
    title = _("Add an action item")
    submit_label = _("Add")

    def get_object(self):
        return scoping.get_for_user(
            self.request.user,
            SmtMeeting,
            self.kwargs["pk"],
            for_change=True,
            queryset=SmtMeeting.objects.select_related("duty_station"),
        )

    def get_cancel_url(self):
        return reverse("meetings:detail", args=[self.object.pk])

    def get_form(self, data=None):
        return ActionItemForm(data, user=self.request.user, station=self.object.duty_station)

    def perform(self, form):
        return meetings.action_item_add(
            actor=self.request.user, meeting=self.object, **form.cleaned_data
        )

    def success_url(self, obj):
        return reverse("meetings:detail", args=[obj.meeting_id])


class ActionItemDoneView(LoginRequiredMixin, View):
    """POST only: mark an action done today (its owner, or whoever records the meetings)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        item = scoping.get_for_user(request.user, ActionItem, pk)
        try:
            meetings.action_item_done(actor=request.user, item=item)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Action marked done."))
        return HttpResponseRedirect(reverse("meetings:detail", args=[item.meeting_id]))
