"""Public notices (thông báo, law art. 84.5): the units proposed to the council, and the units a decision awards.

A notice is numbered in the authority's register (type TB) when the candidates go to the council and when the
decision is issued, inside that service's transaction. It copies its list, so it reads the same later.
"""

from datetime import date
from typing import Any

from thidua.awards.models import AwardDecision, EntryStatus, EvaluationRound, NoticeKind, PublicNotice
from thidua.core.audit import audit_record
from thidua.organizations.models import DocumentType


def _number(*, actor: Any, evaluation_round: EvaluationRound, day: date, subject: str, reference: str) -> str:
    from thidua.awards.services import issue_document_number

    return issue_document_number(
        actor=actor,
        issuer=evaluation_round.authority,
        type_code=DocumentType.NOTICE,
        day=day,
        subject=subject,
        reference=reference,
    ).number


def notice_issue_proposed(*, actor: Any, evaluation_round: EvaluationRound, day: date) -> PublicNotice:
    """Called by ``round_propose`` in its transaction."""
    entries = (
        evaluation_round.entries.filter(status=EntryStatus.PROPOSED)
        .select_related("unit")
        .order_by("-score", "unit__name")
    )
    units = [
        {
            "unit": entry.unit.official_name or entry.unit.name,
            "score": str(entry.score),
            "exception": entry.exception_reason,
        }
        for entry in entries
    ]
    number = _number(
        actor=actor,
        evaluation_round=evaluation_round,
        day=day,
        subject=f"Thông báo danh sách đề nghị khen thưởng: {evaluation_round}",
        reference=f"award-notice-proposed:{evaluation_round.pk}",
    )
    notice = PublicNotice.objects.create(
        round=evaluation_round, kind=NoticeKind.PROPOSED, number=number, issued_on=day, units=units
    )
    audit_record(
        actor=actor,
        action="award.notice_issued",
        target=notice,
        unit=evaluation_round.authority,
        data={"number": number, "kind": notice.kind, "units": len(units)},
    )
    return notice


def notice_issue_awarded(*, actor: Any, decision: AwardDecision) -> PublicNotice:
    """Called by ``decision_approve`` in its transaction: the notice is dated as the decision."""
    evaluation_round = decision.round
    units = [
        {"unit": award.unit_name, "score": str(award.entry.score), "exception": award.entry.exception_reason}
        for award in decision.awarded.select_related("entry").order_by("position")
    ]
    number = _number(
        actor=actor,
        evaluation_round=evaluation_round,
        day=decision.issued_on,
        subject=f"Thông báo kết quả khen thưởng: {evaluation_round}",
        reference=f"award-notice-awarded:{decision.pk}",
    )
    notice = PublicNotice.objects.create(
        round=evaluation_round,
        kind=NoticeKind.AWARDED,
        decision=decision,
        number=number,
        issued_on=decision.issued_on,
        units=units,
    )
    audit_record(
        actor=actor,
        action="award.notice_issued",
        target=notice,
        unit=evaluation_round.authority,
        data={"number": number, "kind": notice.kind, "units": len(units)},
    )
    return notice
