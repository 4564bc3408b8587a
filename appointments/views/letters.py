"""The appointment letter's download (scoped) and its public verification page."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from accountability.core import pdfs
from appointments import letters


@login_required
@require_GET
def letter_pdf(request, pk: int):
    """The stored PDF, byte for byte; 404 alike for missing, not yours and not rendered yet."""
    letter = letters.letter_for(request.user, pk)
    return pdfs.stored_pdf_response(
        request,
        letter.pdf,
        letter.sha256,
        filename=f"appointment-letter-{letter.verification_code}.pdf",
    )


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=40)


@require_http_methods(["GET", "POST"])
def letter_verify_form(request):
    """Public: type a code, land on its verification page."""
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = pdfs.normalize_code(form.cleaned_data["code"])
        if code:
            return redirect("letter-verify", code=code)
        form.add_error("code", _("Enter the code printed on the letter."))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "appointments/verify.html", {"form": form, "checked": False}, status=status
    )


@require_GET
def letter_verify(request, code: str):
    """Public: is this a genuine letter? Only the appointee's name, role and dates (issue 3),
    and the SHA-256 of the issued PDF."""
    letter = letters.letter_verify(code)
    context = {"form": VerifyForm(initial={"code": code}), "checked": True, "code": code}
    if letter is None:
        return render(request, "appointments/verify.html", context, status=404)
    appointment = letter.appointment
    # Only these values reach the template, so that nothing else can leak through it.
    context["genuine"] = {
        "name": appointment.person.full_name,
        "role": letters.role_label(appointment, translation.get_language() or "en"),
        "start_date": appointment.start_date,
        "end_date": appointment.end_date,
        "ended_on": appointment.ended_on,
        "issued_on": letter.issued_at,
        # The reader compares it with the file in hand, hashed in their browser (issue 10).
        "sha256": letter.sha256,
    }
    return render(request, "appointments/verify.html", context)
