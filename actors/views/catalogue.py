"""The roles of the framework and their catalogue: the lettered responsibilities and the core
competencies of ¶24, with paragraph references, Chinese (verbatim) and English text."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accountability.core.views import Column, ScopedDetailView, ScopedListView
from actors import models as m


class RoleListView(ScopedListView):
    model = m.Role
    title = _("Roles and responsibilities")
    columns = (
        # Role names are data in English and Chinese (the seed's terms); no French text exists.
        Column(_("Role"), lambda r: r.name_zh if get_language() == "zh-hans" else r.name),
        Column(_("Chinese name"), lambda r: r.name_zh),
        Column(_("Accountable to"), lambda r: r.accountable_to),
        Column(_("Paragraphs"), lambda r: r.paragraphs),
        Column(_("Responsibilities"), lambda r: r.n_responsibilities),
        Column(_("Core competencies"), lambda r: r.n_competencies),
    )
    search_fields = ("name", "name_zh", "code")
    detail_url_name = "actors:role-detail"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(
                n_responsibilities=Count("responsibilities", distinct=True),
                n_competencies=Count("competencies", distinct=True),
            )
        )


class RoleDetailView(ScopedDetailView):
    model = m.Role
    template_name = "actors/role_detail.html"

    def can_edit(self, obj):
        return False  # roles and the catalogue are loaded by migrations

    def get_history(self, obj):
        return None  # reference data loaded by migrations, not audited

    def fields(self, obj):
        return [
            (_("Role"), obj.name),
            (_("Chinese name"), obj.name_zh),
            (_("Accountable to"), obj.accountable_to),
            (_("Paragraphs of A/57/365"), obj.paragraphs),
        ]

    def extra_context(self, obj):
        return {
            "responsibilities": obj.responsibilities.order_by("source", "paragraph", "letter"),
            "competencies": obj.competencies.order_by("position"),
        }
