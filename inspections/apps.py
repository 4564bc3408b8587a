from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("Inspections and compliance missions")

    def ready(self):
        from accountability.core import demo, panels

        from . import rules

        rules.register()

        # After training, in the order the seed has always written them: same seed, same rows;
        # its inspectors are found by their appointments, and act with their rights.
        demo.register(
            "inspections",
            "inspections.demo.seed_inspections",
            after=("appointments", "training"),
        )
        panels.register(
            "dashboard",
            "inspections",
            template="inspections/_dashboard_inspections.html",
            data="inspections.panels.findings_to_rectify",
            order=30,
        )
        panels.register(
            "duty_station",
            "inspections",
            template="inspections/_station_compliance_panel.html",
            data="inspections.panels.station_compliance",
            order=30,
        )
