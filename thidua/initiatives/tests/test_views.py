import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from thidua.core.documents import vietnamese_date_line
from thidua.core.models import AuditEntry
from thidua.core.tests.pdf_layout import assert_decree_30_layout, needs_pdf_tools, pdf_pages
from thidua.core.tests.xlsx import table_of
from thidua.initiatives import services
from thidua.initiatives.models import EvidenceFile, ReformModel
from thidua.initiatives.tests.conftest import ALL_MEET, pdf_upload, stored_files
from thidua.organizations.models import IssuedDocument

pytestmark = pytest.mark.django_db


def form_data(world, **overrides):
    data = {
        "unit": world.unit_a.pk,
        "campaign": world.campaign.pk,
        "year": 2021,
        "title": "Nụ cười công sở",
        "category": "civil_service",
        "problem": "Người dân chờ lâu, chưa hài lòng về văn hóa công sở.",
        "solution": "Bố trí ghế chờ, số thứ tự, chào hỏi theo quy tắc.",
        "started_on": "15/05/2021",
        "minutes_saved_per_dossier": "7.5",
        "minutes_saved_method": "Bấm giờ 50 lượt.",
        "links": "https://longphu.soctrang.gov.vn/mo-hinh",
    }
    data.update(overrides)
    return data


def test_an_officer_records_a_model_through_the_form(world, client_as):
    response = client_as("officer_a").post("/reform-models/new/", form_data(world))
    model = ReformModel.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reform-models/{model.pk}/"
    assert model.unit == world.unit_a
    assert model.started_on == date(2021, 5, 15)
    assert model.created_by == world.user("officer_a")
    assert str(model.minutes_saved_per_dossier) == "7.5"


@pytest.mark.parametrize(
    "overrides",
    [
        {"title": ""},
        {"category": "nope"},
        {"started_on": "31/02/2021"},
        {"minutes_saved_per_dossier": "-3"},
        {"minutes_saved_method": ""},
        {"year": "2030"},
        {"links": "not a link"},
        {"people_served_per_year": "many"},
    ],
)
def test_bad_input_on_the_model_form_answers_400_and_saves_nothing(world, client_as, overrides):
    response = client_as("officer_a").post("/reform-models/new/", form_data(world, **overrides))
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not ReformModel.objects.exists()


def test_an_officer_cannot_record_a_model_for_another_unit(world, client_as):
    response = client_as("officer_a").post("/reform-models/new/", form_data(world, unit=world.unit_b.pk))
    assert response.status_code == 400
    assert not ReformModel.objects.exists()


def test_editing_a_draft_changes_it_and_a_submitted_model_cannot_be_edited(world, client_as, make_model):
    model = make_model()
    response = client_as("officer_a").post(
        f"/reform-models/{model.pk}/edit/", form_data(world, title="Tên mới")
    )
    assert response.status_code == 302
    assert ReformModel.objects.get(pk=model.pk).title == "Tên mới"
    submitted = make_model("submitted")
    response = client_as("officer_a").post(
        f"/reform-models/{submitted.pk}/edit/", form_data(world, title="X")
    )
    assert response.status_code == 302
    assert ReformModel.objects.get(pk=submitted.pk).title != "X"


def test_an_officer_uploads_evidence_and_downloads_it(world, client_as, make_model, media):
    model = make_model()
    client = client_as("officer_a")
    response = client.post(
        f"/reform-models/{model.pk}/evidence/",
        {"file": pdf_upload("Báo cáo kết quả.pdf"), "description": "Báo cáo", "is_public": "on"},
    )
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert evidence.is_public
    download = client.get(f"/reform-models/{model.pk}/evidence/{evidence.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert "attachment" in download["Content-Disposition"]
    assert "filename*=utf-8''B%C3%A1o" in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"


def test_a_jpeg_uploaded_as_html_is_stored_and_served_as_a_jpeg(world, client_as, make_model, media):
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200
    model = make_model()
    client = client_as("officer_a")
    response = client.post(
        f"/reform-models/{model.pk}/evidence/", {"file": SimpleUploadedFile("x.html", jpeg, "text/html")}
    )
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert (evidence.original_name, evidence.content_type) == ("x.jpg", "image/jpeg")
    assert evidence.file.name.endswith(".jpg")
    assert [path.suffix for path in stored_files(media)] == [".jpg"]
    for inline in ("", "?inline=1"):
        download = client.get(f"/reform-models/{model.pk}/evidence/{evidence.pk}/{inline}")
        assert download.status_code == 200
        assert download["Content-Type"] == "image/jpeg"
        assert download["X-Content-Type-Options"] == "nosniff"
        assert 'filename="x.jpg"' in download["Content-Disposition"]
        assert b"".join(download.streaming_content) == jpeg
    # A file stored before names were corrected is still served under the name of its real type.
    EvidenceFile.objects.filter(pk=evidence.pk).update(original_name="cu.html")
    old = client.get(f"/reform-models/{model.pk}/evidence/{evidence.pk}/")
    assert 'filename="cu.jpg"' in old["Content-Disposition"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 100, "không thuộc loại được chấp nhận"),
        (b"MZ\x90\x00" + b"\x00" * 100, "không thuộc loại được chấp nhận"),
        (b"%PDF-1.4\n" + b"0" * (70 * 1024), "giới hạn"),
        (b"", "rỗng"),
    ],
    ids=["elf", "exe", "oversized", "empty"],
)
def test_a_spoofed_or_oversized_upload_is_refused_in_vietnamese_and_nothing_is_stored(
    client_as, make_model, media, content, message
):
    model = make_model()
    audit_before = AuditEntry.objects.count()
    response = client_as("officer_a").post(
        f"/reform-models/{model.pk}/evidence/", {"file": SimpleUploadedFile("bao-cao.pdf", content)}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EvidenceFile.objects.exists()
    assert stored_files(media) == []
    assert AuditEntry.objects.count() == audit_before


def test_the_appraisal_form_records_the_four_criteria(world, client_as, make_model):
    model = make_model("submitted")
    data = {
        "decision": "returned",
        "reason": "Bổ sung số liệu đo lường.",
        **ALL_MEET,
        "effective": "does_not_meet",
        "effective_comment": "Chưa có số liệu.",
    }
    response = client_as("district_officer").post(f"/reform-models/{model.pk}/appraise/", data)
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.status == "returned"
    appraisal = model.appraisals.get()
    assert appraisal.effective == "does_not_meet"
    assert appraisal.effective_comment == "Chưa có số liệu."


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "approved", **ALL_MEET, "lawful": "does_not_meet"},
        {"decision": "rejected", **ALL_MEET, "reason": ""},
        {"decision": "approved", "lawful": "meets"},
        {"decision": "maybe", **ALL_MEET},
    ],
)
def test_an_inconsistent_appraisal_answers_400_and_changes_nothing(client_as, make_model, data):
    model = make_model("submitted")
    response = client_as("district_officer").post(f"/reform-models/{model.pk}/appraise/", data)
    assert response.status_code == 400
    model.refresh_from_db()
    assert model.status == "submitted"
    assert not model.appraisals.exists()


def test_an_illegal_move_through_the_browser_answers_409_with_the_reason(client_as, make_model):
    model = make_model("approved")
    audit_before = AuditEntry.objects.count()
    response = client_as("district_officer").post(f"/reform-models/{model.pk}/recognise/")
    assert response.status_code == 302
    response = client_as("district_officer").post(f"/reform-models/{model.pk}/recognise/")
    assert response.status_code == 409
    assert "Chỉ mô hình đã được công nhận mới được công nhận điển hình tiên tiến" in response.content.decode()
    assert AuditEntry.objects.count() == audit_before + 1


def test_sending_back_without_a_reason_answers_400_and_changes_nothing(client_as, make_model):
    model = make_model("awaiting_head")
    response = client_as("head_a").post(f"/reform-models/{model.pk}/send-back/", {"reason": ""})
    assert response.status_code == 400
    assert ReformModel.objects.get(pk=model.pk).status == "awaiting_head"


def test_an_officer_of_another_unit_adopts_an_approved_model_through_the_form(world, client_as, make_model):
    source = make_model("approved")
    response = client_as("officer_b").post(
        f"/reform-models/{source.pk}/adopt/",
        {"unit": world.unit_b.pk, "campaign": world.campaign.pk, "year": 2021, "started_on": "2021-10-01"},
    )
    adopted = ReformModel.objects.get(source=source)
    assert response.status_code == 302
    assert response["Location"] == f"/reform-models/{adopted.pk}/"
    assert adopted.unit == world.unit_b
    again = client_as("officer_b").post(
        f"/reform-models/{source.pk}/adopt/",
        {"unit": world.unit_b.pk, "campaign": world.campaign.pk, "year": 2022, "started_on": "2022-01-01"},
    )
    assert again.status_code == 400
    assert ReformModel.objects.filter(source=source).count() == 1


def test_the_register_filters_and_refuses_a_bad_filter(world, client_as, make_model):
    make_model("approved", title="Văn hóa công sở")
    make_model("draft", title="Tiếp nhận trực tuyến", unit=world.unit_b)
    client = client_as("district_officer")
    page = client.get("/reform-models/", {"status": "approved"})
    assert [model.title for model in page.context["page"]] == ["Văn hóa công sở"]
    page = client.get("/reform-models/", {"q": "TRUC tuyen"})
    assert [model.title for model in page.context["page"]] == ["Tiếp nhận trực tuyến"]
    assert client.get("/reform-models/", {"status": "nope"}).status_code == 400
    own = client_as("officer_b").get("/reform-models/")
    assert [model.title for model in own.context["page"]] == ["Tiếp nhận trực tuyến"]


def test_the_xlsx_register_opens_and_holds_the_models(world, client_as, make_model):
    source = make_model("exemplary", title="4 xin, 4 luôn")
    services.model_adopt(
        actor=world.user("officer_b"),
        source=source,
        unit=world.unit_b,
        campaign=world.campaign,
        year=2021,
        started_on=date(2021, 10, 1),
    )
    response = client_as("district_officer").get("/reform-models/", {"format": "xlsx"})
    assert response.status_code == 200
    rows = table_of(response.content)
    assert len(rows) == 3
    header = rows[0]
    by_unit = {row[header.index("Mã đơn vị")]: row for row in rows[1:]}
    assert set(by_unit) == {"t-tt-long-phu", "t-xa-long-phu"}
    town = by_unit["t-tt-long-phu"]
    assert town[header.index("Tên mô hình")] == "4 xin, 4 luôn"
    assert town[header.index("Trạng thái")] == "Điển hình tiên tiến"
    assert town[header.index("Số phút tiết kiệm mỗi hồ sơ")] == 10
    assert town[header.index("Số đơn vị nhân rộng")] == 1
    assert by_unit["t-xa-long-phu"][header.index("Nhân rộng từ")] == "Ủy ban nhân dân thị trấn Long Phú"


def test_the_docx_record_opens_in_the_official_format(world, client_as, make_model):
    model = make_model("approved", title="4 xin, 4 luôn")
    services.evidence_add(actor=world.user("officer_a"), model=model, uploaded=pdf_upload("bao-cao.pdf"))
    response = client_as("officer_a").get(f"/reform-models/{model.pk}/record.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30
    assert round(section.right_margin.mm) == 15
    assert section.different_first_page_header_footer  # page numbers from page 2, none on page 1
    assert "PAGE" in section.header.paragraphs[0]._element.xml
    header = document.tables[0]
    header_text = "\n".join(cell.text for cell in header.rows[0].cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header_text
    assert "Độc lập - Tự do - Hạnh phúc" in header_text
    assert "ỦY BAN NHÂN DÂN\nTHỊ TRẤN LONG PHÚ" in header_text
    today = timezone.localdate()
    number, dated = header.rows[1].cells
    # the unit's register, not a slug of its code
    assert number.text == "Số: 01/BC-UBND"
    assert dated.text == vietnamese_date_line("Long Phú", today)
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "“4 xin, 4 luôn”" in text
    assert "bao-cao.pdf" in text
    assert "- Hợp pháp: Đạt" in text
    fonts = {run.font.name for paragraph in document.paragraphs for run in paragraph.runs if run.text}
    assert fonts == {"Times New Roman"}
    effects = document.tables[1]
    assert effects.rows[1].cells[1].text == "10"
    signature = document.tables[2].rows[0].cells[1]
    assert [p.text for p in signature.paragraphs if p.text][:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_downloading_the_record_again_keeps_its_number(world, client_as, make_model):
    first, second = make_model("approved", title="Một"), make_model("approved", title="Hai")
    client = client_as("officer_a")
    client.get(f"/reform-models/{first.pk}/record.docx")
    client.get(f"/reform-models/{second.pk}/record.docx")
    again = client_as("district_officer").get(f"/reform-models/{first.pk}/record.docx")
    number = Document(io.BytesIO(again.content)).tables[0].rows[1].cells[0].text
    assert number == "Số: 01/BC-UBND"
    assert list(IssuedDocument.objects.order_by("sequence").values_list("number", flat=True)) == [
        "01/BC-UBND",
        "02/BC-UBND",
    ]


def test_a_title_with_control_characters_still_gives_a_record(world, client_as, make_model):
    model = make_model("draft")
    # Stored before input was cleaned at every entrance: the document writer must still cope.
    ReformModel.objects.filter(pk=model.pk).update(title="Ctl\x01\x02", problem="Dòng một\x0b\nDòng hai\x1f")
    response = client_as("officer_a").get(f"/reform-models/{model.pk}/record.docx")
    assert response.status_code == 200
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs)
    assert "“Ctl”" in text and "Dòng một" in text and "Dòng hai" in text


@needs_pdf_tools
def test_the_pdf_record_has_the_decree_30_layout(world, client_as, make_model):
    model = make_model("approved", title="4 xin, 4 luôn")
    response = client_as("officer_a").get(f"/reform-models/{model.pk}/record.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_decree_30_layout(
        pdf_pages(response.content),
        number="01/BC-UBND",
        date_line=vietnamese_date_line("Long Phú", timezone.localdate()),
        closing_marker="Nơi nhận:",
    )


def test_the_pdf_record_is_guarded_like_the_docx(world, client_as, client, make_model):
    model = make_model("draft")
    assert client_as("officer_b").get(f"/reform-models/{model.pk}/record.pdf").status_code == 404
    assert client.get(f"/reform-models/{model.pk}/record.pdf").status_code == 302
    assert not IssuedDocument.objects.exists()


def test_without_libreoffice_the_model_page_says_pdf_is_unavailable(
    world, client_as, make_model, monkeypatch
):
    monkeypatch.setenv("PATH", "/nonexistent")
    model = make_model("draft")
    client = client_as("officer_a")
    page = client.get(f"/reform-models/{model.pk}/").content.decode()
    assert f"/reform-models/{model.pk}/record.docx" in page
    assert f"/reform-models/{model.pk}/record.pdf" not in page
    response = client.get(f"/reform-models/{model.pk}/record.pdf")
    assert response.status_code == 503
    assert "DOCX" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("head_a", ["awaiting_head"]),
        ("district_officer", ["submitted"]),
        ("officer_a", ["returned"]),
        ("officer_b", []),
        ("viewer", []),
    ],
)
def test_the_register_lists_what_waits_for_each_role(client_as, make_model, persona, expected):
    for status in ("draft", "awaiting_head", "submitted", "returned", "approved"):
        make_model(status, title=f"Mô hình {status}")
    response = client_as(persona).get("/reform-models/")
    assert [model.status for model in response.context["waiting"]] == expected
