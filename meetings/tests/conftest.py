"""The meetings' tests use the duty station the appointments' tests build: its DO, FSCO, SMT
members and their appointments (meetings sit above appointments)."""

from appointments.tests.conftest import station_world

__all__ = ["station_world"]
