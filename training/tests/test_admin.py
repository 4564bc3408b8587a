import pytest
from django.contrib import admin
from django.urls import reverse

from actors.tests.factories import superuser
from training.tests.factories import RecordFactory

pytestmark = pytest.mark.django_db


def test_training_admin_pages_open_for_superusers(client):
    RecordFactory()
    client.force_login(superuser())
    for model in admin.site._registry:
        if model._meta.app_label != "training":
            continue
        for page in ("changelist", "add"):
            url = reverse(f"admin:training_{model._meta.model_name}_{page}")
            assert client.get(url).status_code == 200, url
