from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = _("Appointments: nominations, consultations, decisions and letters")

    def ready(self):
        from accountability.core import demo, history
        from actors.signals import people_left

        from . import rules
        from .services.appointments import appointments_end_for_people

        rules.register()
        history.register("appointment", "appointments.Appointment")
        people_left.connect(appointments_end_for_people, dispatch_uid="appointments-end-for-people")
        # Right after the actors' seeder: the roles its plan gave out, and the logins' rights.
        demo.register("appointments", "appointments.demo.seed_appointments", after=("actors",))
