"""A unit as the official-document builder sees it: header lines, place, signature capacity."""

from thidua.core.documents import IssuingBody, Signature
from thidua.organizations.models import COMMITTEE_NAME, Unit, UnitKind


def document_issuer(unit: Unit) -> IssuingBody:
    """The header's issuing-body block: "ỦY BAN NHÂN DÂN / HUYỆN AN THẠNH", or superior over "PHÒNG NỘI VỤ"; an
    authority's settings may give its own lines."""
    return IssuingBody(name_lines=unit.document_name_lines(), superior_lines=unit.document_superior_lines())


def head_signature(unit: Unit, *, name: str = "", deputy: str = "") -> Signature:
    """The signature of the unit's head: a People's Committee signs collectively ("TM. ỦY BAN NHÂN DÂN /
    CHỦ TỊCH", or the capacity and signatory its settings give); a specialised agency is signed by its head
    ("TRƯỞNG PHÒNG")."""
    if unit.is_committee:
        settings = unit.settings_or_none()
        if settings is not None and not deputy:
            name = name or settings.signatory_name
            capacity = settings.signatory_capacity_lines()
            if capacity:
                return Signature(capacity, name=name)
        return Signature.on_behalf(COMMITTEE_NAME, "CHỦ TỊCH", deputy=deputy, name=name)
    if unit.kind == UnitKind.SPECIALIZED_AGENCY and unit.name.casefold().startswith("phòng"):
        return Signature.head("TRƯỞNG PHÒNG", deputy=deputy, name=name)
    return Signature.head("THỦ TRƯỞNG ĐƠN VỊ", deputy=deputy, name=name)


def standing_office_name(unit: Unit) -> str:
    """The standing office of the unit's authority as a document names it (for recipients and "Thường trực"
    lines), or "" when the authority's settings name none."""
    office = unit.standing_office
    return office.name if office is not None else ""
