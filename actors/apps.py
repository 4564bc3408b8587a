from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = _("Actors: organizations, places, people and roles")

    def ready(self):
        from accountability.core import demo

        from . import rules

        rules.register()

        # The first demo seeder: the people, places and roles every other app's rows use.
        demo.register("actors", "actors.demo.seed.seed_actors")
