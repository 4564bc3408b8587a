from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("Inspections and compliance missions")

    def ready(self):
        from accountability.core import demo

        # After training, in the order the seed has always written them: same seed, same rows.
        demo.register("inspections", "inspections.demo.seed_inspections", after=("training",))
