"""Certificates (Giấy khen) of a decision: what the full-colour PDF prints and in which colour, where the
print-on-blank PDF puts each field, the blank design's edit with a reason, the alignment sheet, and who may have
them."""

import io
import subprocess
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from conftest import PERSONAS, make_unit, make_user
from thidua.awards import services
from thidua.awards.models import AwardDecision, AwardedUnit, CertificateBlank, EvaluationEntry
from thidua.core.models import AuditEntry
from thidua.core.tests.pdf_layout import needs_pdf_tools, pdf_pages
from thidua.organizations.models import Role, UnitKind

pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # PDF points per millimetre
LONG_NAME = (
    "Trường Trung học cơ sở Đại Ngãi thuộc Phòng Giáo dục và Đào tạo huyện Long Phú, tỉnh Sóc Trăng "
    "(tập thể giáo viên và nhân viên)"
)
PRINTERS = {"district_officer", "chairman"}
STAFF = {"district_officer", "inspector", "council_member", "chairman", "viewer"}


@pytest.fixture
def decision(world, decided_round):
    """The decision awards unit A (sổ vàng 1); unit B is added as a second, long-named certificate."""
    decision = AwardDecision.objects.get(round=decided_round)
    AwardedUnit.objects.create(
        decision=decision,
        entry=EvaluationEntry.objects.get(round=decided_round, unit=world.unit_b),
        unit=world.unit_b,
        unit_name=LONG_NAME,
        position=2,
        authority=world.district,
        register_year=2022,
        register_number=2,
        achievement="x",
    )
    return decision


@pytest.fixture
def blank(world):
    return services.certificate_blank_create(
        actor=world.user("district_officer"),
        authority=world.district,
        reason="Phôi mua năm 2022",
        name="Phôi thử",
        version="1",
        valid_from=date(2021, 1, 1),
        fields={
            "recipient": {"x": 30, "y": 140, "width": 150, "size": 16, "align": "left"},
            "register": {"x": 22, "y": 250, "width": 70, "size": 13, "align": "left"},
        },
    )


def words(pdf: bytes) -> list[list[dict]]:
    """The words of each page with their boxes in mm (``pdftotext -bbox``)."""
    html = subprocess.run(  # noqa: S603 - fixed command
        ["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    root = ET.fromstring(html.replace("<!DOCTYPE", "<!--").replace('dtd">', 'dtd"-->', 1))
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        pages.append(
            [
                {"text": word.text, **{key: float(word.get(key)) / MM for key in ("xMin", "yMin", "xMax")}}
                for word in page.iter("{http://www.w3.org/1999/xhtml}word")
            ]
        )
    return pages


def first_word_after(page: list[dict], text: str) -> dict:
    sequence = text.split()
    for index in range(len(page)):
        if [word["text"] for word in page[index : index + len(sequence)]] == sequence:
            return page[index]
    raise AssertionError(f"{text!r} not on the page")


def squashed(page: list[str]) -> str:
    return " ".join(" ".join(page).split())


# --- full colour -------------------------------------------------------------------------------------------------


@needs_pdf_tools
def test_the_colour_pdf_prints_one_page_per_unit_with_the_decision_and_register_number(
    world, client_as, decision
):
    response = client_as("district_officer").get(f"/awards/decisions/{decision.pk}/giay-khen.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content)
    assert len(pages) == 2, "a certificate must fit on one page"
    first, second = squashed(pages[0]), squashed(pages[1])
    for text in (first, second):
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
        assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LONG PHÚ" in text
        assert "TẶNG" in text and "GIẤY KHEN" in text
        assert f"Quyết định số {decision.number}" in text and "ngày 15 tháng 02 năm 2022" in text
        assert "Long Phú, ngày 15 tháng 02 năm 2022" in text
        assert "Người dùng chairman" in text  # the signer's name
        assert "Đã có thành tích xuất sắc trong thực hiện phong trào thi đua" in text
        assert "(Kế hoạch số 47/KH-UBND) năm 2021" in text
    assert world.unit_a.official_name in first and "Số sổ vàng: 1" in first
    assert "Huyện Long Phú" in first  # the commune's locality
    assert "Đại Ngãi" in second and "(tập thể giáo viên và nhân viên)" in second and "Số sổ vàng: 2" in second


def test_the_titles_are_red_and_the_recipient_black(client_as, decision):
    response = client_as("chairman").get(f"/awards/decisions/{decision.pk}/giay-khen.docx")
    document = Document(io.BytesIO(response.content))
    colours = {}
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if run.text.strip():
                colours.setdefault(run.text, str(run.font.color.rgb) if run.font.color.type else "auto")
    assert colours["GIẤY KHEN"] == "FF0000"
    assert colours["CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LONG PHÚ"] == "FF0000"
    assert colours["TẶNG"] == "auto" and colours["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] == "auto"
    recipient_runs = [
        run for table in document.tables for cell in table._cells for p in cell.paragraphs for run in p.runs
    ]
    assert recipient_runs and all(run.font.color.type is None for run in recipient_runs)
    assert len(document.inline_shapes) == 2  # the emblem on each page
    assert len(document.part.package.image_parts) == 1  # stored once


def _ppm(pdf: bytes) -> tuple[int, int, bytes]:
    ppm = subprocess.run(  # noqa: S603 - fixed command
        ["pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    header = ppm.split(b"\n", 3)
    width, height = (int(value) for value in header[1].split())
    return width, height, header[3]


@needs_pdf_tools
def test_the_rendered_title_band_is_red(client_as, decision, world):
    award = decision.awarded.get(unit=world.unit_a)
    response = client_as("district_officer").get(f"/awards/certificates/{award.pk}/giay-khen.pdf")
    assert len(pdf_pages(response.content)) == 1
    width, height, pixels = _ppm(response.content)

    def red_in(top: float, bottom: float) -> int:
        count = 0
        for y in range(int(height * top), int(height * bottom)):
            for x in range(int(width * 0.15), int(width * 0.85)):
                r, g, b = pixels[(y * width + x) * 3 : (y * width + x) * 3 + 3]
                count += r > 180 and g < 80 and b < 80
        return count

    assert red_in(0.28, 0.40) > 50  # line 3 and "GIẤY KHEN"
    assert red_in(0.45, 0.75) == 0  # the recipient and achievement are black


# --- print-on-blank ------------------------------------------------------------------------------------------------


@needs_pdf_tools
def test_the_blank_pdf_puts_each_field_at_its_offsets_and_only_the_variable_fields(
    world, client_as, decision, blank
):
    client = client_as("district_officer")
    response = client.get(f"/awards/decisions/{decision.pk}/giay-khen-phoi.pdf")
    pages = words(response.content)
    assert len(pages) == 2
    recipient = first_word_after(pages[0], world.unit_a.official_name)
    assert abs(recipient["xMin"] - 30) < 2 and abs(recipient["yMin"] - 140) < 2
    register = first_word_after(pages[0], "Số sổ vàng: 1")
    assert abs(register["xMin"] - 22) < 2 and abs(register["yMin"] - 250) < 2
    text = " ".join(word["text"] for word in pages[0])
    assert "GIẤY KHEN" not in text and "CỘNG HÒA" not in text and "TẶNG" not in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN" not in text  # line 3 is pre-printed on the default design
    assert f"Quyết định số {decision.number}" in text and "Người dùng chairman" in text
    assert abs(first_word_after(pages[1], "Số sổ vàng: 2")["yMin"] - 250) < 2  # same place on every page

    # The standing office moves the recipient 12 mm right and 15 mm down, with a reason: the PDF follows.
    form = client.get(reverse("awards-blank-edit", args=[blank.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data = {key: ("on" if value is True else value) for key, value in data.items() if value is not False}
    data.update({"recipient__x": "42", "recipient__y": "155", "reason": "Phôi in năm 2023 lệch xuống"})
    assert client.post(reverse("awards-blank-edit", args=[blank.pk]), data).status_code == 302
    blank.refresh_from_db()
    assert blank.fields["recipient"]["y"] == 155.0
    moved = words(client.get(f"/awards/decisions/{decision.pk}/giay-khen-phoi.pdf").content)[0]
    recipient = first_word_after(moved, world.unit_a.official_name)
    assert abs(recipient["xMin"] - 42) < 2 and abs(recipient["yMin"] - 155) < 2
    entry = AuditEntry.objects.filter(action="award.certificate_blank_changed").get()
    assert entry.data["changed"] == {"fields.recipient": {"x": [30.0, 42.0], "y": [140.0, 155.0]}}
    assert entry.data["reason"] == "Phôi in năm 2023 lệch xuống"


def _edit_data(client, blank, **changes) -> dict:
    form = client.get(reverse("awards-blank-edit", args=[blank.pk])).context["form"]
    data = {}
    for key, value in form.initial.items():
        if value is None or value is False:
            continue
        data[key] = "on" if value is True else value
    data.update(changes)
    return data


def test_a_blank_edit_without_a_reason_changes_nothing(world, client_as, blank):
    client = client_as("district_officer")
    before = dict(blank.fields)
    audits = AuditEntry.objects.count()
    response = client.post(
        reverse("awards-blank-edit", args=[blank.pk]),
        _edit_data(client, blank, recipient__y="200", reason=""),
    )
    assert response.status_code == 400
    blank.refresh_from_db()
    assert blank.fields == before and AuditEntry.objects.count() == audits


@pytest.mark.parametrize(
    "changes",
    [
        {"recipient__x": "150"},  # 150 + 150 mm wide runs off a 210 mm paper
        {"recipient__size": "2"},
        {"recipient__align": "justify"},
        {"recipient__y": "abc"},
        {"page_width_mm": "9999"},
        {"name": "Phôi\x07"},
        {"valid_to": "2020-01-01"},
    ],
)
def test_a_bad_blank_edit_is_refused_and_changes_nothing(world, client_as, blank, changes):
    client = client_as("district_officer")
    before = CertificateBlank.objects.values().get(pk=blank.pk)
    response = client.post(
        reverse("awards-blank-edit", args=[blank.pk]), _edit_data(client, blank, reason="Thử", **changes)
    )
    assert response.status_code == 400
    assert CertificateBlank.objects.values().get(pk=blank.pk) == before
    assert not AuditEntry.objects.filter(action="award.certificate_blank_changed").exists()


def test_an_edit_that_changes_nothing_is_refused(world, client_as, blank):
    client = client_as("district_officer")
    response = client.post(
        reverse("awards-blank-edit", args=[blank.pk]), _edit_data(client, blank, reason="Thử")
    )
    assert response.status_code == 400
    assert not AuditEntry.objects.filter(action="award.certificate_blank_changed").exists()


@needs_pdf_tools
def test_the_alignment_sheet_is_one_page_with_every_box_named_and_a_ruler(client_as, blank):
    response = client_as("district_officer").get(f"/awards/blanks/{blank.pk}/can-chinh.pdf")
    pages = pdf_pages(response.content)
    assert len(pages) == 1
    text = squashed(pages[0])
    assert "TỜ CĂN CHỈNH PHÔI GIẤY KHEN: Phôi thử, phiên bản 1" in text
    assert "Tên tập thể · x 30, y 140, rộng 150 mm, 16 pt" in text
    assert "Chức danh người ký (dòng 3)" in text and "(in sẵn trên phôi)" in text
    for mark in ("10", "100", "200", "290"):
        assert f" {mark} " in f" {text} "
    boxes = words(response.content)[0]
    label = first_word_after(boxes, "Tên tập thể")
    assert abs(label["yMin"] - 140) < 3


def test_the_standing_office_records_a_new_design_copied_from_the_one_in_use(world, client_as, blank):
    client = client_as("district_officer")
    response = client.post(
        "/awards/blanks/",
        {
            "authority": world.district.pk,
            "name": "Phôi 2023",
            "version": "2",
            "valid_from": "2023-01-01",
            "reason": "Phôi mới của nhà in",
        },
    )
    new = CertificateBlank.objects.exclude(pk=blank.pk).get()
    assert response.status_code == 302 and response["Location"] == reverse("awards-blank-edit", args=[new.pk])
    assert new.fields == blank.fields and new.authority == world.district
    # without a reason, or for a commune under the district: refused
    data = {"authority": world.district.pk, "name": "Phôi", "valid_from": "2023-01-01"}
    assert client.post("/awards/blanks/", data).status_code == 400
    data.update(authority=world.unit_a.pk, reason="x")
    assert client.post("/awards/blanks/", data).status_code == 400
    assert CertificateBlank.objects.count() == 2


# --- long documents ------------------------------------------------------------------------------------------------


@pytest.fixture
def files(settings, tmp_path):
    from thidua.core.uploads import private_storage

    settings.MEDIA_ROOT = tmp_path
    private_storage.__dict__.pop("base_location", None)
    private_storage.__dict__.pop("location", None)
    yield tmp_path
    private_storage.__dict__.pop("base_location", None)
    private_storage.__dict__.pop("location", None)


@needs_pdf_tools
def test_a_long_pdf_is_made_by_a_background_job(world, client_as, decision, settings, files):
    from thidua.jobs.exports import EXPORT_KIND
    from thidua.jobs.models import Job, JobState
    from thidua.jobs.testing import run_queued_jobs

    settings.CERTIFICATES_INLINE_MAX = 1
    client = client_as("district_officer")
    award = decision.awarded.get(unit=world.unit_a)
    assert (
        client.get(f"/awards/certificates/{award.pk}/giay-khen.pdf").status_code == 200
    )  # one page: at once
    response = client.get(f"/awards/decisions/{decision.pk}/giay-khen.pdf")
    assert response.status_code == 302, response.content[:300]
    job = Job.objects.get(kind=EXPORT_KIND)
    assert response.status_code == 302 and response["Location"] == reverse("job-detail", args=[job.pk])
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    assert job.result_name == f"giay-khen-{decision.pk}.pdf"
    assert len(pdf_pages(job.result_file.read())) == 2


# --- access ----------------------------------------------------------------------------------------------------------


def _expected(persona: str, allowed: set[str]) -> int:
    if persona == "anonymous":
        return 302
    if persona in allowed:
        return 200
    return 403 if persona in STAFF else 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_certificates_are_for_the_standing_office_and_the_chairman(world, client_as, decision, persona):
    client = client_as(persona)
    award = decision.awarded.get(unit=world.unit_a)
    expected = _expected(persona, PRINTERS)
    for url in (
        f"/awards/decisions/{decision.pk}/giay-khen.docx",
        f"/awards/decisions/{decision.pk}/giay-khen-phoi.docx",
        f"/awards/certificates/{award.pk}/giay-khen.docx",
        f"/awards/certificates/{award.pk}/giay-khen-phoi.docx",
    ):
        assert client.get(url).status_code == expected, url
    page = client.get(f"/awards/rounds/{decision.round_id}/")
    if page.status_code == 200:
        assert (f"/awards/decisions/{decision.pk}/giay-khen.docx" in page.content.decode()) == (
            persona in PRINTERS
        )


@pytest.mark.parametrize("persona", PERSONAS)
def test_blank_pages_are_the_standing_offices(world, client_as, blank, persona):
    client = client_as(persona)
    viewers = PRINTERS
    assert client.get(f"/awards/blanks/{blank.pk}/").status_code == _expected(persona, viewers)
    assert client.get(f"/awards/blanks/{blank.pk}/can-chinh.docx").status_code == _expected(persona, viewers)
    expected_list = 302 if persona == "anonymous" else 200 if persona in viewers else 403
    assert client.get("/awards/blanks/").status_code == expected_list
    if persona != "district_officer":
        before = dict(blank.fields)
        response = client.post(f"/awards/blanks/{blank.pk}/", {"recipient__y": "10", "reason": "Thử"})
        assert response.status_code == {"anonymous": 302, "chairman": 403}.get(
            persona, _expected(persona, set())
        )
        response = client.post("/awards/blanks/", {"name": "X", "valid_from": "2023-01-01", "reason": "Thử"})
        assert response.status_code in {302, 403}
        blank.refresh_from_db()
        assert blank.fields == before and CertificateBlank.objects.count() == 1


def test_another_authoritys_standing_office_gets_404(world, client, decision, blank):
    other = make_unit("t-huyen-khac", "Khác", UnitKind.DISTRICT, official_name="Ủy ban nhân dân huyện Khác")
    client.force_login(make_user("noivu-khac", Role.DISTRICT_OFFICER, other))
    award = decision.awarded.first()
    for url in (
        f"/awards/decisions/{decision.pk}/giay-khen.pdf",
        f"/awards/decisions/{decision.pk}/giay-khen-phoi.docx",
        f"/awards/certificates/{award.pk}/giay-khen.docx",
        f"/awards/blanks/{blank.pk}/",
        f"/awards/blanks/{blank.pk}/can-chinh.pdf",
    ):
        assert client.get(url).status_code == 404, url
    before = dict(blank.fields)
    assert (
        client.post(f"/awards/blanks/{blank.pk}/", {"recipient__y": "10", "reason": "x"}).status_code == 404
    )
    blank.refresh_from_db()
    assert blank.fields == before
    assert "Phôi thử" not in client.get("/awards/blanks/").content.decode()


@pytest.mark.parametrize(
    "url", ["/awards/decisions/{pk}/giay-khen.xlsx", "/awards/decisions/{pk}/giay-khen.doc"]
)
def test_an_unknown_format_is_404(client_as, decision, url):
    assert client_as("district_officer").get(url.format(pk=decision.pk)).status_code == 404


def test_without_a_blank_design_the_default_offsets_are_used(world, client_as, decision):
    page = client_as("district_officer").get(f"/awards/rounds/{decision.round_id}/").content.decode()
    assert "/awards/blanks/" in page
    response = client_as("district_officer").get(f"/awards/decisions/{decision.pk}/giay-khen-phoi.docx")
    assert response.status_code == 200


def test_a_stored_control_character_cannot_break_a_certificate(world, client_as, decision, blank):
    from thidua.core.text import has_control_characters

    AwardedUnit.objects.filter(decision=decision, unit=world.unit_a).update(unit_name="Tập thể\x01 A\x07")
    client = client_as("district_officer")
    for url in (
        f"/awards/decisions/{decision.pk}/giay-khen.docx",
        f"/awards/decisions/{decision.pk}/giay-khen-phoi.docx",
    ):
        response = client.get(url)
        assert response.status_code == 200
        texts = [paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs]
        texts += [
            cell.text for table in Document(io.BytesIO(response.content)).tables for cell in table._cells
        ]
        assert any("Tập thể A" in text for text in texts)
        assert not any(has_control_characters(text) for text in texts)
