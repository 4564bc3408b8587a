"""Building blocks of every app's web pages: scoped lists, detail pages with history, service
forms, pagination.

Every queryset starts from ``accountability.core.scoping``; object lookups answer 404 alike
for "missing" and "not yours". Writes go through each app's service functions, whose
``ValidationError`` field dicts are shown on the form fields. The core imports no app: a
saved object's page is found by the URL naming convention (``detail_url``), not by a table of
the apps' models.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from accountability.core import panels, scoping
from accountability.core.history import HistoryEntry, object_history

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25


@dataclasses.dataclass(frozen=True)
class Column:
    label: Any
    value: Callable[[Any], Any]


@dataclasses.dataclass
class Row:
    url: str | None
    cells: list[Any]


def page_size(request: HttpRequest) -> int:
    try:
        size = int(request.GET.get("page_size", DEFAULT_PAGE_SIZE))
    except ValueError:
        return DEFAULT_PAGE_SIZE
    return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE


def paginate(request: HttpRequest, queryset: Any, *, per_page: int | None = None) -> dict[str, Any]:
    """One page of ``queryset`` (a COUNT and a SELECT) and what ``_pagination.html`` needs.

    The page size is the request's ``page_size`` among ``PAGE_SIZES``, or ``per_page`` for
    lists that offer no choice. The query string (filters, search, size) is kept on the pager's
    links, without the page number.
    """
    size = per_page or page_size(request)
    page = Paginator(queryset, size).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "page": page,
        "page_size": size,
        "page_sizes": PAGE_SIZES,
        "querystring": params.urlencode(),
    }


def search_q(terms: str, fields: tuple[str, ...]) -> Q:
    """Every word must match one of ``fields`` (case-insensitive substring)."""
    q = Q()
    for word in terms.split()[:5]:
        q &= reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields))
    return q


def apply_service_errors(form: Any, exc: ValidationError) -> None:
    """Put a service's field errors on the form's fields (unknown fields on the form itself)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, messages in exc.message_dict.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)


def require_superuser(request: Any) -> None:
    # Out-of-scope pages answer 404, never 403: a non-superuser learns nothing.
    if not request.user.is_superuser:
        raise Http404


class ScopedListView(LoginRequiredMixin, View):
    """A list of the rows ``scoping.visible_to`` lets the user see: search, filters, pages.

    Queries per page: the filter form's own choices (fixed per view), a COUNT, and one SELECT
    of the page with its ``select_related`` joins; never a query per row.
    """

    model: type[Any]
    title: Any = ""
    columns: tuple[Column, ...] = ()
    search_fields: tuple[str, ...] = ()
    search_help: Any = _("Search")
    filter_form_class: type[Any] | None = None
    select_related: tuple[str, ...] = ()
    detail_url_name: str | None = None
    create_url_name: str | None = None
    template_name = "_list_page.html"
    # The name under which apps above this one add columns to the list
    # (accountability.core.panels.register_column); None: the list takes none.
    panels_page: str | None = None

    def base_queryset(self) -> QuerySet[Any]:
        qs: QuerySet[Any] = self.model._default_manager.select_related(*self.select_related)
        return qs

    def get_queryset(self) -> QuerySet[Any]:
        qs = scoping.visible_to(self.request.user, self.model, self.base_queryset())
        return panels.annotate(self.panels_page, qs) if self.panels_page else qs

    def get_columns(self) -> tuple[Column, ...]:
        """The list's own columns, then those other apps add to it."""
        if not self.panels_page:
            return self.columns
        added = (Column(label, value) for label, value in panels.columns(self.panels_page))
        return (*self.columns, *added)

    def filter_queryset(self, qs: QuerySet[Any], form: Form) -> QuerySet[Any]:
        for name, value in form.cleaned_data.items():
            if value in (None, "") or name == "q":
                continue
            qs = qs.filter(**{self.filter_lookup(name): value})
        return qs

    def filter_lookup(self, name: str) -> str:
        return name

    def may_create(self) -> bool:
        return False

    def row_url(self, obj: Any) -> str | None:
        if not self.detail_url_name:
            return None
        return reverse(self.detail_url_name, args=[obj.pk])

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        qs = self.get_queryset()
        terms = request.GET.get("q", "").strip()[:100]
        if terms and self.search_fields:
            qs = qs.filter(search_q(terms, self.search_fields))
        form = None
        if self.filter_form_class is not None:
            form = self.filter_form_class(request.GET or None, user=request.user)
            if form.is_bound and form.is_valid():
                qs = self.filter_queryset(qs, form)
        if not qs.ordered:  # aggregates drop the default ordering; pages need a stable one
            qs = qs.order_by(*self.model._meta.ordering, "pk")
        pages = paginate(request, qs)
        columns = self.get_columns()
        rows = [
            Row(self.row_url(obj), [column.value(obj) for column in columns])
            for obj in pages["page"]
        ]
        context = {
            "title": self.title,
            "columns": columns,
            "rows": rows,
            **pages,
            "q": terms,
            "search_enabled": bool(self.search_fields),
            "search_help": self.search_help,
            "form": form,
            "create_url": reverse(self.create_url_name)
            if self.create_url_name and self.may_create()
            else None,
            "hx_target": "#results",
        }
        if getattr(request, "htmx", False) and not request.htmx.boosted:
            # The same template, reduced to its results block (see _list_page.html): the
            # form's choices and the header are neither rendered nor queried.
            context["list_base"] = "_list_page_results.html"
        return render(request, self.template_name, context)


class ScopedDetailView(LoginRequiredMixin, View):
    """One object the user may see, with its fields and its audit history."""

    model: type[Any]
    template_name = "_detail_page.html"
    select_related: tuple[str, ...] = ()
    edit_url_name: str | None = None

    def get_object(self) -> Any:
        qs = self.model._default_manager.select_related(*self.select_related)
        return scoping.get_for_user(self.request.user, self.model, self.kwargs["pk"], queryset=qs)

    def fields(self, obj: Any) -> list[tuple[Any, Any]]:
        return []

    def extra_context(self, obj: Any) -> dict[str, Any]:
        return {}

    def can_edit(self, obj: Any) -> bool:
        return scoping.can_change(self.request.user, obj)

    def get_history(self, obj: Any) -> list[HistoryEntry]:
        return object_history(obj, user=self.request.user, limit=50)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        editable = self.can_edit(obj)
        context = {
            "object": obj,
            "title": str(obj),
            "kind": self.model._meta.verbose_name,
            "fields": self.fields(obj),
            "edit_url": reverse(self.edit_url_name, args=[obj.pk])
            if self.edit_url_name and editable
            else None,
            "can_edit": editable,
            "history": self.get_history(obj),
            **self.extra_context(obj),
        }
        return render(request, self.template_name, context)


class ServiceFormView(LoginRequiredMixin, View):
    """A form whose valid data is handed to a service; service errors land on the fields.

    Subclasses implement ``get_object`` (None when creating), ``get_form`` and ``perform``
    (which calls the service and returns the object to redirect to).
    """

    template_name = "_form_page.html"
    title: Any = ""
    submit_label: Any = _("Save")
    cancel_url: str | None = None

    def get_object(self) -> Any:
        return None

    def get_form(self, data: Any = None) -> Any:
        raise NotImplementedError

    def perform(self, form: Any) -> Any:
        raise NotImplementedError

    def success_url(self, obj: Any) -> str:
        return detail_url(obj)

    def get_title(self) -> Any:
        return self.title

    def get_cancel_url(self) -> str | None:
        return self.cancel_url

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form: Any, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "title": self.get_title(),
            "object": self.object,
            "submit_label": self.submit_label,
            "cancel_url": self.get_cancel_url(),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_form(self.get_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                result = self.perform(form)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except PermissionDenied:
                raise Http404 from None
            else:
                return HttpResponseRedirect(self.success_url(result))
        return self.render_form(form, status=400)


_WORD_START = re.compile(r"(?<!^)(?=[A-Z])")


def detail_url(obj: Any) -> str:
    """The page of ``obj``, named ``<app_label>:<model-name>-detail`` by convention (an
    ``actors.DutyStation`` at ``actors:duty-station-detail``): the URL name follows the model,
    so the core needs no list of the apps' pages and imports none of them."""
    name = _WORD_START.sub("-", type(obj).__name__).lower()
    return reverse(f"{obj._meta.app_label}:{name}-detail", args=[obj.pk])
