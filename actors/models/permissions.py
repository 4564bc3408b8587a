"""Direct-foreign-key permission tables for the scope objects (django-guardian's fast path).

Rights are only ever granted on these five kinds of object; visibility of people, households
and records is derived by joining through them (accountability.core.scoping).
"""

from django.db import models
from guardian.models import UserObjectPermissionBase


class OrganizationUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey("actors.Organization", models.CASCADE)


class CountryUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey("actors.Country", models.CASCADE)


class DutyStationUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey("actors.DutyStation", models.CASCADE)


class AreaUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey("actors.Area", models.CASCADE)


class WardenZoneUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey("actors.WardenZone", models.CASCADE)
