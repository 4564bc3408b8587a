from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = _("Actors: organizations, places, people and roles")

    def ready(self):
        from accountability.core import demo, history

        from . import rules

        rules.register()
        # The histories /api/v1/audit-events/?model=… serves.
        for key, label in (
            ("organization", "actors.Organization"),
            ("country", "actors.Country"),
            ("duty-station", "actors.DutyStation"),
            ("security-phase-change", "actors.SecurityPhaseChange"),
            ("area", "actors.Area"),
            ("warden-zone", "actors.WardenZone"),
            ("person", "actors.Person"),
            ("dependant", "actors.Dependant"),
            ("staff-list-confirmation", "actors.StaffListConfirmation"),
            ("user", "actors.User"),
        ):
            history.register(key, label)

        # The first demo seeder: the people, places and roles every other app's rows use.
        demo.register("actors", "actors.demo.seed.seed_actors")
