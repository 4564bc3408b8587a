from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training, briefings and certificates")

    def ready(self):
        from accountability.core import demo, panels

        from . import rules

        rules.register()

        # Training reads the appointments (who must take what, arrivals before appointment).
        demo.register("training", "training.demo.seed_training", after=("actors", "appointments"))
        panels.register(
            "dashboard",
            "training",
            template="training/_dashboard_training.html",
            data="training.panels.my_training",
            order=20,
        )
