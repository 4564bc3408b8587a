from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("SMT meetings and their action items")

    def ready(self):
        from accountability.core import demo, panels

        from . import rules

        rules.register()
        # The link to the SMT's meetings, right after the station's structure (appointments, 40).
        panels.register(
            "duty_station",
            "meetings",
            template="meetings/_station_meetings.html",
            data="meetings.panels.station_meetings",
            order=50,
        )
        demo.register("meetings", "meetings.demo.seed_meetings", after=("appointments",))
