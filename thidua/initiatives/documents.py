"""The record of one reform model for the unit's dossier: a report ("Số: 03/BC-UBND") in the Decree 30 format."""

from decimal import Decimal
from typing import Any

from django.utils import timezone

from thidua.core.documents import DOCX_CONTENT_TYPE, OfficialDocument
from thidua.initiatives.models import ReformModel
from thidua.organizations.documents import document_issuer, head_signature, standing_office_name
from thidua.organizations.models import DocumentType, IssuedDocument
from thidua.organizations.services import document_number_issue

__all__ = ["DOCX_CONTENT_TYPE", "model_record_docx", "model_record_number_issue", "vietnamese_number"]


def vietnamese_number(value) -> str:
    """12000000 → "12.000.000", 7.5 → "7,5" (Vietnamese separators)."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}".replace(",", ".")
    integer, fraction = f"{number.normalize():f}".split(".")
    return f"{int(integer):,}".replace(",", ".") + "," + fraction


def model_record_number_issue(*, actor: Any, model: ReformModel) -> IssuedDocument:
    """The record's entry in its unit's register: issued on the first download, the same one ever after."""
    return document_number_issue(
        actor=actor,
        issuer=model.unit,
        type_code=DocumentType.REPORT,
        day=timezone.localdate(),
        subject=f"Báo cáo mô hình cải cách hành chính “{model.title}”",
        reference=f"reform-model-record:{model.pk}",
    )


def model_record_docx(model: ReformModel, issued: IssuedDocument) -> bytes:
    unit = model.unit
    document = OfficialDocument(
        issuer=document_issuer(unit),
        number=issued.number,
        place=unit.document_place,
        day=issued.issued_on,
        kind="BÁO CÁO",
        subject=f"Mô hình cải cách hành chính gắn với văn hóa công sở “{model.title}”",
    )
    document.labelled("Đơn vị", unit.official_name)
    document.labelled("Kế hoạch", f"{model.campaign.number} — năm {model.year}")
    document.labelled("Lĩnh vực", str(model.get_category_display()))
    document.labelled("Ngày bắt đầu áp dụng", model.started_on.strftime("%d/%m/%Y"))
    document.labelled("Trạng thái", str(model.get_status_display()))
    if model.source_id:
        document.labelled(
            "Nhân rộng từ mô hình của", f"{model.source.unit.official_name} — {model.source.title}"
        )

    document.heading("1. Vấn đề cần giải quyết")
    document.paragraphs(model.problem)
    document.heading("2. Nội dung, cách làm")
    document.paragraphs(model.solution)

    document.heading("3. Hiệu quả đo được")
    effects = model.effects()
    if effects:
        document.table(
            ["Chỉ tiêu", "Giá trị", "Cách đo"],
            [(label, vietnamese_number(value), method) for label, value, method in effects],
            align=["left", "right", "left"],
        )
    else:
        document.paragraph("Chưa có số liệu đo lường.", italic=True)

    document.heading("4. Minh chứng và liên kết")
    items = [
        f"- {evidence.original_name}" + (f": {evidence.description}" if evidence.description else "")
        for evidence in model.evidence.all()
    ]
    items += [f"- {link}" for link in model.link_list()]
    for item in items or ["- Không có."]:
        document.paragraph(item)

    appraisal = model.appraisals.first()
    if appraisal is not None:
        document.heading("5. Kết quả thẩm định")
        document.paragraph(
            f"Ngày {timezone.localtime(appraisal.created_at):%d/%m/%Y}: {appraisal.decision_label}."
            + (f" {appraisal.reason}" if appraisal.reason else "")
        )
        for label, _code, verdict, comment in appraisal.criteria():
            document.paragraph(f"- {label}: {verdict}" + (f" — {comment}" if comment else ""))

    office = standing_office_name(unit)
    document.closing([head_signature(unit)], [office] if office and unit.parent_id else [])
    return document.to_bytes()
