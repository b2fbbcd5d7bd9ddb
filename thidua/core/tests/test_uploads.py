import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.uploads import DOCX, IMAGE_KINDS, JPEG, PDF, PNG, XLSX, name_for_kind, sniff, validate_upload


def zipped(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n...", PDF),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, PNG),
        (zipped("[Content_Types].xml", "word/document.xml"), DOCX),
        (zipped("[Content_Types].xml", "xl/workbook.xml"), XLSX),
        (b"\x7fELF\x02\x01\x01" + b"\0" * 20, None),
        (b"MZ\x90\x00" + b"\0" * 20, None),
        (zipped("random.txt"), None),
        (b"PK\x03\x04 not really a zip", None),
    ],
)
def test_the_kind_comes_from_the_content(content, kind):
    assert sniff(SimpleUploadedFile("anything.pdf", content)) == kind


def test_an_executable_named_pdf_is_refused_with_a_clear_message():
    upload = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00" + b"\0" * 100)
    with pytest.raises(ValidationError) as error:
        validate_upload(upload)
    assert error.value.code == "bad_type"


def test_an_oversized_file_is_refused_before_sniffing():
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 2000)
    with pytest.raises(ValidationError) as error:
        validate_upload(upload, max_bytes=1000)
    assert error.value.code == "too_large"


def test_a_pdf_is_not_accepted_where_only_images_are():
    with pytest.raises(ValidationError):
        validate_upload(SimpleUploadedFile("a.png", b"%PDF-1.4"), allowed=IMAGE_KINDS)


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("x.html", JPEG, "x.jpg"),
        ("Báo cáo kết quả.pdf", PDF, "Báo cáo kết quả.pdf"),
        ("anh.PNG.exe", PNG, "anh.PNG.png"),
        ("khong-duoi", DOCX, "khong-duoi.docx"),
        (".html", JPEG, "file.jpg"),
        ("", XLSX, "file.xlsx"),
        ("C:\\\\Users\\\\a\\\\so-lieu.html", XLSX, "so-lieu.xlsx"),
        ("../../etc/passwd", PDF, "passwd.pdf"),
    ],
)
def test_a_file_is_named_after_its_detected_kind(name, kind, expected):
    assert name_for_kind(name, kind) == expected
