"""The test suite: real PostgreSQL and (when REDIS_URL is set) real Redis, mail in memory."""

import tempfile

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run in-process in tests; the broker itself is exercised by tests/test_celery_broker.py.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
DATABASES["default"]["TEST"] = {"NAME": DATABASES["default"]["NAME"] + "_test"}
LANGUAGE_CODE = "en"
# Serve static files from the finders: no collectstatic in tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Letters and uploads written by tests go to a throw-away folder.
MEDIA_ROOT = tempfile.mkdtemp(prefix="acc-test-media-")
