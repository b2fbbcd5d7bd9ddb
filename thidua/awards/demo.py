"""Awards demo: the district council's rule, the Plan 47 rubrics for 2021 and 2022, and a council of eight with
demo logins (password thidua2021). Idempotent, like every demo module."""

from datetime import date
from decimal import Decimal

from thidua.awards import services
from thidua.awards.models import (
    Attendance,
    AwardType,
    CertificateBlank,
    Choice,
    CouncilRule,
    CriterionSource,
    EligibilityFlag,
    EvaluationRound,
    FigureKind,
    FlagKind,
    Rubric,
)
from thidua.awards.services import CriterionSpec
from thidua.campaigns.models import Campaign
from thidua.organizations import services as org_services
from thidua.organizations.demo import DEMO_PASSWORD, DISTRICT_CODE
from thidua.organizations.models import Membership, Role, Unit, User

AWARD_CODE = "giay-khen-tap-the-chuyen-de"
STANDING_OFFICE_CODE = "lp-phong-noi-vu"
# A unit under complaint at the end of 2022: the 2022 round shows it as not eligible, with the reason.
FLAGGED_CODE = "lp-xa-tan-hung"
PLAN_NUMBER = "47/KH-UBND"

# hoidong1 and chutich come with the organisations demo; the council has eight members with the chair.
COUNCIL = [
    ("hoidong2", "Phó Chủ tịch UBND huyện, Phó Chủ tịch Hội đồng (demo)"),
    ("hoidong3", "Trưởng phòng Nội vụ, Phó Chủ tịch thường trực Hội đồng (demo)"),
    ("hoidong4", "Chủ tịch Liên đoàn Lao động huyện (demo)"),
    ("hoidong5", "Chủ tịch Ủy ban MTTQ Việt Nam huyện (demo)"),
    ("hoidong6", "Chánh Văn phòng HĐND và UBND huyện (demo)"),
    ("hoidong7", "Trưởng phòng Tài chính - Kế hoạch (demo)"),
]

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
    "source": "Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng huyện (demo: họp hợp lệ khi có 2/3 thành viên, "
    "biểu quyết quá bán tổng số thành viên, bỏ phiếu kín, phiếu ngang nhau theo ý kiến Chủ tịch Hội đồng)",
}

CRITERIA = [
    CriterionSpec(
        "mo-hinh",
        "Có mô hình CCHC gắn với văn hóa công sở được công nhận",
        Decimal(40),
        indicator="reform_models",
        rule="met",
    ),
    CriterionSpec(
        "hai-long",
        "Chỉ số hài lòng của người dân, tổ chức (từ 90% đến 100%)",
        Decimal(30),
        indicator="satisfaction_index",
        rule="scaled",
        scale_zero=Decimal(90),
        scale_full=Decimal(100),
    ),
    CriterionSpec(
        "van-hoa-cong-so",
        "Tuân thủ quy định văn hóa công sở (từ 80% đến 100%)",
        Decimal(20),
        indicator="office_culture",
        rule="scaled",
        scale_zero=Decimal(80),
        scale_full=Decimal(100),
    ),
    CriterionSpec(
        "noi-dung-khac",
        "Thực hiện các nội dung khác của kế hoạch (minh chứng, lý do)",
        Decimal(10),
        source=CriterionSource.MANUAL,
    ),
]


def restore_national_data() -> None:
    """Put back the national data migration 0002 seeds (award, powers, bases, salary, coefficient) when a flushed
    database (a transactional test, a reset) lost it; a no-op when it is there."""
    from importlib import import_module

    from django.apps import apps as django_apps

    import_module("thidua.awards.migrations.0002_award_rules").seed(django_apps, None)


def seed(*, stdout) -> None:
    district = Unit.objects.get(code=DISTRICT_CODE)
    campaign = Campaign.objects.get(issuing_unit=district, number=PLAN_NUMBER)
    restore_national_data()
    award = AwardType.objects.get(code=AWARD_CODE)
    officer = User.objects.get(username="noivu")

    for username, full_name in COUNCIL:
        user = User.objects.filter(username=username).first()
        if user is None:
            stdout.write(f"  account {username}")
            user = org_services.user_create(
                actor=None, username=username, password=DEMO_PASSWORD, full_name=full_name
            )
        if not Membership.objects.filter(user=user, unit=district, role=Role.COUNCIL_MEMBER).exists():
            org_services.membership_grant(actor=None, user=user, unit=district, role=Role.COUNCIL_MEMBER)

    if not CouncilRule.objects.filter(authority=district, award_type=award).exists():
        stdout.write("  council rule")
        services.council_rule_create(
            actor=officer,
            authority=district,
            award_type=award,
            reason="Dữ liệu mẫu: quy chế năm 2021",
            **RULE,
        )
    for year in (2021, 2022):
        if not Rubric.objects.filter(campaign=campaign, year=year, award_type=award).exists():
            stdout.write(f"  rubric {year}")
            services.rubric_create(
                actor=officer,
                campaign=campaign,
                year=year,
                award_type=award,
                criteria=CRITERIA,
                tie_break="women_share",
                report_form="Mẫu báo cáo thành tích thi đua theo chuyên đề (Nghị định 152/2025/NĐ-CP; số mẫu cần xác nhận)",
            )

    _decided_2021(stdout=stdout, campaign=campaign, award=award, officer=officer)
    flagged = Unit.objects.get(code=FLAGGED_CODE)
    if not EligibilityFlag.objects.filter(unit=flagged).exists():
        stdout.write("  award flag")
        services.flag_record(
            actor=officer,
            unit=flagged,
            kind=FlagKind.COMPLAINT,
            reason="Dữ liệu mẫu: đang giải quyết đơn khiếu nại về thủ tục đất đai (tiếp nhận 10/11/2022)",
            starts_on=date(2022, 11, 10),
        )
    # After the flag: the 2022 round freezes the complaint as a reason against the flagged unit.
    _appraisal_2022(stdout=stdout, campaign=campaign, award=award, officer=officer)
    if not CertificateBlank.objects.filter(authority=district).exists():
        stdout.write("  certificate blank")
        services.certificate_blank_create(
            actor=officer,
            authority=district,
            reason="Dữ liệu mẫu: phôi Giấy khen A4 dọc của huyện, tọa độ mặc định",
            name="Phôi Giấy khen của Chủ tịch UBND huyện (A4 dọc)",
            version="2021",
            valid_from=date(2021, 1, 1),
        )


def _decided_2021(*, stdout, campaign, award, officer) -> None:
    """The 2021 round from the frozen figures to the Chairman's decision, as the council would have run it."""
    if EvaluationRound.objects.filter(campaign=campaign, year=2021, award_type=award).exists():
        return
    stdout.write("  evaluation round 2021 (decided)")
    evaluation_round = services.round_open(
        actor=officer, campaign=campaign, year=2021, award_type=award, planned_decision_date=date(2022, 2, 15)
    )
    for entry in evaluation_round.entries.filter(eligible=True).select_related("unit"):
        manual = entry.figures.get(kind=FigureKind.CRITERION, code="noi-dung-khac")
        services.figure_adjust(
            actor=officer,
            figure=manual,
            points=Decimal(8),
            reason="Dữ liệu mẫu: hoàn thành các nội dung tuyên truyền, tự kiểm tra theo kế hoạch (báo cáo năm 2021)",
            evidence_url="/campaigns/",
        )
        services.entry_propose(actor=officer, entry=entry)
        _report(entry, submit=True, accept_by=officer)
    services.round_propose(actor=officer, evaluation_round=evaluation_round, day=date(2022, 1, 10))
    session = services.session_create(
        actor=officer,
        evaluation_round=evaluation_round,
        held_on=date(2022, 1, 20),
        place="Hội trường UBND huyện Long Phú",
    )
    absent = "hoidong7"
    services.attendance_record(
        actor=officer,
        session=session,
        attendance={
            member.pk: Attendance.ABSENT_WRITTEN if member.user.username == absent else Attendance.PRESENT
            for member in session.members.select_related("user")
        },
    )
    candidates = services.session_candidates(session)
    services.written_opinion_record(
        actor=officer,
        session=session,
        member=session.members.get(user__username=absent),
        choices={entry.pk: Choice.AGREE for entry in candidates},
    )
    services.session_open_vote(actor=officer, session=session)
    for member in session.members.filter(attendance=Attendance.PRESENT).select_related("user"):
        services.vote_cast(
            actor=member.user, session=session, choices={entry.pk: Choice.AGREE for entry in candidates}
        )
    chairman = User.objects.get(username="chutich")
    services.session_close(actor=chairman, session=session)
    services.proposal_submit(actor=officer, evaluation_round=evaluation_round, day=date(2022, 2, 1))
    services.decision_approve(actor=chairman, evaluation_round=evaluation_round, day=date(2022, 2, 15))


# --- achievement reports -----------------------------------------------------------------------------------------

CHARACTERISTICS = (
    "Dữ liệu mẫu. {name} là đơn vị hành chính thuộc huyện Long Phú; Bộ phận Tiếp nhận và Trả kết quả giải quyết "
    "thủ tục hành chính có 6 công chức, tiếp nhận hồ sơ của người dân, tổ chức theo cơ chế một cửa, một cửa liên "
    "thông.\nChức năng, nhiệm vụ: tham mưu Ủy ban nhân dân thực hiện cải cách hành chính, văn hóa công sở và "
    "chuyển đổi số trên địa bàn."
)
MEASURES = (
    "Dữ liệu mẫu: ban hành kế hoạch thực hiện, phân công cán bộ đầu mối, tự kiểm tra văn hóa công sở hằng quý, "
    "niêm yết công khai quy trình và lấy ý kiến người dân sau mỗi giao dịch."
)


def _person(unit, role):
    membership = (
        Membership.objects.filter(unit=unit, role=role, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _report(entry, *, submit: bool, accept_by=None) -> None:
    """The unit officer drafts the achievement report from the frozen figures; the head submits it; the standing
    office accepts it (each step only when asked and when the unit has the person for it)."""
    from thidua.awards import reports
    from thidua.awards.models import ReportStatus

    if reports.report_of(entry) is not None:
        return
    writer = _person(entry.unit, Role.UNIT_OFFICER)
    if writer is None:
        raise RuntimeError(f"the demo unit {entry.unit.code} has no unit officer to write its report")
    narratives = {
        figure.code: f"Dữ liệu mẫu: kết quả theo số liệu chốt; {figure.detail or 'minh chứng kèm theo'}."
        for figure in reports.target_figures(entry)
    }
    report = reports.report_save(
        actor=writer,
        entry=entry,
        characteristics=CHARACTERISTICS.format(name=entry.unit.official_name or entry.unit.name),
        narratives=narratives,
        measures=MEASURES,
        award_proposed=reports.default_award_proposed(entry),
    )
    head = _person(entry.unit, Role.UNIT_HEAD)
    if submit and head is not None:
        report = reports.report_submit(actor=head, report=report)
        if accept_by is not None and report.status == ReportStatus.SUBMITTED:
            reports.report_accept(actor=accept_by, report=report)


def _appraisal_2022(*, stdout, campaign, award, officer) -> None:
    """The 2022 round under appraisal: the town's report submitted, the commune of Long Phú's in draft."""
    if EvaluationRound.objects.filter(campaign=campaign, year=2022, award_type=award).exists():
        return
    stdout.write("  evaluation round 2022 (appraisal, achievement reports under way)")
    evaluation_round = services.round_open(
        actor=officer, campaign=campaign, year=2022, award_type=award, planned_decision_date=date(2023, 2, 15)
    )
    entries = {entry.unit.code: entry for entry in evaluation_round.entries.select_related("unit")}
    if "lp-tt-long-phu" in entries:
        _report(entries["lp-tt-long-phu"], submit=True)
    if "lp-xa-long-phu" in entries:
        _report(entries["lp-xa-long-phu"], submit=False)
