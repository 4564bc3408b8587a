"""Every model has a declared rule, reachable ones above all, and a model without one is
refused: the scoping engine fails closed."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver
from guardian.models import UserObjectPermissionBase

from accountability.core import scoping

PROJECT_APPS = ("core", "actors", "appointments", "meetings", "training", "inspections")


def _project_models():
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            # Audit rows are served through the tracked model's rule (core.history); guardian
            # rows are the rights themselves, read only by the engine.
            if hasattr(model, "pgh_tracked_model"):
                continue
            if issubclass(model, UserObjectPermissionBase):
                continue
            yield model


def _views(resolver=None):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _views(entry)
        elif isinstance(entry, URLPattern):
            callback = entry.callback
            yield getattr(callback, "view_class", None) or getattr(callback, "cls", None)


def _models_named_by(view) -> set:
    found = set()
    model = getattr(view, "model", None)
    if isinstance(model, type):
        found.add(model)
    queryset = getattr(view, "queryset", None)
    if queryset is not None and hasattr(queryset, "model"):
        found.add(queryset.model)
    serializer = getattr(view, "serializer_class", None)
    meta_model = getattr(getattr(serializer, "Meta", None), "model", None)
    if meta_model is not None:
        found.add(meta_model)
    return found


def test_every_model_of_the_project_has_a_rule():
    missing = sorted(m._meta.label for m in _project_models() if m not in scoping.ruled_models())
    assert missing == []


def test_every_model_reachable_from_a_url_has_a_rule():
    reachable = set()
    for view in _views():
        if view is not None:
            reachable |= _models_named_by(view)
    ours = {m for m in reachable if m._meta.app_label in PROJECT_APPS}
    # The walk sees the pages and endpoints of every app, not a handful.
    assert {m._meta.app_label for m in ours} >= {
        "actors",
        "appointments",
        "meetings",
        "training",
        "inspections",
    }
    assert len(ours) >= 25
    missing = sorted(m._meta.label for m in ours if m not in scoping.ruled_models())
    assert missing == []


def test_a_model_without_a_rule_is_refused_even_to_a_superuser(django_user_model):
    # Refused before any query: no database is needed to see it.
    superuser = django_user_model(username="root-of-all", is_superuser=True, is_active=True)
    with pytest.raises(scoping.NoRule, match="contenttypes.ContentType"):
        scoping.visible_to(superuser, ContentType)
    with pytest.raises(scoping.NoRule):
        scoping.editable_by(superuser, ContentType)
    with pytest.raises(scoping.NoRule):
        scoping.may_create(superuser, ContentType)


def test_the_core_registers_no_app_rule():
    # The core's own rules name its own models only; each app registers its own.
    core_models = set(apps.get_app_config("core").get_models())
    by_app = {}
    for model in scoping.ruled_models():
        by_app.setdefault(model._meta.app_label, set()).add(model)
    assert by_app["core"] <= core_models
