"""The public answer page of an SMT member with no login (¶17, ¶19).

``/consultations/answer/<token>/``: the token is the credential
(appointments.services.consultation_links),
so the page needs no login; CSRF protection stays on for its form. A link that may not answer,
whatever the reason, answers the same 404. The token never leaves the page: the answer
"strict-origin" sends no path in any Referer, and nothing is cached.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accountability.core.errors import not_found
from appointments import forms
from appointments.models import Answer, Consultation
from appointments.services import workflow
from appointments.services.consultation_links import consultation_for_token

# "no-referrer" would also keep the token out of every Referer, but browsers then send
# "Origin: null" with the form's POST, which Django's CSRF check refuses over HTTPS: the
# form would never work in production. "strict-origin" sends the site's origin alone, never
# the path that holds the token, and keeps the Origin header of same-site POSTs.
REFERRER_POLICY = "strict-origin"


def _private(response):
    response["Referrer-Policy"] = REFERRER_POLICY
    add_never_cache_headers(response)  # Cache-Control: max-age=0, no-cache, no-store, ...
    return response


def _not_found(request):
    # The site's 404 page, alike for every reason a link may not answer; private as well.
    return _private(not_found(request, Http404()))


def _page(request, consultation: Consultation, form, *, status: int = 200):
    appointment = consultation.appointment
    statements = list(appointment.competency_statements.select_related("competency"))
    context = {
        "title": _("Your view on a nomination"),
        "consultation": consultation,
        "object": appointment,
        # The statements part of the appointment page, as a consulted member sees it there.
        "wf": {"statements": statements, "missing": []},
        "form": form,
    }
    return _private(
        render(request, "appointments/consultation_answer.html", context, status=status)
    )


@require_http_methods(["GET", "POST"])
def consultation_answer(request, token: str):
    if request.method == "GET":
        consultation = consultation_for_token(token)
        if consultation is None:
            return _not_found(request)
        initial = (
            {"answer": consultation.answer, "reasons": consultation.reasons}
            if consultation.answer != Answer.PENDING
            else None
        )
        return _page(request, consultation, forms.ConsultationForm(initial=initial))
    form = forms.ConsultationForm(request.POST)
    if form.is_valid():
        try:
            workflow.consultation_answer_by_link(
                token=token,
                answer=form.cleaned_data["answer"],
                reasons=form.cleaned_data["reasons"],
            )
        except Consultation.DoesNotExist:
            return _not_found(request)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            for field, messages_ in errors.items():
                form.add_error(field if field in form.fields else None, messages_)
        else:
            messages.success(request, _("Your view is recorded."))
            return _private(HttpResponseRedirect(request.path))
    consultation = consultation_for_token(token)
    if consultation is None:
        return _not_found(request)
    return _page(request, consultation, form, status=400)
