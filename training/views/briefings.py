"""Arrival briefings (¶10(j), ¶22(c), ¶33): the FSCO records who was briefed, with the
briefing material's version; each staff member acknowledges it in writing in the app, for
self and for their dependants; the page of a briefing shows who acknowledged it and when."""

from __future__ import annotations

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
from accountability.core.views import apply_service_errors, paginate
from training import rules as training_rules
from training.forms import BriefingForm
from training.models import Briefing, BriefingAttendee
from training.services.briefings import briefing_acknowledge, briefing_record
from training.views.common import own_person, safe_next, training_nav
from training.views.sessions import render_station_choice, station_from_query


def briefs_somewhere(user) -> bool:
    """Whether the user may record briefings at some duty station (for the "Record" link)."""
    if user.is_superuser:
        return True
    grants = scoping.grants(user)
    return grants.holds_globally("train") or bool(grants.ids("station", "train"))


class BriefingListView(LoginRequiredMixin, View):
    """Briefings the user may see, newest first, with how many acknowledged.

    Queries: session, user, the grants, COUNT, the page with station, briefer and counts,
    the base template's two."""

    def get(self, request):
        user = request.user
        briefings = (
            scoping.visible_to(user, Briefing)
            .select_related("duty_station", "given_by")
            .annotate(
                attendee_count=Count("attendees"),
                acknowledged_count=Count(
                    "attendees", filter=Q(attendees__acknowledged_at__isnull=False)
                ),
            )
            .order_by("-given_on", "-id")
        )
        return render(
            request,
            "training/briefing_list.html",
            {
                "title": _("Arrival briefings"),
                "may_record": briefs_somewhere(user),
                **paginate(request, briefings),
                **training_nav(user),
            },
        )


class BriefingCreateView(LoginRequiredMixin, View):
    """``?duty_station=<id>``: record a briefing given there (404 unless the user briefs
    there: its FSCO, FSCA or UNSECOORD); without it, choose the station first."""

    title = _("Record an arrival briefing")

    def station(self):
        station = station_from_query(self.request)
        if station is not None and not training_rules.may_train(
            self.request.user, duty_station=station
        ):
            raise Http404
        return station

    def render_form(self, station, form, status=200):
        return render(
            self.request,
            "training/briefing_form.html",
            {"title": self.title, "station": station, "form": form},
            status=status,
        )

    def get(self, request):
        station = self.station()
        if station is None:
            return render_station_choice(request, title=self.title)
        person = own_person(request.user)
        initial = {"given_on": timezone.localdate(), "given_by": person.pk if person else None}
        return self.render_form(
            station, BriefingForm(initial=initial, user=request.user, station=station)
        )

    def post(self, request):
        station = self.station()
        if station is None:
            return render_station_choice(request, title=self.title, status=400)
        form = BriefingForm(request.POST, user=request.user, station=station)
        if form.is_valid():
            try:
                briefing = briefing_record(
                    actor=request.user, duty_station=station, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The briefing is recorded. Each person briefed acknowledges it in the app."),
                )
                return HttpResponseRedirect(reverse("training:briefing-detail", args=[briefing.pk]))
        return self.render_form(station, form, status=400)


class BriefingDetailView(LoginRequiredMixin, View):
    """The briefing (station, date, version, what was covered) and its attendees the user may
    see, each with who acknowledged it and when (¶33).

    Queries: session, user, the grants, the briefing, the attendees, the base template's
    two."""

    def get(self, request, pk):
        user = request.user
        briefing = scoping.get_for_user(
            user,
            Briefing,
            pk,
            queryset=Briefing.objects.select_related(
                "duty_station__country", "given_by__organization", "course"
            ),
        )
        attendees = (
            scoping.visible_to(user, BriefingAttendee)
            .filter(briefing=briefing)
            .select_related("person__organization", "dependant", "acknowledged_by")
            .order_by("person__family_name", "person__given_names", "dependant_id", "pk")
        )
        return render(
            request,
            "training/briefing_detail.html",
            {"title": str(briefing), "briefing": briefing, "attendees": attendees},
        )


class BriefingAcknowledgeView(LoginRequiredMixin, View):
    """POST: the staff member's written acknowledgement, for self or a dependant (¶33);
    anyone else's row answers 404."""

    http_method_names = ["post"]

    def post(self, request, pk):
        attendee = scoping.get_for_user(
            request.user,
            BriefingAttendee,
            pk,
            for_change=True,
            queryset=BriefingAttendee.objects.select_related("briefing", "dependant"),
        )
        try:
            briefing_acknowledge(actor=request.user, attendee=attendee)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            briefing = attendee.briefing
            messages.success(
                request,
                _("You acknowledged the briefing of %(date)s (version %(version)s).")
                % {"date": briefing.given_on.isoformat(), "version": briefing.version},
            )
        return HttpResponseRedirect(safe_next(request, reverse("training:my-training")))
