import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.campaigns.models import Campaign
from thidua.core.collation import vietnamese
from thidua.core.uploads import private_storage
from thidua.organizations.models import Unit


class ModelCategory(models.TextChoices):
    """Emulation contents of a provincial plan (Plan 52/KH-UBND, 2022), used as the model pick list (domain.md §1)."""

    STEERING = "steering", _("Steering of administrative reform")
    INSTITUTIONAL = "institutional", _("Institutional reform")
    PROCEDURES = "procedures", _("Administrative-procedure reform")
    ORGANISATION = "organisation", _("Organisational reform")
    CIVIL_SERVICE = "civil_service", _("Civil-service reform")
    PUBLIC_FINANCE = "public_finance", _("Public-finance reform")
    DIGITAL_GOVERNMENT = "digital_government", _("E-government and digital government")
    SERVICE_DELIVERY = "service_delivery", _("Public service delivery")
    COMMUNICATION = "communication", _("Reform communication")
    PAR_INDEX = "par_index", _("Initiatives that improve the PAR index")


class ModelStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_HEAD = "awaiting_head", _("Awaiting the unit head")
    SUBMITTED = "submitted", _("Submitted for appraisal")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    EXEMPLARY = "exemplary", _("Exemplary")
    DISCONTINUED = "discontinued", _("Discontinued")


# Statuses the public sees, and the ones that count toward the target.
PUBLIC_STATUSES = (ModelStatus.APPROVED, ModelStatus.EXEMPLARY)
COUNTED_STATUSES = PUBLIC_STATUSES
EDITABLE_STATUSES = (ModelStatus.DRAFT, ModelStatus.RETURNED)


class ReformModelQuerySet(models.QuerySet):
    def public(self) -> "ReformModelQuerySet":
        return self.filter(status__in=PUBLIC_STATUSES)


class ReformModel(models.Model):
    """An administrative-reform model linked to office culture (mô hình cải cách hành chính gắn với văn hóa công sở).

    A unit records it for one campaign year; the unit head submits it; the district appraises it on the plan's
    four criteria. A model adopted from another unit's model points to it through ``source``.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="reform_models"
    )
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="reform_models"
    )
    year = models.PositiveSmallIntegerField(_("campaign year"))
    title = models.CharField(pgettext_lazy("reform model", "title"), max_length=300)
    category = models.CharField(_("category"), max_length=32, choices=ModelCategory.choices)
    problem = models.TextField(_("problem it solves"))
    solution = models.TextField(_("what was done"))
    started_on = models.DateField(_("start date"))
    minutes_saved_per_dossier = models.DecimalField(
        _("minutes saved per dossier"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    minutes_saved_method = models.TextField(_("how the time saved was measured"), blank=True)
    cost_saved_per_year = models.DecimalField(
        _("cost saved per year (VND)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    cost_saved_method = models.TextField(_("how the cost saved was measured"), blank=True)
    trips_avoided_per_dossier = models.DecimalField(
        _("trips avoided per dossier"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    trips_avoided_method = models.TextField(_("how the trips avoided were measured"), blank=True)
    people_served_per_year = models.PositiveIntegerField(
        _("people or dossiers served per year"), null=True, blank=True
    )
    people_served_method = models.TextField(_("how the people served were counted"), blank=True)
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."))
    source = models.ForeignKey(
        "self",
        verbose_name=_("adopted from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ModelStatus.choices, default=ModelStatus.DRAFT
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    discontinue_reason = models.TextField(_("reason for discontinuing"), blank=True)
    search_key = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("reform model", "submitted by"),
    )
    submitted_at = models.DateTimeField(pgettext_lazy("reform model", "submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    recognised_at = models.DateTimeField(_("recognised as exemplary at"), null=True, blank=True)
    discontinued_at = models.DateTimeField(_("discontinued at"), null=True, blank=True)

    objects = ReformModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("reform model")
        verbose_name_plural = _("reform models")
        ordering = ["-year", vietnamese("unit__name"), "title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "unit"],
                condition=Q(source__isnull=False),
                name="reform_model_one_adoption_per_unit",
            ),
            models.CheckConstraint(
                condition=Q(minutes_saved_per_dossier__isnull=True) | Q(minutes_saved_per_dossier__gte=0),
                name="reform_model_minutes_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(cost_saved_per_year__isnull=True) | Q(cost_saved_per_year__gte=0),
                name="reform_model_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(trips_avoided_per_dossier__isnull=True) | Q(trips_avoided_per_dossier__gte=0),
                name="reform_model_trips_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "year", "status"], name="reform_model_progress")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def effects(self) -> list[tuple[str, object, str]]:
        """(label, value, how measured) for every effect that was measured."""
        rows = [
            (_("Minutes saved per dossier"), self.minutes_saved_per_dossier, self.minutes_saved_method),
            (_("Cost saved per year (VND)"), self.cost_saved_per_year, self.cost_saved_method),
            (_("Trips avoided per dossier"), self.trips_avoided_per_dossier, self.trips_avoided_method),
            (_("People or dossiers served per year"), self.people_served_per_year, self.people_served_method),
        ]
        return [(str(label), value, method) for label, value, method in rows if value is not None]


class Verdict(models.TextChoices):
    MEETS = "meets", _("Meets")
    DOES_NOT_MEET = "does_not_meet", _("Does not meet")


class AppraisalDecision(models.TextChoices):
    APPROVED = "approved", _("Approve")
    RETURNED = "returned", _("Return for revision")
    REJECTED = "rejected", _("Reject")


# The plan's four criteria (III.2): field prefix and label.
CRITERIA = (
    ("lawful", _("Lawful")),
    ("fits_function", _("Fits the unit's function and duties")),
    ("effective", _("Effective")),
    ("replicable", _("Replicable to other units")),
)


class Appraisal(models.Model):
    """The district's appraisal of a submitted model (thẩm định) on the plan's four criteria, and its decision."""

    model = models.ForeignKey(ReformModel, on_delete=models.CASCADE, related_name="appraisals")
    appraiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=12, choices=AppraisalDecision.choices)
    lawful = models.CharField(_("lawful"), max_length=16, choices=Verdict.choices)
    lawful_comment = models.TextField(_("comment on lawfulness"), blank=True)
    fits_function = models.CharField(_("fits function"), max_length=16, choices=Verdict.choices)
    fits_function_comment = models.TextField(_("comment on fit with function"), blank=True)
    effective = models.CharField(_("effective"), max_length=16, choices=Verdict.choices)
    effective_comment = models.TextField(_("comment on effectiveness"), blank=True)
    replicable = models.CharField(_("replicable"), max_length=16, choices=Verdict.choices)
    replicable_comment = models.TextField(_("comment on replicability"), blank=True)
    reason = models.TextField(_("conclusion"), blank=True)
    created_at = models.DateTimeField(_("appraised at"), auto_now_add=True)

    class Meta:
        verbose_name = _("appraisal")
        verbose_name_plural = _("appraisals")
        ordering = ["-created_at", "-id"]
        constraints = [
            # An approval needs every criterion met; a return or rejection needs a stated reason.
            models.CheckConstraint(
                condition=~Q(decision="approved")
                | Q(lawful="meets", fits_function="meets", effective="meets", replicable="meets"),
                name="appraisal_approval_meets_all_criteria",
            ),
            models.CheckConstraint(
                condition=Q(decision="approved") | ~Q(reason=""),
                name="appraisal_refusal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.model} · {self.get_decision_display()}"

    @property
    def decision_label(self) -> str:
        """The outcome as a status ("Approved"), where the choice label is the appraiser's verb ("Approve")."""
        return str(ModelStatus(self.decision).label)

    def criteria(self) -> list[tuple[str, str, str, str]]:
        """(label, verdict code, verdict label, comment) for each criterion."""
        labels = dict(Verdict.choices)
        return [
            (
                str(label),
                getattr(self, code),
                str(labels[getattr(self, code)]),
                getattr(self, f"{code}_comment"),
            )
            for code, label in CRITERIA
        ]


def new_token() -> str:
    return secrets.token_urlsafe(24)


class EvidenceFile(models.Model):
    """A file that proves the model works (minh chứng): a PDF, image, DOCX or XLSX, checked by content.

    Stored in private storage; private files are served only to those who may see the model. A file marked public
    appears in the library once the model is approved, under its random token.
    """

    model = models.ForeignKey(ReformModel, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(storage=private_storage, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    description = models.CharField(_("description"), max_length=300, blank=True)
    kind = models.CharField(max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    is_public = models.BooleanField(_("public in the library"), default=False)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
