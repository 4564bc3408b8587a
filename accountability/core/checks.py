"""Refuse to run in production with unsafe settings or a database behind the code."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def _in_production() -> bool:
    production: bool = getattr(settings, "PRODUCTION", False)
    return production


@register(Tags.security, deploy=True)
def unsafe_production_settings(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if not _in_production():
        return []
    errors: list[CheckMessage] = []
    from accountability.settings.base import DEFAULT_SECRET_KEY

    if settings.DEBUG:
        errors.append(Error("DEBUG is on in production.", hint="Unset ACC_DEBUG.", id="acc.E001"))
    # SECRET_KEY is typed str | None (env_secret); Django refuses to start without one.
    if settings.SECRET_KEY == DEFAULT_SECRET_KEY or len(settings.SECRET_KEY) < 50:  # type: ignore[arg-type]
        errors.append(
            Error(
                "SECRET_KEY is the development default or too short.",
                hint="Set ACC_SECRET_KEY (or ACC_SECRET_KEY_FILE) to 50+ random characters.",
                id="acc.E002",
            )
        )
    return errors


def unapplied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def refuse_unsafe_start() -> None:
    """Called by the production WSGI entry point and worker start-up before serving."""
    from django.core.exceptions import ImproperlyConfigured

    problems = [str(error.msg) for error in unsafe_production_settings(None)]
    pending = unapplied_migrations()
    if pending:
        problems.append(f"unapplied migrations: {', '.join(pending[:5])}")
    if problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(problems))
