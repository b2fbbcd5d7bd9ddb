"""The inspection record ("Biên bản kiểm tra"), written with the official-document builder."""

from thidua.core.documents import GroupRow, OfficialDocument, Signature, vietnamese_date
from thidua.inspections.models import FindingResult, Inspection, InspectionKind
from thidua.inspections.selectors import inspection_score
from thidua.inspections.services import issuing_body
from thidua.organizations.documents import document_issuer
from thidua.organizations.models import DocumentType

RESULT_TEXT = {
    FindingResult.PASS: "Đạt",
    FindingResult.FAIL: "Không đạt",
    FindingResult.NOT_APPLICABLE: "Không áp dụng",
    "": "Chưa kiểm tra",
}
KIND_TEXT = {
    InspectionKind.SELF: "tự kiểm tra",
    InspectionKind.SCHEDULED: "kiểm tra theo kế hoạch",
    InspectionKind.UNANNOUNCED: "kiểm tra đột xuất",
}
SIGN_NOTE = "(Ký, ghi rõ họ tên)"


def inspection_record_docx(inspection: Inspection) -> bytes:
    unit = inspection.unit
    body = issuing_body(inspection)
    # A draft has no number yet: the line keeps room for it, as a paper form would.
    number = inspection.record_number or f"      /{DocumentType.MINUTES}-{body.document_abbreviation}"
    document = OfficialDocument(
        issuer=document_issuer(body),
        number=number,
        place=body.document_place,
        day=inspection.inspected_on,
        kind="BIÊN BẢN KIỂM TRA",
        subject=f"Việc thực hiện văn hóa công sở ({KIND_TEXT[inspection.kind]}) tại {unit.official_name}",
        note="(Dữ liệu minh họa — demo)" if inspection.is_demo else "",
    )

    inspectors = [person.get_full_name() or person.username for person in inspection.inspectors.all()]
    document.paragraph(
        f"Hôm nay, {vietnamese_date(inspection.inspected_on)}, tại {unit.official_name}, "
        f"đã tiến hành kiểm tra việc thực hiện văn hóa công sở theo bảng kiểm tra "
        f"“{inspection.template.title}” (phiên bản {inspection.template.version})."
    )
    document.heading("Thành phần kiểm tra:")
    for name in inspectors:
        document.paragraph(f"- Ông/Bà {name}")
    if inspection.team_note:
        document.paragraph(f"- {inspection.team_note}")
    document.heading("Kết quả kiểm tra:")

    findings = {finding.item_id: finding for finding in inspection.findings.all()}
    rows: list = []
    current_group = None
    for number_in_list, item in enumerate(inspection.template.items_for(unit), start=1):
        if item.group != current_group:
            current_group = item.group
            rows.append(GroupRow(item.get_group_display()))
        finding = findings.get(item.pk)
        rows.append(
            (
                number_in_list,
                item.text,
                item.legal_reference,
                RESULT_TEXT[finding.result if finding else ""],
                finding.note if finding else "",
            )
        )
    document.table(
        ["STT", "Nội dung kiểm tra", "Căn cứ", "Kết quả", "Ghi chú"],
        rows,
        align=["center", "left", "left", "center", "left"],
    )

    score = inspection_score(inspection)
    if score.percent is not None:
        document.paragraph(
            f"Tỷ lệ đạt (có trọng số, không tính nội dung không áp dụng): {_plain(score.percent)}% "
            f"({_plain(score.passed_weight)}/{_plain(score.applicable_weight)})."
        )
    remediations = [finding.remediation for finding in findings.values() if hasattr(finding, "remediation")]
    if remediations:
        document.heading("Yêu cầu khắc phục:")
        for remediation in remediations:
            document.paragraph(
                f"- {remediation.finding.item.text}: {remediation.required_action or 'khắc phục'}; "
                f"người chịu trách nhiệm: {remediation.owner}; thời hạn: {remediation.due_date:%d/%m/%Y}."
            )
    if inspection.conclusion:
        document.heading("Kết luận:")
        document.paragraphs(inspection.conclusion)
    document.paragraph(
        "Biên bản được lập thành 02 bản, đơn vị được kiểm tra giữ 01 bản, đoàn kiểm tra giữ 01 bản."
    )

    signer = "NGƯỜI TỰ KIỂM TRA" if inspection.kind == InspectionKind.SELF else "TRƯỞNG ĐOÀN KIỂM TRA"
    document.closing(
        [
            Signature(["ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA"], note=SIGN_NOTE),
            Signature([signer], name=inspectors[0] if inspectors else "", note=SIGN_NOTE),
        ],
        [unit.official_name] + ([body.official_name] if body.pk != unit.pk else []),
        archive="VT, hồ sơ kiểm tra",
    )
    return document.to_bytes()


def _plain(value) -> str:
    """A number as Vietnamese documents write it: decimal comma, no trailing zeros beyond the cents."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
