"""Training, briefings and certificates (A/57/365 ¶22(c), ¶25–¶33, annex ¶26).

What each person must take is not stored: it is derived, row by row, by the database view
``training_requirement`` (migration 0001, explained in training/requirements.py) from the
rules below, the person's active appointments and duty station, so that it changes the
moment any of those change. What each person has done is stored: TrainingRecord.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accountability.core.audit import track
from accountability.core.models import BaseModel


def _verification_code() -> str:
    return secrets.token_hex(8).upper()


class CourseKind(models.TextChoices):
    SECURITY_AWARENESS = "security_awareness", _("Security awareness")  # ¶25, ¶32
    STRESS_MANAGEMENT = "stress_management", _("Stress management")  # ¶25, ¶29, ¶32
    SECURITY_MANAGEMENT = "security_management", _("Security management")  # ¶25, ¶28, ¶29
    ADVANCED_FIELD_SECURITY = "advanced_field_security", _("Advanced field security")  # ¶33
    WARDEN_COORDINATOR = "warden_coordinator", _("Warden and area coordinator training")  # ¶31
    FSCO_INDUCTION = "fsco_induction", _("FSCO induction")  # ¶30
    ARRIVAL_BRIEFING = "arrival_briefing", _("Arrival security briefing")  # ¶22(c), ¶33
    OTHER = "other", _("Other security training")


class Delivery(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")


@track()
class Course(BaseModel):
    """A security course. An agency's own course counts only once UNSECOORD has endorsed it
    (annex ¶26); UNSECOORD's courses count from the start."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=CourseKind.choices)
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices)
    provider = models.ForeignKey(
        "actors.Organization",
        models.PROTECT,
        related_name="courses",
        verbose_name=_("provider"),
        help_text=_("UNSECOORD, or the agency that runs the course."),
    )
    endorsed_at = models.DateTimeField(_("endorsed by UNSECOORD at"), null=True, blank=True)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity in months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("Empty: a completion never expires."),
    )
    paragraph = models.CharField(
        _("required by"), max_length=60, help_text=_("The paragraph of A/57/365, e.g. ¶32.")
    )
    description = models.TextField(_("description"), blank=True)
    # The computer-generated test of ¶32, for courses with a question bank.
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    questions_per_test = models.PositiveSmallIntegerField(
        _("questions per test"), default=10, validators=[MinValueValidator(1)]
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return f"{self.code} – {self.localized_title}"

    @property
    def counts(self) -> bool:
        """Whether completions of this course meet requirements (annex ¶26)."""
        return self.endorsed_at is not None or self.provider.is_unsecoord

    @property
    def localized_title(self) -> str:
        language = (translation.get_language() or "en").lower()
        if language.startswith("zh") and self.title_zh:
            return self.title_zh
        if language.startswith("fr") and self.title_fr:
            return self.title_fr
        return self.title


@track()
class Question(BaseModel):
    """One question of a course's bank; a test draws a random subset (¶32)."""

    course = models.ForeignKey(Course, models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["course_id", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text[:80]


@track()
class Choice(BaseModel):
    question = models.ForeignKey(Question, models.CASCADE, related_name="choices")
    text = models.CharField(_("answer"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["question_id", "position", "id"]
        verbose_name = _("answer choice")
        verbose_name_plural = _("answer choices")

    def __str__(self) -> str:
        return self.text[:80]


class RuleKind(models.TextChoices):
    ALL_PERSONNEL = "all", _("All personnel")
    ROLE = "role", _("By role")
    PHASE = "phase", _("By duty station security phase")
    ARRIVAL = "arrival", _("On arrival at a duty station")


@track()
class TrainingRule(BaseModel):
    """Who must complete a course of ``course_kind``, and by when.

    The due date is the rule's anchor plus ``due_within_days``: the arrival date at the duty
    station (all personnel, arrival), the appointment's start (role; 0 means before taking up
    the post, ¶30) or the later of arrival and the phase's start (phase). Any counting course
    of the kind satisfies the rule; ``counts_from_anchor`` ignores completions before the
    anchor (a briefing at the previous duty station is not this station's briefing).
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    applies_to = models.CharField(_("applies to"), max_length=10, choices=RuleKind.choices)
    course_kind = models.CharField(_("course kind"), max_length=30, choices=CourseKind.choices)
    role = models.ForeignKey("actors.Role", models.PROTECT, null=True, blank=True, related_name="+")
    min_phase = models.PositiveSmallIntegerField(
        _("from security phase"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    include_dependants = models.BooleanField(
        _("eligible dependants too"),
        default=False,
        help_text=_("Dependants living at the duty station must complete it too (¶32)."),
    )
    due_within_days = models.IntegerField(_("due within days"), default=30)
    counts_from_anchor = models.BooleanField(_("only completions from the anchor date on"))
    paragraph = models.CharField(_("required by"), max_length=60)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("training rule")
        verbose_name_plural = _("training rules")
        constraints = [
            models.CheckConstraint(
                name="training_rule_role_iff_role_kind",
                condition=Q(applies_to="role", role__isnull=False)
                | (~Q(applies_to="role") & Q(role__isnull=True)),
            ),
            models.CheckConstraint(
                name="training_rule_phase_iff_phase_kind",
                condition=Q(applies_to="phase", min_phase__isnull=False)
                | (~Q(applies_to="phase") & Q(min_phase__isnull=True)),
            ),
            models.CheckConstraint(
                name="training_rule_dependants_on_personnel_rules",
                condition=Q(include_dependants=False) | Q(applies_to__in=["all", "arrival"]),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RecordSource(models.TextChoices):
    ONLINE_TEST = "online_test", _("Online test")
    SESSION = "session", _("In-person session")
    UPLOAD = "upload", _("Uploaded certificate")
    IMPORT = "import", _("LMS import")
    BRIEFING = "briefing", _("Arrival briefing acknowledged")


class RecordStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


@track(exclude=["evidence"])
class TrainingRecord(BaseModel):
    """One completion of a course by a person or an eligible dependant (¶27: every
    organization keeps training records). Only verified records count."""

    organization = models.ForeignKey(
        "actors.Organization", models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    person = models.ForeignKey(
        "actors.Person", models.PROTECT, related_name="training_records", verbose_name=_("person")
    )
    dependant = models.ForeignKey(
        "actors.Dependant",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="training_records",
        verbose_name=_("dependant"),
    )
    course = models.ForeignKey(
        Course, models.PROTECT, related_name="records", verbose_name=_("course")
    )
    completed_on = models.DateField(_("completed on"))
    # Fixed when recorded, from the course's validity then: a certificate keeps its dates.
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=RecordSource.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RecordStatus.choices, default=RecordStatus.VERIFIED
    )
    score = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    evidence = models.FileField(
        _("certificate file"), upload_to="training/evidence/%Y/", blank=True
    )
    external_reference = models.CharField(
        _("external reference"), max_length=100, blank=True, help_text=_("The LMS's record id.")
    )
    session = models.ForeignKey(
        "training.TrainingSession", models.PROTECT, null=True, blank=True, related_name="records"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    class Meta:
        ordering = ["-completed_on", "-id"]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        constraints = [
            # One completion per person (or dependant), course and day: imports are idempotent.
            models.UniqueConstraint(
                fields=["person", "dependant", "course", "completed_on"],
                name="training_record_unique_completion",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                name="training_record_rejection_has_reason",
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
            ),
        ]
        indexes = [
            models.Index(fields=["person", "course", "-completed_on"]),
            models.Index(fields=["organization", "-completed_on", "-id"]),
            models.Index(fields=["status"], condition=Q(status="pending"), name="training_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.course.code}: {self.person} ({self.completed_on})"


@track(exclude=["pdf"])
class Certificate(BaseModel):
    """The certificate of a verified completion (¶27, ¶32): rendered once, kept with its
    SHA-256 and served as stored ever after."""

    record = models.OneToOneField(TrainingRecord, models.PROTECT, related_name="certificate")
    verification_code = models.CharField(
        _("verification code"), max_length=16, unique=True, default=_verification_code
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    pdf = models.FileField(_("PDF"), upload_to="certificates/%Y/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.verification_code


@track()
class TestAttempt(BaseModel):
    """One sitting of a course's computer-generated test (¶32). One open attempt at a time."""

    __test__ = False  # not a pytest test class, whatever its name

    organization = models.ForeignKey("actors.Organization", models.PROTECT, related_name="+")
    person = models.ForeignKey("actors.Person", models.PROTECT, related_name="test_attempts")
    course = models.ForeignKey(Course, models.PROTECT, related_name="attempts")
    questions = models.JSONField(_("questions drawn"), default=list)  # question ids, in order
    answers = models.JSONField(_("answers"), default=dict)  # {question id: choice id}
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    record = models.OneToOneField(
        TrainingRecord, models.SET_NULL, null=True, blank=True, related_name="attempt"
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("test attempt")
        verbose_name_plural = _("test attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "course"],
                condition=Q(submitted_at__isnull=True),
                name="test_attempt_one_open_per_course",
            )
        ]


@track()
class TrainingSession(BaseModel):
    """An in-person session: the trainer marks attendance, which records completions. The
    HQ focal point keeps the attendance records (annex ¶26)."""

    organization = models.ForeignKey(
        "actors.Organization",
        models.PROTECT,
        related_name="+",
        help_text=_("The organization that runs the session."),
    )
    course = models.ForeignKey(Course, models.PROTECT, related_name="sessions")
    duty_station = models.ForeignKey(
        "actors.DutyStation", models.PROTECT, related_name="training_sessions"
    )
    trainer = models.ForeignKey("actors.Person", models.PROTECT, related_name="+")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    attendance_marked_at = models.DateTimeField(_("attendance marked at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self) -> str:
        return f"{self.course.code} – {self.duty_station.name}, {self.held_on}"


@track()
class SessionParticipant(BaseModel):
    session = models.ForeignKey(TrainingSession, models.CASCADE, related_name="participants")
    organization = models.ForeignKey("actors.Organization", models.PROTECT, related_name="+")
    person = models.ForeignKey("actors.Person", models.PROTECT, related_name="+")
    dependant = models.ForeignKey(
        "actors.Dependant", models.CASCADE, null=True, blank=True, related_name="+"
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["session_id", "id"]
        verbose_name = _("session participant")
        verbose_name_plural = _("session participants")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person", "dependant"],
                name="session_participant_unique",
                nulls_distinct=False,
            )
        ]


@track()
class Briefing(BaseModel):
    """An arrival briefing on the duty station's security situation, given by the FSCO
    (¶10(j), ¶22(c), ¶33). Each attendee acknowledges it in writing (BriefingAttendee)."""

    organization = models.ForeignKey(
        "actors.Organization",
        models.PROTECT,
        related_name="+",
        help_text=_("The organization of whoever gave the briefing."),
    )
    duty_station = models.ForeignKey("actors.DutyStation", models.PROTECT, related_name="briefings")
    course = models.ForeignKey(
        Course,
        models.PROTECT,
        related_name="briefings",
        limit_choices_to={"kind": CourseKind.ARRIVAL_BRIEFING},
    )
    given_on = models.DateField(_("given on"))
    given_by = models.ForeignKey("actors.Person", models.PROTECT, related_name="+")
    version = models.CharField(
        _("briefing version"),
        max_length=40,
        help_text=_("The version of the station's briefing material that was presented."),
    )
    content = models.TextField(_("what was covered"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("arrival briefing")
        verbose_name_plural = _("arrival briefings")

    def __str__(self) -> str:
        return f"{self.duty_station.name}, {self.given_on} (v{self.version})"


@track()
class BriefingAttendee(BaseModel):
    """A person (or dependant) briefed, and their written acknowledgement (¶33)."""

    briefing = models.ForeignKey(Briefing, models.CASCADE, related_name="attendees")
    organization = models.ForeignKey("actors.Organization", models.PROTECT, related_name="+")
    person = models.ForeignKey("actors.Person", models.PROTECT, related_name="briefings")
    dependant = models.ForeignKey(
        "actors.Dependant", models.CASCADE, null=True, blank=True, related_name="briefings"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    record = models.OneToOneField(
        TrainingRecord, models.SET_NULL, null=True, blank=True, related_name="briefing_attendee"
    )

    class Meta:
        ordering = ["briefing_id", "id"]
        verbose_name = _("briefing attendee")
        verbose_name_plural = _("briefing attendees")
        constraints = [
            models.UniqueConstraint(
                fields=["briefing", "person", "dependant"],
                name="briefing_attendee_unique",
                nulls_distinct=False,
            )
        ]


class RequirementStatus(models.TextChoices):
    COMPLIANT = "compliant", _("Compliant")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    EXPIRED = "expired", _("Expired")
    NOT_DUE = "not_due", _("Not yet due")


class TrainingRequirement(models.Model):
    """A row of the ``training_requirement`` view: one rule applied to one person (or
    dependant), with the completion that meets it, if any. Read-only; see requirements.py."""

    id = models.CharField(primary_key=True, max_length=64)
    rule = models.ForeignKey(TrainingRule, models.DO_NOTHING, related_name="+")
    rule_kind = models.CharField(max_length=10, choices=RuleKind.choices)
    course_kind = models.CharField(max_length=30, choices=CourseKind.choices)
    role = models.ForeignKey("actors.Role", models.DO_NOTHING, null=True, related_name="+")
    person = models.ForeignKey("actors.Person", models.DO_NOTHING, related_name="+")
    dependant = models.ForeignKey(
        "actors.Dependant", models.DO_NOTHING, null=True, related_name="+"
    )
    # The person's, so that the people rules of scoping apply to the view's own columns.
    organization = models.ForeignKey("actors.Organization", models.DO_NOTHING, related_name="+")
    duty_station = models.ForeignKey("actors.DutyStation", models.DO_NOTHING, related_name="+")
    residential_zone = models.ForeignKey(
        "actors.WardenZone", models.DO_NOTHING, null=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.DO_NOTHING, null=True, related_name="+"
    )
    anchor_on = models.DateField()
    due_on = models.DateField()
    record = models.ForeignKey(TrainingRecord, models.DO_NOTHING, null=True, related_name="+")
    completed_on = models.DateField(null=True)
    valid_until = models.DateField(null=True)

    class Meta:
        managed = False
        db_table = "training_requirement"
        ordering = ["person_id", "rule_id", "dependant_id"]
        verbose_name = _("training requirement")
        verbose_name_plural = _("training requirements")

    def __str__(self) -> str:
        return self.pk


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    EXPIRED = "expired", _("Expired")
    MANAGER = "manager", _("Overdue, told the country representative and focal point")
    ESCALATION = "escalation", _("Escalated to the HQ focal point")


class TrainingReminder(models.Model):
    """That a requirement was reminded of, once per kind and period (a day for the person's
    own digest, an ISO week for managers and escalations): a second scan in the same period
    inserts nothing (ON CONFLICT DO NOTHING)."""

    person = models.ForeignKey("actors.Person", models.CASCADE, related_name="+")
    rule = models.ForeignKey(TrainingRule, models.CASCADE, related_name="+")
    dependant = models.ForeignKey("actors.Dependant", models.CASCADE, null=True, related_name="+")
    kind = models.CharField(max_length=12, choices=ReminderKind.choices)
    period = models.CharField(max_length=10)  # 2026-11-29 or 2026-W48
    due_on = models.DateField()  # the due date (or expiry) the reminder was about
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "rule", "dependant", "kind", "period"],
                name="training_reminder_unique",
                nulls_distinct=False,
            )
        ]
        indexes = [models.Index(fields=["period", "kind", "person"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.period}: person {self.person_id}, rule {self.rule_id}"


class DigestKind(models.TextChoices):
    PERSONAL = "personal", _("Daily digest to the person")
    MANAGER = "manager", _("Weekly digest to the country representative and focal point")
    ESCALATION = "escalation", _("Weekly escalation to the HQ focal point")


class ReminderDigest(models.Model):
    """One email per recipient, kind and period, listing every reminder it covers. Claimed
    with a conditional UPDATE of ``sent_at`` when sent: a rerun finds it sent."""

    recipient = models.ForeignKey("actors.Person", models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=DigestKind.choices)
    period = models.CharField(max_length=10)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    items = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "period"], name="reminder_digest_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["period", "kind"], condition=Q(sent_at__isnull=True), name="digest_unsent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period}: person {self.recipient_id}"
