"""The 2022 six-month and annual reports of Plan 47/KH-UBND: most units on time and accepted, one late, one
returned with comments (the town of Long Phú, in the annual period), one missing (the commune of Long Phú).

The deadline (2 working days after the closing date) is local demo data, editable on the schedule.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from thidua.campaigns.models import Campaign
from thidua.organizations.models import Unit, User
from thidua.reports import services
from thidua.reports.models import ReportKind, ReportPeriod, ReportSection, ReportTemplate, UnitReport
from thidua.reports.outline import ensure_default_template

LATE_UNIT = "lp-tt-dai-ngai"
RETURNED_UNIT = "lp-tt-long-phu"  # canbo1 / thutruong1: the returned report waits for them
MISSING_UNIT = "lp-xa-long-phu"  # canbo2: the report to write waits for them
DUE_DAYS = 2
RETURN_COMMENT = (
    "Demo: Mục II chưa nêu số thủ tục hành chính giải quyết đúng hạn và kết quả khắc phục sau kiểm tra văn hóa "
    "công sở; đề nghị bổ sung số liệu và gửi lại."
)


def _texts(unit: Unit, period: ReportPeriod) -> dict[str, str]:
    name = unit.official_name or unit.name
    return {
        "1": f"Demo: {name} ban hành kế hoạch CCHC, kế hoạch thực hiện văn hóa công sở {period.name.lower()}; "
        "tổ chức tự kiểm tra hằng quý; tuyên truyền trên bảng tin và nhóm Zalo của đơn vị.",
        "2": f"Demo: {name} duy trì mô hình CCHC gắn với văn hóa công sở; niêm yết công khai thủ tục hành chính; "
        "tiếp nhận, giải quyết hồ sơ đúng hạn; lấy ý kiến hài lòng của người dân tại bộ phận một cửa.",
        "3": "Demo: Ưu điểm: cán bộ chấp hành tốt giờ giấc, trang phục. Hạn chế: một số hồ sơ còn trễ hạn; "
        "nguyên nhân: thiếu nhân sự tại bộ phận một cửa.",
        "4": "Demo: Tiếp tục nhân rộng mô hình; nâng tỷ lệ hồ sơ trực tuyến; tự kiểm tra văn hóa công sở.",
        "5": "Demo: Đề nghị huyện tổ chức tập huấn kỹ năng giao tiếp cho công chức một cửa.",
    }


def _at(day, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=ZoneInfo(settings.TIME_ZONE))


def seed(*, stdout) -> None:
    template = ensure_default_template(ReportTemplate, ReportSection)
    campaign = Campaign.objects.filter(number="47/KH-UBND", issuing_unit__code="lp-huyen").first()
    if campaign is None:
        return
    office = User.objects.get(username="noivu")
    for kind in (ReportKind.SIX_MONTH, ReportKind.ANNUAL):
        schedule = campaign.report_schedules.filter(kind=kind).first() or services.schedule_save(
            actor=None, campaign=campaign, kind=kind, template=template, due_offset_days=DUE_DAYS
        )
        services.periods_generate(actor=None, schedule=schedule, years=[2022])
    for period in ReportPeriod.objects.filter(campaign=campaign, year=2022).order_by("window_end"):
        if UnitReport.objects.filter(period=period).exists():
            continue
        stdout.write(f"  reports {period.name}")
        for unit in period.units():
            if unit.code == MISSING_UNIT:
                continue
            report = services.report_save(
                actor=None, period=period, unit=unit, narratives=_texts(unit, period)
            )
            report = services.report_send_to_head(actor=None, report=report)
            late = unit.code == LATE_UNIT
            sent = (
                _at(period.due_date + timedelta(days=3), 9)
                if late
                else _at(period.due_date - timedelta(days=1), 16)
            )
            report = services.report_submit(actor=None, report=report, at=sent)
            if unit.code == RETURNED_UNIT and period.kind == ReportKind.ANNUAL:
                services.report_return(
                    actor=office, report=report, comment=RETURN_COMMENT, at=sent + timedelta(days=1)
                )
                continue
            services.report_accept(actor=office, report=report, at=sent + timedelta(days=2))
