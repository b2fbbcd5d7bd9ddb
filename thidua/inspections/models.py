"""Office-culture inspections (kiểm tra văn hóa công sở): checklists, inspections, findings, remediation, discipline."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.uploads import private_storage
from thidua.organizations.models import Unit


class ChecklistGroup(models.TextChoices):
    LAYOUT = "layout", _("Layout of the office")
    DRESS = "dress", _("Dress and ID card")
    COMMUNICATION = "communication", _("Communication")
    DISCIPLINE = "discipline", _("Discipline and working time")
    INSTITUTIONAL = "institutional", _("Institutional")


GROUP_ORDER = [choice.value for choice in ChecklistGroup]

# The groups a checklist without its own group list has, with their labels as the official record prints them
# (Vietnamese texts are data, like the items).
DEFAULT_GROUP_LABELS = {
    "layout": "Bài trí công sở",
    "dress": "Trang phục, thẻ công chức",
    "communication": "Giao tiếp, ứng xử",
    "discipline": "Kỷ luật, kỷ cương, thời giờ làm việc",
    "institutional": "Thể chế, tổ chức thực hiện",
}


class ChecklistTemplate(models.Model):
    """One version of an office-culture checklist (bảng kiểm tra văn hóa công sở).

    A version that an inspection uses is never changed: revising it creates the next version, and past inspections
    keep the version they were recorded with.
    """

    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=300)
    legal_bases = models.TextField(_("legal bases"), blank=True)
    groups = models.JSONField(
        _("groups"),
        default=list,
        blank=True,
        help_text=_(
            "In order: each a code, a label and its legal reference. Empty means the standard groups."
        ),
    )
    owner = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("owner authority"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The authority whose own checklist this is; empty: shared by the whole installation."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("checklist version")
        verbose_name_plural = _("checklist versions")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="checklist_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def items_for(self, unit: Unit) -> list["ChecklistItem"]:
        """The items that apply to the unit's kind, in group and position order."""
        return [item for item in self.ordered_items() if item.applies_to(unit)]

    def group_list(self) -> list[dict[str, str]]:
        """The groups in order, each ``{"code", "label", "legal_reference"}``."""
        if self.groups:
            return [dict(group) for group in self.groups]
        return [
            {"code": code, "label": DEFAULT_GROUP_LABELS[code], "legal_reference": ""} for code in GROUP_ORDER
        ]

    def group_label(self, code: str) -> str:
        return next((group["label"] for group in self.group_list() if group["code"] == code), code)

    def ordered_items(self) -> list["ChecklistItem"]:
        order = [group["code"] for group in self.group_list()]
        items = list(self.items.all())
        items.sort(
            key=lambda item: (
                order.index(item.group) if item.group in order else len(order),
                item.position,
                item.pk,
            )
        )
        return items

    @property
    def is_in_use(self) -> bool:
        return self.inspections.exists()


class ChecklistItem(models.Model):
    """One thing an inspector ticks (tiêu chí kiểm tra), with the legal text it comes from."""

    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items")
    group = models.CharField(_("group"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("text"))
    legal_reference = models.CharField(_("legal reference"), max_length=300, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    unit_kinds = models.JSONField(
        _("applies to unit kinds"), default=list, blank=True, help_text=_("Empty means every kind.")
    )

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["template", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="checklist_item_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_group_display(self) -> str:
        return self.template.group_label(self.group)

    def applies_to(self, unit: Unit) -> bool:
        return not self.unit_kinds or unit.kind in self.unit_kinds


class InspectionKind(models.TextChoices):
    SELF = "self", _("Self-inspection by the unit")
    SCHEDULED = "scheduled", _("Scheduled district inspection")
    UNANNOUNCED = "unannounced", _("Unannounced inspection")


DISTRICT_KINDS = (InspectionKind.SCHEDULED, InspectionKind.UNANNOUNCED)


class InspectionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REVIEWED = "reviewed", _("Reviewed")


class Inspection(models.Model):
    """An office-culture inspection of one unit on one day (cuộc kiểm tra văn hóa công sở)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="inspections"
    )
    template = models.ForeignKey(
        ChecklistTemplate, verbose_name=_("checklist"), on_delete=models.PROTECT, related_name="inspections"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=InspectionKind.choices)
    inspected_on = models.DateField(_("date"))
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("inspectors"), blank=True, related_name="inspections"
    )
    team_note = models.CharField(
        _("other members of the team"), max_length=500, blank=True, help_text=_("Names and titles.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InspectionStatus.choices, default=InspectionStatus.DRAFT
    )
    conclusion = models.TextField(_("conclusion"), blank=True)
    record_number = models.CharField(_("record number"), max_length=40, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-inspected_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="reviewed") | Q(reviewed_at__isnull=False),
                name="inspection_reviewed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.unit} · {self.inspected_on:%d/%m/%Y}"

    @property
    def is_district(self) -> bool:
        return self.kind in DISTRICT_KINDS

    @property
    def record_action(self) -> str:
        return "inspection.record" if self.is_district else "inspection.self_record"

    @property
    def review_action(self) -> str:
        return "inspection.review" if self.is_district else "inspection.self_review"

    @property
    def is_editable(self) -> bool:
        return self.status == InspectionStatus.DRAFT


class FindingResult(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    NOT_APPLICABLE = "na", _("Not applicable")


class Finding(models.Model):
    """The answer to one checklist item in one inspection (kết quả kiểm tra). Empty result: not answered yet."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="findings")
    result = models.CharField(_("result"), max_length=4, choices=FindingResult.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["inspection", "item__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="finding_unique_item"),
        ]

    def __str__(self) -> str:
        return f"{self.item} → {self.get_result_display() or '—'}"


class FindingPhoto(models.Model):
    """A photo taken as evidence of a finding (ảnh minh chứng). Stored privately; served after an access check."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(storage=private_storage, max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("finding photo")
        verbose_name_plural = _("finding photos")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.finding_id}: {self.file.name}"


class RemediationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACTION_RECORDED = "action_recorded", _("Action recorded, awaiting verification")
    CLOSED = "closed", _("Closed")


class Remediation(models.Model):
    """What the unit must put right after a failed item (khắc phục), by a due date, verified by the district."""

    finding = models.OneToOneField(Finding, on_delete=models.PROTECT, related_name="remediation")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="remediations"
    )
    owner = models.CharField(_("owner"), max_length=200, help_text=_("Who in the unit is responsible."))
    due_date = models.DateField(_("due date"))
    required_action = models.TextField(_("required action"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RemediationStatus.choices, default=RemediationStatus.OPEN
    )
    action_taken = models.TextField(_("action taken"), blank=True)
    action_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action_recorded_at = models.DateTimeField(_("action recorded at"), null=True, blank=True)
    closing_note = models.TextField(_("verification note"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        verbose_name = _("remediation")
        verbose_name_plural = _("remediations")
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False), name="remediation_closed_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.finding.item} · {self.due_date:%d/%m/%Y}"

    def is_overdue_on(self, day: date) -> bool:
        """Still waiting for the unit's action after the due date."""
        return self.status == RemediationStatus.OPEN and self.due_date < day

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())


class RemediationEvidence(models.Model):
    """A photo showing what the unit did (ảnh khắc phục). Stored privately."""

    remediation = models.ForeignKey(Remediation, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(storage=private_storage, max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("remediation evidence")
        verbose_name_plural = _("remediation evidence")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.remediation_id}: {self.file.name}"


class DisciplineRecord(models.Model):
    """A breach of working-time or discipline rules in a unit (vi phạm kỷ luật, kỷ cương hành chính).

    The person's name is optional and shown only to the district officer and the unit's head.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="discipline_records"
    )
    occurred_on = models.DateField(_("date"))
    rule = models.CharField(_("rule breached"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    person_name = models.CharField(_("person's name"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("discipline record")
        verbose_name_plural = _("discipline records")
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.occurred_on:%d/%m/%Y} · {self.rule[:60]}"
