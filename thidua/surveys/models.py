"""Citizen satisfaction (sự hài lòng): questionnaires, collection points, responses and their daily aggregates.

A rating is written once and never edited: the response row is its own record. The aggregate tables are kept in
the same transaction as each rating (``services.rating_record``) and can be rebuilt from the raw answers with
``manage.py survey_aggregates --verify``.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.organizations.models import Unit


class IndexRule(models.TextChoices):
    ELEMENT_MEAN = "element_mean", _("mean of the element indices")
    OVERALL_QUESTION = "overall_question", _("share satisfied on the overall question")


class QuestionnaireKind(models.TextChoices):
    SIPAS = "sipas", _("SIPAS service questionnaire")
    DESK = "desk", _("Short desk rating")


def unit_and_ancestor_ids(unit) -> list[int]:
    """The unit and every unit above it, nearest first."""
    ids: list[int] = []
    while unit is not None and unit.pk not in ids:
        ids.append(unit.pk)
        unit = unit.parent
    return ids


class QuestionnaireQuerySet(models.QuerySet):
    def for_unit(self, unit) -> "QuestionnaireQuerySet":
        """Those a unit's collection points may use: the shared ones and its authorities' own."""
        return self.filter(Q(owner__isnull=True) | Q(owner_id__in=unit_and_ancestor_ids(unit)))


class Questionnaire(models.Model):
    """A questionnaire version (phiếu khảo sát). Versions are immutable once created; a change is a new version.

    ``elements`` is a list of ``[code, label]``; ``reasons`` the reasons offered on a low score.
    """

    code = models.SlugField(_("code"), max_length=40)
    version = models.PositiveIntegerField(_("version"), default=1)
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionnaireKind.choices)
    title = models.CharField(_("title"), max_length=300)
    index_rule = models.CharField(_("index rule"), max_length=32, choices=IndexRule.choices)
    elements = models.JSONField(_("elements"), default=list)
    reasons = models.JSONField(_("reasons offered on a low score"), default=list, blank=True)
    low_score_max = models.PositiveSmallIntegerField(_("low score up to"), default=3)
    is_current = models.BooleanField(_("current version"), default=True)
    owner = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("owner authority"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The authority whose own questionnaire this is; empty: shared by the whole installation."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="questionnaire_unique_version"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(is_current=True), name="questionnaire_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def element_labels(self) -> dict[str, str]:
        return dict(self.elements)


class Question(models.Model):
    """One item on the 5-level scale (câu hỏi). ``element`` is empty for the overall question."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"))
    element = models.CharField(_("element"), max_length=40, blank=True)
    text = models.CharField(_("text"), max_length=500)
    is_overall = models.BooleanField(_("overall question"), default=False)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire", "position"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="question_unique_code"),
        ]

    def __str__(self) -> str:
        return self.text


def new_point_token() -> str:
    """A random URL-safe token that never starts with "-", which a command line would read as an option
    (``manage.py import_ratings <token> file.xlsx``)."""
    while True:
        token = secrets.token_urlsafe(16)
        if not token.startswith("-"):
            return token


class CollectionPoint(models.Model):
    """A place where ratings are collected (điểm thu thập): one desk of a unit, reached by a QR code."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="collection_points"
    )
    name = models.CharField(_("desk name"), max_length=200)
    token = models.CharField(max_length=40, unique=True, default=new_point_token, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="points"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("collection point")
        verbose_name_plural = _("collection points")
        ordering = ["unit", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="collection_point_unique_name")]

    def __str__(self) -> str:
        return f"{self.unit.name} · {self.name}"

    @property
    def rating_path(self) -> str:
        from django.urls import reverse

        return reverse("rating-form", args=[self.token])


class Source(models.TextChoices):
    WEB = "web", _("QR code page")
    KIOSK = "kiosk", _("Counter tablet")
    PAPER = "paper", _("Paper form")
    API = "api", _("One-stop system")


class ImportBatch(models.Model):
    """One imported file of paper forms (lần nhập phiếu giấy)."""

    collection_point = models.ForeignKey(CollectionPoint, on_delete=models.PROTECT, related_name="imports")
    filename = models.CharField(_("file name"), max_length=255)
    rows = models.PositiveIntegerField(_("rows"))
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]
        constraints = [
            # The same file for the same desk counts once, even when two uploads race.
            models.UniqueConstraint(
                fields=["collection_point", "sha256"], name="import_unique_file_per_point"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.rows})"


class Response(models.Model):
    """One citizen's rating (phiếu đánh giá). ``client_id`` makes a resent rating land once per point."""

    collection_point = models.ForeignKey(CollectionPoint, on_delete=models.PROTECT, related_name="responses")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="responses")
    client_id = models.CharField(max_length=80)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    submitted_at = models.DateTimeField(_("submitted at"))
    day = models.DateField(_("day"))
    overall_level = models.PositiveSmallIntegerField(_("overall score"), null=True, blank=True)
    dossier_code = models.CharField(_("dossier code"), max_length=40, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    client_hash = models.CharField(max_length=32, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    import_batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["collection_point", "client_id"], name="response_unique_client"),
            models.CheckConstraint(
                condition=Q(overall_level__isnull=True) | Q(overall_level__gte=1, overall_level__lte=5),
                name="response_overall_level_range",
            ),
        ]
        indexes = [models.Index(fields=["collection_point", "day"])]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.day}"


class Answer(models.Model):
    """One item answered on the 5-level scale: 1 very dissatisfied … 5 very satisfied."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    level = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_unique_question"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="answer_level_range"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}={self.level}"


class DailyCount(models.Model):
    """Answers per collection point, day, question and level — maintained with each rating."""

    collection_point = models.ForeignKey(CollectionPoint, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["collection_point", "day", "question", "level"], name="daily_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.collection_point_id} {self.day} {self.question_id}:{self.level}={self.count}"


class DailyTotal(models.Model):
    """Responses per collection point and day."""

    collection_point = models.ForeignKey(CollectionPoint, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    responses = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["collection_point", "day"], name="daily_total_unique")]

    def __str__(self) -> str:
        return f"{self.collection_point_id} {self.day}={self.responses}"


class MonthlyCount(models.Model):
    """The same counts per calendar month (``month`` is its first day), so a year costs 12 rows per item."""

    collection_point = models.ForeignKey(CollectionPoint, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["collection_point", "month", "question", "level"], name="monthly_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.collection_point_id} {self.month} {self.question_id}:{self.level}={self.count}"


class MonthlyTotal(models.Model):
    collection_point = models.ForeignKey(CollectionPoint, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    responses = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collection_point", "month"], name="monthly_total_unique")
        ]

    def __str__(self) -> str:
        return f"{self.collection_point_id} {self.month}={self.responses}"


class UnitMonthlyCount(models.Model):
    """``MonthlyCount`` summed over the unit's collection points, maintained with each rating beside it.

    A unit's year costs 12 rows per question and level however many desks the unit has, so the district and
    public pages read units × months rows, not points × months (docs/benchmarks.md §10). A point never changes
    unit, and a point with responses cannot be deleted, so the sums stay those of the point rows.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "month", "question", "level"], name="unit_monthly_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month} {self.question_id}:{self.level}={self.count}"


class UnitMonthlyTotal(models.Model):
    """``MonthlyTotal`` summed over the unit's collection points."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    responses = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "month"], name="unit_monthly_total_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month}={self.responses}"


class TransactionVolume(models.Model):
    """Transactions a unit handled in a year (N), entered by the unit, for the sample-size check."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    transactions = models.PositiveIntegerField(_("transactions"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="transaction_volume_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}: {self.transactions}"
