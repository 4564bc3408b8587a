"""Staff-list pages (login required): the lists the user may see, import, export, confirm.

Lists are named by ``?organization=&duty_station=`` ids; a list the user may not see — or,
to import and confirm, does not keep — answers 404 like an unknown id (never 403).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from accountability.core.views import paginate
from actors.services.stafflists import stafflist_confirm

from . import columns, exporter, selectors
from .api import export_response
from .forms import ImportForm, ListChoiceForm
from .importer import StaffListInvalid, stafflist_import

INDEX_PAGE_SIZE = 50
FORMATS = ("csv", "xlsx")


def _initial(params) -> dict:
    initial = {}
    for name in ("organization", "duty_station"):
        value = params.get(name, "")
        if value.isdigit():
            initial[name] = int(value)
    return initial


class StaffListIndexView(LoginRequiredMixin, View):
    """Every list with people the user may see: counts and last confirmation (¶16(d)).

    Queries: the page's rows (one grouped query) and its COUNT, plus the two choice lists of
    the "open a list" form.
    """

    def get(self, request):
        pages = paginate(request, selectors.stafflist_index(request.user), per_page=INDEX_PAGE_SIZE)
        limit = selectors.stale_before()
        return render(
            request,
            "stafflists/index.html",
            {
                "title": _("Staff lists"),
                "rows": [selectors.shape(row, stale_limit=limit) for row in pages["page"]],
                **pages,
                "choice_form": ListChoiceForm(initial=_initial(request.GET)),
                "max_age_days": settings.STAFF_LIST_CONFIRMATION_MAX_AGE_DAYS,
            },
        )


class StaffListImportView(LoginRequiredMixin, View):
    template_name = "stafflists/import.html"

    def context(self, form, **extra) -> dict:
        return {
            "title": _("Import a staff list"),
            "form": form,
            "column_help": columns.COLUMN_HELP,
            "max_rows": settings.STAFF_LIST_MAX_ROWS,
            "max_mb": round(settings.STAFF_LIST_MAX_BYTES / (1024 * 1024), 1),
            **extra,
        }

    def get(self, request):
        form = ImportForm(initial=_initial(request.GET))
        return render(request, self.template_name, self.context(form))

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, self.context(form), status=400)
        organization, station = selectors.get_list_for_user(
            request.user,
            form.cleaned_data["organization"].pk,
            form.cleaned_data["duty_station"].pk,
            keep=True,
        )
        try:
            result = stafflist_import(
                actor=request.user,
                organization=organization,
                duty_station=station,
                upload=form.cleaned_data["file"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except PermissionDenied:
            raise Http404 from None
        except StaffListInvalid as exc:
            return render(
                request,
                self.template_name,
                self.context(form, errors=exc.errors, organization=organization, station=station),
                status=400,
            )
        return render(
            request,
            self.template_name,
            self.context(
                ImportForm(initial={"organization": organization.pk, "duty_station": station.pk}),
                result=result,
                organization=organization,
                station=station,
            ),
        )


class StaffListExportView(LoginRequiredMixin, View):
    def get(self, request):
        file_format = request.GET.get("format", "csv")
        if file_format not in FORMATS:
            return HttpResponseBadRequest(_("The format must be csv or xlsx."))
        organization, station = selectors.get_list_for_user(
            request.user, request.GET.get("organization"), request.GET.get("duty_station")
        )
        return export_response(request.user, organization, station, file_format)


class StaffListTemplateView(LoginRequiredMixin, View):
    """An empty list with the columns and an example person and dependant."""

    def get(self, request):
        file_format = request.GET.get("format", "csv")
        if file_format not in FORMATS:
            return HttpResponseBadRequest(_("The format must be csv or xlsx."))
        cols, rows = exporter.template_rows()
        if file_format == "xlsx":
            body, content_type = exporter.render_xlsx(cols, rows), exporter.XLSX_TYPE
        else:
            body, content_type = exporter.render_csv(cols, rows), exporter.CSV_TYPE
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="staff-list-template.{file_format}"'
        )
        return response


class StaffListConfirmView(LoginRequiredMixin, View):
    """POST: the user confirms the list is current (¶16(d))."""

    def post(self, request):
        organization, station = selectors.get_list_for_user(
            request.user,
            request.POST.get("organization"),
            request.POST.get("duty_station"),
            keep=True,
        )
        try:
            stafflist_confirm(actor=request.user, organization=organization, duty_station=station)
        except ValidationError:  # pragma: no cover - get_list_for_user checked the same rule
            raise Http404 from None
        messages.success(
            request,
            _("You confirmed the %(organization)s staff list at %(station)s is current.")
            % {"organization": organization.code.upper(), "station": station.name},
        )
        return HttpResponseRedirect(reverse("stafflists:index"))
