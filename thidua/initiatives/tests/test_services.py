from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from thidua.core.models import AuditEntry
from thidua.initiatives import services
from thidua.initiatives.models import Appraisal, EvidenceFile, ModelStatus, ReformModel
from thidua.initiatives.tests.conftest import ALL_MEET, CONTENT, ONE_FAILS, pdf_upload, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Service messages are asserted by their English msgids, whatever language an earlier request left active."""
    with translation.override("en"):
        yield


def audit_actions(model: ReformModel) -> list[str]:
    return list(
        AuditEntry.objects.filter(target_type="initiatives.reformmodel", target_id=str(model.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def snapshot(model: ReformModel) -> tuple:
    model = ReformModel.objects.get(pk=model.pk)
    return (
        model.status,
        model.return_reason,
        model.submitted_at,
        model.decided_at,
        Appraisal.objects.filter(model=model).count(),
        AuditEntry.objects.count(),
    )


def test_a_new_model_is_a_draft_with_a_folded_search_key_and_an_audit_entry(world):
    model = services.model_create(
        actor=world.user("officer_a"), unit=world.unit_a, campaign=world.campaign, year=2021, **CONTENT
    )
    assert model.status == ModelStatus.DRAFT
    assert "van hoa cong so" in model.search_key
    assert "4 xin" in model.search_key
    assert audit_actions(model) == ["reform_model.created"]


def test_the_full_workflow_is_audited_step_by_step(world, make_model):
    model = make_model("exemplary")
    assert model.status == ModelStatus.EXEMPLARY
    assert model.submitted_by == world.user("head_a")
    assert audit_actions(model) == [
        "reform_model.created",
        "reform_model.sent_to_head",
        "reform_model.submitted",
        "reform_model.approved",
        "reform_model.recognised",
    ]
    appraisal = model.appraisals.get()
    assert (appraisal.lawful, appraisal.fits_function, appraisal.effective, appraisal.replicable) == (
        "meets",
        "meets",
        "meets",
        "meets",
    )


def test_creating_a_model_refuses_missing_text_negative_effects_and_effects_without_method(world):
    before = ReformModel.objects.count()
    with pytest.raises(ValidationError) as error:
        services.model_create(
            actor=world.user("officer_a"),
            unit=world.unit_a,
            campaign=world.campaign,
            year=2021,
            **{
                **CONTENT,
                "title": "  ",
                "cost_saved_per_year": Decimal("-5"),
                "trips_avoided_per_dossier": 1,
                "links": "javascript:alert(1)",
            },
        )
    assert set(error.value.message_dict) == {"title", "cost_saved_per_year", "trips_avoided_method", "links"}
    assert ReformModel.objects.count() == before


def test_a_year_outside_the_campaign_is_refused(world):
    with pytest.raises(ValidationError):
        services.model_create(
            actor=world.user("officer_a"), unit=world.unit_a, campaign=world.campaign, year=2030, **CONTENT
        )
    assert not ReformModel.objects.exists()


def test_the_district_itself_does_not_take_part_and_cannot_record_a_model(world):
    with pytest.raises(ValidationError):
        services.model_create(
            actor=world.user("district_officer"),
            unit=world.district,
            campaign=world.campaign,
            year=2021,
            **CONTENT,
        )
    assert not ReformModel.objects.exists()


def test_the_head_can_send_a_model_back_to_the_officer_with_a_reason(world, make_model):
    model = make_model("awaiting_head")
    services.model_head_return(actor=world.user("head_a"), model=model, reason="Thiếu minh chứng.")
    model.refresh_from_db()
    assert model.status == ModelStatus.DRAFT
    assert model.return_reason == "Thiếu minh chứng."


def test_a_returned_model_can_be_revised_and_sent_again(world, make_model):
    model = make_model("returned")
    assert model.return_reason == "Bổ sung số liệu."
    services.model_update(
        actor=world.user("officer_a"),
        model=model,
        people_served_per_year=1200,
        people_served_method="Sổ theo dõi một cửa.",
    )
    services.model_send_to_head(actor=world.user("officer_a"), model=model)
    services.model_submit(actor=world.user("head_a"), model=model)
    services.model_approve(actor=world.user("district_officer"), model=model, criteria=ALL_MEET)
    model.refresh_from_db()
    assert model.status == ModelStatus.APPROVED
    assert model.return_reason == ""
    assert model.people_served_per_year == 1200
    assert model.appraisals.count() == 2


# (starting status, transition, expected message fragment)
ILLEGAL = [
    ("draft", "submit", "sent to the unit head"),
    ("draft", "approve", "Only a submitted model"),
    ("draft", "recognise", "Only an approved model"),
    ("awaiting_head", "send", "Only a draft or returned"),
    ("awaiting_head", "approve", "Only a submitted model"),
    ("submitted", "send", "Only a draft or returned"),
    ("submitted", "submit", "sent to the unit head"),
    ("submitted", "head_return", "awaiting the unit head"),
    ("submitted", "recognise", "Only an approved model"),
    ("submitted", "discontinue", "Only an approved or exemplary"),
    ("approved", "approve", "Only a submitted model"),
    ("approved", "reject", "Only a submitted model"),
    ("approved", "send", "Only a draft or returned"),
    ("rejected", "approve", "Only a submitted model"),
    ("rejected", "send", "Only a draft or returned"),
    ("rejected", "recognise", "Only an approved model"),
    ("exemplary", "recognise", "Only an approved model"),
    ("discontinued", "recognise", "Only an approved model"),
    ("discontinued", "discontinue", "Only an approved or exemplary"),
    ("returned", "approve", "Only a submitted model"),
    ("returned", "submit", "sent to the unit head"),
]


def run_transition(world, model, transition):
    district = world.user("district_officer")
    calls = {
        "send": lambda: services.model_send_to_head(actor=world.user("officer_a"), model=model),
        "submit": lambda: services.model_submit(actor=world.user("head_a"), model=model),
        "head_return": lambda: services.model_head_return(
            actor=world.user("head_a"), model=model, reason="x"
        ),
        "approve": lambda: services.model_approve(actor=district, model=model, criteria=ALL_MEET),
        "reject": lambda: services.model_reject(actor=district, model=model, criteria=ONE_FAILS, reason="x"),
        "recognise": lambda: services.model_recognise(actor=district, model=model),
        "discontinue": lambda: services.model_discontinue(actor=district, model=model, reason="x"),
    }
    return calls[transition]()


@pytest.mark.parametrize(("status", "transition", "message"), ILLEGAL)
def test_an_illegal_move_is_refused_with_a_message_and_changes_nothing(
    world, make_model, status, transition, message
):
    model = make_model(status)
    before = snapshot(model)
    with pytest.raises(ValidationError) as error:
        run_transition(world, model, transition)
    assert message in " ".join(error.value.messages)
    assert snapshot(model) == before


def test_approval_needs_all_four_criteria_met(world, make_model):
    model = make_model("submitted")
    before = snapshot(model)
    with pytest.raises(ValidationError) as error:
        services.model_approve(actor=world.user("district_officer"), model=model, criteria=ONE_FAILS)
    assert "all four criteria" in error.value.messages[0]
    assert snapshot(model) == before


def test_an_appraisal_missing_a_criterion_is_refused(world, make_model):
    model = make_model("submitted")
    before = snapshot(model)
    partial = {key: value for key, value in ALL_MEET.items() if key != "lawful"}
    with pytest.raises(ValidationError):
        services.model_approve(actor=world.user("district_officer"), model=model, criteria=partial)
    with pytest.raises(ValidationError):
        services.model_approve(
            actor=world.user("district_officer"), model=model, criteria={**ALL_MEET, "lawful": "maybe"}
        )
    assert snapshot(model) == before


@pytest.mark.parametrize("service", [services.model_return, services.model_reject])
def test_a_return_or_rejection_needs_a_reason(world, make_model, service):
    model = make_model("submitted")
    before = snapshot(model)
    with pytest.raises(ValidationError) as error:
        service(actor=world.user("district_officer"), model=model, criteria=ONE_FAILS, reason="   ")
    assert "reason" in error.value.message_dict
    assert snapshot(model) == before


def test_a_rejection_records_the_criteria_and_the_reason(world, make_model):
    model = make_model("rejected")
    appraisal = model.appraisals.get()
    assert appraisal.decision == "rejected"
    assert appraisal.replicable == "does_not_meet"
    assert appraisal.reason == "Không khả thi."
    assert audit_actions(model)[-1] == "reform_model.rejected"


def test_only_a_draft_or_returned_model_can_be_changed(world, make_model):
    model = make_model("submitted")
    before = snapshot(model)
    with pytest.raises(ValidationError):
        services.model_update(actor=world.user("officer_a"), model=model, title="Khác")
    assert ReformModel.objects.get(pk=model.pk).title == CONTENT["title"]
    assert snapshot(model) == before


def test_another_unit_adopts_an_approved_model_as_its_own_linked_draft(world, make_model):
    source = make_model("approved")
    adopted = services.model_adopt(
        actor=world.user("officer_b"),
        source=source,
        unit=world.unit_b,
        campaign=world.campaign,
        year=2021,
        started_on=date(2021, 10, 1),
    )
    assert adopted.unit == world.unit_b
    assert adopted.source == source
    assert adopted.status == ModelStatus.DRAFT
    assert adopted.title == source.title
    assert adopted.minutes_saved_per_dossier is None  # the adopting unit measures its own effect
    assert list(source.adoptions.all()) == [adopted]
    assert audit_actions(adopted) == ["reform_model.adopted"]


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "rejected", "discontinued"])
def test_a_model_that_is_not_approved_cannot_be_adopted(world, make_model, status):
    source = make_model(status)
    with pytest.raises(ValidationError):
        services.model_adopt(
            actor=world.user("officer_b"),
            source=source,
            unit=world.unit_b,
            campaign=world.campaign,
            year=2021,
            started_on=date(2021, 10, 1),
        )
    assert not ReformModel.objects.filter(source=source).exists()


def test_a_unit_cannot_adopt_its_own_model_or_adopt_twice(world, make_model):
    source = make_model("exemplary")
    with pytest.raises(ValidationError):
        services.model_adopt(
            actor=world.user("officer_a"),
            source=source,
            unit=world.unit_a,
            campaign=world.campaign,
            year=2021,
            started_on=date(2021, 10, 1),
        )
    services.model_adopt(
        actor=world.user("officer_b"),
        source=source,
        unit=world.unit_b,
        campaign=world.campaign,
        year=2021,
        started_on=date(2021, 10, 1),
    )
    with pytest.raises(ValidationError) as error:
        services.model_adopt(
            actor=world.user("officer_b"),
            source=source,
            unit=world.unit_b,
            campaign=world.campaign,
            year=2022,
            started_on=date(2022, 1, 1),
        )
    assert "already adopted" in error.value.messages[0]
    assert ReformModel.objects.filter(source=source).count() == 1


def test_evidence_is_stored_privately_under_a_random_name(world, make_model, media):
    model = make_model()
    evidence = services.evidence_add(
        actor=world.user("officer_a"), model=model, uploaded=pdf_upload("Báo cáo.pdf"), description="Báo cáo"
    )
    assert evidence.kind == "pdf"
    assert evidence.original_name == "Báo cáo.pdf"
    assert not evidence.is_public
    files = stored_files(media)
    assert len(files) == 1
    assert files[0].is_relative_to(media / "private")
    assert "Báo cáo" not in files[0].name
    assert audit_actions(model)[-1] == "reform_model.evidence_added"


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


@pytest.mark.parametrize("content", [ELF, EXE], ids=["elf", "exe"])
def test_an_executable_renamed_pdf_is_refused_and_nothing_is_stored(world, make_model, media, content):
    model = make_model()
    audit_before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        services.evidence_add(
            actor=world.user("officer_a"),
            model=model,
            uploaded=SimpleUploadedFile("bao-cao.pdf", content, content_type="application/pdf"),
        )
    assert "whatever its name says" in error.value.messages[0]
    assert not EvidenceFile.objects.exists()
    assert stored_files(media) == []
    assert AuditEntry.objects.count() == audit_before


def test_an_oversized_upload_is_refused_and_nothing_is_stored(world, make_model, media, settings):
    model = make_model()
    big = b"%PDF-1.4\n" + b"0" * (settings.UPLOAD_MAX_BYTES + 1)
    with pytest.raises(ValidationError) as error:
        services.evidence_add(
            actor=world.user("officer_a"), model=model, uploaded=SimpleUploadedFile("big.pdf", big)
        )
    assert "the limit is" in error.value.messages[0]
    assert not EvidenceFile.objects.exists()
    assert stored_files(media) == []


def test_a_failure_after_the_file_is_written_leaves_no_file_and_no_row(world, make_model, media, monkeypatch):
    model = make_model()

    def broken_audit(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "audit_record", broken_audit)
    with pytest.raises(RuntimeError):
        services.evidence_add(actor=world.user("officer_a"), model=model, uploaded=pdf_upload())
    assert not EvidenceFile.objects.exists()
    assert stored_files(media) == []


def test_evidence_cannot_be_added_while_the_model_is_under_review(world, make_model, media):
    model = make_model("submitted")
    with pytest.raises(ValidationError):
        services.evidence_add(actor=world.user("officer_a"), model=model, uploaded=pdf_upload())
    assert not EvidenceFile.objects.exists()
    assert stored_files(media) == []


def test_marking_evidence_public_and_removing_it_are_audited(
    world, make_model, media, django_capture_on_commit_callbacks
):
    model = make_model()
    evidence = services.evidence_add(actor=world.user("officer_a"), model=model, uploaded=pdf_upload())
    services.evidence_set_public(actor=world.user("officer_a"), evidence=evidence, is_public=True)
    assert EvidenceFile.objects.get(pk=evidence.pk).is_public
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_delete(actor=world.user("officer_a"), evidence=evidence)
    assert not EvidenceFile.objects.exists()
    assert stored_files(media) == []
    assert audit_actions(model)[-3:] == [
        "reform_model.evidence_added",
        "reform_model.evidence_published",
        "reform_model.evidence_removed",
    ]
