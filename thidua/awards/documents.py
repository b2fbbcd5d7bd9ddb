"""The awards' official documents, all from the one Decree 30 builder: the invitation to the council session, its
minutes, the ballot-counting record, the proposal (tờ trình) and the decision with its annexed list.

Each function takes model instances and returns DOCX bytes; the views fetch with the access checks and convert to
PDF through ``thidua.core.pdf``. Every figure comes from what was stored when it was decided: the frozen scores,
the session's counts, the decision's legal bases and cash rate.
"""

from thidua.awards.council import Outcome
from thidua.awards.models import (
    Attendance,
    AwardDecision,
    CouncilSession,
    EvaluationRound,
    SessionStatus,
    VoteDenominator,
    VotingMethod,
)
from thidua.awards.money import amount_in_figures, amount_in_words
from thidua.awards.services import passed_entries, standing_office
from thidua.core.documents import OfficialDocument, Signature, vietnamese_date
from thidua.organizations.documents import document_issuer, head_signature
from thidua.organizations.models import Unit

COUNCIL_NAME = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"


def _authority_name(unit: Unit) -> str:
    return unit.document_text_name


def _council_issuer(authority: Unit):
    """The council writes under its authority: "ỦY BAN NHÂN DÂN HUYỆN AN THẠNH / HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"."""
    body = document_issuer(authority)
    return type(body)(name_lines=[COUNCIL_NAME], superior_lines=[*body.superior_lines, *body.name_lines])


def _chair(session: CouncilSession):
    return session.members.filter(is_chair=True).select_related("user").first()


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def invitation_docx(session: CouncilSession, *, number: str) -> bytes:
    """Giấy mời (Decree 30, form 1.7): the council members to the session."""
    evaluation_round = session.round
    authority = evaluation_round.authority
    document = OfficialDocument(
        issuer=_council_issuer(authority),
        number=number,
        place=authority.document_place,
        day=session.created_at.date(),
        kind="GIẤY MỜI",
        subject=f"Họp Hội đồng Thi đua - Khen thưởng xét khen thưởng năm {evaluation_round.year}",
    )
    document.paragraph(
        f"{COUNCIL_NAME.capitalize()} {_authority_name(authority)} trân trọng kính mời các thành viên Hội đồng "
        "dự họp xét đề nghị khen thưởng theo Kế hoạch số "
        f"{evaluation_round.campaign.number}, năm {evaluation_round.year}."
    )
    document.labelled("Thời gian", vietnamese_date(session.held_on))
    document.labelled("Địa điểm", session.place)
    document.labelled("Thành phần", "; ".join(_name(member.user) for member in session.members.all()))
    office = standing_office(evaluation_round)
    standing = (
        "Thường trực Hội đồng" if office.pk == authority.pk else f"Thường trực Hội đồng ({office.name})"
    )
    document.paragraph(f"Thành viên vắng mặt gửi ý kiến bằng văn bản về {standing} trước phiên họp.")
    chair = _chair(session)
    document.closing(
        [Signature.head("CHỦ TỊCH HỘI ĐỒNG", name=_name(chair.user) if chair else "")],
        ["Như thành phần mời"],
        archive="VT, NV",
    )
    return document.to_bytes()


def _results_rows(session: CouncilSession) -> list[tuple]:
    base_label = VoteDenominator(session.round.rule_snapshot["vote_denominator"]).label
    rows = []
    for index, result in enumerate(session.results.select_related("entry__unit"), start=1):
        outcome = Outcome(result.result, result.agree + result.written_agree, result.base)
        rows.append(
            (
                index,
                _authority_name(result.entry.unit),
                result.valid,
                result.agree + result.written_agree,
                result.disagree,
                result.abstain,
                f"{outcome.percent}% ({base_label}: {result.base})",
                {"passed": "Đạt", "failed": "Không đạt"}.get(result.result, "Ngang phiếu"),
            )
        )
    return rows


RESULT_HEADERS = [
    "STT",
    "Đơn vị",
    "Phiếu hợp lệ",
    "Đồng ý",
    "Không đồng ý",
    "Không biểu quyết",
    "Tỷ lệ",
    "Kết quả",
]


def minutes_docx(session: CouncilSession, *, number: str) -> bytes:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng (Decree 30 form 1.9), with the vote per candidate."""
    if session.status != SessionStatus.CLOSED:
        raise ValueError("the minutes are written after the vote is counted")
    evaluation_round = session.round
    authority = evaluation_round.authority
    rule = evaluation_round.rule_snapshot
    members = list(session.members.select_related("user"))
    present = [member for member in members if member.attendance == Attendance.PRESENT]
    written = [member for member in members if member.attendance == Attendance.ABSENT_WRITTEN]
    document = OfficialDocument(
        issuer=_council_issuer(authority),
        number=number,
        place=authority.document_place,
        day=session.held_on,
        kind="BIÊN BẢN",
        subject=f"Họp Hội đồng Thi đua - Khen thưởng xét khen thưởng năm {evaluation_round.year}",
    )
    document.labelled("Thời gian", vietnamese_date(session.held_on))
    document.labelled("Địa điểm", session.place)
    chair = _chair(session)
    document.labelled("Chủ trì", _name(chair.user) if chair else "")
    document.labelled(
        "Thành viên có mặt",
        f"{len(present)}/{len(members)}: " + "; ".join(_name(member.user) for member in present),
    )
    if written:
        document.labelled(
            "Vắng mặt có ý kiến bằng văn bản", "; ".join(_name(member.user) for member in written)
        )
    document.paragraph(
        f"Phiên họp hợp lệ khi có {rule['quorum_numerator']}/{rule['quorum_denominator']} tổng số thành viên "
        f"dự họp. Hình thức biểu quyết: {VotingMethod(rule['voting_method']).label.lower()}; "
        f"tỷ lệ đồng ý {'trên' if rule['threshold_strict'] else 'từ'} "
        f"{rule['threshold_numerator']}/{rule['threshold_denominator']} "
        f"tính trên {VoteDenominator(rule['vote_denominator']).label.lower()}."
    )
    document.heading("Kết quả biểu quyết")
    document.table(RESULT_HEADERS, _results_rows(session), align=["center", "left"] + ["center"] * 6)
    document.paragraph(
        "Phiên họp kết thúc cùng ngày; biên bản đã được thông qua trước các thành viên dự họp."
    )
    document.closing(
        [Signature(["THƯ KÝ"]), Signature.head("CHỦ TỊCH HỘI ĐỒNG", name=_name(chair.user) if chair else "")],
        archive="VT, NV",
    )
    return document.to_bytes()


def counting_record_docx(session: CouncilSession, *, number: str) -> bytes:
    """Biên bản kiểm phiếu: the secret ballot's count per candidate, for the secretary and the chair to sign."""
    if session.status != SessionStatus.CLOSED or not session.is_secret:
        raise ValueError("a counting record is written for a closed secret ballot")
    evaluation_round = session.round
    authority = evaluation_round.authority
    members = session.members.count()
    ballots_cast = session.receipts.count()
    document = OfficialDocument(
        issuer=_council_issuer(authority),
        number=number,
        place=authority.document_place,
        day=session.held_on,
        kind="BIÊN BẢN KIỂM PHIẾU",
        subject=f"Bỏ phiếu kín xét khen thưởng năm {evaluation_round.year}",
    )
    document.labelled("Tổng số thành viên Hội đồng", str(members))
    document.labelled("Số phiếu phát ra", str(session.members.filter(attendance=Attendance.PRESENT).count()))
    document.labelled("Số phiếu thu về", str(ballots_cast))
    document.table(RESULT_HEADERS, _results_rows(session), align=["center", "left"] + ["center"] * 6)
    chair = _chair(session)
    document.closing(
        [Signature(["THƯ KÝ"]), Signature.head("CHỦ TỊCH HỘI ĐỒNG", name=_name(chair.user) if chair else "")],
        archive="VT, NV",
    )
    return document.to_bytes()


def _list_rows(entries, cash_amount: int | None = None) -> list[tuple]:
    rows = []
    for index, entry in enumerate(entries, start=1):
        row = [index, _authority_name(entry.unit), entry.score]
        if cash_amount is not None:
            row.append(amount_in_figures(cash_amount))
        rows.append(tuple(row))
    return rows


def proposal_docx(evaluation_round: EvaluationRound, *, office: Unit, signer_name: str = "") -> bytes:
    """Tờ trình (Decree 152/2025 form 01) from the standing office to the Chairman, with the list."""
    authority = evaluation_round.authority
    entries = passed_entries(evaluation_round)
    document = OfficialDocument(
        issuer=document_issuer(office),
        number=evaluation_round.proposal_number,
        place=authority.document_place,
        day=evaluation_round.proposal_date,
        kind="TỜ TRÌNH",
        subject=f"Về việc đề nghị tặng Giấy khen năm {evaluation_round.year}",
    )
    document.paragraph(f"Kính gửi: Chủ tịch {_authority_name(authority)}.", indent=False, align="center")
    document.paragraph(
        f"Căn cứ Kế hoạch số {evaluation_round.campaign.number}; căn cứ kết quả chấm điểm và biểu quyết của Hội "
        f"đồng Thi đua - Khen thưởng, {office.name} kính trình Chủ tịch {_authority_name(authority)} xem xét, tặng "
        f"Giấy khen cho {len(entries)} tập thể có thành tích thực hiện đạt chỉ tiêu và các nội dung thi đua năm "
        f"{evaluation_round.year} (danh sách kèm theo)."
    )
    exceptions = [entry for entry in entries if entry.exception_reason]
    for entry in exceptions:
        document.paragraph(f"Trường hợp ngoại lệ: {_authority_name(entry.unit)} — {entry.exception_reason}.")
    document.table(["STT", "Tên tập thể", "Điểm"], _list_rows(entries), align=["center", "left", "center"])
    document.closing([head_signature(office, name=signer_name)], ["Như trên"], archive="VT, NV")
    return document.to_bytes()


def decision_docx(decision: AwardDecision) -> bytes:
    """Quyết định tặng Giấy khen (Decree 30): legal bases for its date, the proposal, three articles, the annex."""
    evaluation_round = decision.round
    authority = evaluation_round.authority
    awarded = list(decision.awarded.select_related("entry", "unit").order_by("position"))
    count = len(awarded)
    total = decision.cash_amount * count
    document = OfficialDocument(
        issuer=document_issuer(authority),
        number=decision.number,
        place=authority.document_place,
        day=decision.issued_on,
        kind="QUYẾT ĐỊNH",
        subject=f"Về việc tặng Giấy khen cho tập thể có thành tích trong thực hiện Kế hoạch số "
        f"{evaluation_round.campaign.number} năm {evaluation_round.year}",
    )
    # "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN AN THẠNH": the Chairman decides in person and signs as such.
    document.paragraph(
        f"{decision.signer_title} {authority.name.upper()}", bold=True, indent=False, align="center"
    )
    for line in decision.legal_bases:
        document.paragraph(line, italic=True)
    document.paragraph(f"Căn cứ Kế hoạch số {evaluation_round.campaign.number};", italic=True)
    document.paragraph(
        f"Theo đề nghị của {decision.proposer} tại Tờ trình số {decision.proposal_number} "
        f"{vietnamese_date(decision.proposal_date)}.",
        italic=True,
    )
    document.heading("QUYẾT ĐỊNH:")
    attached = f"Kèm theo Quyết định số {decision.number} {vietnamese_date(decision.issued_on)}"
    document.paragraph(
        f"Điều 1. Tặng Giấy khen cho {count:02d} tập thể đã có thành tích thực hiện đạt chỉ tiêu và các nội dung thi "
        f"đua theo Kế hoạch số {evaluation_round.campaign.number} năm {evaluation_round.year} "
        f"(có danh sách kèm theo)."
    )
    document.paragraph(
        f"Điều 2. Mỗi tập thể được tặng Giấy khen kèm theo tiền thưởng {decision.coefficient.normalize()} lần mức "
        f"lương cơ sở ({amount_in_figures(decision.base_salary)} đồng): {amount_in_figures(decision.cash_amount)} "
        f"đồng ({amount_in_words(decision.cash_amount)}). Tổng cộng: {amount_in_figures(total)} đồng "
        f"({amount_in_words(total)}), chi từ quỹ thi đua, khen thưởng của {_authority_name(authority)}."
    )
    document.paragraph(
        f"Điều 3. Chánh Văn phòng, {decision.proposer}, thủ trưởng các cơ quan, "
        "đơn vị có liên quan và các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
    )
    document.closing(
        [Signature.head("CHỦ TỊCH", name=_name(decision.signer))],
        ["Như Điều 3", "Hội đồng Thi đua - Khen thưởng"],
        archive="VT, NV",
    )
    document.annex(
        "DANH SÁCH",
        "Tập thể được tặng Giấy khen",
        f"{attached} của Chủ tịch {_authority_name(authority)}",
    )
    document.table(
        ["STT", "Tên tập thể", "Số sổ vàng", "Số tiền (đồng)"],
        [
            (award.position, award.unit_name, award.register_number, amount_in_figures(decision.cash_amount))
            for award in awarded
        ],
        align=["center", "left", "center", "right"],
    )
    document.paragraph(f"Tổng cộng: {amount_in_figures(total)} đồng.", bold=True, indent=False, align="right")
    return document.to_bytes()
