"""``manage.py demo_logins --port P``: where the demo runs and who can sign in."""

from django.core.management.base import BaseCommand
from django.db.models import Prefetch

from actors.demo.seed import DEMO_LOGINS, DEMO_PASSWORD
from actors.models import User
from appointments.models import Appointment, AppointmentStatus


class Command(BaseCommand):
    help = "Print the demo URL and the demo logins with their roles and password."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, port: int, host: str, **options):
        active = Appointment.objects.filter(status=AppointmentStatus.ACTIVE).select_related(
            "role",
            "scope_organization",
            "scope_country",
            "scope_duty_station",
            "scope_area__country",
            "scope_zone__duty_station",
        )
        users = {
            user.username: user
            for user in User.objects.filter(username__in=[login.username for login in DEMO_LOGINS])
            .select_related("organization", "person")
            .prefetch_related(Prefetch("person__appointments", queryset=active))
        }
        self.stdout.write(f"\nAccountability framework demo: http://{host}:{port}/\n")
        if not users:
            self.stdout.write("No demo logins in this database (run `manage.py seed_demo`).\n")
            return
        self.stdout.write(f"Password for every demo login: {DEMO_PASSWORD}\n\n")
        width = max(len(login.username) for login in DEMO_LOGINS)
        for login in DEMO_LOGINS:
            user = users.get(login.username)
            if user is None:
                continue
            person = getattr(user, "person", None)
            roles = [
                f"{a.role.name} – {a.scope}" for a in (person.appointments.all() if person else [])
            ]
            org = user.organization.code.upper()
            self.stdout.write(f"  {login.username:<{width}}  {org:<9} {login.description}\n")
            for role in roles:
                self.stdout.write(f"  {'':<{width}}  {'':<9}   · {role}\n")
        self.stdout.write("\n")
