"""Downloads of the awards' official documents, DOCX or PDF, built by ``thidua.awards.documents``."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from thidua.awards import documents, services
from thidua.awards.exports import AwardRegisterExporter, PayoutExporter
from thidua.awards.models import AwardDecision, SessionStatus
from thidua.awards.views import _round, _session
from thidua.core.documents import DOCX_CONTENT_TYPE
from thidua.core.pdf import pdf_response
from thidua.core.public import public
from thidua.organizations.access import require
from thidua.organizations.models import DocumentType

# --- documents ----------------------------------------------------------------------------------------------

DOCUMENT_FORMATS = {"docx", "pdf"}
SESSION_DOCUMENTS = {"giay-moi": "invitation", "bien-ban": "minutes", "kiem-phieu": "counting"}


def _document_response(
    request: HttpRequest, docx_bytes: bytes, filename: str, file_format: str
) -> HttpResponse:
    if file_format == "pdf":
        return pdf_response(request, docx_bytes, f"{filename}.pdf")
    response = HttpResponse(docx_bytes, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.docx"'
    return response


def _number(request: HttpRequest, session_or_round, type_code: str, kind: str, day) -> str:
    evaluation_round = getattr(session_or_round, "round", session_or_round)
    issued = services.issue_document_number(
        actor=request.user,
        issuer=evaluation_round.authority,
        type_code=type_code,
        day=day,
        subject=f"{kind}: {evaluation_round}",
        reference=f"award-{kind}:{session_or_round.pk}",
    )
    return issued.number


@login_required
def session_document(request: HttpRequest, session_id: int, slug: str, file_format: str) -> HttpResponse:
    session = _session(request, session_id)
    kind = SESSION_DOCUMENTS.get(slug)
    if file_format not in DOCUMENT_FORMATS or kind is None:
        raise Http404
    if kind == "invitation":
        require(request.user, "awards.session.manage", session.round.authority)
        # Giấy mời has its own type (GM). An invitation numbered earlier as an official letter keeps its number.
        number = _number(request, session, DocumentType.INVITATION, kind, session.created_at.date())
        return _document_response(
            request, documents.invitation_docx(session, number=number), "giay-moi", file_format
        )
    if session.status != SessionStatus.CLOSED:
        raise Http404
    if kind == "minutes":
        number = _number(request, session, DocumentType.MINUTES, kind, session.held_on)
        return _document_response(
            request, documents.minutes_docx(session, number=number), "bien-ban-hop", file_format
        )
    if kind == "counting" and session.is_secret:
        number = _number(request, session, DocumentType.MINUTES, kind, session.held_on)
        return _document_response(
            request,
            documents.counting_record_docx(session, number=number),
            "bien-ban-kiem-phieu",
            file_format,
        )
    raise Http404


@login_required
def proposal_document(request: HttpRequest, round_id: int, file_format: str) -> HttpResponse:
    evaluation_round = _round(request, round_id)
    if file_format not in DOCUMENT_FORMATS or not evaluation_round.proposal_number:
        raise Http404
    docx_bytes = documents.proposal_docx(evaluation_round, office=services.standing_office(evaluation_round))
    return _document_response(request, docx_bytes, "to-trinh", file_format)


@public
def decision_document(request: HttpRequest, decision_id: int, file_format: str) -> HttpResponse:
    """The issued decision with its annex: public, as awards are (law art. 84.5)."""
    decision = (
        AwardDecision.objects.select_related("round__authority", "round__campaign", "signer")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None or file_format not in DOCUMENT_FORMATS:
        raise Http404
    if decision.is_correction:
        from thidua.awards.dossier_documents import correction_docx

        docx_bytes = correction_docx(decision)
    else:
        docx_bytes = documents.decision_docx(decision)
    return _document_response(request, docx_bytes, f"quyet-dinh-{decision.pk}", file_format)


EXPORT_FORMATS = {"xlsx", "csv"}
EXPORTERS = {"so-vang": AwardRegisterExporter, "chi-tien": PayoutExporter}


@login_required
def decision_export(request: HttpRequest, decision_id: int, slug: str, file_format: str) -> HttpResponse:
    """The award register extract and the payout list: for the authority's staff."""
    decision = AwardDecision.objects.select_related("round__authority").filter(pk=decision_id).first()
    exporter = EXPORTERS.get(slug)
    if decision is None or exporter is None or file_format not in EXPORT_FORMATS:
        raise Http404
    _round(request, decision.round_id)  # 404 outside the authority's staff, as the round itself
    require(request.user, "awards.round.view", decision.round.authority)
    awards = decision.awarded.select_related("decision__round__award_type", "decision__signer").order_by(
        "position"
    )
    return exporter(awards, decision).response(file_format, request)
