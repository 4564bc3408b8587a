"""The LMS import page (login required): upload, check only (dry run), validation report.

Only verifiers of training import (¶27, annex ¶26): the organizations offered are those the
user verifies someone's training for; a user who verifies no one gets 404, like any page
outside their scope (never 403).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import View

from training.lms import columns
from training.lms.importer import RecordsImportInvalid, records_import
from training.lms.rights import import_organizations


class RecordsImportForm(forms.Form):
    organization = forms.TypedChoiceField(label=_("Organization"), coerce=int)
    file = forms.FileField(
        label=_("LMS export (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    dry_run = forms.BooleanField(label=_("Check only (write nothing)"), required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        # The organizations whose training the user verifies, read once by the view.
        self.organizations = {organization.pk: organization for organization in organizations}
        self.fields["organization"].choices = [
            (organization.pk, str(organization)) for organization in organizations
        ]

    def clean_organization(self):
        return self.organizations[self.cleaned_data["organization"]]


class RecordsImportView(LoginRequiredMixin, View):
    """GET queries: the session, the user, the user's grants, the organizations offered."""

    template_name = "training/import.html"

    def organizations(self, request) -> list:
        # Evaluated once: the choice list and the 404 test share the query.
        organizations = list(import_organizations(request.user))
        if not organizations:
            raise Http404("No organization whose training you verify.")
        return organizations

    def form(self, request, organizations, data=None, files=None) -> RecordsImportForm:
        return RecordsImportForm(
            data,
            files,
            organizations=organizations,
            initial={"organization": _own_or_first(request.user, organizations)},
        )

    def context(self, form, **extra) -> dict:
        return {
            "title": _("Import training records"),
            "form": form,
            "column_help": columns.COLUMN_HELP,
            "max_rows": settings.STAFF_LIST_MAX_ROWS,
            "max_mb": round(settings.STAFF_LIST_MAX_BYTES / (1024 * 1024), 1),
            **extra,
        }

    def get(self, request):
        organizations = self.organizations(request)
        return render(request, self.template_name, self.context(self.form(request, organizations)))

    def post(self, request):
        organizations = self.organizations(request)
        form = self.form(request, organizations, request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, self.context(form), status=400)
        organization = form.cleaned_data["organization"]
        try:
            result = records_import(
                actor=request.user,
                organization=organization,
                upload=form.cleaned_data["file"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except PermissionDenied:
            raise Http404 from None
        except RecordsImportInvalid as exc:
            return render(
                request,
                self.template_name,
                self.context(form, errors=exc.errors, organization=organization),
                status=400,
            )
        return render(
            request,
            self.template_name,
            self.context(
                self.form(request, organizations),
                result=result,
                organization=organization,
            ),
        )


def _own_or_first(user, organizations):
    for organization in organizations:
        if organization.pk == user.organization_id:
            return organization.pk
    return organizations[0].pk
