"""An issued decision never changes: a correction is a new decision of the Chairman that amends or revokes it,
numbered from the register and linked to it; the public page and the API show what is in force."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from conftest import PERSONAS, make_user
from thidua.awards import corrections
from thidua.awards.dossier_documents import correction_docx, decision_status_text
from thidua.awards.models import AwardDecision, AwardedUnit, DecisionKind, EntryStatus, EvaluationEntry
from thidua.awards.tests.test_achievement_report import pdf_text
from thidua.organizations.models import Role

pytestmark = pytest.mark.django_db

LATER = date(2022, 3, 1)


@pytest.fixture
def decision(decided_round):
    return AwardDecision.objects.get(round=decided_round, kind=DecisionKind.AWARD)


@pytest.fixture
def two_awarded(world, decision):
    """Unit B (proposed by exception) awarded as well, so that an amendment can withdraw one and keep the other."""
    entry = EvaluationEntry.objects.get(round=decision.round, unit=world.unit_b)
    EvaluationEntry.objects.filter(pk=entry.pk).update(status=EntryStatus.AWARDED)
    AwardedUnit.objects.create(
        decision=decision,
        entry=entry,
        unit=world.unit_b,
        unit_name=world.unit_b.official_name,
        position=2,
        authority=decision.round.authority,
        register_year=2022,
        register_number=999,
        achievement="x",
    )
    return decision


def fields(decision):
    decision = AwardDecision.objects.get(pk=decision.pk)
    return (
        decision.number,
        decision.issued_on,
        decision.cash_amount,
        decision.signer_id,
        decision.legal_bases,
        decision.kind,
        list(decision.awarded.values_list("unit_id", "unit_name", "register_number")),
    )


def test_the_original_decisions_fields_cannot_change(decision):
    before = fields(decision)
    decision.number = "99/QĐ-UBND"
    with pytest.raises(ValueError):
        decision.save()
    # the database refuses an update whatever code attempts it
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardDecision.objects.filter(pk=decision.pk).update(number="99/QĐ-UBND")
    assert fields(decision) == before


def test_a_revocation_is_a_new_numbered_decision_and_both_are_kept(world, client, decision):
    before = fields(decision)
    revocation = corrections.decision_revoke(
        actor=world.user("chairman"), decision=decision, reason="Hồ sơ khai không trung thực", day=LATER
    )
    assert fields(decision) == before
    assert (revocation.kind, revocation.corrects, revocation.issued_on) == (
        DecisionKind.REVOKE,
        decision,
        LATER,
    )
    assert revocation.number != decision.number and "/QĐ-" in revocation.number
    assert AwardDecision.objects.filter(round=decision.round).count() == 2
    assert decision_status_text(decision) == f"Đã bị thu hồi bởi Quyết định số {revocation.number}"
    # the awarded list leaves the unit out; the history keeps both decisions
    assert client.get("/api/awards?year=2021").json() == []
    page = client.get("/awards/awarded/2021/").content.decode()
    assert f"<del>{world.unit_a.official_name}</del>" in page
    assert revocation.number in page and decision.number in page
    entry = EvaluationEntry.objects.get(round=decision.round, unit=world.unit_a)
    assert entry.status == EntryStatus.NOT_AWARDED


def test_an_amendment_withdraws_one_unit_and_corrects_anothers_name(world, client, two_awarded):
    decision = two_awarded
    before = fields(decision)
    amendment = corrections.decision_amend(
        actor=world.user("chairman"),
        decision=decision,
        reason="Cơ quan chuyên môn không tham gia phong trào",
        day=LATER,
        remove_units=[world.unit_b.pk],
        rename_units={world.unit_a.pk: "Ủy ban nhân dân thị trấn Long Phú (sửa tên)"},
    )
    assert fields(decision) == before and amendment.corrects == decision
    awards = client.get("/api/awards?year=2021").json()
    assert [item["unit"]["name"] for item in awards] == ["Ủy ban nhân dân thị trấn Long Phú (sửa tên)"]
    assert [item["number"] for item in awards[0]["corrections"]] == [amendment.number]
    assert decision_status_text(decision).startswith("Đã được sửa đổi, bổ sung bởi Quyết định số")
    text = pdf_text(correction_docx(amendment))
    assert f"Sửa đổi, bổ sung Quyết định số {decision.number}" in " ".join(text.split())
    assert "giữ nguyên hiệu lực" in " ".join(text.split())
    # a later revocation of the same decision takes the rest away
    corrections.decision_revoke(
        actor=world.user("chairman"), decision=decision, reason="Thu hồi toàn bộ", day=LATER
    )
    assert client.get("/api/awards?year=2021").json() == []


def test_the_revoking_decision_reads_thu_hoi(world, decision):
    revocation = corrections.decision_revoke(
        actor=world.user("chairman"), decision=decision, reason="Sai đối tượng", day=LATER
    )
    text = " ".join(pdf_text(correction_docx(revocation)).split())
    assert f"Thu hồi Quyết định số {decision.number}" in text and "Xét lý do: Sai đối tượng." in text


@pytest.mark.parametrize("persona", ["district_officer", "council_member", "viewer", "officer_a", "head_a"])
def test_only_the_chairman_amends_or_revokes(world, decision, persona):
    before = (fields(decision), AwardDecision.objects.count())
    with pytest.raises(ValidationError):
        corrections.decision_revoke(actor=world.user(persona), decision=decision, reason="x", day=LATER)
    with pytest.raises(ValidationError):
        corrections.decision_amend(
            actor=world.user(persona),
            decision=decision,
            reason="x",
            day=LATER,
            rename_units={world.unit_a.pk: "Tên khác"},
        )
    assert (fields(decision), AwardDecision.objects.count()) == before


def test_another_authoritys_chairman_cannot_correct(world, decision):
    from conftest import make_unit
    from thidua.organizations.models import UnitKind

    other = make_unit("t-huyen-khac", "Khác", UnitKind.DISTRICT, official_name="Ủy ban nhân dân huyện Khác")
    stranger = make_user("chutich-khac", Role.CHAIRMAN, other)
    with pytest.raises(ValidationError):
        corrections.decision_revoke(actor=stranger, decision=decision, reason="x", day=LATER)
    assert AwardDecision.objects.count() == 1


@pytest.mark.parametrize(
    "attempt",
    [
        "no_reason",
        "before_the_decision",
        "nothing_changes",
        "not_awarded_unit",
        "same_name",
        "correct_a_correction",
    ],
)
def test_refused_corrections_change_nothing(world, decision, attempt):
    chairman = world.user("chairman")
    revocation = None
    if attempt == "correct_a_correction":
        revocation = corrections.decision_amend(
            actor=chairman,
            decision=decision,
            reason="Sửa tên",
            day=LATER,
            rename_units={world.unit_a.pk: "Tên mới"},
        )
    before = (fields(decision), AwardDecision.objects.count())
    calls = {
        "no_reason": lambda: corrections.decision_revoke(
            actor=chairman, decision=decision, reason=" ", day=LATER
        ),
        "before_the_decision": lambda: corrections.decision_revoke(
            actor=chairman, decision=decision, reason="x", day=date(2022, 1, 1)
        ),
        "nothing_changes": lambda: corrections.decision_amend(
            actor=chairman, decision=decision, reason="x", day=LATER
        ),
        "not_awarded_unit": lambda: corrections.decision_amend(
            actor=chairman, decision=decision, reason="x", day=LATER, rename_units={world.unit_b.pk: "B"}
        ),
        "same_name": lambda: corrections.decision_amend(
            actor=chairman,
            decision=decision,
            reason="x",
            day=LATER,
            rename_units={world.unit_a.pk: decision.awarded.get().unit_name},
        ),
        "correct_a_correction": lambda: corrections.decision_revoke(
            actor=chairman, decision=revocation, reason="x", day=LATER
        ),
    }
    with pytest.raises(ValidationError):
        calls[attempt]()
    assert (fields(decision), AwardDecision.objects.count()) == before


def test_a_revoked_decision_cannot_be_corrected_again(world, decision):
    revocation = corrections.decision_revoke(
        actor=world.user("chairman"), decision=decision, reason="x", day=LATER
    )
    with pytest.raises(ValidationError, match=revocation.number):
        corrections.decision_revoke(actor=world.user("chairman"), decision=decision, reason="y", day=LATER)
    assert AwardDecision.objects.count() == 2


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_correction_page_is_the_chairmans(client_as, decision, persona):
    response = client_as(persona).get(f"/awards/decisions/{decision.pk}/correct/")
    staff = {"district_officer", "inspector", "council_member", "viewer"}
    expected = (
        302 if persona == "anonymous" else 200 if persona == "chairman" else 403 if persona in staff else 404
    )
    assert response.status_code == expected


def test_the_chairman_revokes_through_the_page(world, client_as, decision):
    client = client_as("chairman")
    response = client.post(
        f"/awards/decisions/{decision.pk}/correct/",
        {"kind": "revoke", "day": "2022-03-01", "reason": "Sai đối tượng"},
    )
    assert response.status_code == 302
    revocation = AwardDecision.objects.get(kind=DecisionKind.REVOKE)
    page = client.get(f"/awards/rounds/{decision.round_id}/").content.decode()
    assert revocation.number in page
    assert (
        client_as("district_officer")
        .post(
            f"/awards/decisions/{decision.pk}/correct/",
            {"kind": "revoke", "day": "2022-03-01", "reason": "x"},
        )
        .status_code
        == 403
    )
    assert AwardDecision.objects.count() == 2
