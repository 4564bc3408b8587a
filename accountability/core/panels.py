"""Panels that apps add to other apps' pages: the dashboard, the pages of a duty station, an
area, a warden zone, a person or a country, and columns they add to lists.

A page that others may add to names itself (``"dashboard"``, ``"duty_station"``) and, when it
renders, asks :func:`for_page` for the panels registered for it. An app registers its panels
from its ``AppConfig.ready()``::

    panels.register("dashboard", "training", template="training/_dashboard_training.html",
                    data="training.panels.my_training", order=20)

``data`` is the dotted path of a function called with the page's keyword arguments (the
dashboard: ``user`` and ``today``; ``"duty_station"``: ``user`` and ``station``; ``"area"``:
``user`` and ``area``; ``"warden_zone"``: ``user`` and ``zone``; ``"person"``: ``user`` and
``person``; ``"country"``: ``user`` and ``country``); it returns what
the template reads as ``panel``, or None to leave the panel out. Panels come in ``order``,
then by name: the same order on every request. The page includes each one with
``{% include p.template with panel=p.data %}``, inside its own context. So a page at the
bottom of the tree (actors) shows what apps above it provide without importing them, and
the core imports no app: it only knows the dotted paths.

Lists take columns the same way (:func:`register_column`): a list that others may add to names
itself (``ScopedListView.panels_page``: ``"area_list"``, ``"warden_zone_list"``), annotates its
queryset with what the columns registered for it need (:func:`annotate`: expressions of the
same SELECT, never a query per row) and shows their cells after its own (:func:`columns`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Panel:
    page: str
    name: str
    template: str
    data: str  # dotted path of a function of the page's keyword arguments
    order: int


_registry: dict[tuple[str, str], Panel] = {}


def register(page: str, name: str, *, template: str, data: str, order: int = 100) -> None:
    """Register (or replace) the panel ``name`` of ``page``."""
    _registry[page, name] = Panel(page, name, template, data, order)


def registered(page: str) -> list[Panel]:
    """The panels of ``page`` in the order they show."""
    return sorted(
        (panel for panel in _registry.values() if panel.page == page),
        key=lambda panel: (panel.order, panel.name),
    )


def for_page(page: str, **kwargs: Any) -> list[dict[str, Any]]:
    """The panels of ``page`` to render, each as ``{"name", "template", "data"}``: each panel's
    data function called with ``kwargs``, the panels it answers None for left out."""
    shown = []
    for panel in registered(page):
        data = import_string(panel.data)(**kwargs)
        if data is not None:
            shown.append({"name": panel.name, "template": panel.template, "data": data})
    return shown


@dataclass(frozen=True)
class ListColumn:
    page: str
    name: str
    label: Any
    annotations: str  # dotted path of a function answering {alias: expression} for each row
    value: str  # dotted path of a function of one annotated row answering its cell
    order: int


_columns: dict[tuple[str, str], ListColumn] = {}


def register_column(
    page: str, name: str, *, label: Any, annotations: str, value: str, order: int = 100
) -> None:
    """Register (or replace) the column ``name`` of the list ``page``."""
    _columns[page, name] = ListColumn(page, name, label, annotations, value, order)


def registered_columns(page: str) -> list[ListColumn]:
    """The columns added to ``page`` in the order they show (after the list's own)."""
    return sorted(
        (column for column in _columns.values() if column.page == page),
        key=lambda column: (column.order, column.name),
    )


def annotate(page: str, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """``queryset`` annotated with what the columns added to ``page`` read."""
    for column in registered_columns(page):
        queryset = queryset.annotate(**import_string(column.annotations)())
    return queryset


def columns(page: str) -> list[tuple[Any, Callable[[Any], Any]]]:
    """The ``(label, value of a row)`` pairs of the columns added to ``page``."""
    return [(column.label, import_string(column.value)) for column in registered_columns(page)]
