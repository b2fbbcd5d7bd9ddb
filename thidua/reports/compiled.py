"""The compiled report (báo cáo tổng hợp) of a period, written from the data every time it is downloaded.

- DOCX through the one Decree 30 builder (``thidua.core.documents``), PDF from it through ``thidua.core.pdf``;
- XLSX annex tables through the exporters of ``thidua.reports.exports``;
- JSON for a provincial reporting system: ``{"Header": {...}, "Body": [...], "Security": {...}}``. The envelope
  follows domain.md §5 (Version, Tran_Code, Export_Date, Msg_ID, Path) and is UNSURE: no public specification of
  the national reporting system was found (docs/reports.md).

The narrative of each section is the current version of the compiled text (the gist of every unit's narrative,
as regenerated, or as the standing office edited it); the indicator tables are every unit's figures: frozen in
its report once submitted, computed now for a unit that has not sent its report.
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from thidua.core.documents import OfficialDocument, vietnamese_date
from thidua.organizations.documents import document_issuer, head_signature, standing_office_name
from thidua.reports.indicators import indicator_codes, measure_units
from thidua.reports.models import CompiledReport, ReportPeriod
from thidua.reports.selectors import BoardRow, board_counts, board_rows
from thidua.reports.services import compiled_narratives

JSON_VERSION = "1.0"
TRAN_CODE = "BC_CCHC"  # unsure: the transaction code a provincial system expects is not known
STATUS_TEXT = {
    "draft": "Đang soạn",
    "ready": "Chờ thủ trưởng ký",
    "submitted": "Đã gửi",
    "returned": "Trả lại",
    "accepted": "Đã tiếp nhận",
    "missing": "Chưa gửi",
}


@dataclass
class UnitFigures:
    row: BoardRow
    indicators: list[dict]


@dataclass
class Compiled:
    period: ReportPeriod
    compiled: CompiledReport | None
    narratives: dict[str, str]
    version: int | None
    units: list[UnitFigures]
    codes: list[str]
    labels: dict[str, str]
    counts: dict[str, int]

    @property
    def number(self) -> str:
        if self.compiled is not None and self.compiled.number:
            return self.compiled.number
        abbreviation = self.period.campaign.issuing_unit.document_abbreviation.strip()
        return f"     /BC-{abbreviation}" if abbreviation else "     /BC"

    @property
    def day(self):
        if self.compiled is not None and self.compiled.issued_on:
            return self.compiled.issued_on
        return timezone.localdate()


def compile_period(period: ReportPeriod) -> Compiled:
    compiled = CompiledReport.objects.filter(period=period).first()
    version = compiled.current() if compiled else None
    narratives = version.narratives if version else compiled_narratives(period)
    rows = board_rows(period)
    codes = indicator_codes(period)
    live = [row.unit for row in rows if not (row.report and row.report.indicators)]
    computed = measure_units(period, live, codes) if live else {}
    units = [
        UnitFigures(
            row=row,
            indicators=row.report.indicators
            if row.report and row.report.indicators
            else computed[row.unit.pk],
        )
        for row in rows
    ]
    labels = {}
    for figures in units:
        for item in figures.indicators:
            labels.setdefault(item["code"], item["label"])
    return Compiled(
        period=period,
        compiled=compiled,
        narratives=narratives,
        version=version.number if version else None,
        units=units,
        codes=codes,
        labels={code: labels.get(code, code) for code in codes},
        counts=board_counts(rows, period),
    )


def value_text(value: Any) -> str:
    if value in (None, ""):
        return "—"
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = format(number.normalize(), "f")
    return text.replace(".", ",")


def _unit_name(unit) -> str:
    return unit.official_name or unit.name


def _indicator_rows(data: Compiled, codes: list[str]) -> list[tuple]:
    rows = []
    for index, figures in enumerate(data.units, start=1):
        values = {item["code"]: item["value"] for item in figures.indicators}
        rows.append((index, _unit_name(figures.row.unit), *(value_text(values.get(code)) for code in codes)))
    return rows


def _timeliness_rows(data: Compiled) -> list[tuple]:
    rows = []
    for index, figures in enumerate(data.units, start=1):
        report = figures.row.report
        sent = report.first_submitted_at if report else None
        rows.append(
            (
                index,
                _unit_name(figures.row.unit),
                timezone.localtime(sent).strftime("%d/%m/%Y %H:%M") if sent else "",
                {"on_time": "Đúng hạn", "late": "Trễ hạn", "": "Chưa gửi"}[figures.row.timeliness],
                STATUS_TEXT[figures.row.status],
            )
        )
    return rows


def compiled_docx(data: Compiled) -> bytes:
    period = data.period
    campaign = period.campaign
    issuer = campaign.issuing_unit
    document = OfficialDocument(
        issuer=document_issuer(issuer),
        number=data.number,
        place=issuer.document_place,
        day=data.day,
        kind="BÁO CÁO",
        subject=f"Kết quả thực hiện Kế hoạch số {campaign.number} {period.name.lower()}",
    )
    counts = data.counts
    document.paragraph(
        f"Thực hiện Kế hoạch số {campaign.number} {vietnamese_date(campaign.issue_date)} của "
        f"{_unit_name(issuer)}, trên cơ sở báo cáo của các cơ quan, đơn vị (số liệu từ ngày "
        f"{period.window_start:%d/%m/%Y} đến ngày {period.window_end:%d/%m/%Y}), {_unit_name(issuer)} "
        f"báo cáo kết quả {period.name.lower()} như sau:"
    )
    document.paragraph(
        f"Có {counts['units']} cơ quan, đơn vị thuộc diện báo cáo: {counts['on_time']} đơn vị gửi đúng hạn "
        f"(hạn gửi {period.due_date:%d/%m/%Y}), {counts['late']} đơn vị gửi trễ hạn, {counts['not_sent']} đơn vị "
        f"chưa gửi; {counts['accepted']} báo cáo đã được tiếp nhận, {counts['returned']} báo cáo trả lại để hoàn "
        f"chỉnh."
    )
    for section in period.template.sections.all():
        if section.is_annex:
            continue
        document.heading(section.heading)
        if section.has_narrative:
            text = data.narratives.get(section.key, "")
            if text.strip():
                document.paragraphs(text)
            else:
                document.paragraph("(Chưa có nội dung từ báo cáo của các đơn vị.)", italic=True)
        if section.indicators:
            codes = [code for code in section.indicators if code in data.labels]
            document.table(
                ["STT", "Cơ quan, đơn vị", *(data.labels[code] for code in codes)],
                _indicator_rows(data, codes),
                align=["center", "left", *["center"] * len(codes)],
            )
    # The report goes up to the standing office of the authority above (a provincial department of home
    # affairs), named by that authority's settings.
    superior = issuer.parent.authority if issuer.parent_id else None
    above = standing_office_name(superior) if superior is not None else ""
    document.closing(
        [head_signature(issuer)], [*([above] if above else []), "Thường trực Hội đồng TĐKT"], archive="VT, NV"
    )
    attached = f"Kèm theo Báo cáo số {data.number.strip()} {vietnamese_date(data.day)}"
    document.annex("Phụ lục I", "Tình hình gửi báo cáo của các cơ quan, đơn vị", attached)
    document.table(
        ["STT", "Cơ quan, đơn vị", "Gửi lúc", "Thời hạn", "Tình trạng"],
        _timeliness_rows(data),
        align=["center", "left", "center", "center", "center"],
    )
    if data.codes:
        document.annex("Phụ lục II", "Kết quả các chỉ tiêu theo đơn vị", attached)
        document.table(
            ["STT", "Cơ quan, đơn vị", *(data.labels[code] for code in data.codes)],
            _indicator_rows(data, data.codes),
            align=["center", "left", *["center"] * len(data.codes)],
        )
    return document.to_bytes()


def compiled_json(data: Compiled, *, path: str = "") -> dict[str, Any]:
    """The compiled report for a provincial reporting system (envelope unsure; see docs/reports.md)."""
    period = data.period
    sections = [
        {
            "position": section.position,
            "heading": section.heading,
            "text": data.narratives.get(section.key, ""),
        }
        for section in period.template.sections.all()
        if section.has_narrative
    ]
    body = [
        {
            "Unit_Code": figures.row.unit.code,
            "Unit_Name": _unit_name(figures.row.unit),
            "Status": figures.row.status,
            "Submitted_At": figures.row.report.first_submitted_at.isoformat()
            if figures.row.report and figures.row.report.first_submitted_at
            else None,
            "On_Time": None if figures.row.timeliness == "" else figures.row.timeliness == "on_time",
            "Indicators": [
                {"Code": item["code"], "Label": item["label"], "Value": item["value"]}
                for item in figures.indicators
            ],
        }
        for figures in data.units
    ]
    return {
        "Header": {
            "Version": JSON_VERSION,
            "Tran_Code": TRAN_CODE,
            "Export_Date": timezone.localtime().isoformat(timespec="seconds"),
            "Msg_ID": str(uuid.uuid4()),
            "Path": path,
            "Report": {
                "Number": data.compiled.number if data.compiled and data.compiled.number else None,
                "Issued_On": data.compiled.issued_on.isoformat()
                if data.compiled and data.compiled.issued_on
                else None,
                "Issuer_Code": period.campaign.issuing_unit.code,
                "Campaign": period.campaign.number,
                "Period": period.name,
                "Kind": period.kind,
                "Window_Start": period.window_start.isoformat(),
                "Window_End": period.window_end.isoformat(),
                "Due_Date": period.due_date.isoformat(),
                "Version": data.version,
                "Sections": sections,
            },
        },
        "Body": body,
        "Security": {
            "Signature": ""
        },  # signed outside the product (USB token), as provincial systems require
    }
