from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("SMT meetings and their action items")

    def ready(self):
        from accountability.core import demo

        from . import rules

        rules.register()
        demo.register("meetings", "meetings.demo.seed_meetings", after=("appointments",))
