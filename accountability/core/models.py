from django.db import models


class BaseModel(models.Model):
    """Every domain row knows when it was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Notification(models.Model):
    """A message to a user, in the app and by email; or, to a person with no login, by email
    only (``user`` empty, ``person`` set).

    ``key`` makes every notice idempotent: a scheduled job that runs twice finds the row it
    wrote the first time and sends nothing again.
    """

    user = models.ForeignKey(
        "actors.User", models.CASCADE, related_name="notifications", null=True, blank=True
    )
    # Set only when there is no (active) login to notify: the email goes to the person record's
    # address, and nobody sees the row in the app.
    person = models.ForeignKey(
        "actors.Person", models.CASCADE, related_name="+", null=True, blank=True
    )
    key = models.CharField(max_length=200)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_unique_key"),
            models.UniqueConstraint(
                fields=["person", "key"],
                condition=models.Q(user__isnull=True),
                name="notification_unique_person_key",
            ),
            models.CheckConstraint(
                name="notification_has_recipient",
                condition=models.Q(user__isnull=False) | models.Q(person__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.subject
