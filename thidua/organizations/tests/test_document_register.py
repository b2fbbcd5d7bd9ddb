"""The register of outgoing documents (sổ đăng ký văn bản đi) and the units' document abbreviations."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction

from thidua.core.models import AuditEntry
from thidua.organizations.documents import document_issuer, head_signature
from thidua.organizations.models import DocumentType, IssuedDocument, Unit
from thidua.organizations.services import document_number_issue

pytestmark = pytest.mark.django_db


def issue(world, issuer=None, type_code=DocumentType.REPORT, day=date(2021, 5, 3), **extra) -> str:
    entry = document_number_issue(
        actor=world.user("district_officer"),
        issuer=issuer or world.district,
        type_code=type_code,
        day=day,
        **extra,
    )
    return entry.number


def test_people_committees_get_ubnd_as_their_abbreviation_and_agencies_none(world):
    assert (world.district.document_abbreviation, world.unit_a.document_abbreviation) == ("UBND", "UBND")
    assert world.agency.document_abbreviation == ""


def test_numbers_run_per_issuer_year_and_type(world):
    assert issue(world) == "01/BC-UBND"
    assert issue(world) == "02/BC-UBND"
    assert issue(world, type_code=DocumentType.MINUTES) == "01/BB-UBND"
    assert issue(world, type_code=DocumentType.DECISION) == "01/QĐ-UBND"
    assert issue(world, day=date(2022, 1, 4)) == "01/BC-UBND"
    assert issue(world, issuer=world.unit_a) == "01/BC-UBND"
    assert issue(world) == "03/BC-UBND"
    assert issue(world, type_code=DocumentType.OFFICIAL_LETTER) == "01/UBND"
    assert IssuedDocument.objects.filter(issuer=world.district, year=2021, type_code="BC").count() == 3


def test_an_issued_number_is_audited_in_the_issuers_name(world):
    entry = document_number_issue(
        actor=world.user("district_officer"),
        issuer=world.district,
        type_code=DocumentType.REPORT,
        day=date(2021, 5, 3),
        subject="Báo cáo\x01 mô hình",
    )
    audit = AuditEntry.objects.get(action="document.number_issued", target_id=str(entry.pk))
    assert (audit.unit_id, audit.data["number"]) == (world.district.pk, "01/BC-UBND")
    assert (entry.subject, entry.issued_on, entry.created_by) == (
        "Báo cáo mô hình",
        date(2021, 5, 3),
        world.user("district_officer"),
    )


def test_a_document_registered_under_a_reference_keeps_its_number_and_date(world):
    first = document_number_issue(
        actor=None,
        issuer=world.unit_a,
        type_code="BC",
        day=date(2021, 5, 3),
        reference="reform-model-record:1",
    )
    again = document_number_issue(
        actor=None,
        issuer=world.unit_a,
        type_code="BC",
        day=date(2021, 6, 9),
        reference="reform-model-record:1",
    )
    assert (again.pk, again.number, again.issued_on) == (first.pk, "01/BC-UBND", date(2021, 5, 3))
    assert IssuedDocument.objects.count() == 1
    assert AuditEntry.objects.filter(action="document.number_issued").count() == 1


def test_an_issuer_without_an_abbreviation_is_refused_and_nothing_is_registered(world):
    with pytest.raises(ValidationError, match="chưa có chữ viết tắt trên văn bản"):
        issue(world, issuer=world.agency)
    assert IssuedDocument.objects.count() == 0
    assert not AuditEntry.objects.filter(action="document.number_issued").exists()


def test_the_database_refuses_a_second_entry_with_the_same_sequence(world):
    issue(world)
    entry = IssuedDocument.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        IssuedDocument.objects.create(
            issuer=entry.issuer, year=2021, type_code="BC", sequence=1, issued_on=date(2021, 5, 4), number="x"
        )


def test_the_unit_form_edits_the_abbreviation(world, client_as):
    response = client_as("district_officer").post(
        f"/units/{world.agency.code}/edit/",
        {
            "code": world.agency.code,
            "name": world.agency.name,
            "official_name": world.agency.official_name,
            "document_abbreviation": " PTP ",
            "kind": world.agency.kind,
            "parent": world.district.pk,
            "is_confirmed": "on",
        },
    )
    assert response.status_code == 302
    assert Unit.objects.get(pk=world.agency.pk).document_abbreviation == "PTP"
    assert issue(world, issuer=world.agency) == "01/BC-PTP"


def test_header_lines_place_and_signature_come_from_the_unit(world):
    district, agency = document_issuer(world.district), document_issuer(world.agency)
    assert (list(district.superior_lines), list(district.name_lines)) == (
        [],
        ["ỦY BAN NHÂN DÂN", "HUYỆN LONG PHÚ"],
    )
    assert list(agency.superior_lines) == ["ỦY BAN NHÂN DÂN", "HUYỆN LONG PHÚ"]
    assert list(agency.name_lines) == ["PHÒNG TƯ PHÁP"]
    assert (world.unit_a.document_place, world.agency.document_place) == ("Long Phú", "Long Phú")
    assert list(head_signature(world.unit_a).capacity) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert list(head_signature(world.agency).capacity) == ["TRƯỞNG PHÒNG"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_parallel_requests_for_numbers_get_distinct_sequences():
    from thidua.organizations.services import unit_create

    issuer = unit_create(
        actor=None,
        code="t-song-song",
        name="Long Phú",
        official_name="Ủy ban nhân dân huyện Long Phú",
        kind="district",
    )
    numbers: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def take() -> None:
        try:
            start.wait()
            entry = document_number_issue(actor=None, issuer=issuer, type_code="BB", day=date(2021, 5, 3))
            numbers.append(entry.number)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == ["01/BB-UBND", "02/BB-UBND", "03/BB-UBND", "04/BB-UBND"]
