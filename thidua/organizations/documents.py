"""A unit as the official-document builder sees it: header lines, place, signature capacity."""

from thidua.core.documents import IssuingBody, Signature
from thidua.organizations.models import COMMITTEE_NAME, Unit, UnitKind


def document_issuer(unit: Unit) -> IssuingBody:
    """The header's issuing-body block: "ỦY BAN NHÂN DÂN / HUYỆN LONG PHÚ", or superior over "PHÒNG NỘI VỤ"."""
    return IssuingBody(name_lines=unit.document_name_lines(), superior_lines=unit.document_superior_lines())


def head_signature(unit: Unit, *, name: str = "", deputy: str = "") -> Signature:
    """The signature of the unit's head: a People's Committee signs collectively ("TM. ỦY BAN NHÂN DÂN /
    CHỦ TỊCH"); a specialised agency is signed by its head ("TRƯỞNG PHÒNG")."""
    if unit.is_committee:
        return Signature.on_behalf(COMMITTEE_NAME, "CHỦ TỊCH", deputy=deputy, name=name)
    if unit.kind == UnitKind.SPECIALIZED_AGENCY and unit.name.casefold().startswith("phòng"):
        return Signature.head("TRƯỞNG PHÒNG", deputy=deputy, name=name)
    return Signature.head("THỦ TRƯỞNG ĐƠN VỊ", deputy=deputy, name=name)
