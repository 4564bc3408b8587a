"""Panels that apps add to other apps' pages: the dashboard, a duty station's page.

A page that others may add to names itself (``"dashboard"``, ``"duty_station"``) and, when it
renders, asks :func:`for_page` for the panels registered for it. An app registers its panels
from its ``AppConfig.ready()``::

    panels.register("dashboard", "training", template="training/_dashboard_training.html",
                    data="training.panels.my_training", order=20)

``data`` is the dotted path of a function called with the page's keyword arguments (the
dashboard: ``user`` and ``today``; a duty station: ``user`` and ``station``); it returns what
the template reads as ``panel``, or None to leave the panel out. Panels come in ``order``,
then by name: the same order on every request. The page includes each one with
``{% include p.template with panel=p.data %}``, inside its own context. So a page at the
bottom of the tree (actors) shows what apps above it provide without importing them, and
the core imports no app: it only knows the dotted paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
