"""Awards: dated award rules per issuing authority, rubrics per campaign year, and evaluation rounds that freeze
every figure they use.

Rules are dated data because the law changes under a running plan (Decree 91/2017, 98/2023, 152/2025; the
district Chairman's power passing to the commune Chairman on 01/07/2025). A round copies the council rule it uses
into ``rule_snapshot`` when it opens, so a later edit never alters a round already under way or decided.
"""

import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.awards import council, scoring
from thidua.campaigns.models import Campaign
from thidua.core.collation import vietnamese
from thidua.organizations.models import Unit, UnitKind


class DatedQuerySet(models.QuerySet):
    def in_force_on(self, day: date) -> "DatedQuerySet":
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Dated(models.Model):
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


def _dated_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")), name=name
    )


class AwardRecipient(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")


class AwardType(models.Model):
    """A form of commendation (hình thức khen thưởng), e.g. the Chairman's Giấy khen for a collective for a
    thematic campaign."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    label = models.CharField(_("name"), max_length=200)
    recipient = models.CharField(_("recipient"), max_length=12, choices=AwardRecipient.choices)
    is_thematic = models.BooleanField(
        _("thematic campaign"),
        default=True,
        help_text=_("An award for a thematic campaign cannot later support an award for sustained merit."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class AwardingPower(Dated):
    """Who may give the award over time: the Chairman of an authority of this kind."""

    award_type = models.ForeignKey(AwardType, on_delete=models.CASCADE, related_name="powers")
    authority_kind = models.CharField(_("authority kind"), max_length=32, choices=UnitKind.choices)
    signer_title = models.CharField(
        _("signer's title"), max_length=200, help_text=_("As printed, e.g. CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN.")
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    proposer_title = models.CharField(
        _("proposed by"),
        max_length=200,
        default="Trưởng phòng Nội vụ",
        help_text=_('Who proposes the award in the decision\'s "Theo đề nghị của …" line.'),
    )

    class Meta:
        verbose_name = _("awarding power")
        verbose_name_plural = _("awarding powers")
        ordering = ["award_type", "valid_from"]
        constraints = [_dated_constraint("awarding_power_dates_ordered")]

    def __str__(self) -> str:
        return f"{self.award_type} · {self.get_authority_kind_display()}"


class LegalBasisLine(Dated):
    """A line the decision cites ("Căn cứ …") when its date falls in the line's period."""

    award_type = models.ForeignKey(AwardType, on_delete=models.CASCADE, related_name="legal_bases")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("text"), max_length=500)

    class Meta:
        verbose_name = _("legal-basis line")
        verbose_name_plural = _("legal-basis lines")
        ordering = ["award_type", "position", "valid_from"]
        constraints = [_dated_constraint("legal_basis_dates_ordered")]

    def __str__(self) -> str:
        return self.text


class BaseSalary(Dated):
    """The statutory base salary (mức lương cơ sở), in VND a month."""

    amount = models.PositiveIntegerField(_("amount (VND)"))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["valid_from"]
        constraints = [
            _dated_constraint("base_salary_dates_ordered"),
            models.UniqueConstraint(fields=["valid_from"], name="base_salary_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.amount:,} · {self.valid_from:%d/%m/%Y}"


class CashCoefficient(Dated):
    """The cash that goes with the award, as a coefficient of the base salary in force on the decision date."""

    award_type = models.ForeignKey(AwardType, on_delete=models.CASCADE, related_name="cash_coefficients")
    coefficient = models.DecimalField(_("coefficient"), max_digits=5, decimal_places=2)
    round_up_to = models.PositiveIntegerField(
        _("round up to (VND)"), default=1, help_text=_("1 when the rule in force does not round the amount.")
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("cash coefficient")
        verbose_name_plural = _("cash coefficients")
        ordering = ["award_type", "valid_from"]
        constraints = [
            _dated_constraint("cash_coefficient_dates_ordered"),
            models.CheckConstraint(condition=Q(coefficient__gt=0), name="cash_coefficient_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.award_type} × {self.coefficient}"


class VotingMethod(models.TextChoices):
    BALLOT = "ballot", _("Secret ballot")
    SHOW_OF_HANDS = "show_of_hands", _("Show of hands")


class VoteDenominator(models.TextChoices):
    ALL = council.DENOMINATOR_ALL, _("All members")
    PRESENT = council.DENOMINATOR_PRESENT, _("Members present")
    PRESENT_AND_WRITTEN = council.DENOMINATOR_PRESENT_AND_WRITTEN, _("Members present and written opinions")


class TieRule(models.TextChoices):
    CHAIR = council.TIE_CHAIR, _("The chair's side wins")
    NEW_VOTE = council.TIE_NEW_VOTE, _("A new vote")


class CouncilRule(Dated):
    """How the authority's Emulation-Reward Council (Hội đồng Thi đua - Khen thưởng) decides on an award type in
    a period: quorum, threshold and its denominator, ballot or show of hands, written opinions, ties."""

    authority = models.ForeignKey(
        Unit, verbose_name=_("issuing authority"), on_delete=models.PROTECT, related_name="council_rules"
    )
    award_type = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="council_rules")
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum: numerator"))
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum: denominator"))
    threshold_numerator = models.PositiveSmallIntegerField(_("threshold: numerator"))
    threshold_denominator = models.PositiveSmallIntegerField(_("threshold: denominator"))
    threshold_strict = models.BooleanField(
        _("more than the share"),
        default=True,
        help_text=_("Checked: more than the share; unchecked: at least."),
    )
    vote_denominator = models.CharField(
        _("counted on"), max_length=16, choices=VoteDenominator.choices, default=VoteDenominator.ALL
    )
    voting_method = models.CharField(
        _("voting method"), max_length=16, choices=VotingMethod.choices, default=VotingMethod.BALLOT
    )
    written_opinions_count = models.BooleanField(_("written opinions of absent members count"), default=True)
    tie_rule = models.CharField(_("tie"), max_length=12, choices=TieRule.choices, default=TieRule.CHAIR)
    source = models.CharField(_("source"), max_length=300, blank=True)
    standing_office = models.ForeignKey(
        Unit,
        verbose_name=_("standing office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The body that appraises and signs the proposal, e.g. the Home Affairs Office."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("council rule")
        verbose_name_plural = _("council rules")
        ordering = ["authority", "award_type", "valid_from"]
        constraints = [
            _dated_constraint("council_rule_dates_ordered"),
            models.CheckConstraint(
                condition=Q(quorum_denominator__gt=0)
                & Q(quorum_numerator__lte=models.F("quorum_denominator"))
                & Q(threshold_denominator__gt=0)
                & Q(threshold_numerator__lte=models.F("threshold_denominator")),
                name="council_rule_shares_are_fractions",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.authority.name} · {self.award_type} · {self.valid_from:%d/%m/%Y}"

    def snapshot(self) -> dict:
        return {
            "id": self.pk,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "quorum_numerator": self.quorum_numerator,
            "quorum_denominator": self.quorum_denominator,
            "threshold_numerator": self.threshold_numerator,
            "threshold_denominator": self.threshold_denominator,
            "threshold_strict": self.threshold_strict,
            "vote_denominator": self.vote_denominator,
            "voting_method": self.voting_method,
            "written_opinions_count": self.written_opinions_count,
            "tie_rule": self.tie_rule,
            "source": self.source,
            "standing_office": self.standing_office_id,
        }


class TieBreak(models.TextChoices):
    NONE = scoring.TIE_BREAK_NONE, _("None")
    WOMEN_SHARE = scoring.TIE_BREAK_WOMEN, _("Prefer collectives with at least 70% women")


class Rubric(models.Model):
    """How units are scored and admitted for an award type in a campaign year (tiêu chí bình xét)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="rubrics")
    year = models.PositiveSmallIntegerField(_("year"))
    award_type = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="rubrics")
    every_target_met = models.BooleanField(_("every target met"), default=True)
    not_while_flagged = models.BooleanField(
        _("no award while under discipline, inspection or complaint"), default=True
    )
    not_when_dissolved = models.BooleanField(
        _("no award to a unit dissolved before the decision"), default=True
    )
    one_award_per_achievement = models.BooleanField(_("one achievement is not rewarded twice"), default=True)
    tie_break = models.CharField(
        _("tie-break"), max_length=16, choices=TieBreak.choices, default=TieBreak.NONE
    )
    report_form = models.CharField(
        _("achievement report form"),
        max_length=120,
        blank=True,
        help_text=_("The form number of the achievement report, kept as data."),
    )

    class Meta:
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        ordering = ["campaign", "year", "award_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "year", "award_type"], name="rubric_unique_year_award"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign.number} · {self.year} · {self.award_type}"

    def eligibility_rules(self) -> scoring.EligibilityRules:
        return scoring.EligibilityRules(
            every_target_met=self.every_target_met,
            not_while_flagged=self.not_while_flagged,
            not_when_dissolved=self.not_when_dissolved,
            one_award_per_achievement=self.one_award_per_achievement,
        )


class CriterionSource(models.TextChoices):
    INDICATOR = "indicator", _("Indicator")
    MANUAL = "manual", _("Manual, with evidence and a reason")


class CriterionRule(models.TextChoices):
    MET = scoring.RULE_MET, _("Target met → all points")
    SCALED = scoring.RULE_SCALED, _("In proportion between two bounds")


class Criterion(models.Model):
    """One line of the rubric (tiêu chí) with its points."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    source = models.CharField(_("source"), max_length=12, choices=CriterionSource.choices)
    indicator = models.CharField(_("indicator"), max_length=60, blank=True)
    rule = models.CharField(_("rule"), max_length=12, choices=CriterionRule.choices, blank=True)
    scale_zero = models.DecimalField(
        _("no points at"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    scale_full = models.DecimalField(
        _("all points at"), max_digits=12, decimal_places=4, null=True, blank=True
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["rubric", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "code"], name="criterion_unique_code"),
            models.CheckConstraint(condition=Q(points__gt=0), name="criterion_points_positive"),
            models.CheckConstraint(
                condition=Q(source="manual", indicator="")
                | Q(source="indicator", rule="met") & ~Q(indicator="")
                | Q(source="indicator", rule="scaled", scale_zero__isnull=False, scale_full__isnull=False)
                & ~Q(indicator="")
                & ~Q(scale_zero=models.F("scale_full")),
                name="criterion_source_has_its_fields",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.label}"


class FlagKind(models.TextChoices):
    DISCIPLINE = "discipline", _("Under discipline")
    INSPECTION = "inspection", _("Under inspection")
    COMPLAINT = "complaint", _("Under complaint")


class EligibilityFlag(models.Model):
    """The standing office's record that a unit is under discipline, inspection or complaint: no award while it
    lasts (Decree 152/2025 art. 4)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="award_flags"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=FlagKind.choices)
    reason = models.TextField(_("reason"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    lifted_reason = models.TextField(_("reason for lifting"), blank=True)

    class Meta:
        verbose_name = _("eligibility flag")
        verbose_name_plural = _("eligibility flags")
        ordering = ["-starts_on", "unit"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="eligibility_flag_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_kind_display()}"

    def is_active_on(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


class RoundStatus(models.TextChoices):
    APPRAISAL = "appraisal", _("Appraisal by the standing office")
    PROPOSED = "proposed", _("Candidates proposed to the council")
    VOTED = "voted", _("Voted by the council")
    SUBMITTED = "submitted", _("Submitted to the Chairman")
    DECIDED = "decided", _("Decided")


class EvaluationRound(models.Model):
    """A year's evaluation for an award type (đợt bình xét): the figures are computed once and frozen."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="evaluation_rounds")
    year = models.PositiveSmallIntegerField(_("year"))
    award_type = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="rounds")
    authority = models.ForeignKey(
        Unit, verbose_name=_("issuing authority"), on_delete=models.PROTECT, related_name="evaluation_rounds"
    )
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="rounds")
    rule = models.ForeignKey(CouncilRule, on_delete=models.PROTECT, related_name="rounds")
    rule_snapshot = models.JSONField(_("council rule used"))
    planned_decision_date = models.DateField(_("planned decision date"))
    status = models.CharField(
        _("status"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.APPRAISAL
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    computed_at = models.DateTimeField(_("computed at"))
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    proposal_number = models.CharField(_("proposal number"), max_length=60, blank=True)
    proposal_date = models.DateField(_("proposal date"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["-year", "campaign"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "year", "award_type"], name="round_unique_year_award")
        ]

    def __str__(self) -> str:
        return f"{self.campaign.number} · {self.year} · {self.award_type}"

    @property
    def is_decided(self) -> bool:
        return self.status == RoundStatus.DECIDED


class EntryStatus(models.TextChoices):
    ASSESSED = "assessed", _("Assessed")
    PROPOSED = "proposed", _("Proposed")
    AWARDED = "awarded", _("Awarded")
    NOT_AWARDED = "not_awarded", _("Not awarded")


class EvaluationEntry(models.Model):
    """One participating unit in a round: its frozen score and eligibility, and whether it is proposed."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="entries")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    computed_score = models.DecimalField(_("computed score"), max_digits=8, decimal_places=2)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2)
    eligible = models.BooleanField(_("eligible"))
    ineligibility = models.JSONField(_("reasons not admitted"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.ASSESSED
    )
    women_share = models.DecimalField(
        _("share of women (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    exception_reason = models.TextField(_("reason for the exception"), blank=True)
    exception_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    exception_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("evaluated unit")
        verbose_name_plural = _("evaluated units")
        ordering = ["round", "-score", vietnamese("unit__name")]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="entry_unique_unit"),
            # A unit the rules would not admit is proposed only with a recorded exception.
            models.CheckConstraint(
                condition=Q(eligible=True)
                | Q(status="assessed")
                | Q(status="not_awarded")
                | ~Q(exception_reason=""),
                name="entry_ineligible_candidate_has_exception",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.round}"

    @property
    def has_exception(self) -> bool:
        return bool(self.exception_reason)


class FigureKind(models.TextChoices):
    TARGET = "target", _("Target")
    CRITERION = "criterion", _("Criterion")


class EvaluationFigure(models.Model):
    """A figure frozen when the round was computed: a target's verdict or a criterion's points, with the value,
    detail and evidence link it came from. An adjustment stands beside the computed points, never over them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    entry = models.ForeignKey(EvaluationEntry, on_delete=models.CASCADE, related_name="figures")
    kind = models.CharField(_("kind"), max_length=12, choices=FigureKind.choices)
    code = models.CharField(_("code"), max_length=60)
    label = models.CharField(_("label"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    indicator = models.CharField(_("indicator"), max_length=60, blank=True)
    status = models.CharField(_("status"), max_length=16)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    evidence_url = models.CharField(_("evidence link"), max_length=500, blank=True)
    max_points = models.DecimalField(
        _("points available"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    points = models.DecimalField(_("computed points"), max_digits=6, decimal_places=2, null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"))
    # The target's condition when the round froze it ("≥ 90%"), for the achievement report's table.
    condition = models.CharField(_("target"), max_length=120, blank=True)
    adjusted_points = models.DecimalField(
        _("adjusted points"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    adjustment_reason = models.TextField(_("reason for the adjustment"), blank=True)
    adjustment_evidence_url = models.CharField(
        _("evidence link of the adjustment"), max_length=500, blank=True
    )
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    adjusted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("frozen figure")
        verbose_name_plural = _("frozen figures")
        ordering = ["entry", "kind", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "kind", "code"], name="figure_unique_code"),
            models.CheckConstraint(
                condition=Q(adjusted_points__isnull=True) | ~Q(adjustment_reason=""),
                name="figure_adjustment_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry} · {self.code}"

    @property
    def effective_points(self) -> Decimal | None:
        return self.points if self.adjusted_points is None else self.adjusted_points


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    VOTING = "voting", _("Voting open")
    CLOSED = "closed", _("Closed")


class CouncilSession(models.Model):
    """A meeting of the Emulation-Reward Council on a round's candidates (phiên họp Hội đồng TĐKT)."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    status = models.CharField(
        _("status"), max_length=12, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    voting_opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round"],
                condition=~Q(status="closed"),
                name="session_one_unclosed_per_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.held_on:%d/%m/%Y}"

    @property
    def is_secret(self) -> bool:
        return self.round.rule_snapshot["voting_method"] == VotingMethod.BALLOT


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Not recorded")
    PRESENT = "present", _("Present")
    ABSENT_WRITTEN = "absent_written", _("Absent, with a written opinion")
    ABSENT = "absent", _("Absent")


class SessionMember(models.Model):
    """A council member of the session, taken from the council roles held in the authority when it was called."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_chair = models.BooleanField(_("chair"), default=False)
    attendance = models.CharField(
        _("attendance"), max_length=16, choices=Attendance.choices, default=Attendance.UNKNOWN
    )

    class Meta:
        verbose_name = _("session member")
        verbose_name_plural = _("session members")
        ordering = ["session", "-is_chair", "user__full_name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="session_member_unique_user"),
            models.UniqueConstraint(fields=["session"], condition=Q(is_chair=True), name="session_one_chair"),
        ]

    def __str__(self) -> str:
        return str(self.user)


class Choice(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    ABSTAIN = "abstain", _("Abstain")


class VoteReceipt(models.Model):
    """That a member has voted in a session, and nothing about how: it stops a second vote. Its key is random and
    it carries no time, so neither its order nor its clock can be matched with the ballots."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(SessionMember, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("vote receipt")
        verbose_name_plural = _("vote receipts")
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="receipt_one_per_member")]

    def __str__(self) -> str:
        return str(self.member)


class Ballot(models.Model):
    """One secret choice on one candidate (phiếu bầu). No member, no time, a random key: nothing leads back to
    the voter. The session's ballots are shuffled again when it closes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="ballots")
    entry = models.ForeignKey(EvaluationEntry, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return self.get_choice_display()


class NamedVote(models.Model):
    """A vote by show of hands, recorded with the member's name; also a written opinion of an absent member."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="named_votes")
    member = models.ForeignKey(SessionMember, on_delete=models.CASCADE, related_name="votes")
    entry = models.ForeignKey(EvaluationEntry, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    is_written = models.BooleanField(_("written opinion"), default=False)

    class Meta:
        verbose_name = _("named vote")
        verbose_name_plural = _("named votes")
        constraints = [
            models.UniqueConstraint(fields=["member", "entry"], name="named_vote_once_per_candidate")
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.get_choice_display()}"


class SessionResult(models.Model):
    """The count for one candidate when the session closed, judged by the round's frozen rule."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="results")
    entry = models.ForeignKey(EvaluationEntry, on_delete=models.PROTECT, related_name="session_results")
    valid = models.PositiveSmallIntegerField(_("valid votes"))
    agree = models.PositiveSmallIntegerField(_("agree"))
    disagree = models.PositiveSmallIntegerField(_("disagree"))
    abstain = models.PositiveSmallIntegerField(_("abstain"))
    written_agree = models.PositiveSmallIntegerField(_("written opinions agreeing"), default=0)
    base = models.PositiveSmallIntegerField(_("counted on"))
    percent = models.CharField(_("percentage"), max_length=8)
    result = models.CharField(_("result"), max_length=10)
    tie_settled_by_chair = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("session result")
        verbose_name_plural = _("session results")
        ordering = ["session", "-agree", vietnamese("entry__unit__name")]
        constraints = [models.UniqueConstraint(fields=["session", "entry"], name="result_one_per_candidate")]

    def __str__(self) -> str:
        return f"{self.entry.unit} · {self.agree}/{self.base}"


class DecisionKind(models.TextChoices):
    AWARD = "award", _("Award")
    AMEND = "amend", _("Amendment")
    REVOKE = "revoke", _("Revocation")


class AwardDecision(models.Model):
    """The Chairman's decision awarding the round's units (quyết định khen thưởng). Issued once and never
    changed: every figure it prints is stored here when it is issued."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.PROTECT, related_name="decisions")
    number = models.CharField(_("number"), max_length=60)
    issued_on = models.DateField(_("issue date"))
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signer_title = models.CharField(_("signer's title"), max_length=200)
    legal_bases = models.JSONField(_("legal bases"), default=list)
    proposal_number = models.CharField(_("proposal number"), max_length=60)
    proposal_date = models.DateField(_("proposal date"))
    proposer = models.CharField(_("proposed by"), max_length=200)
    coefficient = models.DecimalField(_("coefficient"), max_digits=5, decimal_places=2)
    base_salary = models.PositiveIntegerField(_("base salary"))
    cash_amount = models.PositiveIntegerField(_("cash per unit (VND)"))
    created_at = models.DateTimeField(auto_now_add=True)
    # A correction is a new decision: it amends or revokes the award decision ``corrects``; both are kept.
    kind = models.CharField(_("kind"), max_length=8, choices=DecisionKind.choices, default=DecisionKind.AWARD)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    reason = models.TextField(_("reason"), blank=True)
    # What an amendment changes: {"removed": [unit ids], "renamed": {"unit id": "name"}}.
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            # One decision awards a round; later ones only amend or revoke it (and point to it).
            models.UniqueConstraint(
                fields=["round"], condition=Q(kind="award"), name="decision_one_per_round"
            ),
            models.CheckConstraint(
                condition=Q(kind="award", corrects__isnull=True)
                | ~Q(kind="award") & Q(corrects__isnull=False) & ~Q(reason=""),
                name="decision_correction_points_to_the_corrected",
            ),
        ]

    def __str__(self) -> str:
        return f"Số: {self.number}"

    def save(self, *args, **kwargs) -> None:
        # Issued once: the database refuses an update as well (migration 0006).
        if not self._state.adding:
            raise ValueError("an issued award decision is never changed; issue an amending decision")
        super().save(*args, **kwargs)

    @property
    def is_correction(self) -> bool:
        return self.kind != DecisionKind.AWARD

    @property
    def total_amount(self) -> int:
        return self.cash_amount * self.awarded.count()


class AwardedUnit(models.Model):
    """A unit in the decision's annexed list, with its number in the authority's award register (sổ vàng)."""

    decision = models.ForeignKey(AwardDecision, on_delete=models.PROTECT, related_name="awarded")
    entry = models.OneToOneField(EvaluationEntry, on_delete=models.PROTECT, related_name="award")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="awards")
    # The name the unit had when it was awarded: history shows it even after the 2025 mergers.
    unit_name = models.CharField(_("name at the time"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"))
    authority = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    register_year = models.PositiveSmallIntegerField(_("register year"))
    register_number = models.PositiveIntegerField(_("award register number"))
    achievement = models.TextField(_("achievement"))

    class Meta:
        verbose_name = _("awarded unit")
        verbose_name_plural = _("awarded units")
        ordering = ["decision", "position"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "unit"], name="awarded_unit_once_per_decision"),
            models.UniqueConstraint(
                fields=["authority", "register_year", "register_number"], name="award_register_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_name} · {self.decision}"


# --- the award dossier: the unit's achievement report and the public notices (issue 10 items 3-5) -----------


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted by the head")
    RETURNED = "returned", _("Returned for changes")
    ACCEPTED = "accepted", _("Accepted by the standing office")


class AchievementReport(models.Model):
    """The unit's achievement report (báo cáo thành tích, Decree 152/2025) for its entry in a round.

    Its figures are the entry's frozen ones and are never stored here: the report keeps only the narrative the
    unit writes beside them (I. characteristics, II. a text per target, III. the award it asks for)."""

    entry = models.OneToOneField(EvaluationEntry, on_delete=models.PROTECT, related_name="report")
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    characteristics = models.TextField(
        _("characteristics, functions and tasks"),
        blank=True,
        help_text=_("I. The unit's situation, its functions and tasks, its organisation."),
    )
    # {target code: the unit's account beside the frozen figure}.
    narratives = models.JSONField(_("account of each target"), default=dict, blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    award_proposed = models.TextField(_("award proposed"), blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("achievement report")
        verbose_name_plural = _("achievement reports")
        ordering = ["entry"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(accepted_at__isnull=False),
                name="report_accepted_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry.unit} · {self.entry.round}"


class ReportReturn(models.Model):
    """The standing office's comment when it returns a report: every one is kept."""

    report = models.ForeignKey(AchievementReport, on_delete=models.CASCADE, related_name="returns")
    version = models.PositiveSmallIntegerField(_("version"))
    comment = models.TextField(_("comment"))
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    returned_at = models.DateTimeField(_("returned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report return")
        verbose_name_plural = _("report returns")
        ordering = ["report", "returned_at", "pk"]

    def __str__(self) -> str:
        return self.comment


class NoticeKind(models.TextChoices):
    PROPOSED = "proposed", _("Units proposed to the council")
    AWARDED = "awarded", _("Units awarded")


class PublicNotice(models.Model):
    """The public notice (thông báo, law art. 84.5) of a round's proposed units or of a decision's awarded units.
    The list is copied in when the notice is issued, so it reads the same after the round moves on."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(_("kind"), max_length=10, choices=NoticeKind.choices)
    decision = models.ForeignKey(
        AwardDecision, null=True, blank=True, on_delete=models.PROTECT, related_name="notices"
    )
    number = models.CharField(_("number"), max_length=60)
    issued_on = models.DateField(_("issue date"))
    # [{"unit": name, "score": "87.50", "exception": reason}]
    units = models.JSONField(_("units"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["round", "issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round"], condition=Q(kind="proposed"), name="notice_one_proposed_per_round"
            ),
            models.UniqueConstraint(
                fields=["decision"], condition=Q(kind="awarded"), name="notice_one_per_decision"
            ),
        ]

    def __str__(self) -> str:
        return f"Số: {self.number}"


class CertificateBlank(Dated):
    """A pre-printed blank (phôi Giấy khen) of an issuing authority and where each variable field goes on it.

    ``fields`` maps a field of ``thidua.core.certificates.BLANK_FIELDS`` to its box: ``{"x": mm, "y": mm,
    "width": mm, "size": pt, "align": "left" | "center" | "right", "printed": bool}`` (x/y from the paper's
    top-left corner). The standing office edits it with a reason (``services.certificate_blank_update``)."""

    authority = models.ForeignKey(
        Unit, verbose_name=_("issuing authority"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(_("version"), max_length=40, blank=True)
    page_width_mm = models.DecimalField(_("paper width (mm)"), max_digits=5, decimal_places=1, default=210)
    page_height_mm = models.DecimalField(_("paper height (mm)"), max_digits=5, decimal_places=1, default=297)
    fields = models.JSONField(_("fields"), default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("certificate blank")
        verbose_name_plural = _("certificate blanks")
        ordering = ["authority", "-valid_from", "pk"]
        constraints = [_dated_constraint("certificate_blank_dates_ordered")]

    def __str__(self) -> str:
        return f"{self.name} {self.version}".strip()

    def layout(self):
        """The blank as the certificate builder takes it; a field missing from ``fields`` takes the default."""
        from thidua.core.certificates import DEFAULT_BLANK_FIELDS, BlankField, BlankLayout

        boxes = {}
        for name, default in DEFAULT_BLANK_FIELDS.items():
            stored = self.fields.get(name) or {}
            boxes[name] = BlankField(
                x=float(stored.get("x", default.x)),
                y=float(stored.get("y", default.y)),
                width=float(stored.get("width", default.width)),
                size=float(stored.get("size", default.size)),
                align=str(stored.get("align", default.align)),
                printed=bool(stored.get("printed", default.printed)),
            )
        return BlankLayout(
            name=self.name,
            version=self.version,
            page_width_mm=float(self.page_width_mm),
            page_height_mm=float(self.page_height_mm),
            fields=boxes,
        )
