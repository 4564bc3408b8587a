"""The signed-in user's own in-app notices: the list, marking one or all read. Nobody else's
are ever listed or marked (404)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from .models import Notification
from .notifications import notification_read, notifications_read_all
from .views import paginate

NOTIFICATIONS_PER_PAGE = 50


class NotificationListView(LoginRequiredMixin, View):
    """The signed-in user's own notices, newest first."""

    def get(self, request: HttpRequest) -> HttpResponse:
        # LoginRequiredMixin has let only a signed-in user through.
        notices = Notification.objects.filter(user_id=cast(int, request.user.pk)).order_by(
            "-created_at", "-pk"
        )
        pages = paginate(request, notices, per_page=NOTIFICATIONS_PER_PAGE)
        context = {"title": _("Notifications"), **pages, "notices": list(pages["page"])}
        return render(request, "core/notifications.html", context)


class NotificationReadView(LoginRequiredMixin, View):
    """Mark one of the user's notices read (404 for anyone else's)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        notice = get_object_or_404(Notification, pk=pk, user=request.user)
        notification_read(user=request.user, notification=notice)
        if getattr(request, "htmx", False):
            notice.refresh_from_db(fields=["read_at"])
            return render(request, "core/_notification.html", {"n": notice})
        return HttpResponseRedirect(reverse("core:notifications"))


class NotificationReadAllView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        count = notifications_read_all(user=request.user)
        if count:
            messages.success(request, _("All notifications are marked read."))
        return HttpResponseRedirect(reverse("core:notifications"))
