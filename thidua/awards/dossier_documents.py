"""Documents of the award dossier, on the one Decree 30 builder: the unit's achievement report, the standing
office's appraisal sheet, the public notices, and the decisions that amend or revoke an award decision.

Each function returns DOCX bytes; the views fetch with the access checks and convert to PDF through
``thidua.core.pdf``. Figures come from what was frozen or stored: the entry's figures, the notice's list, the
correction's changes.
"""

from thidua.awards import reports
from thidua.awards.corrections import correction_state
from thidua.awards.models import (
    AchievementReport,
    AwardDecision,
    DecisionKind,
    EntryStatus,
    EvaluationRound,
    NoticeKind,
    PublicNotice,
    ReportStatus,
)
from thidua.awards.money import amount_in_figures
from thidua.awards.services import standing_office
from thidua.campaigns.progress import NOT_APPLICABLE
from thidua.core.documents import OfficialDocument, Signature, vietnamese_date
from thidua.organizations.documents import document_issuer, head_signature
from thidua.organizations.models import Unit

STATUS_TEXT = {
    "met": "Đạt",
    "not_met": "Không đạt",
    "no_data": "Chưa có số liệu",
    NOT_APPLICABLE: "Không áp dụng",
}
REPORT_STATUS_TEXT = {
    None: "Chưa có",
    ReportStatus.DRAFT: "Đang soạn",
    ReportStatus.SUBMITTED: "Đã gửi, chờ thẩm định",
    ReportStatus.RETURNED: "Trả lại để bổ sung",
    ReportStatus.ACCEPTED: "Đã chấp nhận",
}
REASON_TEXT = {
    "target_not_met": "có chỉ tiêu không đạt",
    "target_no_data": "có chỉ tiêu chưa có số liệu",
    "flagged": "đang bị kỷ luật, thanh tra hoặc khiếu nại",
    "dissolved": "giải thể trước ngày quyết định",
    "already_awarded": "đã được khen thưởng cho thành tích này",
}


def _name(unit: Unit) -> str:
    return unit.official_name or unit.name


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def figure_value(figure) -> str:
    if figure.value is None:
        return "—"
    return decimal_text(figure.value)


def decimal_text(value) -> str:
    """A number as Vietnamese documents print it: a decimal comma, no trailing zeros ("96,85", "71,5")."""
    from decimal import Decimal

    text = f"{Decimal(str(value)).normalize():f}"
    return text.replace(".", ",")


def standing_office_line(evaluation_round: EvaluationRound) -> str:
    """Who receives the dossier: the council's standing office, named when it is a body of its own."""
    office = standing_office(evaluation_round)
    if office.pk == evaluation_round.authority_id:
        return "Thường trực Hội đồng Thi đua - Khen thưởng"
    return f"Thường trực Hội đồng Thi đua - Khen thưởng ({office.official_name or office.name})"


# --- the achievement report ------------------------------------------------------------------------------------


def report_docx(report: AchievementReport, *, form: str = "") -> bytes:
    """Báo cáo thành tích (Decree 152/2025; the form's number is the rubric's ``report_form``, kept as data)."""
    entry = report.entry
    evaluation_round = entry.round
    unit = entry.unit
    abbreviation = unit.document_abbreviation.strip()
    document = OfficialDocument(
        issuer=document_issuer(unit),
        # The unit numbers its report in its own register when it signs it.
        number=f"     /BC-{abbreviation}" if abbreviation else "",
        place=unit.document_place,
        day=(report.submitted_at or report.updated_at).date(),
        kind="BÁO CÁO",
        subject=f"Thành tích thực hiện Kế hoạch số {evaluation_round.campaign.number} năm {evaluation_round.year}, "
        f"đề nghị tặng {evaluation_round.award_type.label}",
        note=form or evaluation_round.rubric.report_form,
    )
    document.heading(f"I. ĐẶC ĐIỂM, TÌNH HÌNH CỦA {_name(unit).upper()}")
    document.paragraphs(report.characteristics or "(Chưa viết)")
    document.heading("II. THÀNH TÍCH ĐẠT ĐƯỢC")
    document.paragraph(
        "Kết quả thực hiện từng chỉ tiêu theo số liệu đã chốt khi mở đợt bình xét "
        f"({entry.computed_at:%d/%m/%Y}); số liệu không do đơn vị sửa.",
        italic=True,
    )
    lines = reports.report_lines(entry, report)
    document.table(
        ["STT", "Chỉ tiêu", "Yêu cầu", "Kết quả", "Đánh giá", "Minh chứng"],
        [
            (
                index,
                line.figure.label,
                line.figure.condition or "",
                figure_value(line.figure),
                STATUS_TEXT.get(line.figure.status, line.figure.status),
                line.figure.evidence_url,
            )
            for index, line in enumerate(lines, start=1)
        ],
        widths_mm=[10, 52, 20, 18, 22, 43],
        align=["center", "left", "center", "center", "center", "left"],
    )
    for index, line in enumerate(lines, start=1):
        if line.narrative:
            document.paragraph(f"{index}. {line.figure.label}: {line.narrative}")
    if report.measures:
        document.heading("Các biện pháp, giải pháp đã thực hiện")
        document.paragraphs(report.measures)
    document.heading("III. HÌNH THỨC KHEN THƯỞNG ĐỀ NGHỊ")
    document.paragraphs(report.award_proposed or reports.default_award_proposed(entry))
    document.closing(
        [head_signature(unit, name=_person(report.submitted_by))],
        [standing_office_line(evaluation_round)],
        archive="VT",
    )
    return document.to_bytes()


# --- the appraisal sheet ---------------------------------------------------------------------------------------


def conclusion(entry) -> str:
    """The standing office's conclusion on an entry: what it did in the appraisal (a unit it proposed keeps that
    conclusion whatever the council and the Chairman decided later)."""
    if entry.status != EntryStatus.ASSESSED:
        if entry.exception_reason:
            return f"Đề nghị (ngoại lệ: {entry.exception_reason})"
        return "Đề nghị"
    return "Chưa đề nghị" if entry.round.status == "appraisal" else "Không đề nghị"


def appraisal_rows(evaluation_round: EvaluationRound) -> list[dict]:
    """One row per unit of the round, for the sheet and its XLSX."""
    statuses = reports.report_statuses(evaluation_round)
    rows = []
    entries = evaluation_round.entries.select_related("unit", "round").prefetch_related("figures")
    for entry in entries.order_by("-score", "unit__name"):
        adjustments = [
            f"{figure.label}: {figure.points} → {figure.adjusted_points} ({figure.adjustment_reason})"
            for figure in entry.figures.all()
            if figure.kind == "criterion" and figure.adjusted_points is not None
        ]
        reasons = [
            REASON_TEXT.get(reason["code"], reason["code"])
            + (f" ({reason['detail']})" if reason.get("detail") else "")
            for reason in entry.ineligibility
        ]
        rows.append(
            {
                "entry": entry,
                "unit": _name(entry.unit),
                "computed": entry.computed_score,
                "score": entry.score,
                "computed_text": decimal_text(entry.computed_score),
                "score_text": decimal_text(entry.score),
                "adjustments": "; ".join(adjustments),
                "eligible": "Đủ điều kiện" if entry.eligible else "Chưa đủ: " + "; ".join(reasons),
                "report": REPORT_STATUS_TEXT[statuses.get(entry.pk)],
                "conclusion": conclusion(entry),
            }
        )
    return rows


def appraisal_docx(evaluation_round: EvaluationRound) -> bytes:
    """Phiếu thẩm định (internal): every unit with its computed and adjusted score side by side, the reasons, its
    report's status and the standing office's conclusion."""
    office = standing_office(evaluation_round)
    rows = appraisal_rows(evaluation_round)
    document = OfficialDocument(
        issuer=document_issuer(office),
        number="",
        place=evaluation_round.authority.document_place,
        day=evaluation_round.proposed_at.date()
        if evaluation_round.proposed_at
        else evaluation_round.computed_at.date(),
        kind="PHIẾU THẨM ĐỊNH",
        subject=f"Hồ sơ đề nghị tặng {evaluation_round.award_type.label} theo Kế hoạch số "
        f"{evaluation_round.campaign.number} năm {evaluation_round.year}",
        note="(Tài liệu nội bộ)",
    )
    document.paragraph(
        f"Số liệu chốt lúc {evaluation_round.computed_at:%H:%M ngày %d/%m/%Y}; điểm điều chỉnh đặt bên cạnh điểm "
        "tính tự động, kèm lý do. Quy chế Hội đồng áp dụng: bản sao khi mở đợt."
    )
    document.table(
        [
            "STT",
            "Đơn vị",
            "Điểm tính",
            "Điểm sau điều chỉnh",
            "Điều chỉnh và lý do",
            "Điều kiện",
            "Báo cáo",
            "Kết luận",
        ],
        [
            (
                index,
                row["unit"],
                row["computed_text"],
                row["score_text"],
                row["adjustments"] or "—",
                row["eligible"],
                row["report"],
                row["conclusion"],
            )
            for index, row in enumerate(rows, start=1)
        ],
        # The reasons need the room: the scores and the statuses are short.
        widths_mm=[8, 30, 12, 14, 24, 47, 15, 15],
        align=["center", "left", "center", "center", "left", "left", "center", "left"],
        size=10,
    )
    proposed = [row for row in rows if row["conclusion"].startswith("Đề nghị")]
    document.paragraph(
        f"Kết luận: đề nghị {len(proposed)}/{len(rows)} đơn vị ra Hội đồng Thi đua - Khen thưởng xét"
        + (f": {'; '.join(row['unit'] for row in proposed)}." if proposed else ".")
    )
    document.closing([head_signature(office)], ["Hội đồng Thi đua - Khen thưởng"], archive="VT, NV")
    return document.to_bytes()


# --- public notices --------------------------------------------------------------------------------------------


def notice_docx(notice: PublicNotice) -> bytes:
    """Thông báo (law art. 84.5): the proposed or awarded units, public."""
    evaluation_round = notice.round
    authority = evaluation_round.authority
    proposed = notice.kind == NoticeKind.PROPOSED
    document = OfficialDocument(
        issuer=document_issuer(authority),
        number=notice.number,
        place=authority.document_place,
        day=notice.issued_on,
        kind="THÔNG BÁO",
        subject=(
            f"Danh sách tập thể đề nghị khen thưởng năm {evaluation_round.year}: {evaluation_round.award_type.label}"
            if proposed
            else f"Kết quả khen thưởng năm {evaluation_round.year}: {evaluation_round.award_type.label}"
        ),
    )
    if proposed:
        document.paragraph(
            f"Thực hiện Kế hoạch số {evaluation_round.campaign.number}, {_name(authority)} thông báo công khai danh "
            f"sách {len(notice.units)} tập thể được đề nghị Hội đồng Thi đua - Khen thưởng xét khen thưởng năm "
            f"{evaluation_round.year} ({evaluation_round.award_type.label}), theo Điều 84 Luật Thi đua, khen thưởng."
        )
    else:
        document.paragraph(
            f"Ngày {notice.decision.issued_on:%d/%m/%Y}, Chủ tịch {_name(authority)} ban hành Quyết định số "
            f"{notice.decision.number} tặng {evaluation_round.award_type.label} cho {len(notice.units)} tập thể có "
            f"thành tích thực hiện Kế hoạch số {evaluation_round.campaign.number} năm {evaluation_round.year}. "
            f"{_name(authority)} thông báo công khai danh sách như sau."
        )
    document.table(
        ["STT", "Tên tập thể", "Điểm", "Ghi chú"],
        [
            (
                index,
                item["unit"],
                decimal_text(item["score"]),
                f"Ngoại lệ: {item['exception']}" if item.get("exception") else "",
            )
            for index, item in enumerate(notice.units, start=1)
        ],
        align=["center", "left", "center", "left"],
    )
    document.paragraph(
        f"Ý kiến phản ánh về danh sách xin gửi {standing_office_line(evaluation_round)}"
        + (" trước phiên họp Hội đồng." if proposed else ".")
    )
    document.closing(
        [head_signature(authority)],
        ["Các cơ quan, đơn vị trực thuộc", "Cổng thông tin điện tử"],
        archive="VT, NV",
    )
    return document.to_bytes()


# --- corrections of a decision ---------------------------------------------------------------------------------


def correction_subject(correction: AwardDecision) -> str:
    original = correction.corrects
    verb = "Sửa đổi, bổ sung" if correction.kind == DecisionKind.AMEND else "Thu hồi"
    return f"{verb} Quyết định số {original.number} {vietnamese_date(original.issued_on)}"


def correction_docx(correction: AwardDecision) -> bytes:
    """Quyết định sửa đổi, bổ sung / thu hồi: a new decision that names the one it corrects and what changes."""
    original = correction.corrects
    evaluation_round = original.round
    authority = evaluation_round.authority
    subject = correction_subject(correction)
    document = OfficialDocument(
        issuer=document_issuer(authority),
        number=correction.number,
        place=authority.document_place,
        day=correction.issued_on,
        kind="QUYẾT ĐỊNH",
        subject=f"{subject} của Chủ tịch {_name(authority)} về việc tặng {evaluation_round.award_type.label}",
    )
    document.paragraph(
        f"{correction.signer_title} {authority.name.upper()}", bold=True, indent=False, align="center"
    )
    for line in correction.legal_bases:
        document.paragraph(line, italic=True)
    document.paragraph(
        f"Căn cứ Quyết định số {original.number} {vietnamese_date(original.issued_on)} của Chủ tịch "
        f"{_name(authority)} về việc tặng {evaluation_round.award_type.label} năm {evaluation_round.year};",
        italic=True,
    )
    document.paragraph(f"Xét lý do: {correction.reason}.", italic=True)
    document.heading("QUYẾT ĐỊNH:")
    awards = {award.unit_id: award for award in original.awarded.all()}
    if correction.kind == DecisionKind.REVOKE:
        document.paragraph(
            f"Điều 1. Thu hồi Quyết định số {original.number} {vietnamese_date(original.issued_on)} của Chủ tịch "
            f"{_name(authority)} về việc tặng {evaluation_round.award_type.label} cho {len(awards):02d} tập thể; "
            "thu hồi Giấy khen và tiền thưởng đã cấp theo Quyết định này."
        )
    else:
        article = 1
        removed = [
            awards[int(unit_id)]
            for unit_id in correction.changes.get("removed", [])
            if int(unit_id) in awards
        ]
        renamed = [
            (awards[int(unit_id)], name)
            for unit_id, name in correction.changes.get("renamed", {}).items()
            if int(unit_id) in awards
        ]
        if renamed:
            for award, name in renamed:
                document.paragraph(
                    f"Điều {article}. Sửa đổi tên tập thể tại số thứ tự {award.position} danh sách kèm theo Quyết "
                    f"định số {original.number}: “{award.unit_name}” thành “{name}”."
                )
                article += 1
        if removed:
            names = "; ".join(f"{award.unit_name} (số thứ tự {award.position})" for award in removed)
            document.paragraph(
                f"Điều {article}. Thu hồi Giấy khen và tiền thưởng "
                f"({amount_in_figures(original.cash_amount)} đồng mỗi tập thể) đã tặng theo Quyết định số "
                f"{original.number} đối với: {names}."
            )
            article += 1
        document.paragraph(
            f"Điều {article}. Các nội dung khác của Quyết định số {original.number} giữ nguyên hiệu lực."
        )
    last_article = 2 if correction.kind == DecisionKind.REVOKE else article + 1
    document.paragraph(
        f"Điều {last_article}. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, {correction.proposer}, "
        "thủ trưởng các cơ quan, đơn vị và các tập thể có liên quan chịu trách nhiệm thi hành Quyết định này."
    )
    document.closing(
        [Signature.head("CHỦ TỊCH", name=_person(correction.signer))],
        ["Như trên", "Hội đồng Thi đua - Khen thưởng"],
        archive="VT, NV",
    )
    return document.to_bytes()


def decision_status_text(decision: AwardDecision) -> str:
    """'Còn hiệu lực', or which decisions amended or revoked it."""
    state = correction_state(decision)
    if state.revoked_by is not None:
        return f"Đã bị thu hồi bởi Quyết định số {state.revoked_by.number}"
    if state.amended_by:
        return "Đã được sửa đổi, bổ sung bởi Quyết định số " + ", ".join(
            item.number for item in state.amended_by
        )
    return "Còn hiệu lực"
