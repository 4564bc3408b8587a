from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "accountability.core"
    label = "core"
    verbose_name = "Shared core"

    def ready(self) -> None:
        from . import (
            checks,  # noqa: F401 - registers the production safety checks
            rules,
        )

        rules.register()
