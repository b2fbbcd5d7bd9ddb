"""Fixtures for the awards tests: measured values through the indicator registry, a council rule and a rubric."""

from datetime import date
from decimal import Decimal

import pytest

from thidua.awards import services
from thidua.awards.models import AwardType, CriterionSource
from thidua.awards.services import CriterionSpec
from thidua.campaigns import indicators
from thidua.campaigns.indicators import Indicator, Measurement

AWARD_CODE = "giay-khen-tap-the-chuyen-de"
DECISION_DATE = date(2022, 2, 15)


class MeasuredValues:
    """The values the pillars would report, set by the test: ``measured.set("reform_models", unit, 2)``."""

    def __init__(self):
        self.values: dict[tuple[str, int], Measurement] = {}

    def set(self, code, unit, value, detail="", url=""):
        value = None if value is None else Decimal(value)
        self.values[(code, unit.pk)] = Measurement(
            value=value, detail=detail, url=url or f"/evidence/{code}/{unit.code}"
        )

    def indicator(self, code):
        def measure(campaign, target, units, year):
            return {unit.pk: self.values[(code, unit.pk)] for unit in units if (code, unit.pk) in self.values}

        return Indicator(code, code, measure)


@pytest.fixture
def measured():
    """Replace the three pillars' indicators for the test, and put the real ones back afterwards."""
    codes = ["reform_models", "satisfaction_index", "office_culture"]
    originals = {code: indicators.get_indicator(code) for code in codes}
    values = MeasuredValues()
    for code in codes:
        indicators.register_indicator(values.indicator(code))
    yield values
    for code, original in originals.items():
        if original is None:
            indicators.unregister_indicator(code)
        else:
            indicators.register_indicator(original)


@pytest.fixture
def award_type(db):
    from thidua.awards.demo import restore_national_data

    restore_national_data()  # a transactional test that ran before this one flushed it
    return AwardType.objects.get(code=AWARD_CODE)


RULE = {
    "valid_from": date(2021, 1, 1),
    "valid_to": date(2025, 6, 30),
    "quorum_numerator": 2,
    "quorum_denominator": 3,
    "threshold_numerator": 1,
    "threshold_denominator": 2,
    "threshold_strict": True,
    "vote_denominator": "all",
    "voting_method": "ballot",
    "written_opinions_count": True,
    "tie_rule": "chair",
    "source": "Quy chế hoạt động của Hội đồng",
}

CRITERIA = [
    CriterionSpec(
        "models", "Mô hình CCHC được công nhận", Decimal(40), indicator="reform_models", rule="met"
    ),
    CriterionSpec(
        "satisfaction",
        "Chỉ số hài lòng",
        Decimal(30),
        indicator="satisfaction_index",
        rule="scaled",
        scale_zero=Decimal(90),
        scale_full=Decimal(100),
    ),
    CriterionSpec(
        "culture",
        "Tuân thủ văn hóa công sở",
        Decimal(20),
        indicator="office_culture",
        rule="scaled",
        scale_zero=Decimal(80),
        scale_full=Decimal(100),
    ),
    CriterionSpec("initiative", "Sáng kiến khác", Decimal(10), source=CriterionSource.MANUAL),
]


@pytest.fixture
def council_rule(world, award_type):
    return services.council_rule_create(
        actor=world.user("district_officer"),
        authority=world.district,
        award_type=award_type,
        reason="Quy chế năm 2021",
        **RULE,
    )


@pytest.fixture
def rubric(world, award_type, council_rule):
    return services.rubric_create(
        actor=world.user("district_officer"),
        campaign=world.campaign,
        year=2021,
        award_type=award_type,
        criteria=CRITERIA,
    )


@pytest.fixture
def measured_world(world, measured):
    """Unit A meets every target (2 models, 95%, 90%); unit B has no model; the agency has no satisfaction data."""
    measured.set("reform_models", world.unit_a, 2)
    measured.set("satisfaction_index", world.unit_a, 95)
    measured.set("office_culture", world.unit_a, 90)
    measured.set("reform_models", world.unit_b, 0)
    measured.set("satisfaction_index", world.unit_b, 92)
    measured.set("office_culture", world.unit_b, 85)
    measured.set("reform_models", world.agency, 1)
    measured.set("office_culture", world.agency, 100)
    return measured


@pytest.fixture
def opened_round(world, award_type, rubric, measured_world):
    return services.round_open(
        actor=world.user("district_officer"),
        campaign=world.campaign,
        year=2021,
        award_type=award_type,
        planned_decision_date=DECISION_DATE,
    )


@pytest.fixture
def council(world):
    """The council of the district: the chairman (chair), the council_member persona and three more members."""
    from conftest import make_user
    from thidua.organizations.models import Role

    members = [world.user("chairman"), world.user("council_member")]
    for index in range(2, 5):
        user = make_user(f"hoidong{index}", Role.COUNCIL_MEMBER, world.district)
        world.users[f"hoidong{index}"] = user
        members.append(user)
    return members


UNIT_PEOPLE = {"unit_a": ("officer_a", "head_a"), "unit_b": ("officer_b", "head_b")}


def accepted_report(world, entry, unit_key):
    """The unit's officer drafts the achievement report, its head submits it, the standing office accepts it."""
    from thidua.awards import reports

    officer, head = UNIT_PEOPLE[unit_key]
    report = reports.report_save(
        actor=world.user(officer),
        entry=entry,
        characteristics="Đơn vị hành chính cấp xã, tiếp nhận hồ sơ một cửa.",
        narratives={},
        award_proposed="Đề nghị tặng Giấy khen.",
    )
    reports.report_submit(actor=world.user(head), report=report)
    return reports.report_accept(actor=world.user("district_officer"), report=report)


@pytest.fixture
def proposed_round(world, opened_round, council):
    """Unit A (eligible) and unit B (with an exception) proposed to the council, each with its accepted
    achievement report."""
    from thidua.awards.models import EvaluationEntry

    officer = world.user("district_officer")
    for key in ("unit_a", "unit_b"):
        accepted_report(world, EvaluationEntry.objects.get(round=opened_round, unit=getattr(world, key)), key)
    services.entry_propose(
        actor=officer, entry=EvaluationEntry.objects.get(round=opened_round, unit=world.unit_a)
    )
    services.entry_propose(
        actor=officer,
        entry=EvaluationEntry.objects.get(round=opened_round, unit=world.unit_b),
        exception_reason="Mô hình được tỉnh công nhận đầu năm 2022",
    )
    services.round_propose(actor=officer, evaluation_round=opened_round)
    opened_round.refresh_from_db()
    return opened_round


def vote_all(world, session, choices_by_user):
    """Everyone present, the vote opened, each listed member's sheet cast, the vote closed by the chair."""
    from thidua.awards.models import Attendance, EvaluationEntry

    officer = world.user("district_officer")
    services.attendance_record(
        actor=officer,
        session=session,
        attendance={member.pk: Attendance.PRESENT for member in session.members.all()},
    )
    services.session_open_vote(actor=officer, session=session)
    entries = {entry.unit_id: entry.pk for entry in EvaluationEntry.objects.filter(round=session.round)}
    for username, by_unit in choices_by_user.items():
        services.vote_cast(
            actor=world.user(username),
            session=session,
            choices={entries[unit.pk]: choice for unit, choice in by_unit.items()},
        )
    services.session_close(actor=world.user("chairman"), session=session)


@pytest.fixture
def voted_round(world, proposed_round):
    """The council passed unit A (4 of 5) and not unit B (1 of 5)."""
    session = services.session_create(
        actor=world.user("district_officer"),
        evaluation_round=proposed_round,
        held_on=date(2022, 1, 20),
        place="Phòng họp UBND huyện",
    )
    agree_a = {world.unit_a: "agree", world.unit_b: "disagree"}
    vote_all(
        world,
        session,
        {
            "chairman": agree_a,
            "council_member": agree_a,
            "hoidong2": agree_a,
            "hoidong3": agree_a,
            "hoidong4": {world.unit_a: "abstain", world.unit_b: "agree"},
        },
    )
    proposed_round.refresh_from_db()
    return proposed_round


@pytest.fixture
def decided_round(world, voted_round):
    services.proposal_submit(
        actor=world.user("district_officer"), evaluation_round=voted_round, day=date(2022, 2, 1)
    )
    services.decision_approve(actor=world.user("chairman"), evaluation_round=voted_round, day=DECISION_DATE)
    voted_round.refresh_from_db()
    return voted_round
