from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = _("Appointments: nominations, consultations, decisions and letters")

    def ready(self):
        from accountability.core import demo, history, panels
        from actors.signals import people_left

        from . import rules
        from .services.appointments import appointments_end_for_people

        rules.register()

        # What appointments show on the pages of actors (accountability.core.panels), in the
        # order those pages have always read: on the dashboard, the user's appointments before
        # its training (20) and findings (30), then the appointments ending soon and the
        # structure gaps; on a duty station's page, the structure after the compliance (30).
        def panel(page: str, name: str, template: str, data: str, order: int) -> None:
            panels.register(
                page,
                name,
                template=f"appointments/{template}",
                data=f"appointments.panels.{data}",
                order=order,
            )

        panel("dashboard", "appointments", "_dashboard_appointments.html", "my_appointments", 10)
        panel("dashboard", "appointments_ending", "_dashboard_ending.html", "ending_soon", 40)
        panel("dashboard", "structure_gaps", "_dashboard_structure_gaps.html", "structure_gaps", 50)
        panel("duty_station", "appointments", "_station_structure.html", "station_structure", 40)
        panel(
            "duty_station", "representative", "_station_representative.html", "representative", 60
        )
        panel("area", "appointments", "_active_appointments.html", "area_appointments", 10)
        panel("warden_zone", "appointments", "_active_appointments.html", "zone_appointments", 10)
        panel("person", "appointments", "_person_appointments.html", "person_appointments", 10)
        panel("country", "interim", "_country_interim.html", "country_interim", 10)
        panels.register_column(
            "area_list",
            "coordinator",
            label=_("Area Security Coordinator"),
            annotations="appointments.panels.area_has_coordinator",
            value="appointments.panels.area_coordinator_cell",
        )
        panels.register_column(
            "warden_zone_list",
            "warden",
            label=_("Warden"),
            annotations="appointments.panels.zone_has_warden",
            value="appointments.panels.zone_warden_cell",
        )
        history.register("appointment", "appointments.Appointment")
        people_left.connect(appointments_end_for_people, dispatch_uid="appointments-end-for-people")
        # Right after the actors' seeder: the roles its plan gave out, and the logins' rights.
        demo.register("appointments", "appointments.demo.seed_appointments", after=("actors",))
