"""Plan 47/KH-UBND of Long Phú district (28/04/2021) with its targets, a few demo registrations, and the 2026
demo plan of the commune Long Phú of Cần Thơ."""

from datetime import date
from decimal import Decimal

from thidua.campaigns import services
from thidua.campaigns.models import Campaign, Registration
from thidua.organizations.models import Unit, UnitKind, User

NUMBER = "47/KH-UBND"
TITLE = (
    "Tăng cường thực hiện các mô hình cải cách hành chính gắn với xây dựng văn hoá công sở và tổ chức thi đua "
    "cùng điển hình tiên tiến trên địa bàn huyện Long Phú"
)
LEGAL_BASES = (
    "Kế hoạch số 42/KH-UBND ngày 16/3/2021 của Ủy ban nhân dân tỉnh Sóc Trăng về tăng cường thực hiện các mô hình "
    "cải cách hành chính gắn với xây dựng văn hoá công sở và tổ chức thi đua cùng điển hình tiên tiến trên địa bàn "
    "tỉnh Sóc Trăng"
)
SUMMARY = (
    "Mỗi cơ quan, đơn vị có ít nhất 01 mô hình cải cách hành chính gắn với thực hiện văn hoá công sở; thực hiện "
    "nghiêm các quy định về văn hóa công sở; Chỉ số hài lòng của người dân, tổ chức đạt trên 90%. Hằng năm Hội đồng "
    "Thi đua - Khen thưởng huyện xem xét trình Chủ tịch UBND huyện tặng Giấy khen."
)
TARGETS = [
    {
        "indicator": "reform_models",
        "label": "Mô hình CCHC gắn với văn hóa công sở được công nhận",
        "comparison": "gte",
        "threshold": Decimal("1"),
        "unit_of_measure": "mô hình",
        "source_text": "Phấn đấu mỗi cơ quan, đơn vị trên địa bàn huyện có ít nhất 01 mô hình cải cách hành chính "
        "gắn với thực hiện văn hoá công sở.",
    },
    {
        "indicator": "satisfaction_index",
        "label": "Chỉ số hài lòng của người dân, tổ chức",
        "comparison": "gt",
        "threshold": Decimal("90"),
        "unit_of_measure": "%",
        "source_text": "Nâng cao Chỉ số đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan "
        "hành chính nhà nước đạt trên 90%.",
    },
    {
        "indicator": "office_culture",
        "label": "Tuân thủ quy định văn hóa công sở",
        "comparison": "gte",
        "threshold": Decimal("80"),
        "unit_of_measure": "%",
        "source_text": "Thực hiện nghiêm các quy định về văn hóa công sở, bảo đảm kỷ cương, kỷ luật hành chính. "
        "(Ngưỡng 80% là giá trị mặc định của bản demo; Hội đồng điều chỉnh.)",
    },
]


def seed(*, stdout) -> None:
    district = Unit.objects.get(code="lp-huyen")
    campaign = Campaign.objects.filter(issuing_unit=district, number=NUMBER).first()
    if campaign is None:
        stdout.write(f"  campaign {NUMBER}")
        campaign = services.campaign_create(
            actor=None,
            number=NUMBER,
            title=TITLE,
            issue_date=date(2021, 4, 28),
            issuing_unit=district,
            period_start=date(2021, 1, 1),
            period_end=date(2022, 12, 31),
            legal_bases=LEGAL_BASES,
            summary=SUMMARY,
            participating_kinds=[
                UnitKind.SPECIALIZED_AGENCY,
                UnitKind.PUBLIC_SERVICE_UNIT,
                UnitKind.COMMUNE_COMMITTEE,
            ],
        )
    existing = set(campaign.targets.values_list("indicator", flat=True))
    for position, target in enumerate(TARGETS):
        if target["indicator"] not in existing:
            services.target_create(actor=None, campaign=campaign, position=position, **target)

    town = Unit.objects.get(code="lp-tt-long-phu")
    commune = Unit.objects.get(code="lp-xa-long-phu")
    officer1, head1, officer2 = (
        User.objects.get(username=name) for name in ("canbo1", "thutruong1", "canbo2")
    )
    if not Registration.objects.filter(campaign=campaign, unit=town, year=2021).exists():
        registration = services.registration_save(
            actor=officer1,
            campaign=campaign,
            unit=town,
            year=2021,
            commitment='Demo: Thị trấn Long Phú đăng ký xây dựng mô hình "4 xin, 4 luôn" tại bộ phận một cửa, '
            "gắn với văn hóa công sở; phấn đấu chỉ số hài lòng trên 90%.",
        )
        services.registration_submit(actor=officer1, registration=registration)
        services.registration_confirm(actor=head1, registration=registration)
    if not Registration.objects.filter(campaign=campaign, unit=commune, year=2021).exists():
        services.registration_save(
            actor=officer2,
            campaign=campaign,
            unit=commune,
            year=2021,
            commitment='Demo: Xã Long Phú đăng ký mô hình "Nụ cười công sở" (bản nháp).',
        )
    seed_commune_plan(stdout=stdout)


# --- 2026: the commune Long Phú of Cần Thơ, formed on 01/07/2025, issues its own plan -----------------------------

COMMUNE_CODE = "ct-xa-long-phu"
NUMBER_2026 = "05/KH-UBND"
TITLE_2026 = (
    "[Demo] Thực hiện mô hình cải cách hành chính gắn với xây dựng văn hóa công sở và phong trào thi đua năm 2026 "
    "trên địa bàn xã Long Phú"
)
SUMMARY_2026 = (
    "Dữ liệu mẫu (demo), không phải văn bản thật: kế hoạch năm 2026 của xã Long Phú (thành phố Cần Thơ), thành lập "
    "ngày 01/07/2025 từ thị trấn Long Phú và xã Long Phú. Mỗi cơ quan, đơn vị của xã có ít nhất 01 mô hình cải cách "
    "hành chính; chỉ số hài lòng trên 90%; tuân thủ văn hóa công sở từ 80% trở lên. Phòng Văn hóa - Xã hội là cơ "
    "quan thường trực."
)
TARGETS_2026 = [
    {
        **TARGETS[0],
        "label": "Mô hình CCHC được công nhận trong năm",
        "source_text": "Demo: ít nhất 01 mô hình.",
    },
    {**TARGETS[1], "source_text": "Demo: chỉ số hài lòng trên 90%."},
    {**TARGETS[2], "source_text": "Demo: tuân thủ văn hóa công sở từ 80% trở lên."},
]


def seed_commune_plan(*, stdout) -> Campaign | None:
    """The commune's 2026 plan, created through the same services as a standing office's plan."""
    commune = Unit.objects.filter(code=COMMUNE_CODE).first()
    if commune is None:
        return None
    campaign = Campaign.objects.filter(issuing_unit=commune, number=NUMBER_2026).first()
    if campaign is None:
        stdout.write(f"  campaign {NUMBER_2026} of {COMMUNE_CODE}")
        campaign = services.campaign_create(
            actor=User.objects.filter(username="lp.vhxh").first(),
            number=NUMBER_2026,
            title=TITLE_2026,
            issue_date=date(2026, 1, 15),
            issuing_unit=commune,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 12, 31),
            legal_bases="Demo: Kế hoạch của Ủy ban nhân dân thành phố Cần Thơ về cải cách hành chính năm 2026",
            summary=SUMMARY_2026,
            participating_kinds=[UnitKind.SPECIALIZED_AGENCY, UnitKind.PUBLIC_SERVICE_UNIT],
        )
    existing = set(campaign.targets.values_list("indicator", flat=True))
    for position, target in enumerate(TARGETS_2026):
        if target["indicator"] not in existing:
            services.target_create(actor=None, campaign=campaign, position=position, **target)
    return campaign
