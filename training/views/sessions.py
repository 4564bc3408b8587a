"""In-person training sessions (¶30, ¶31, annex ¶26): the FSCO, FSCA, HQ focal point or
UNSECOORD schedules a session at a duty station, enrols the people (and eligible dependants)
they may see, and the trainer marks attendance, which records each attendee's completion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View

from accountability.core import scoping
from accountability.core.views import apply_service_errors, paginate
from actors.models import DutyStation
from training import rules as training_rules
from training.forms import ParticipantsForm, SessionForm, StationForm
from training.models import SessionParticipant, TrainingSession
from training.services.sessions import (
    session_attendance_mark,
    session_create,
    session_participants_add,
)
from training.views.common import own_person, training_nav


def station_from_query(request):
    """The duty station named by ``?duty_station=`` (shared reference data), or None."""
    value = request.GET.get("duty_station", "")
    if not value.isdigit():
        return None
    return get_object_or_404(DutyStation.objects.select_related("country"), pk=int(value))


def render_station_choice(request, *, title, status=200):
    """The first step of a form that depends on the duty station: choose it (GET form)."""
    form = StationForm(request.GET if "duty_station" in request.GET else None)
    return render(
        request, "training/station_choice.html", {"title": title, "form": form}, status=status
    )


class SessionListView(LoginRequiredMixin, View):
    """Sessions the user may see, newest first.

    Queries: session, user, the grants, COUNT, the page with course, station, trainer and
    participant counts, the base template's two."""

    def get(self, request):
        user = request.user
        sessions = (
            scoping.visible_to(user, TrainingSession)
            .select_related("course", "duty_station", "trainer")
            .annotate(participant_count=Count("participants"))
            .order_by("-held_on", "-id")
        )
        return render(
            request,
            "training/session_list.html",
            {
                "title": _("Training sessions"),
                "may_schedule": scoping.holds(user, "train"),
                **paginate(request, sessions),
                **training_nav(user),
            },
        )


class SessionCreateView(LoginRequiredMixin, View):
    """``?duty_station=<id>``: schedule a session there (404 unless the user runs sessions
    there or for its agency); without it, choose the station first."""

    title = _("Schedule a training session")

    def station(self):
        station = station_from_query(self.request)
        user = self.request.user
        if station is not None and not training_rules.may_train(
            user, duty_station=station, organization=user.organization
        ):
            raise Http404
        return station

    def render_form(self, station, form, status=200):
        return render(
            self.request,
            "training/session_form.html",
            {"title": self.title, "station": station, "form": form},
            status=status,
        )

    def get(self, request):
        station = self.station()
        if station is None:
            return render_station_choice(request, title=self.title)
        person = own_person(request.user)
        initial = {"held_on": timezone.localdate(), "trainer": person.pk if person else None}
        form = SessionForm(initial=initial, user=request.user, station=station)
        return self.render_form(station, form)

    def post(self, request):
        station = self.station()
        if station is None:
            return render_station_choice(request, title=self.title, status=400)
        form = SessionForm(request.POST, user=request.user, station=station)
        if form.is_valid():
            try:
                session = session_create(
                    actor=request.user, duty_station=station, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("The session is scheduled. Now add its participants."))
                return HttpResponseRedirect(reverse("training:session-detail", args=[session.pk]))
        return self.render_form(station, form, status=400)


class SessionDetailView(LoginRequiredMixin, View):
    """A session with the participants the user may see; for whoever may change it, the
    forms that enrol people and mark attendance.

    Queries: session, user, the grants, the session, may the user change it, the
    participants, the base template's two; for an editor also the two choice lists."""

    def get(self, request, pk):
        return render_detail(request, get_session(request, pk))


def get_session(request, pk, *, for_change=False) -> TrainingSession:
    return scoping.get_for_user(
        request.user,
        TrainingSession,
        pk,
        for_change=for_change,
        queryset=TrainingSession.objects.select_related(
            "course", "duty_station__country", "trainer__organization", "organization"
        ),
    )


def render_detail(request, session, *, participants_form=None, status=200):
    user = request.user
    can_edit = scoping.can_change(user, session)
    participants = list(
        scoping.visible_to(user, SessionParticipant)
        .filter(session=session)
        .select_related("person__organization", "dependant")
        .order_by("person__family_name", "person__given_names", "dependant_id", "pk")
    )
    if can_edit and participants_form is None:
        participants_form = ParticipantsForm(
            user=user,
            session=session,
            enrolled_people=[p.person_id for p in participants if p.dependant_id is None],
            enrolled_dependants=[p.dependant_id for p in participants if p.dependant_id],
        )
    today = timezone.localdate()
    return render(
        request,
        "training/session_detail.html",
        {
            "title": str(session),
            "session": session,
            "participants": participants,
            "can_edit": can_edit,
            "participants_form": participants_form if can_edit else None,
            "may_mark": can_edit and session.held_on <= today,
            "today": today,
        },
        status=status,
    )


class SessionParticipantsView(LoginRequiredMixin, View):
    """POST: enrol people and dependants of the session's duty station the user may see."""

    http_method_names = ["post"]

    def post(self, request, pk):
        session = get_session(request, pk, for_change=True)
        enrolled = list(session.participants.values_list("person_id", "dependant_id"))
        form = ParticipantsForm(
            request.POST,
            user=request.user,
            session=session,
            enrolled_people=[person for person, dependant in enrolled if dependant is None],
            enrolled_dependants=[dependant for _person, dependant in enrolled if dependant],
        )
        if form.is_valid():
            try:
                added = session_participants_add(
                    actor=request.user,
                    session=session,
                    people=form.cleaned_data["people"],
                    dependants=form.cleaned_data["dependants"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    ngettext("%(count)s participant added.", "%(count)s participants added.", added)
                    % {"count": added},
                )
                return HttpResponseRedirect(reverse("training:session-detail", args=[session.pk]))
        return render_detail(request, session, participants_form=form, status=400)


class SessionAttendanceView(LoginRequiredMixin, View):
    """POST: the ticked participants attended, the others did not; each attendee's completion
    is recorded on the session's date (the service records nothing twice)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        session = get_session(request, pk, for_change=True)
        ticked = set(request.POST.getlist("attended"))
        participants = scoping.editable_by(request.user, SessionParticipant).filter(session=session)
        attended = {pk: str(pk) in ticked for pk in participants.values_list("pk", flat=True)}
        try:
            made = session_attendance_mark(actor=request.user, session=session, attended=attended)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance marked: %(count)s completion recorded.",
                    "Attendance marked: %(count)s completions recorded.",
                    made,
                )
                % {"count": made},
            )
        return HttpResponseRedirect(reverse("training:session-detail", args=[session.pk]))
