"""The certificate's download (scoped) and its public verification page (¶27, ¶32)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from accountability.core.pdfs import normalize_code
from training.services import certificates


@login_required
@require_GET
def certificate_pdf(request, pk: int):
    """The stored PDF, byte for byte; 404 alike for missing, not yours and not rendered yet.

    Queries: the request's grants and the certificate (scoped).
    """
    certificate = certificates.certificate_for(request.user, pk)
    return certificates.certificate_file_response(request, certificate)


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=40)


@require_http_methods(["GET", "POST"])
def certificate_verify_form(request):
    """Public: type a code, land on its verification page."""
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = normalize_code(form.cleaned_data["code"])
        if code:
            return redirect("training:certificate-verify", code=code)
        form.add_error("code", _("Enter the code printed on the certificate."))
    status = 400 if request.method == "POST" else 200
    return render(request, "training/verify.html", {"form": form, "checked": False}, status=status)


@require_GET
def certificate_verify(request, code: str):
    """Public: is this a genuine certificate? Only the holder's name, the course and the dates,
    whether it still counts today and the SHA-256 of the issued PDF; nothing of the
    organization or the person's records.

    Queries: the certificate with its record, person, dependant and course (one).
    """
    certificate = certificates.certificate_verify(code)
    context = {"form": VerifyForm(initial={"code": code}), "checked": True, "code": code}
    if certificate is None:
        return render(request, "training/verify.html", context, status=404)
    record = certificate.record
    today = timezone.localdate()
    # Only these values reach the template, so that nothing else can leak through it.
    context["genuine"] = {
        "name": certificates.holder_name(record),
        "course": record.course.localized_title,
        "completed_on": record.completed_on,
        "valid_until": record.valid_until,
        "issued_on": certificate.issued_at,
        "valid_today": certificates.still_valid(certificate, today),
        "today": today,
        # The reader compares it with the file in hand, hashed in their browser (issue 10).
        "sha256": certificate.sha256,
    }
    return render(request, "training/verify.html", context)
