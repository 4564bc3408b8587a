"""Logins: an HQ focal point manages its organization's users (``actors.services.users``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accountability.core import scoping
from accountability.core.views import Column, ScopedDetailView, ScopedListView, ServiceFormView
from actors import forms
from actors import models as m
from actors.services.users import user_create, user_update


class UserListView(ScopedListView):
    model = m.User
    title = _("Users")
    select_related = ("organization",)
    columns = (
        Column(_("Username"), lambda u: u.username),
        Column(_("Name"), lambda u: u.get_full_name() or "—"),
        Column(_("Organization"), lambda u: u.organization.code.upper()),
        Column(_("Active"), lambda u: _("Yes") if u.is_active else _("No")),
        Column(_("Last login"), lambda u: u.last_login or "—"),
    )
    search_fields = ("username", "first_name", "last_name", "email")
    filter_form_class = forms.UserFilterForm
    detail_url_name = "actors:user-detail"
    create_url_name = "actors:user-create"

    def filter_queryset(self, qs, form):
        data = form.cleaned_data
        if data.get("organization"):
            qs = qs.filter(organization=data["organization"])
        if data.get("active"):
            qs = qs.filter(is_active=data["active"] == "yes")
        return qs

    def may_create(self):
        user = self.request.user
        return scoping.holds(user, "manage_users")


class UserDetailView(ScopedDetailView):
    model = m.User
    select_related = ("organization", "person")
    edit_url_name = "actors:user-edit"

    def fields(self, obj):
        person = getattr(obj, "person", None)
        return [
            (_("Username"), obj.username),
            (_("Name"), obj.get_full_name() or "—"),
            (_("Email"), obj.email or "—"),
            (_("Organization"), obj.organization),
            (_("Person"), person or "—"),
            (_("Active"), _("Yes") if obj.is_active else _("No")),
            (_("Last login"), obj.last_login or "—"),
        ]


class UserCreateView(ServiceFormView):
    title = _("New login")

    def get_form(self, data=None):
        return forms.UserCreateForm(data, user=self.request.user)

    def perform(self, form):
        data = dict(form.cleaned_data)
        index_number = data.pop("person_index_number")
        person = None
        if index_number:
            # Only people the actor may see can be linked; others are "not found" alike.
            person = (
                scoping.visible_to(self.request.user, m.Person)
                .filter(organization=data["organization"], index_number=index_number)
                .first()
            )
            if person is None:
                raise ValidationError(
                    {"person_index_number": [_("No person with this index number.")]}
                )
        return user_create(actor=self.request.user, person=person, **data)


class UserEditView(ServiceFormView):
    def get_object(self):
        return scoping.get_for_user(self.request.user, m.User, self.kwargs["pk"], for_change=True)

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object.username}

    def get_form(self, data=None):
        initial = {
            "email": self.object.email,
            "first_name": self.object.first_name,
            "last_name": self.object.last_name,
            "is_active": self.object.is_active,
        }
        return forms.UserEditForm(data, initial=initial)

    def perform(self, form):
        return user_update(actor=self.request.user, user=self.object, **form.cleaned_data)
