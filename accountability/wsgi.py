import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accountability.settings.production")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402

if getattr(settings, "PRODUCTION", False):
    from accountability.core.checks import refuse_unsafe_start  # noqa: E402

    refuse_unsafe_start()
