from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.campaigns import verdicts
from thidua.core.collation import vietnamese
from thidua.core.uploads import private_storage
from thidua.organizations.access import descendant_unit_ids
from thidua.organizations.models import Unit, UnitKind


class Campaign(models.Model):
    """An emulation plan as data (kế hoạch thi đua), e.g. a district's Plan 47/KH-UBND."""

    number = models.CharField(_("number"), max_length=60, help_text=_("As printed, e.g. 47/KH-UBND."))
    title = models.CharField(pgettext_lazy("official document", "title"), max_length=500)
    issue_date = models.DateField(_("issue date"))
    issuing_unit = models.ForeignKey(
        Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="issued_campaigns"
    )
    legal_bases = models.TextField(_("legal bases"), blank=True, help_text=_("One document per line."))
    summary = models.TextField(_("summary"), blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    participating_kinds = models.JSONField(
        _("participating unit kinds"), default=list, help_text=_("Kinds of unit that take part.")
    )
    # An explicit list of participants, when the plan names its units rather than kinds of unit; empty means
    # every unit of the participating kinds under the issuing unit.
    participants = models.ManyToManyField(
        Unit, verbose_name=_("participating units"), blank=True, related_name="listed_in_campaigns"
    )
    # Codes of the award types the plan's evaluation rounds give; the awards app owns the types and reads this
    # list (campaigns ranks below awards and must not import it).
    award_types = models.JSONField(_("award types of its rounds"), default=list, blank=True)
    signed_plan = models.FileField(
        _("signed plan (PDF)"), storage=private_storage, max_length=200, blank=True
    )
    signed_plan_name = models.CharField(_("file name"), max_length=250, blank=True)
    signed_plan_size = models.PositiveIntegerField(_("file size"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-issue_date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["issuing_unit", "number"], name="campaign_unique_number"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="campaign_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    @property
    def effective_end(self) -> date:
        """The period's end after every recorded extension."""
        ends = [extension.new_end for extension in self.extensions.all()]
        return max([self.period_end, *ends])

    @property
    def years(self) -> list[int]:
        return list(range(self.period_start.year, self.effective_end.year + 1))

    def legal_basis_list(self) -> list[str]:
        return [line.strip() for line in self.legal_bases.splitlines() if line.strip()]

    def participating_kind_labels(self) -> list[str]:
        labels = dict(UnitKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.participating_kinds]

    @property
    def lists_participants(self) -> bool:
        """Does the plan name its participating units one by one (rather than by kind)?"""
        if self.pk is None:
            return False
        return self.participants.exists()

    def participating_units(self, year: int | None = None) -> models.QuerySet[Unit]:
        """The participating units that existed during the period (or the given year of it): the listed units
        when the plan lists them, otherwise the units of the participating kinds."""
        start, end = self.period_start, self.effective_end
        if year is not None:
            start, end = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
        if self.lists_participants:
            units = Unit.objects.filter(listed_in_campaigns=self)
        else:
            units = Unit.objects.filter(kind__in=self.participating_kinds)
        units = units.overlapping(start, end)
        # A campaign covers the units under its issuing unit, so another district's units never join it.
        return units.filter(id__in=descendant_unit_ids({self.issuing_unit_id})).order_by(
            "kind", vietnamese("name"), "code"
        )


class CampaignExtension(models.Model):
    """A recorded extension of the campaign period (gia hạn)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="extensions")
    new_end = models.DateField(_("new end date"))
    decided_on = models.DateField(_("decided on"))
    document = models.CharField(_("document"), max_length=200, blank=True)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("period extension")
        verbose_name_plural = _("period extensions")
        ordering = ["new_end"]

    def __str__(self) -> str:
        return f"{self.campaign.number} → {self.new_end:%d/%m/%Y}"


class Comparison(models.TextChoices):
    GTE = "gte", "≥"
    GT = "gt", ">"
    LTE = "lte", "≤"
    LT = "lt", "<"
    EQ = "eq", "="


class Target(models.Model):
    """A measurable target of the campaign (chỉ tiêu): an indicator compared with a threshold."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    indicator = models.CharField(_("indicator"), max_length=60)
    label = models.CharField(_("label"), max_length=300)
    comparison = models.CharField(_("comparison"), max_length=3, choices=Comparison.choices)
    threshold = models.DecimalField(_("threshold"), max_digits=12, decimal_places=4)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=30, blank=True)
    unit_kinds = models.JSONField(
        _("applies to unit kinds"),
        default=list,
        blank=True,
        help_text=_("Empty means every participating kind."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # One of the counting rules the indicator declares (``indicators.CountingRule``); empty means its default.
    counting_rule = models.CharField(_("counting rule"), max_length=40, blank=True)
    source_text = models.TextField(_("text in the plan"), blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["campaign", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "indicator"], name="target_unique_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.condition})"

    @property
    def condition(self) -> str:
        """The comparison and threshold as the plan writes them, e.g. "> 90%"."""
        return f"{self.get_comparison_display()} {self.threshold_display}"

    @property
    def threshold_display(self) -> str:
        text = format(self.threshold.normalize(), "f")
        if self.unit_of_measure == "%":
            return f"{text}%"
        return f"{text} {self.unit_of_measure}".strip()

    @property
    def counting_rule_label(self) -> str:
        """The counting rule in words, for an indicator that declares several (else "")."""
        from thidua.campaigns.indicators import get_indicator

        indicator = get_indicator(self.indicator)
        if indicator is None or len(indicator.counting_rules) < 2:
            return ""
        chosen = indicator.rule_for(self)
        return next((str(rule.label) for rule in indicator.counting_rules if rule.code == chosen), "")

    def applies_to(self, unit: Unit) -> bool:
        return not self.unit_kinds or unit.kind in self.unit_kinds

    def is_met_by(self, value: Decimal) -> bool:
        return verdicts.meets(value, self.comparison, self.threshold)

    def judge(
        self, value: Decimal | None, *, responses: int | None = None, minimum_responses: int = 0
    ) -> str:
        """Met, not met or no data (see ``verdicts.judge``): the one verdict every page and API shows."""
        return verdicts.judge(
            value=value,
            comparison=self.comparison,
            threshold=self.threshold,
            responses=responses,
            minimum_responses=minimum_responses,
        )


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    CONFIRMED = "confirmed", _("Confirmed")


class Registration(models.Model):
    """A unit's registration for a campaign year (đăng ký thi đua): its commitment, signed off by its head."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="registrations")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="registrations"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    commitment = models.TextField(_("commitment"))
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.DRAFT
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["campaign", "year", "unit__kind", vietnamese("unit__name")]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit", "year"], name="registration_unique_unit_year"
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_by__isnull=False, confirmed_at__isnull=False),
                name="registration_confirmed_has_signer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.campaign.number} · {self.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in {RegistrationStatus.DRAFT, RegistrationStatus.RETURNED}


class CampaignRevision(models.Model):
    """A recorded change to a plan or one of its targets (lịch sử sửa đổi kế hoạch): what changed, from what to
    what, why and by whom. Changes made once data exist need a reason; the plan page lists them all."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="revisions")
    subject = models.CharField(_("what changed"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, help_text=_("Field → [old value, new value]."))
    reason = models.TextField(_("reason"), blank=True)
    had_data = models.BooleanField(_("data existed"), default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.campaign.number} · {self.subject}"
