"""Periodic reports: schedules and periods per campaign, templates as data, each unit's report, the compiled report."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.models import Campaign
from thidua.organizations.models import Unit
from thidua.reports import windows


class ReportKind(models.TextChoices):
    MONTHLY = windows.MONTHLY, _("Monthly")
    QUARTERLY = windows.QUARTERLY, _("Quarterly")
    SIX_MONTH = windows.SIX_MONTH, _("Six-month")
    NINE_MONTH = windows.NINE_MONTH, _("Nine-month")
    ANNUAL = windows.ANNUAL, _("Annual")


class ReportTemplate(models.Model):
    """The outline of a report as data: its sections in order (the usual outline is unsure, so it is editable)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReportSection(models.Model):
    """A heading with guidance for the writer, a narrative to write and/or a table of registry indicators."""

    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("position"))
    heading = models.CharField(_("heading"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True)
    has_narrative = models.BooleanField(_("has a narrative"), default=True)
    # Codes of the indicator registry (thidua.campaigns.indicators) shown as a table for the unit and window.
    indicators = models.JSONField(_("indicators"), default=list, blank=True)
    is_annex = models.BooleanField(_("annex table"), default=False)

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "position"], name="report_section_unique_position")
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def key(self) -> str:
        return str(self.position)


class ReportSchedule(models.Model):
    """How a campaign reports: which kind of period, the template, and the local deadline after the closing date."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="report_schedules")
    kind = models.CharField(_("kind"), max_length=12, choices=ReportKind.choices)
    template = models.ForeignKey(ReportTemplate, verbose_name=_("template"), on_delete=models.PROTECT)
    due_offset_days = models.PositiveSmallIntegerField(
        _("days after the closing date"), help_text=_("The local deadline, e.g. 2 working days.")
    )
    working_days = models.BooleanField(_("count working days only"), default=True)

    class Meta:
        verbose_name = _("report schedule")
        verbose_name_plural = _("report schedules")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind"], name="report_schedule_unique_kind")
        ]

    def __str__(self) -> str:
        return f"{self.campaign.number} · {self.get_kind_display()}"


class ReportPeriod(models.Model):
    """One period of a campaign's reporting: its data window and its due date."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="report_periods")
    template = models.ForeignKey(ReportTemplate, verbose_name=_("template"), on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number in the year"), default=0)
    window_start = models.DateField(_("data from"))
    window_end = models.DateField(_("data until"))
    due_date = models.DateField(_("due date"))

    class Meta:
        verbose_name = _("report period")
        verbose_name_plural = _("report periods")
        ordering = ["campaign", "window_end", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "kind", "year", "number"], name="report_period_unique"
            ),
            models.CheckConstraint(
                condition=Q(window_end__gte=models.F("window_start")), name="report_window"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.campaign.number}"

    def units(self) -> list[Unit]:
        """The units that report: the campaign's participating units of the period's year."""
        return list(self.campaign.participating_units(self.year))

    def is_on_time(self, submitted_at) -> bool:
        return windows.is_on_time(submitted_at, self.due_date, settings.TIME_ZONE)

    @property
    def is_past_due(self) -> bool:
        return timezone.localdate() > self.due_date


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Being written")
    READY = "ready", _("Waiting for the head")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


EDITABLE_STATUSES = {ReportStatus.DRAFT, ReportStatus.RETURNED}


class UnitReport(models.Model):
    """A unit's report for a period: narratives written by its officer, indicator tables frozen when submitted."""

    period = models.ForeignKey(ReportPeriod, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # section key (its position) → text
    narratives = models.JSONField(default=dict, blank=True)
    # The indicator tables as submitted: [{"code", "label", "value", "detail"}]; empty until then.
    indicators = models.JSONField(default=list, blank=True)
    # Moves so far: each transition's events carry it in their key, so each is told once.
    transitions = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("unit report")
        verbose_name_plural = _("unit reports")
        ordering = ["period", "unit__kind", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="unit_report_unique"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "ready"]) | Q(first_submitted_at__isnull=False),
                name="unit_report_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period.name}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def on_time(self) -> bool | None:
        """First sent by the due date (None: not sent yet)."""
        if self.first_submitted_at is None:
            return None
        return self.period.is_on_time(self.first_submitted_at)


class CommentKind(models.TextChoices):
    RETURNED = "returned", _("Returned with comments")
    ACCEPTED = "accepted", _("Accepted")
    NOTE = "note", _("Note")


class ReportComment(models.Model):
    """The thread on a report: the standing office's comments when it returns or accepts, kept for good."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="comments")
    kind = models.CharField(_("kind"), max_length=10, choices=CommentKind.choices)
    body = models.TextField(_("comment"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["report", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report} · {self.get_kind_display()}"


class CompiledReport(models.Model):
    """The compiled report (báo cáo tổng hợp) of a period, issued by the campaign's issuing unit."""

    period = models.OneToOneField(ReportPeriod, on_delete=models.PROTECT, related_name="compiled")
    number = models.CharField(_("number"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("compiled report")
        verbose_name_plural = _("compiled reports")

    def __str__(self) -> str:
        return f"{self.period}"

    @property
    def is_issued(self) -> bool:
        return bool(self.number)

    def current(self) -> "CompiledVersion | None":
        return self.versions.order_by("-number").first()


class CompiledVersion(models.Model):
    """One version of the compiled narrative: regenerated from the units' reports, or edited by the office."""

    compiled = models.ForeignKey(CompiledReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    # section key → the compiled text of the section
    narratives = models.JSONField(default=dict)
    regenerated = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["compiled", "-number"]
        constraints = [models.UniqueConstraint(fields=["compiled", "number"], name="compiled_version_unique")]

    def __str__(self) -> str:
        return f"{self.compiled} · v{self.number}"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")


class ReportReminder(models.Model):
    """A reminder told to a unit about a period, once per due date (a changed due date reminds again)."""

    period = models.ForeignKey(ReportPeriod, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    due_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "kind", "due_date"], name="report_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.unit} · {self.kind}"
