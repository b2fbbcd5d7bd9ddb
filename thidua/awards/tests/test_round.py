"""The evaluation round: computed from the registry, frozen, adjusted only with a reason, candidates proposed."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from thidua.awards import services
from thidua.awards.models import EntryStatus, EvaluationEntry, EvaluationFigure, EvaluationRound, RoundStatus
from thidua.awards.selectors import live_differences
from thidua.awards.tests.conftest import DECISION_DATE, RULE
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def entry_of(evaluation_round, unit):
    return EvaluationEntry.objects.get(round=evaluation_round, unit=unit)


def test_each_unit_gets_its_score_from_the_measured_data(world, opened_round):
    scores = {entry.unit.code: entry.score for entry in opened_round.entries.all()}
    # A: 40 + (95−90)/10×30 + (90−80)/20×20 + 0 = 65; B: 0 + 6 + 5 = 11; agency: 40 + 0 (no data) + 20 = 60
    assert scores == {
        world.unit_a.code: Decimal("65.00"),
        world.unit_b.code: Decimal("11.00"),
        world.agency.code: Decimal("60.00"),
    }


def test_only_a_unit_meeting_every_target_is_eligible_and_the_others_say_why(world, opened_round):
    reasons = {
        entry.unit.code: (entry.eligible, [reason["code"] for reason in entry.ineligibility])
        for entry in opened_round.entries.all()
    }
    assert reasons == {
        world.unit_a.code: (True, []),
        world.unit_b.code: (False, ["target_not_met"]),
        world.agency.code: (False, ["target_no_data"]),
    }


def test_every_frozen_figure_keeps_its_value_detail_and_evidence_link(world, opened_round):
    figure = EvaluationFigure.objects.get(entry__unit=world.unit_a, kind="criterion", code="satisfaction")
    assert (figure.value, figure.points, figure.max_points, figure.status, figure.evidence_url) == (
        Decimal("95"),
        Decimal("15.00"),
        Decimal("30.00"),
        "met",
        f"/evidence/satisfaction_index/{world.unit_a.code}",
    )
    targets = EvaluationFigure.objects.filter(entry__unit=world.unit_a, kind="target")
    assert sorted(targets.values_list("code", "status")) == [
        ("office_culture", "met"),
        ("reform_models", "met"),
        ("satisfaction_index", "met"),
    ]


def test_a_later_change_of_the_data_shows_beside_the_frozen_figure_and_changes_nothing(
    world, opened_round, measured
):
    measured.set("satisfaction_index", world.unit_a, 88)
    figures = list(EvaluationFigure.objects.filter(entry__round=opened_round))
    differences = live_differences(opened_round, figures)
    changed = {(figure.kind, figure.code) for figure in figures if figure.pk in differences}
    assert changed == {("target", "satisfaction_index"), ("criterion", "satisfaction")}
    now = next(differences[f.pk] for f in figures if f.pk in differences)
    assert (now.status, now.value) == ("not_met", Decimal("88"))
    assert entry_of(opened_round, world.unit_a).score == Decimal("65.00")


def test_a_unit_flagged_on_the_decision_date_is_not_eligible(world, award_type, rubric, measured_world):
    services.flag_record(
        actor=world.user("district_officer"),
        unit=world.unit_a,
        kind="complaint",
        reason="Đang giải quyết khiếu nại",
        starts_on=date(2021, 12, 1),
    )
    evaluation_round = services.round_open(
        actor=world.user("district_officer"),
        campaign=world.campaign,
        year=2021,
        award_type=award_type,
        planned_decision_date=DECISION_DATE,
    )
    entry = entry_of(evaluation_round, world.unit_a)
    assert (entry.eligible, entry.ineligibility[0]["code"]) == (False, "flagged")
    assert "Đang giải quyết khiếu nại" in entry.ineligibility[0]["detail"]


def test_a_flag_lifted_before_the_decision_date_does_not_count(world, award_type, rubric, measured_world):
    flag = services.flag_record(
        actor=world.user("district_officer"),
        unit=world.unit_a,
        kind="inspection",
        reason="Thanh tra công vụ",
        starts_on=date(2021, 11, 1),
    )
    services.flag_lift(
        actor=world.user("district_officer"), flag=flag, ends_on=date(2022, 1, 10), reason="Kết luận"
    )
    evaluation_round = services.round_open(
        actor=world.user("district_officer"),
        campaign=world.campaign,
        year=2021,
        award_type=award_type,
        planned_decision_date=DECISION_DATE,
    )
    assert entry_of(evaluation_round, world.unit_a).eligible is True


def test_a_unit_dissolved_before_the_decision_date_is_not_eligible(world, award_type, rubric, measured_world):
    world.unit_a.valid_to = date(2022, 1, 31)
    world.unit_a.save()
    evaluation_round = services.round_open(
        actor=world.user("district_officer"),
        campaign=world.campaign,
        year=2021,
        award_type=award_type,
        planned_decision_date=DECISION_DATE,
    )
    entry = entry_of(evaluation_round, world.unit_a)
    assert (entry.eligible, entry.ineligibility) == (False, [{"code": "dissolved", "detail": "31/01/2022"}])


def test_a_unit_awarded_for_the_same_year_under_another_award_is_not_eligible_again(
    world, award_type, rubric, measured_world, opened_round
):
    from thidua.awards.models import AwardType, Rubric

    EvaluationEntry.objects.filter(round=opened_round, unit=world.unit_a).update(status=EntryStatus.AWARDED)
    other = AwardType.objects.create(code="khac", label="Khác", recipient="collective")
    Rubric.objects.create(campaign=world.campaign, year=2021, award_type=other)
    services.council_rule_create(
        actor=None,
        authority=world.district,
        award_type=other,
        reason="x",
        **RULE,
    )
    from thidua.awards.models import AwardingPower

    AwardingPower.objects.create(
        award_type=other, authority_kind="district", signer_title="X", valid_from=date(2020, 1, 1)
    )
    second = services.round_open(
        actor=world.user("district_officer"),
        campaign=world.campaign,
        year=2021,
        award_type=other,
        planned_decision_date=DECISION_DATE,
    )
    assert [reason["code"] for reason in entry_of(second, world.unit_a).ineligibility] == ["already_awarded"]


def test_a_round_is_opened_once_per_year_and_award(world, award_type, opened_round):
    with pytest.raises(ValidationError):
        services.round_open(
            actor=world.user("district_officer"),
            campaign=world.campaign,
            year=2021,
            award_type=award_type,
            planned_decision_date=DECISION_DATE,
        )
    assert EvaluationRound.objects.count() == 1


@pytest.mark.parametrize(
    ("year", "day"),
    [
        (2022, date(2023, 2, 1)),  # no rubric for 2022
        (2021, date(2025, 8, 1)),  # the district Chairman no longer awards; no rule in force either
        (2021, date(2020, 6, 1)),  # before the year it rewards
        (2030, date(2031, 1, 1)),  # not a campaign year
    ],
)
def test_a_round_without_a_rubric_a_rule_or_an_awarding_power_is_refused(
    world, award_type, rubric, measured_world, year, day
):
    with pytest.raises(ValidationError):
        services.round_open(
            actor=world.user("district_officer"),
            campaign=world.campaign,
            year=year,
            award_type=award_type,
            planned_decision_date=day,
        )
    assert (EvaluationRound.objects.count(), EvaluationEntry.objects.count()) == (0, 0)


def test_an_adjustment_stands_beside_the_computed_points_with_its_reason(world, opened_round):
    figure = EvaluationFigure.objects.get(entry__unit=world.unit_a, kind="criterion", code="culture")
    services.figure_adjust(
        actor=world.user("district_officer"),
        figure=figure,
        points=Decimal("12.5"),
        reason="Biên bản kiểm tra bổ sung ngày 20/12/2021",
    )
    figure.refresh_from_db()
    entry = entry_of(opened_round, world.unit_a)
    assert (figure.points, figure.adjusted_points, entry.computed_score, entry.score) == (
        Decimal("10.00"),
        Decimal("12.50"),
        Decimal("65.00"),
        Decimal("67.50"),
    )
    audit = AuditEntry.objects.get(action="award.figure_adjusted")
    assert (audit.data["computed"], audit.data["adjusted"], audit.data["reason"]) == (
        "10.00",
        "12.5",
        "Biên bản kiểm tra bổ sung ngày 20/12/2021",
    )


@pytest.mark.parametrize(
    ("code", "points", "reason", "evidence"),
    [
        ("culture", Decimal(5), "", ""),  # no reason
        ("culture", Decimal(21), "quá điểm", ""),  # above the criterion's points
        ("culture", Decimal(-1), "âm", ""),
        ("culture", Decimal("1.005"), "ba số lẻ", ""),
        ("initiative", Decimal(5), "sáng kiến", ""),  # manual without evidence
        ("initiative", Decimal(5), "sáng kiến", "javascript:alert(1)"),
    ],
)
def test_an_adjustment_without_a_reason_evidence_or_within_bounds_is_refused_and_changes_nothing(
    world, opened_round, code, points, reason, evidence
):
    figure = EvaluationFigure.objects.get(entry__unit=world.unit_a, kind="criterion", code=code)
    with pytest.raises(ValidationError):
        services.figure_adjust(
            actor=world.user("district_officer"),
            figure=figure,
            points=points,
            reason=reason,
            evidence_url=evidence,
        )
    figure.refresh_from_db()
    assert (figure.adjusted_points, entry_of(opened_round, world.unit_a).score) == (None, Decimal("65.00"))
    assert not AuditEntry.objects.filter(action="award.figure_adjusted").exists()


def test_a_manual_criterion_is_scored_with_its_evidence(world, opened_round):
    figure = EvaluationFigure.objects.get(entry__unit=world.unit_a, kind="criterion", code="initiative")
    services.figure_adjust(
        actor=world.user("district_officer"),
        figure=figure,
        points=Decimal(8),
        reason="Sáng kiến được Hội đồng sáng kiến huyện công nhận",
        evidence_url="https://longphu.soctrang.gov.vn/sang-kien/12",
    )
    assert entry_of(opened_round, world.unit_a).score == Decimal("73.00")


def test_an_eligible_unit_is_proposed_without_an_exception(world, opened_round):
    entry = services.entry_propose(
        actor=world.user("district_officer"), entry=entry_of(opened_round, world.unit_a)
    )
    assert (entry.status, entry.exception_reason) == (EntryStatus.PROPOSED, "")


def test_a_unit_the_rules_would_not_admit_needs_a_recorded_exception(world, opened_round):
    entry = entry_of(opened_round, world.unit_b)
    with pytest.raises(ValidationError):
        services.entry_propose(actor=world.user("district_officer"), entry=entry)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ASSESSED
    services.entry_propose(
        actor=world.user("district_officer"),
        entry=entry,
        exception_reason="Mô hình được tỉnh công nhận năm 2022",
    )
    entry.refresh_from_db()
    assert (entry.status, entry.exception_reason, entry.exception_by) == (
        EntryStatus.PROPOSED,
        "Mô hình được tỉnh công nhận năm 2022",
        world.user("district_officer"),
    )


def test_the_database_refuses_an_ineligible_candidate_without_an_exception(world, opened_round):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationEntry.objects.filter(round=opened_round, unit=world.unit_b).update(
            status=EntryStatus.PROPOSED
        )


def test_after_the_candidates_go_to_the_council_no_figure_changes(world, opened_round):
    from thidua.awards.tests.conftest import accepted_report

    services.entry_propose(actor=world.user("district_officer"), entry=entry_of(opened_round, world.unit_a))
    accepted_report(world, entry_of(opened_round, world.unit_a), "unit_a")
    services.round_propose(actor=world.user("district_officer"), evaluation_round=opened_round)
    opened_round.refresh_from_db()
    figure = EvaluationFigure.objects.get(entry__unit=world.unit_a, kind="criterion", code="culture")
    with pytest.raises(ValidationError):
        services.figure_adjust(
            actor=world.user("district_officer"), figure=figure, points=Decimal(1), reason="x"
        )
    with pytest.raises(ValidationError):
        services.entry_withdraw(
            actor=world.user("district_officer"), entry=entry_of(opened_round, world.unit_a)
        )
    assert opened_round.status == RoundStatus.PROPOSED
    assert entry_of(opened_round, world.unit_a).status == EntryStatus.PROPOSED
    figure.refresh_from_db()
    assert figure.adjusted_points is None


def test_a_round_without_candidates_cannot_go_to_the_council(world, opened_round):
    with pytest.raises(ValidationError):
        services.round_propose(actor=world.user("district_officer"), evaluation_round=opened_round)
    opened_round.refresh_from_db()
    assert opened_round.status == RoundStatus.APPRAISAL
