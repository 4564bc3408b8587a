"""The language switcher renders the pages in French and Chinese, and the layout's direction."""

import subprocess
from pathlib import Path

import pytest
from asgiref.local import Local
from django.conf import settings
from django.urls import reverse
from django.utils.translation import trans_real

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, scope="module")
def compiled_messages():
    """`make test` compiles the catalogues first; compile here when run on their own."""
    locale = Path(settings.LOCALE_PATHS[0])
    for po in locale.glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(["msgfmt", "--check-format", "-o", str(mo), str(po)], check=True)
    # Catalogues already loaded in this process (before compiling) would be stale.
    trans_real._translations = {}
    trans_real._active = Local()


def switch(client, language):
    response = client.post(
        reverse("set_language"), {"language": language, "next": reverse("dashboard")}
    )
    assert response.status_code == 302
    return client.get(reverse("dashboard"))


def test_switch_to_french_and_chinese(client, web_world):
    client.force_login(web_world["do"])
    english = client.get(reverse("dashboard")).content.decode()
    assert "Dashboard" in english and 'lang="en"' in english

    french = switch(client, "fr").content.decode()
    assert 'lang="fr"' in french and 'dir="ltr"' in french
    assert "Tableau de bord" in french
    assert "sans coordonnateur (¶19)" in french  # a zone lacks a warden

    chinese = switch(client, "zh-hans").content.decode()
    assert 'lang="zh-hans"' in chinese
    assert "仪表板" in chinese and "工作人员名单" not in english

    # The language sticks across pages (cookie), including list pages and model labels.
    people = client.get(reverse("actors:person-list")).content.decode()
    assert "人员" in people and "工作地点" in people


def test_rtl_direction_when_language_is_bidi(client, web_world, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("ar", "Arabic")]
    client.force_login(web_world["do"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    content = client.get(reverse("dashboard")).content.decode()
    assert 'dir="rtl"' in content


def test_forms_errors_are_translated(client, web_world):
    client.force_login(web_world["hq"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.post(reverse("actors:dependant-create", args=[web_world["person"].pk]), {})
    assert response.status_code == 400
    assert "Veuillez corriger les erreurs ci-dessous." in response.content.decode()
