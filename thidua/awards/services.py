"""Every change to award rules, rubrics, flags and evaluation rounds goes through here.

Each function runs in one transaction, refuses illegal moves with ``ValidationError`` and writes its audit entry
in the same transaction. Rows of a round are locked before a transition, so two tabs cannot both move it.
"""

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards import announcements, council, scoring
from thidua.awards.models import (
    Attendance,
    AwardDecision,
    AwardedUnit,
    AwardingPower,
    AwardType,
    Ballot,
    BaseSalary,
    Choice,
    CouncilRule,
    CouncilSession,
    Criterion,
    CriterionSource,
    EligibilityFlag,
    EntryStatus,
    EvaluationEntry,
    EvaluationFigure,
    EvaluationRound,
    FigureKind,
    NamedVote,
    RoundStatus,
    Rubric,
    SessionMember,
    SessionResult,
    SessionStatus,
    VoteReceipt,
)
from thidua.awards.money import cash_amount
from thidua.campaigns.models import Campaign
from thidua.campaigns.progress import NOT_APPLICABLE, campaign_progress
from thidua.core.audit import audit_record
from thidua.core.collation import vietnamese
from thidua.core.text import clean_text, vietnamese_sort_key
from thidua.organizations.models import Membership, Role, Unit

# --- dated rules: what is in force on a day ---------------------------------------------------------------


def awarding_power_on(award_type: AwardType, day: date) -> list[AwardingPower]:
    return list(AwardingPower.objects.in_force_on(day).filter(award_type=award_type))


def legal_bases_on(award_type: AwardType, day: date) -> list[str]:
    return [line.text for line in award_type.legal_bases.in_force_on(day).order_by("position", "valid_from")]


def council_rule_on(authority: Unit, award_type: AwardType, day: date) -> CouncilRule | None:
    return (
        CouncilRule.objects.in_force_on(day)
        .filter(authority=authority, award_type=award_type)
        .order_by("-valid_from")
        .first()
    )


@dataclass(frozen=True)
class CashRate:
    coefficient: Decimal
    base_salary: int
    amount: int


def cash_rate_on(award_type: AwardType, day: date) -> CashRate | None:
    coefficient = award_type.cash_coefficients.in_force_on(day).order_by("-valid_from").first()
    salary = BaseSalary.objects.in_force_on(day).order_by("-valid_from").first()
    if coefficient is None or salary is None:
        return None
    return CashRate(
        coefficient=coefficient.coefficient,
        base_salary=salary.amount,
        amount=cash_amount(
            coefficient=coefficient.coefficient,
            base_salary=salary.amount,
            round_up_to=coefficient.round_up_to,
        ),
    )


# --- council rules ----------------------------------------------------------------------------------------

RULE_FIELDS = (
    "standing_office",
    "valid_from",
    "valid_to",
    "quorum_numerator",
    "quorum_denominator",
    "threshold_numerator",
    "threshold_denominator",
    "threshold_strict",
    "vote_denominator",
    "voting_method",
    "written_opinions_count",
    "tie_rule",
    "source",
)


def _check_rule(rule: CouncilRule) -> None:
    errors = {}
    if rule.quorum_denominator <= 0 or rule.quorum_numerator > rule.quorum_denominator:
        errors["quorum_numerator"] = _("The quorum must be a share of the members, at most all of them.")
    if rule.threshold_denominator <= 0 or rule.threshold_numerator > rule.threshold_denominator:
        errors["threshold_numerator"] = _("The threshold must be a share of the votes, at most all of them.")
    if rule.valid_to is not None and rule.valid_to < rule.valid_from:
        errors["valid_to"] = _("The end date must not be before the start date.")
    if errors:
        raise ValidationError(errors)
    overlapping = CouncilRule.objects.filter(authority=rule.authority, award_type=rule.award_type).exclude(
        pk=rule.pk
    )
    for other in overlapping:
        ends_before = rule.valid_to is not None and rule.valid_to < other.valid_from
        starts_after = other.valid_to is not None and rule.valid_from > other.valid_to
        if not (ends_before or starts_after):
            raise ValidationError(
                {"valid_from": _("Another rule of this authority for this award is in force in that period.")}
            )


@transaction.atomic
def council_rule_create(
    *, actor: Any, authority: Unit, award_type: AwardType, reason: str, **fields: Any
) -> CouncilRule:
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the change.")})
    rule = CouncilRule(authority=authority, award_type=award_type, **fields)
    _check_rule(rule)
    rule.save()
    audit_record(
        actor=actor,
        action="award.council_rule_created",
        target=rule,
        unit=authority,
        data={"reason": reason, "rule": rule.snapshot()},
    )
    return rule


@transaction.atomic
def council_rule_update(*, actor: Any, rule: CouncilRule, reason: str, **changes: Any) -> CouncilRule:
    """Change a rule. Rounds keep the copy they took when they opened, so none of them changes."""
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the change.")})
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise ValueError(f"not rule fields: {sorted(unknown)}")
    rule = CouncilRule.objects.select_for_update().get(pk=rule.pk)
    before = rule.snapshot()
    for name, value in changes.items():
        setattr(rule, name, value)
    _check_rule(rule)
    after = rule.snapshot()
    changed = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
    if not changed:
        raise ValidationError(_("Nothing was changed."))
    rule.save()
    audit_record(
        actor=actor,
        action="award.council_rule_changed",
        target=rule,
        unit=rule.authority,
        data={"reason": reason, "changed": changed},
    )
    return rule


# --- rubrics ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    label: str
    points: Decimal
    source: str = "indicator"  # CriterionSource.INDICATOR
    indicator: str = ""
    rule: str = ""
    scale_zero: Decimal | None = None
    scale_full: Decimal | None = None


@transaction.atomic
def rubric_create(
    *,
    actor: Any,
    campaign: Campaign,
    year: int,
    award_type: AwardType,
    criteria: Sequence[CriterionSpec],
    tie_break: str = scoring.TIE_BREAK_NONE,
    report_form: str = "",
    **rules: bool,
) -> Rubric:
    if year not in campaign.years:
        raise ValidationError({"year": _("The year is not a year of the campaign.")})
    if Rubric.objects.filter(campaign=campaign, year=year, award_type=award_type).exists():
        raise ValidationError(_("This campaign year has a rubric for this award already."))
    if not criteria:
        raise ValidationError(_("A rubric needs at least one criterion."))
    campaign_indicators = set(campaign.targets.values_list("indicator", flat=True))
    codes = [spec.code for spec in criteria]
    if len(set(codes)) != len(codes):
        raise ValidationError(_("Two criteria have the same code."))
    for spec in criteria:
        if spec.source == CriterionSource.INDICATOR and spec.indicator not in campaign_indicators:
            # A criterion is judged by the campaign's own verdict on the indicator, so it needs that target.
            raise ValidationError(
                _("The indicator %(indicator)s is not a target of the campaign.")
                % {"indicator": spec.indicator}
            )
    rubric = Rubric.objects.create(
        campaign=campaign,
        year=year,
        award_type=award_type,
        tie_break=tie_break,
        report_form=report_form,
        **rules,
    )
    objects = [
        Criterion(
            rubric=rubric,
            code=spec.code,
            label=clean_text(spec.label),
            position=position,
            points=Decimal(spec.points),
            source=spec.source,
            indicator=spec.indicator if spec.source == CriterionSource.INDICATOR else "",
            rule=spec.rule if spec.source == CriterionSource.INDICATOR else "",
            scale_zero=spec.scale_zero,
            scale_full=spec.scale_full,
        )
        for position, spec in enumerate(criteria, start=1)
    ]
    for criterion in objects:
        criterion.full_clean(exclude=["rubric"], validate_unique=False, validate_constraints=True)
    Criterion.objects.bulk_create(objects)
    audit_record(
        actor=actor,
        action="award.rubric_created",
        target=rubric,
        unit=campaign.issuing_unit,
        data={"year": year, "award": award_type.code, "criteria": codes},
    )
    return rubric


# --- eligibility flags ------------------------------------------------------------------------------------


@transaction.atomic
def flag_record(
    *, actor: Any, unit: Unit, kind: str, reason: str, starts_on: date, ends_on: date | None = None
) -> EligibilityFlag:
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the flag.")})
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date must not be before the start date.")})
    flag = EligibilityFlag.objects.create(
        unit=unit, kind=kind, reason=reason, starts_on=starts_on, ends_on=ends_on, recorded_by=actor
    )
    audit_record(
        actor=actor,
        action="award.flag_recorded",
        target=flag,
        unit=unit,
        data={"kind": kind, "reason": reason, "from": starts_on, "until": ends_on},
    )
    return flag


@transaction.atomic
def flag_lift(*, actor: Any, flag: EligibilityFlag, ends_on: date, reason: str) -> EligibilityFlag:
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for lifting the flag.")})
    flag = EligibilityFlag.objects.select_for_update().get(pk=flag.pk)
    if flag.ends_on is not None:
        raise ValidationError(_("This flag has already ended."))
    if ends_on < flag.starts_on:
        raise ValidationError({"ends_on": _("The end date must not be before the start date.")})
    flag.ends_on = ends_on
    flag.lifted_reason = reason
    flag.save(update_fields=["ends_on", "lifted_reason"])
    audit_record(
        actor=actor,
        action="award.flag_lifted",
        target=flag,
        unit=flag.unit,
        data={"until": ends_on, "reason": reason},
    )
    return flag


# --- the evaluation round ---------------------------------------------------------------------------------


def _already_awarded_unit_ids(campaign: Campaign, year: int, award_type: AwardType) -> set[int]:
    """Units awarded for the same campaign year under another award: one achievement is rewarded once."""
    return set(
        EvaluationEntry.objects.filter(round__campaign=campaign, round__year=year, status=EntryStatus.AWARDED)
        .exclude(round__award_type=award_type)
        .values_list("unit_id", flat=True)
    )


def _flagged_unit_ids(unit_ids: Sequence[int], day: date) -> dict[int, list[EligibilityFlag]]:
    flagged: dict[int, list[EligibilityFlag]] = {}
    for flag in EligibilityFlag.objects.filter(unit_id__in=unit_ids, starts_on__lte=day):
        if flag.is_active_on(day):
            flagged.setdefault(flag.unit_id, []).append(flag)
    return flagged


def _reason(code: str, detail: str = "") -> dict[str, str]:
    return {"code": code, "detail": detail}


@transaction.atomic
def round_open(
    *, actor: Any, campaign: Campaign, year: int, award_type: AwardType, planned_decision_date: date
) -> EvaluationRound:
    """Open the year's round: compute every participating unit's score and eligibility and freeze the figures."""
    authority = campaign.issuing_unit
    Unit.objects.select_for_update().filter(pk=authority.pk).first()  # one round opening at a time
    if year not in campaign.years:
        raise ValidationError({"year": _("The year is not a year of the campaign.")})
    if planned_decision_date.year <= year - 1:
        raise ValidationError(
            {"planned_decision_date": _("The decision cannot come before the year it rewards.")}
        )
    if campaign.award_types and award_type.code not in campaign.award_types:
        raise ValidationError({"award_type": _("The plan does not give this award in its rounds.")})
    if EvaluationRound.objects.filter(campaign=campaign, year=year, award_type=award_type).exists():
        raise ValidationError(_("This campaign year has a round for this award already."))
    rubric = Rubric.objects.filter(campaign=campaign, year=year, award_type=award_type).first()
    if rubric is None:
        raise ValidationError(_("There is no rubric for this campaign year and award."))
    powers = awarding_power_on(award_type, planned_decision_date)
    if authority.kind not in {power.authority_kind for power in powers}:
        raise ValidationError(
            {
                "planned_decision_date": _(
                    "On that date the Chairman of this authority may not give this award."
                )
            }
        )
    rule = council_rule_on(authority, award_type, planned_decision_date)
    if rule is None:
        raise ValidationError(
            {"planned_decision_date": _("No council rule of this authority is in force on that date.")}
        )
    now = timezone.now()
    evaluation_round = EvaluationRound.objects.create(
        campaign=campaign,
        year=year,
        award_type=award_type,
        authority=authority,
        rubric=rubric,
        rule=rule,
        rule_snapshot=rule.snapshot(),
        planned_decision_date=planned_decision_date,
        opened_by=actor,
        computed_at=now,
    )
    _compute_and_freeze(evaluation_round, now)
    audit_record(
        actor=actor,
        action="award.round_opened",
        target=evaluation_round,
        unit=authority,
        data={
            "year": year,
            "award": award_type.code,
            "planned_decision_date": planned_decision_date,
            "rule": rule.pk,
            "units": evaluation_round.entries.count(),
        },
    )
    return evaluation_round


def _compute_and_freeze(evaluation_round: EvaluationRound, now) -> None:
    campaign, year, rubric = evaluation_round.campaign, evaluation_round.year, evaluation_round.rubric
    day = evaluation_round.planned_decision_date
    progress = campaign_progress(campaign, year)
    criteria = list(rubric.criteria.all())
    rules = rubric.eligibility_rules()
    unit_ids = [row.unit.pk for row in progress.rows]
    flagged = _flagged_unit_ids(unit_ids, day)
    already = _already_awarded_unit_ids(campaign, year, evaluation_round.award_type)
    conditions = {target.pk: target.condition[:120] for target in progress.targets}  # once, not per unit

    entries, figures_by_unit = [], {}
    for row in progress.rows:
        unit = row.unit
        figures = []
        cells = {}
        for cell in row.cells:
            cells[cell.target.indicator] = cell
            if cell.status == NOT_APPLICABLE:
                continue
            figures.append(
                {
                    "kind": FigureKind.TARGET,
                    "code": cell.target.indicator,
                    "label": cell.target.label,
                    "position": cell.target.position,
                    "indicator": cell.target.indicator,
                    "status": cell.status,
                    "value": cell.value,
                    "detail": cell.detail,
                    "evidence_url": cell.url,
                    "condition": conditions[cell.target.pk],
                    "computed_at": now,
                }
            )
        points = []
        for criterion in criteria:
            if criterion.source == CriterionSource.MANUAL:
                status, value, detail, url = scoring.NO_DATA, None, "", ""
            else:
                bound = cells.get(criterion.indicator)
                if bound is None or bound.status == NOT_APPLICABLE:
                    status, value, detail, url = NOT_APPLICABLE, None, "", ""
                else:
                    status, value, detail, url = bound.status, bound.value, bound.detail, bound.url
            earned = (
                scoring.criterion_points(
                    rule=criterion.rule,
                    max_points=criterion.points,
                    status=status,
                    value=value,
                    scale_zero=criterion.scale_zero,
                    scale_full=criterion.scale_full,
                )
                if criterion.source == CriterionSource.INDICATOR
                else scoring.quantize_points(Decimal(0))
            )
            points.append(earned)
            figures.append(
                {
                    "kind": FigureKind.CRITERION,
                    "code": criterion.code,
                    "label": criterion.label,
                    "position": criterion.position,
                    "indicator": criterion.indicator,
                    "status": status,
                    "value": value,
                    "detail": detail,
                    "evidence_url": url,
                    "max_points": criterion.points,
                    "points": earned,
                    "computed_at": now,
                }
            )
        target_statuses = [cell.status for cell in row.cells if cell.status != NOT_APPLICABLE]
        facts = scoring.EligibilityFacts(
            target_statuses=target_statuses,
            flagged=unit.pk in flagged,
            dissolved_before_decision=unit.valid_to is not None and unit.valid_to < day,
            already_awarded=unit.pk in already,
        )
        reasons = []
        for code in scoring.ineligibility_reasons(rules, facts):
            detail = ""
            if code == scoring.REASON_TARGET_NOT_MET:
                detail = "; ".join(c.target.label for c in row.cells if c.status == scoring.NOT_MET)
            elif code == scoring.REASON_TARGET_NO_DATA:
                detail = "; ".join(c.target.label for c in row.cells if c.status == scoring.NO_DATA)
            elif code == scoring.REASON_FLAGGED:
                detail = "; ".join(f"{flag.get_kind_display()}: {flag.reason}" for flag in flagged[unit.pk])
            elif code == scoring.REASON_DISSOLVED:
                detail = unit.valid_to.strftime("%d/%m/%Y")
            reasons.append(_reason(code, detail))
        score = scoring.total_score(points)
        entries.append(
            {
                "round_id": evaluation_round.pk,
                "unit_id": unit.pk,
                "computed_score": score,
                "score": score,
                "eligible": not reasons,
                "ineligibility": reasons,
                "computed_at": now,
            }
        )
        figures_by_unit[unit.pk] = figures
    _insert_all(EvaluationEntry, entries)
    saved = dict(EvaluationEntry.objects.filter(round=evaluation_round).values_list("unit_id", "pk"))
    all_figures = []
    for unit_id, figures in figures_by_unit.items():
        for figure in figures:
            figure["entry_id"] = saved[unit_id]
            all_figures.append(figure)
    _insert_all(EvaluationFigure, all_figures)


def _insert_all(model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert new rows of ``model`` given as {attname: value} (unset fields take their defaults), as
    ``bulk_create`` would store them, in multi-row INSERTs.

    A round of 1,000 units freezes about 10,000 figures whose columns repeat (the criterion's code, label and
    points, the moment of computation). ``bulk_create`` built a model instance per figure and prepared its
    ~170,000 values one by one, most of the time of opening a round. Here each field's own ``get_db_prep_save``
    still prepares the values, so what is stored is the same, but a value seen before in the column is looked up.
    No model instance is made, so no ``save`` signal or ``pre_save`` runs: the two models have neither."""
    if not rows:
        return
    from django.db import connection

    meta = model._meta
    fields = [field for field in meta.concrete_fields if not (field.primary_key and field.db_returning)]
    if any(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) for field in fields):
        raise TypeError(f"{model.__name__} has automatic timestamps; use bulk_create")
    unknown = {key for row in rows for key in row} - {field.attname for field in fields}
    if unknown:
        raise TypeError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
    caches: list[dict] = [{} for _ in fields]
    # A field's default is the same value for every row unless it is a callable (a new id, a new list).
    defaults = {
        field.attname: field.get_default()
        for field in fields
        if not (field.has_default() and callable(field.default))
    }
    prepared_rows = []
    for row in rows:
        prepared_row = []
        for field, cache in zip(fields, caches, strict=True):
            attname = field.attname
            if attname in row:
                value = row[attname]
            elif attname in defaults:
                value = defaults[attname]
            else:
                value = field.get_default()
            try:
                key = (type(value), str(value) if isinstance(value, Decimal) else value)
                prepared = cache[key]
            except KeyError:
                prepared = cache[key] = field.get_db_prep_save(value, connection)
            except TypeError:  # an unhashable value (a JSON list): prepared each time
                prepared = field.get_db_prep_save(value, connection)
            prepared_row.append(prepared)
        prepared_rows.append(prepared_row)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    if connection.vendor == "postgresql":
        # One COPY instead of 8,500-parameter INSERTs: psycopg binds an INSERT's parameters on the client, by
        # parsing the statement's text (most of the time of opening a round on PostgreSQL); COPY sends the rows
        # as data, each value written by the same adapter an INSERT parameter would have gone through. A COPY is
        # not recorded among the connection's queries (``CaptureQueriesContext``) as an ``execute`` would be.
        statement = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for prepared_row in prepared_rows:
                copy.write_row(prepared_row)
        return
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # SQLite (3.32+) allows 32,766 parameters per statement, PostgreSQL 65,535; Django assumes 999 for SQLite.
    per_statement = max(1, min(500, 30000 // len(fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(prepared_rows), per_statement):
            chunk = prepared_rows[start : start + per_statement]
            # Table and column names come from the model, every value is a parameter.
            values = ", ".join([placeholders] * len(chunk))
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES {values}",  # noqa: S608
                [value for row in chunk for value in row],
            )


def _locked_round(evaluation_round: EvaluationRound) -> EvaluationRound:
    return EvaluationRound.objects.select_for_update().get(pk=evaluation_round.pk)


def _require_appraisal(evaluation_round: EvaluationRound) -> None:
    if evaluation_round.status != RoundStatus.APPRAISAL:
        raise ValidationError(_("The round is past appraisal; its figures can no longer change."))


def parse_points(raw: Any) -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError({"points": _("Enter a number of points.")}) from None
    if not value.is_finite():
        raise ValidationError({"points": _("Enter a number of points.")})
    return value


@transaction.atomic
def figure_adjust(
    *, actor: Any, figure: EvaluationFigure, points: Decimal, reason: str, evidence_url: str = ""
) -> EvaluationFigure:
    """The standing office's adjustment of a criterion: it stands beside the computed points, with its reason.
    A manual criterion is scored this way, and needs evidence (a link) as well."""
    evaluation_round = _locked_round(figure.entry.round)
    _require_appraisal(evaluation_round)
    figure = EvaluationFigure.objects.select_for_update().select_related("entry").get(pk=figure.pk)
    if figure.kind != FigureKind.CRITERION:
        raise ValidationError(_("Only a criterion's points can be adjusted."))
    reason = clean_text(reason)
    evidence_url = clean_text(evidence_url)
    errors = {}
    if not reason:
        errors["reason"] = _("Give the reason for the adjustment.")
    points = Decimal(points)
    if points < 0 or points > figure.max_points:
        errors["points"] = _("The points must be between 0 and %(max)s.") % {"max": figure.max_points}
    if points != scoring.quantize_points(points):
        errors["points"] = _("Points have at most two decimals.")
    criterion_is_manual = not figure.indicator
    if criterion_is_manual and not evidence_url:
        errors["evidence_url"] = _("A manual criterion needs a link to its evidence.")
    if evidence_url and not evidence_url.startswith(("https://", "http://", "/")):
        errors["evidence_url"] = _("Enter a web address (https://…) or a link within the product.")
    if errors:
        raise ValidationError(errors)
    before = figure.adjusted_points
    figure.adjusted_points = points
    figure.adjustment_reason = reason
    figure.adjustment_evidence_url = evidence_url
    figure.adjusted_by = actor
    figure.adjusted_at = timezone.now()
    figure.save()
    entry = EvaluationEntry.objects.select_for_update().get(pk=figure.entry_id)
    entry.score = scoring.total_score(
        scoring.effective_points(item.points, item.adjusted_points)
        for item in entry.figures.filter(kind=FigureKind.CRITERION)
    )
    entry.save(update_fields=["score"])
    audit_record(
        actor=actor,
        action="award.figure_adjusted",
        target=entry,
        unit=entry.unit,
        data={
            "criterion": figure.code,
            "computed": figure.points,
            "before": before,
            "adjusted": points,
            "reason": reason,
            "evidence": evidence_url,
        },
    )
    return figure


@transaction.atomic
def entry_propose(*, actor: Any, entry: EvaluationEntry, exception_reason: str = "") -> EvaluationEntry:
    """Propose a unit as a candidate. A unit the rules would not admit needs an explicit, public exception."""
    _require_appraisal(_locked_round(entry.round))
    entry = EvaluationEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status == EntryStatus.PROPOSED:
        raise ValidationError(_("The unit is proposed already."))
    exception_reason = clean_text(exception_reason)
    if not entry.eligible and not exception_reason:
        raise ValidationError(
            {
                "exception_reason": _(
                    "The rules would not admit this unit: proposing it is an exception and needs a reason, "
                    "which will be public."
                )
            }
        )
    entry.status = EntryStatus.PROPOSED
    if not entry.eligible:
        entry.exception_reason = exception_reason
        entry.exception_by = actor
        entry.exception_at = timezone.now()
    entry.save()
    audit_record(
        actor=actor,
        action="award.entry_proposed",
        target=entry,
        unit=entry.unit,
        data={"eligible": entry.eligible, "exception": exception_reason, "score": entry.score},
    )
    return entry


@transaction.atomic
def entry_withdraw(*, actor: Any, entry: EvaluationEntry) -> EvaluationEntry:
    _require_appraisal(_locked_round(entry.round))
    entry = EvaluationEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != EntryStatus.PROPOSED:
        raise ValidationError(_("The unit is not proposed."))
    entry.status = EntryStatus.ASSESSED
    entry.exception_reason = ""
    entry.exception_by = None
    entry.exception_at = None
    entry.save()
    audit_record(actor=actor, action="award.entry_withdrawn", target=entry, unit=entry.unit)
    return entry


@transaction.atomic
def round_propose(
    *, actor: Any, evaluation_round: EvaluationRound, day: date | None = None
) -> EvaluationRound:
    """Close the appraisal: the candidates go to the council on the frozen figures, each with its accepted
    achievement report (law art. 84), and their list is made public in a numbered notice (art. 84.5)."""
    from thidua.awards.notices import notice_issue_proposed
    from thidua.awards.reports import require_reports_for_council

    evaluation_round = _locked_round(evaluation_round)
    _require_appraisal(evaluation_round)
    candidates = evaluation_round.entries.filter(status=EntryStatus.PROPOSED).count()
    if candidates == 0:
        raise ValidationError(_("Propose at least one candidate first."))
    require_reports_for_council(evaluation_round)
    evaluation_round.status = RoundStatus.PROPOSED
    evaluation_round.proposed_at = timezone.now()
    evaluation_round.save(update_fields=["status", "proposed_at"])
    notice_issue_proposed(actor=actor, evaluation_round=evaluation_round, day=day or timezone.localdate())
    audit_record(
        actor=actor,
        action="award.round_proposed",
        target=evaluation_round,
        unit=evaluation_round.authority,
        data={"candidates": candidates},
    )
    return evaluation_round


# --- the council session ----------------------------------------------------------------------------------


def council_members(authority: Unit) -> list[tuple[Any, bool]]:
    """(user, is chair) for everyone holding the council role or the chairman role in the authority itself."""
    memberships = (
        Membership.objects.filter(unit=authority, is_active=True, user__is_active=True)
        .filter(role__in=[Role.COUNCIL_MEMBER, Role.CHAIRMAN])
        .select_related("user")
        .order_by(vietnamese("user__full_name"), "user__username")
    )
    members: dict[int, tuple[Any, bool]] = {}
    for membership in memberships:
        user, is_chair = members.get(membership.user_id, (membership.user, False))
        members[membership.user_id] = (user, is_chair or membership.role == Role.CHAIRMAN)
    chairs = [user for user, is_chair in members.values() if is_chair]
    if len(chairs) > 1:
        # Two chairman roles in one authority: the first by name chairs, the others sit as members.
        for user in chairs[1:]:
            members[user.pk] = (user, False)
    return list(members.values())


def _locked_session(session: CouncilSession) -> CouncilSession:
    return CouncilSession.objects.select_for_update().get(pk=session.pk)


@transaction.atomic
def session_create(
    *, actor: Any, evaluation_round: EvaluationRound, held_on: date, place: str
) -> CouncilSession:
    """Call the council on the round's candidates; its members are the council roles held in the authority."""
    evaluation_round = _locked_round(evaluation_round)
    if evaluation_round.status != RoundStatus.PROPOSED:
        raise ValidationError(
            _("The council meets once the candidates are proposed and before the decision.")
        )
    if evaluation_round.sessions.exclude(status=SessionStatus.CLOSED).exists():
        raise ValidationError(_("The round has a session that is not closed yet."))
    place = clean_text(place)
    if not place:
        raise ValidationError({"place": _("Give the place of the meeting.")})
    members = council_members(evaluation_round.authority)
    if not members:
        raise ValidationError(_("Nobody holds the council role in this authority."))
    if not any(is_chair for _user, is_chair in members):
        raise ValidationError(_("The council has no chair: give someone the chairman role in the authority."))
    session = CouncilSession.objects.create(
        round=evaluation_round, held_on=held_on, place=place, created_by=actor
    )
    SessionMember.objects.bulk_create(
        [SessionMember(session=session, user=user, is_chair=is_chair) for user, is_chair in members]
    )
    entry = audit_record(
        actor=actor,
        action="award.session_created",
        target=session,
        unit=evaluation_round.authority,
        data={"held_on": held_on, "place": place, "members": len(members)},
    )
    announcements.session_called(session, entry, actor)
    return session


@transaction.atomic
def attendance_record(*, actor: Any, session: CouncilSession, attendance: dict[int, str]) -> CouncilSession:
    """Record who is present and who is absent with or without a written opinion, before the vote opens."""
    session = _locked_session(session)
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(_("Attendance is recorded before the vote opens."))
    members = {member.pk: member for member in session.members.all()}
    if set(attendance) - set(members) or set(attendance.values()) - set(Attendance.values):
        raise ValidationError(_("The attendance names someone who is not a member of this session."))
    for member_id, value in attendance.items():
        member = members[member_id]
        if member.attendance != value:
            member.attendance = value
            member.save(update_fields=["attendance"])
    audit_record(
        actor=actor,
        action="award.attendance_recorded",
        target=session,
        unit=session.round.authority,
        data={str(members[member_id].user): value for member_id, value in attendance.items()},
    )
    return session


@dataclass(frozen=True)
class AttendanceCount:
    members: int
    present: int
    written: int
    quorum: bool


def attendance_count(session: CouncilSession) -> AttendanceCount:
    rule = session.round.rule_snapshot
    values = list(session.members.values_list("attendance", flat=True))
    present = values.count(Attendance.PRESENT)
    written = values.count(Attendance.ABSENT_WRITTEN) if rule["written_opinions_count"] else 0
    return AttendanceCount(
        members=len(values),
        present=present,
        written=written,
        quorum=council.quorum_met(
            present=present,
            members=len(values),
            numerator=rule["quorum_numerator"],
            denominator=rule["quorum_denominator"],
        ),
    )


@transaction.atomic
def written_opinion_record(
    *, actor: Any, session: CouncilSession, member: SessionMember, choices: dict[int, str]
) -> None:
    """The written opinion of an absent member, entered by the standing office: named, as the paper is."""
    session = _locked_session(session)
    if session.status == SessionStatus.CLOSED:
        raise ValidationError(_("The session is closed."))
    member = SessionMember.objects.get(pk=member.pk, session=session)
    if member.attendance != Attendance.ABSENT_WRITTEN:
        raise ValidationError(_("Only an absent member with a written opinion has one to record."))
    entries = session_candidates(session)
    _check_sheet(entries, choices)
    NamedVote.objects.filter(member=member).delete()
    NamedVote.objects.bulk_create(
        [
            NamedVote(session=session, member=member, entry_id=entry_id, choice=choice, is_written=True)
            for entry_id, choice in choices.items()
        ]
    )
    audit_record(
        actor=actor,
        action="award.written_opinion_recorded",
        target=session,
        unit=session.round.authority,
        data={"member": str(member.user)},
    )


@transaction.atomic
def session_open_vote(*, actor: Any, session: CouncilSession) -> CouncilSession:
    """Open the vote: every member's attendance is recorded and the quorum of the frozen rule is reached."""
    session = _locked_session(session)
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(_("The vote of this session is open or closed already."))
    if session.members.filter(attendance=Attendance.UNKNOWN).exists():
        raise ValidationError(_("Record every member's attendance first."))
    count = attendance_count(session)
    if not count.quorum:
        raise ValidationError(
            _("Quorum not reached: %(present)s of %(members)s members present.")
            % {"present": count.present, "members": count.members}
        )
    session.status = SessionStatus.VOTING
    session.voting_opened_at = timezone.now()
    session.save(update_fields=["status", "voting_opened_at"])
    entry = audit_record(
        actor=actor,
        action="award.vote_opened",
        target=session,
        unit=session.round.authority,
        data={"present": count.present, "members": count.members},
    )
    announcements.vote_opened(session, entry, actor)
    return session


def session_candidates(session: CouncilSession) -> list[EvaluationEntry]:
    return list(
        session.round.entries.filter(status=EntryStatus.PROPOSED)
        .select_related("unit")
        .order_by(vietnamese("unit__name"))
    )


def _check_sheet(entries: Sequence[EvaluationEntry], choices: dict[int, str]) -> None:
    if set(choices) != {entry.pk for entry in entries}:
        raise ValidationError(_("Give a choice for every candidate, and only for the candidates."))
    if set(choices.values()) - set(Choice.values):
        raise ValidationError(_("Each choice is agree, disagree or abstain."))


@transaction.atomic
def vote_cast(*, actor: Any, session: CouncilSession, choices: dict[int, str]) -> None:
    """A present member's vote on every candidate, once, while the vote is open.

    For a secret ballot the choices go into ``Ballot`` rows that carry no member and no time, in an order
    shuffled here, and the member gets a ``VoteReceipt`` that carries no choice. The audit entry says only that
    the member voted."""
    session = _locked_session(session)
    if session.status != SessionStatus.VOTING:
        raise ValidationError(_("The vote is not open."))
    member = SessionMember.objects.filter(session=session, user=actor).first()
    if member is None:
        raise ValidationError(_("Only a member of the council votes."))
    if member.attendance != Attendance.PRESENT:
        raise ValidationError(_("Only a member present at the session votes."))
    if VoteReceipt.objects.filter(session=session, member=member).exists():
        raise ValidationError(_("You have voted already."))
    entries = session_candidates(session)
    _check_sheet(entries, choices)
    VoteReceipt.objects.create(session=session, member=member)
    if session.is_secret:
        ballots = [
            Ballot(session=session, entry_id=entry_id, choice=choice) for entry_id, choice in choices.items()
        ]
        secrets.SystemRandom().shuffle(ballots)
        Ballot.objects.bulk_create(ballots)
    else:
        NamedVote.objects.bulk_create(
            [
                NamedVote(session=session, member=member, entry_id=entry_id, choice=choice)
                for entry_id, choice in choices.items()
            ]
        )
    # No choice in the trail: only that this member took part.
    audit_record(actor=actor, action="award.vote_cast", target=session, unit=session.round.authority)


def _counts(session: CouncilSession) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {}
    rows = (
        Ballot.objects.filter(session=session).values_list("entry_id", "choice")
        if session.is_secret
        else NamedVote.objects.filter(session=session, is_written=False).values_list("entry_id", "choice")
    )
    for entry_id, choice in rows:
        counts.setdefault(entry_id, dict.fromkeys(Choice.values, 0))[choice] += 1
    return counts


def _chair_choices(session: CouncilSession) -> dict[int, str]:
    if session.is_secret:
        return {}
    return dict(
        NamedVote.objects.filter(session=session, member__is_chair=True, is_written=False).values_list(
            "entry_id", "choice"
        )
    )


@transaction.atomic
def session_close(*, actor: Any, session: CouncilSession) -> CouncilSession:
    """Close the vote and count it by the round's frozen rule. The ballots are shuffled once more on the way."""
    session = _locked_session(session)
    if session.status != SessionStatus.VOTING:
        raise ValidationError(_("The vote is not open."))
    rule = session.round.rule_snapshot
    count = attendance_count(session)
    base = council.vote_denominator(
        kind=rule["vote_denominator"], members=count.members, present=count.present, written=count.written
    )
    counts = _counts(session)
    written: dict[int, dict[str, int]] = {}
    if rule["written_opinions_count"]:
        for entry_id, choice in NamedVote.objects.filter(session=session, is_written=True).values_list(
            "entry_id", "choice"
        ):
            written.setdefault(entry_id, dict.fromkeys(Choice.values, 0))[choice] += 1
    chair = _chair_choices(session)
    results = []
    for entry in session_candidates(session):
        cast = counts.get(entry.pk, dict.fromkeys(Choice.values, 0))
        extra = written.get(entry.pk, dict.fromkeys(Choice.values, 0))
        agree = cast[Choice.AGREE] + extra[Choice.AGREE]
        outcome = council.vote_outcome(
            agree=agree,
            base=base,
            numerator=rule["threshold_numerator"],
            denominator=rule["threshold_denominator"],
            strict=rule["threshold_strict"],
        )
        result, settled = outcome.result, False
        if result == council.TIE and entry.pk in chair:
            result = council.settle_tie(
                tie_rule=rule["tie_rule"], chair_agrees=chair[entry.pk] == Choice.AGREE
            )
            settled = result != council.TIE
        results.append(
            SessionResult(
                session=session,
                entry=entry,
                valid=sum(cast.values()),
                agree=cast[Choice.AGREE],
                disagree=cast[Choice.DISAGREE],
                abstain=cast[Choice.ABSTAIN],
                written_agree=extra[Choice.AGREE],
                base=base,
                percent=outcome.percent,
                result=result,
                tie_settled_by_chair=settled,
            )
        )
    SessionResult.objects.bulk_create(results)
    if session.is_secret:
        _reshuffle_ballots(session)
    session.status = SessionStatus.CLOSED
    session.closed_at = timezone.now()
    session.save(update_fields=["status", "closed_at"])
    evaluation_round = _locked_round(session.round)
    if not any(result.result == council.TIE for result in results):
        evaluation_round.status = RoundStatus.VOTED
        evaluation_round.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="award.session_closed",
        target=session,
        unit=session.round.authority,
        data={
            "results": {
                str(result.entry.unit): [result.agree, result.base, result.result] for result in results
            },
        },
    )
    return session


def _reshuffle_ballots(session: CouncilSession) -> None:
    """Write the ballots again with new random keys in a random order, so that not even the storage order
    left by the votes survives the session."""
    rows = list(Ballot.objects.filter(session=session).values_list("entry_id", "choice"))
    Ballot.objects.filter(session=session).delete()
    secrets.SystemRandom().shuffle(rows)
    Ballot.objects.bulk_create(
        [Ballot(session=session, entry_id=entry_id, choice=choice) for entry_id, choice in rows]
    )


@transaction.atomic
def tie_settle_by_chair(*, actor: Any, result: SessionResult, agrees: bool) -> SessionResult:
    """After a secret ballot the chair's side is not known: the chair states it openly for a tied candidate."""
    result = SessionResult.objects.select_for_update().select_related("session__round").get(pk=result.pk)
    rule = result.session.round.rule_snapshot
    if result.result != council.TIE:
        raise ValidationError(_("This candidate is not tied."))
    if rule["tie_rule"] != council.TIE_CHAIR:
        raise ValidationError(_("Under this rule a tie goes to a new vote."))
    chair = SessionMember.objects.filter(session=result.session, is_chair=True).first()
    if chair is None or chair.user_id != actor.pk:
        raise ValidationError(_("Only the chair of the session settles a tie."))
    result.result = council.settle_tie(tie_rule=rule["tie_rule"], chair_agrees=agrees)
    result.tie_settled_by_chair = True
    result.save(update_fields=["result", "tie_settled_by_chair"])
    evaluation_round = _locked_round(result.session.round)
    if not SessionResult.objects.filter(session=result.session, result=council.TIE).exists():
        evaluation_round.status = RoundStatus.VOTED
        evaluation_round.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="award.tie_settled",
        target=result.session,
        unit=evaluation_round.authority,
        data={"unit": str(result.entry.unit), "chair_agrees": agrees},
    )
    return result


# --- proposal and decision --------------------------------------------------------------------------------


def _latest_results(evaluation_round: EvaluationRound) -> dict[int, SessionResult]:
    """Each candidate's result in the last closed session that counted it."""
    results: dict[int, SessionResult] = {}
    closed = evaluation_round.sessions.filter(status=SessionStatus.CLOSED).order_by("closed_at", "pk")
    for result in SessionResult.objects.filter(session__in=closed).order_by(
        "session__closed_at", "session_id"
    ):
        results[result.entry_id] = result
    return results


def _proposer(authority: Unit, power: AwardingPower) -> str:
    """Who proposes, as the decision writes it: the authority's standing office (its settings), else the power's
    default title."""
    settings = authority.settings_or_none()
    return (settings.proposer_title if settings is not None else "") or power.proposer_title


def standing_office(evaluation_round: EvaluationRound) -> Unit:
    """The body that signs the proposal: the rule's standing office, or the authority itself."""
    office_id = evaluation_round.rule_snapshot.get("standing_office")
    office = Unit.objects.filter(pk=office_id).first() if office_id else None
    return office or evaluation_round.authority.standing_office or evaluation_round.authority


def passed_entries(evaluation_round: EvaluationRound) -> list[EvaluationEntry]:
    results = _latest_results(evaluation_round)
    entries = evaluation_round.entries.filter(
        status__in=[EntryStatus.PROPOSED, EntryStatus.AWARDED]
    ).select_related("unit")
    return sorted(
        (entry for entry in entries if entry.pk in results and results[entry.pk].result == council.PASSED),
        key=lambda entry: (-entry.score, vietnamese_sort_key(entry.unit.name), entry.unit.code),
    )


def issue_document_number(
    *, actor: Any, issuer: Unit, type_code: str, day: date, subject: str, reference: str
):
    from thidua.organizations.services import document_number_issue

    return document_number_issue(
        actor=actor, issuer=issuer, type_code=type_code, day=day, subject=subject, reference=reference
    )


@transaction.atomic
def proposal_submit(*, actor: Any, evaluation_round: EvaluationRound, day: date) -> EvaluationRound:
    """The standing office's proposal (tờ trình) to the Chairman with the units the council passed."""
    evaluation_round = _locked_round(evaluation_round)
    if evaluation_round.status != RoundStatus.VOTED:
        raise ValidationError(_("The proposal goes to the Chairman after the council has voted."))
    if not passed_entries(evaluation_round):
        raise ValidationError(_("The council passed no candidate; there is nothing to propose."))
    entry = issue_document_number(
        actor=actor,
        issuer=standing_office(evaluation_round),
        type_code="TTr",
        day=day,
        subject=str(_("Proposal of awards: %(round)s") % {"round": evaluation_round}),
        reference=f"award-proposal:{evaluation_round.pk}",
    )
    evaluation_round.status = RoundStatus.SUBMITTED
    evaluation_round.proposal_number = entry.number
    evaluation_round.proposal_date = day
    evaluation_round.save(update_fields=["status", "proposal_number", "proposal_date"])
    audit = audit_record(
        actor=actor,
        action="award.proposal_submitted",
        target=evaluation_round,
        unit=evaluation_round.authority,
        data={"number": entry.number, "date": day},
    )
    announcements.proposal_submitted(evaluation_round, audit, actor)
    return evaluation_round


def achievement_text(evaluation_round: EvaluationRound) -> str:
    return str(
        _("Achieved the targets and contents of emulation under Plan %(plan)s in %(year)s")
        % {"plan": evaluation_round.campaign.number, "year": evaluation_round.year}
    )


@transaction.atomic
def decision_approve(*, actor: Any, evaluation_round: EvaluationRound, day: date) -> AwardDecision:
    """The Chairman approves: the decision is issued with the next number of the authority's register, the
    legal bases and cash rate in force on its date, and the awarded units get their award-register numbers."""
    evaluation_round = _locked_round(evaluation_round)
    if evaluation_round.status != RoundStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted proposal can be approved."))
    authority = evaluation_round.authority
    if not Membership.objects.filter(
        user=actor, unit=authority, role=Role.CHAIRMAN, is_active=True
    ).exists() and not getattr(actor, "is_superuser", False):
        raise ValidationError(_("Only the Chairman of the authority approves."))
    if evaluation_round.proposal_date and day < evaluation_round.proposal_date:
        raise ValidationError({"day": _("The decision cannot come before the proposal.")})
    power = next(
        (
            power
            for power in awarding_power_on(evaluation_round.award_type, day)
            if power.authority_kind == authority.kind
        ),
        None,
    )
    if power is None:
        raise ValidationError(
            {"day": _("On that date the Chairman of this authority may not give this award.")}
        )
    rate = cash_rate_on(evaluation_round.award_type, day)
    if rate is None:
        raise ValidationError({"day": _("No cash rate is in force on that date.")})
    awarded = passed_entries(evaluation_round)
    for entry in awarded:
        # The last guard of fairness: nobody is awarded whom the rules would not admit, unless publicly excepted.
        if not entry.eligible and not entry.exception_reason:
            raise ValidationError(_("%(unit)s is not eligible and has no exception.") % {"unit": entry.unit})
        if entry.unit.valid_to is not None and entry.unit.valid_to < day and not entry.exception_reason:
            raise ValidationError(
                _("%(unit)s was dissolved before the decision date.") % {"unit": entry.unit}
            )
    document = issue_document_number(
        actor=actor,
        issuer=authority,
        type_code="QĐ",
        day=day,
        subject=str(_("Decision of awards: %(round)s") % {"round": evaluation_round}),
        reference=f"award-decision:{evaluation_round.pk}",
    )
    decision = AwardDecision.objects.create(
        round=evaluation_round,
        number=document.number,
        issued_on=day,
        signer=actor,
        signer_title=power.signer_title,
        legal_bases=legal_bases_on(evaluation_round.award_type, day),
        proposal_number=evaluation_round.proposal_number,
        proposal_date=evaluation_round.proposal_date,
        proposer=_proposer(authority, power),
        coefficient=rate.coefficient,
        base_salary=rate.base_salary,
        cash_amount=rate.amount,
    )
    last = (
        AwardedUnit.objects.filter(authority=authority, register_year=day.year)
        .order_by("-register_number")
        .values_list("register_number", flat=True)
        .first()
    ) or 0
    achievement = achievement_text(evaluation_round)
    AwardedUnit.objects.bulk_create(
        [
            AwardedUnit(
                decision=decision,
                entry=entry,
                unit=entry.unit,
                unit_name=entry.unit.official_name or entry.unit.name,
                position=position,
                authority=authority,
                register_year=day.year,
                register_number=last + position,
                achievement=achievement,
            )
            for position, entry in enumerate(awarded, start=1)
        ]
    )
    awarded_ids = [entry.pk for entry in awarded]
    evaluation_round.entries.filter(pk__in=awarded_ids).update(status=EntryStatus.AWARDED)
    evaluation_round.entries.filter(status=EntryStatus.PROPOSED).update(status=EntryStatus.NOT_AWARDED)
    evaluation_round.status = RoundStatus.DECIDED
    evaluation_round.decided_at = timezone.now()
    evaluation_round.save(update_fields=["status", "decided_at"])
    from thidua.awards.notices import notice_issue_awarded

    notice_issue_awarded(actor=actor, decision=decision)
    audit = audit_record(
        actor=actor,
        action="award.decision_issued",
        target=decision,
        unit=authority,
        data={"number": decision.number, "date": day, "units": len(awarded), "cash": rate.amount},
    )
    announcements.decision_issued(evaluation_round, audit, actor, decision.number)
    return decision


# --- certificate blanks (phôi Giấy khen) ----------------------------------------------------------------------

BLANK_SETTINGS = ("name", "version", "valid_from", "valid_to", "page_width_mm", "page_height_mm")
BLANK_BOX_KEYS = ("x", "y", "width", "size", "align", "printed")


def _blank_fields(fields: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Every field of the layout, stored as plain numbers (mm to 0.1, pt to 0.5) with the defaults filled in."""
    from thidua.core.certificates import DEFAULT_BLANK_FIELDS, FIELD_ALIGNMENTS

    fields = fields or {}
    unknown = set(fields) - set(DEFAULT_BLANK_FIELDS)
    if unknown:
        raise ValueError(f"not blank fields: {sorted(unknown)}")
    result = {}
    for name, default in DEFAULT_BLANK_FIELDS.items():
        given = {**default.__dict__, **(fields.get(name) or {})}
        try:
            box = {
                "x": round(float(given["x"]), 1),
                "y": round(float(given["y"]), 1),
                "width": round(float(given["width"]), 1),
                "size": round(float(given["size"]) * 2) / 2,
                "align": str(given["align"]),
                "printed": bool(given["printed"]),
            }
        except (TypeError, ValueError):
            raise ValidationError(_("Give every offset, width and size as a number.")) from None
        if box["align"] not in FIELD_ALIGNMENTS:
            raise ValidationError(_("Choose an alignment: left, centre or right."))
        result[name] = box
    return result


def _check_blank(blank) -> None:
    from thidua.core.certificates import BLANK_FIELDS

    width, height = float(blank.page_width_mm), float(blank.page_height_mm)
    if not (50 <= width <= 500 and 50 <= height <= 500):
        raise ValidationError(_("The paper must be between 50 and 500 mm on each side."))
    if blank.valid_to is not None and blank.valid_to < blank.valid_from:
        raise ValidationError({"valid_to": _("The end date cannot come before the start date.")})
    for name, box in blank.fields.items():
        label = BLANK_FIELDS[name].label
        if box["x"] < 0 or box["y"] < 0 or box["width"] < 10 or box["x"] + box["width"] > width:
            raise ValidationError(
                _("%(field)s: the box must lie on the paper and be at least 10 mm wide.") % {"field": label}
            )
        if box["y"] > height - 5:
            raise ValidationError(_("%(field)s: the box starts below the paper.") % {"field": label})
        if not 6 <= box["size"] <= 60:
            raise ValidationError(_("%(field)s: the type size must be from 6 to 60 pt.") % {"field": label})


def _blank_snapshot(blank) -> dict[str, Any]:
    return {
        "name": blank.name,
        "version": blank.version,
        "valid_from": blank.valid_from.isoformat(),
        "valid_to": blank.valid_to.isoformat() if blank.valid_to else None,
        "page_width_mm": str(Decimal(blank.page_width_mm).quantize(Decimal("0.1"))),
        "page_height_mm": str(Decimal(blank.page_height_mm).quantize(Decimal("0.1"))),
        "fields": blank.fields,
    }


@transaction.atomic
def certificate_blank_create(
    *,
    actor: Any,
    authority: Unit,
    reason: str,
    name: str,
    valid_from: date,
    valid_to: date | None = None,
    version: str = "",
    page_width_mm: Decimal | float = 210,
    page_height_mm: Decimal | float = 297,
    fields: dict[str, Any] | None = None,
):
    """Record a blank design of the authority; fields not given take the default A4 offsets."""
    from thidua.awards.models import CertificateBlank

    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the change.")})
    blank = CertificateBlank(
        authority=authority,
        name=clean_text(name),
        version=clean_text(version),
        valid_from=valid_from,
        valid_to=valid_to,
        page_width_mm=Decimal(str(page_width_mm)),
        page_height_mm=Decimal(str(page_height_mm)),
        fields=_blank_fields(fields),
    )
    if not blank.name:
        raise ValidationError({"name": _("Give the blank a name.")})
    _check_blank(blank)
    blank.save()
    audit_record(
        actor=actor,
        action="award.certificate_blank_created",
        target=blank,
        unit=authority,
        data={"reason": reason, "blank": _blank_snapshot(blank)},
    )
    return blank


@transaction.atomic
def certificate_blank_update(*, actor: Any, blank, reason: str, **changes: Any):
    """Change a blank design (its settings or any field's box), with the reason; the audit entry keeps what
    changed, field by field."""
    from thidua.awards.models import CertificateBlank

    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the change.")})
    unknown = set(changes) - {*BLANK_SETTINGS, "fields"}
    if unknown:
        raise ValueError(f"not blank settings: {sorted(unknown)}")
    blank = CertificateBlank.objects.select_for_update().get(pk=blank.pk)
    before = _blank_snapshot(blank)
    for name, value in changes.items():
        if name == "fields":
            value = _blank_fields({**blank.fields, **value})
        elif name in {"name", "version"}:
            value = clean_text(value)
        elif name in {"page_width_mm", "page_height_mm"}:
            value = Decimal(str(value))
        setattr(blank, name, value)
    if not blank.name:
        raise ValidationError({"name": _("Give the blank a name.")})
    _check_blank(blank)
    after = _blank_snapshot(blank)
    changed: dict[str, Any] = {
        name: [before[name], after[name]]
        for name in after
        if name != "fields" and before[name] != after[name]
    }
    for name, box in after["fields"].items():
        old = before["fields"].get(name, {})
        moved = {key: [old.get(key), box[key]] for key in BLANK_BOX_KEYS if old.get(key) != box[key]}
        if moved:
            changed[f"fields.{name}"] = moved
    if not changed:
        raise ValidationError(_("Nothing was changed."))
    blank.save()
    audit_record(
        actor=actor,
        action="award.certificate_blank_changed",
        target=blank,
        unit=blank.authority,
        data={"reason": reason, "changed": changed},
    )
    return blank
