"""The certificates (Giấy khen) of an award decision, from what the decision stored when it was issued.

Each awarded unit gets one certificate: line 3 is the decision's stored signer title with the authority's name
("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN AN THẠNH", as the decision prints it), the recipient is the unit's name at the
time (``AwardedUnit.unit_name``), the address its locality or managing body, the achievement is written from the
campaign and the round's year, and the number in the award register (sổ vàng) is the unit's ``register_number``.
The layouts themselves are ``thidua.core.certificates``.
"""

from datetime import date

from thidua.awards.models import AwardDecision, AwardedUnit, CertificateBlank
from thidua.core import certificates
from thidua.core.certificates import BlankLayout, CertificateText
from thidua.core.text import fold
from thidua.organizations.models import COMMITTEE_NAME, Unit

DEFAULT_BLANK_NAME = "Phôi Giấy khen A4 dọc"


def authority_title(decision: AwardDecision) -> str:
    """Line 3: the stored title of the signer with the authority's proper name, in capitals."""
    return f"{decision.signer_title} {decision.round.authority.name.upper()}".strip()


def signer_capacity(decision: AwardDecision) -> list[str]:
    """What the signature block says: the title without the body ("CHỦ TỊCH" of "CHỦ TỊCH ỦY BAN NHÂN DÂN …")."""
    title = " ".join(decision.signer_title.split()).upper()
    cut = fold(title).find(fold(f" {COMMITTEE_NAME}"))
    return [title[:cut] if cut > 0 else title]


def address_line(unit: Unit) -> str:
    """The recipient's locality or managing body: "Huyện An Thạnh" for a commune under a district, the managing
    body's name for an agency or a public service unit."""
    parent = unit.parent
    if parent is None:
        return ""
    name = " ".join((parent.official_name or parent.name).split())
    if parent.is_committee and fold(name).startswith(fold(COMMITTEE_NAME) + " "):
        locality = name[len(COMMITTEE_NAME) :].strip()
        return locality[:1].upper() + locality[1:]
    return name


def achievement_line(decision: AwardDecision) -> str:
    """ "Đã có thành tích xuất sắc trong thực hiện phong trào thi đua <plan's subject> (Kế hoạch số …) năm …"."""
    evaluation_round = decision.round
    campaign = evaluation_round.campaign
    subject = " ".join(campaign.title.split()).rstrip(".")
    subject = subject[:1].lower() + subject[1:]
    return (
        f"Đã có thành tích xuất sắc trong thực hiện phong trào thi đua {subject} "
        f"(Kế hoạch số {campaign.number}) năm {evaluation_round.year}"
    )


def certificate_text(decision: AwardDecision, award: AwardedUnit) -> CertificateText:
    authority = decision.round.authority
    signer = decision.signer
    return CertificateText(
        authority_title=authority_title(decision),
        recipient=award.unit_name,
        address=address_line(award.unit),
        achievement=achievement_line(decision),
        decision_number=decision.number,
        decision_day=decision.issued_on,
        register_number=str(award.register_number),
        place=authority.document_place,
        day=decision.issued_on,
        signer_capacity=signer_capacity(decision),
        signer_name=(signer.get_full_name() or signer.get_username()) if signer else "",
    )


def awards_of(decision: AwardDecision, award: AwardedUnit | None = None) -> list[AwardedUnit]:
    if award is not None:
        return [award]
    return list(decision.awarded.select_related("unit__parent").order_by("position"))


def colour_docx(decision: AwardDecision, award: AwardedUnit | None = None) -> bytes:
    """The full-colour certificates: every unit of the decision (one page each), or one unit."""
    return certificates.certificates_docx(
        [certificate_text(decision, item) for item in awards_of(decision, award)]
    )


def blank_in_use(authority: Unit, day: date) -> CertificateBlank | None:
    """The authority's blank in force on the day, else its latest one."""
    blanks = CertificateBlank.objects.filter(authority=authority)
    return (
        blanks.in_force_on(day).order_by("-valid_from", "-pk").first()
        or blanks.order_by("-valid_from").first()
    )


def layout_of(blank: CertificateBlank | None) -> BlankLayout:
    if blank is None:
        return BlankLayout(DEFAULT_BLANK_NAME, 210, 297, dict(certificates.DEFAULT_BLANK_FIELDS))
    return blank.layout()


def on_blank_docx(
    decision: AwardDecision, blank: CertificateBlank | None, award: AwardedUnit | None = None
) -> bytes:
    """Only the variable fields, at the blank's offsets: to print on the pre-printed blanks."""
    texts = [certificate_text(decision, item) for item in awards_of(decision, award)]
    return certificates.blank_docx(layout_of(blank), texts)


def alignment_docx(blank: CertificateBlank | None) -> bytes:
    layout = layout_of(blank)
    title = f"TỜ CĂN CHỈNH PHÔI GIẤY KHEN: {layout.name}"
    if layout.version:
        title += f", phiên bản {layout.version}"
    return certificates.alignment_sheet_docx(layout, title=title)


def certificate_links(user, decision: AwardDecision | None) -> dict:
    """What the round page offers about the decision's certificates to this user (nothing to most people)."""
    from django.utils import timezone

    from thidua.organizations.access import user_can

    if decision is None or not user_can(user, "awards.certificate.print", decision.round.authority):
        return {}
    authority = decision.round.authority
    return {
        "can_print_certificates": True,
        "certificate_awards": awards_of(decision),
        "certificate_blank": blank_in_use(authority, timezone.localdate()),
        "can_edit_blank": user_can(user, "awards.blank.manage", authority),
    }
