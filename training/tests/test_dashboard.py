import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actors.tests.factories import PersonFactory, UserFactory
from training.tests.factories import RecordFactory, course

pytestmark = pytest.mark.django_db


def test_the_dashboard_lists_what_the_user_still_owes(client):
    user = UserFactory()
    person = PersonFactory(
        user=user,
        organization=user.organization,
        arrived_on=timezone.localdate() - dt.timedelta(days=100),
    )
    RecordFactory(person=person, course=course("STRESS"))
    client.force_login(user)
    page = client.get(reverse("dashboard")).content.decode()
    # Security awareness and the arrival briefing are overdue; stress management is done.
    assert "All personnel and eligible dependants: security awareness" in page
    assert "Everyone arriving at a duty station: the FSCO&#x27;s briefing" in page
    assert "All personnel: stress management" not in page
    assert page.count("Overdue") >= 2
    assert reverse("training:my-training") in page
