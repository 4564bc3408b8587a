"""Make every login's object permissions exactly what its active appointments give.

Rights are synced whenever an appointment starts or ends; run this after a release changes
which rights a role grants (``ROLE_GRANTS``), so that existing logins get them too.
"""

from django.core.management.base import BaseCommand

from accountability.core import scoping
from accountability.core.audit import audit_context
from actors.models import User


class Command(BaseCommand):
    help = "Re-derive every login's object permissions from its active appointments."

    def handle(self, *args, **options):
        granted = revoked = 0
        with audit_context(source="command:sync_rights"):
            for user in User.objects.filter(person__isnull=False).order_by("pk").iterator():
                g, r = scoping.sync_rights(user)
                granted += g
                revoked += r
        self.stdout.write(f"{granted} rights granted, {revoked} revoked.")
