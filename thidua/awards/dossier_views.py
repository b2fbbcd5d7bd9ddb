"""Pages of the award dossier: the unit's achievement report, the appraisal sheet, the public notices and the
Chairman's corrections of a decision. Views parse and authorise; ``reports`` and ``corrections`` change state."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards import corrections, dossier_documents, reports
from thidua.awards.document_views import DOCUMENT_FORMATS, _document_response
from thidua.awards.exports import AppraisalExporter
from thidua.awards.forms import CorrectionForm, ReportForm, ReturnForm
from thidua.awards.models import (
    AwardDecision,
    DecisionKind,
    EvaluationEntry,
    EvaluationRound,
    NoticeKind,
    PublicNotice,
    ReportStatus,
    RoundStatus,
)
from thidua.awards.views import _round
from thidua.core.forms import add_service_errors
from thidua.core.public import public
from thidua.organizations.access import require, unit_ids_for, user_can

# --- the achievement report -----------------------------------------------------------------------------------


def _entry(request: HttpRequest, entry_id: int) -> EvaluationEntry:
    """The entry of a report: the authority's staff and the unit's own people; anyone else gets 404."""
    entry = (
        EvaluationEntry.objects.select_related(
            "round__campaign", "round__authority", "round__award_type", "round__rubric", "unit"
        )
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        raise Http404
    staff = entry.round.authority_id in unit_ids_for(request.user, "awards.round.view")
    own = entry.unit_id in unit_ids_for(request.user, "awards.entry.view_own")
    if not (staff or own):
        raise Http404
    return entry


def _after(entry: EvaluationEntry) -> HttpResponse:
    return redirect("awards-report", entry_id=entry.pk)


@login_required
def report(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry(request, entry_id)
    current = reports.report_of(entry)
    in_appraisal = entry.round.status == RoundStatus.APPRAISAL
    editable = current is None or current.status in {ReportStatus.DRAFT, ReportStatus.RETURNED}
    can_write = in_appraisal and editable and user_can(request.user, "awards.report.write", entry.unit)
    figures = reports.target_figures(entry)
    form = None
    status = 200
    if request.method == "POST":
        require(request.user, "awards.report.write", entry.unit)
        form = ReportForm(request.POST, figures=figures)
        status = 400
        if form.is_valid():
            try:
                reports.report_save(
                    actor=request.user,
                    entry=entry,
                    characteristics=form.cleaned_data["characteristics"],
                    narratives=form.narratives(),
                    measures=form.cleaned_data["measures"],
                    award_proposed=form.cleaned_data["award_proposed"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The achievement report was saved."))
                return _after(entry)
    elif can_write:
        initial = {
            "characteristics": current.characteristics if current else reports.default_characteristics(entry),
            "measures": current.measures if current else "",
            "award_proposed": current.award_proposed if current else reports.default_award_proposed(entry),
        }
        narratives = current.narratives if current else {}
        initial |= {f"narrative-{figure.code}": narratives.get(figure.code, "") for figure in figures}
        form = ReportForm(initial=initial, figures=figures)
    lines = reports.report_lines(entry, current)
    fields = {}
    if form is not None:
        fields = {line.figure.code: form[f"narrative-{line.figure.code}"] for line in lines}
    is_office = user_can(request.user, "awards.round.manage", entry.round.authority)
    return render(
        request,
        "awards/report.html",
        {
            "entry": entry,
            "round": entry.round,
            "report": current,
            "rows": [(line, fields.get(line.figure.code)) for line in lines],
            "form": form if (can_write or request.method == "POST") else None,
            "can_submit": in_appraisal
            and current is not None
            and current.status == ReportStatus.DRAFT
            and user_can(request.user, "awards.report.submit", entry.unit),
            "can_review": in_appraisal
            and current is not None
            and current.status == ReportStatus.SUBMITTED
            and is_office,
            "return_form": ReturnForm(),
            "returns": current.returns.select_related("returned_by") if current else [],
            "report_form_number": entry.round.rubric.report_form,
            "statuses": dossier_documents.STATUS_TEXT,
        },
        status=status,
    )


def _report_action(request: HttpRequest, entry_id: int, action: str, success: str, **kwargs) -> HttpResponse:
    entry = _entry(request, entry_id)
    current = reports.report_of(entry)
    permission = {
        "submit": ("awards.report.submit", entry.unit),
        "return": ("awards.round.manage", entry.round.authority),
        "accept": ("awards.round.manage", entry.round.authority),
    }[action]
    require(request.user, *permission)
    if current is None:
        messages.error(request, _("The unit has not written its achievement report yet."))
        return _after(entry)
    service = {
        "submit": reports.report_submit,
        "return": reports.report_return,
        "accept": reports.report_accept,
    }[action]
    try:
        service(actor=request.user, report=current, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return _after(entry)


@login_required
@require_POST
def report_submit(request: HttpRequest, entry_id: int) -> HttpResponse:
    return _report_action(request, entry_id, "submit", _("The achievement report was submitted."))


@login_required
@require_POST
def report_return(request: HttpRequest, entry_id: int) -> HttpResponse:
    form = ReturnForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _report_action(
        request, entry_id, "return", _("The achievement report was returned to the unit."), comment=comment
    )


@login_required
@require_POST
def report_accept(request: HttpRequest, entry_id: int) -> HttpResponse:
    return _report_action(request, entry_id, "accept", _("The achievement report was accepted."))


@login_required
def report_document(request: HttpRequest, entry_id: int, file_format: str) -> HttpResponse:
    entry = _entry(request, entry_id)
    current = reports.report_of(entry)
    if current is None or file_format not in DOCUMENT_FORMATS:
        raise Http404
    return _document_response(
        request, dossier_documents.report_docx(current), f"bao-cao-thanh-tich-{entry.unit.code}", file_format
    )


# --- the appraisal sheet --------------------------------------------------------------------------------------


def _staff_round(request: HttpRequest, round_id: int) -> EvaluationRound:
    """An internal document: the authority's staff only, whatever the round's status (others get 404)."""
    evaluation_round = _round(request, round_id)
    if evaluation_round.authority_id not in unit_ids_for(request.user, "awards.round.view"):
        raise Http404
    return evaluation_round


@login_required
def appraisal_document(request: HttpRequest, round_id: int, file_format: str) -> HttpResponse:
    evaluation_round = _staff_round(request, round_id)
    if file_format == "xlsx":
        return AppraisalExporter(evaluation_round).response("xlsx", request)
    if file_format not in DOCUMENT_FORMATS:
        raise Http404
    return _document_response(
        request, dossier_documents.appraisal_docx(evaluation_round), "phieu-tham-dinh", file_format
    )


def round_dossier(request: HttpRequest, evaluation_round: EvaluationRound, entries) -> dict:
    """What the round page shows of the dossier: each entry's report status, the candidates still without an
    accepted report, and the public notices."""
    statuses = reports.report_statuses(evaluation_round)
    labels = dict(ReportStatus.choices)
    for entry in entries:
        entry.report_status = statuses.get(entry.pk)
        entry.report_status_label = labels.get(entry.report_status, _("not written"))
    return {
        "missing_reports": reports.candidates_without_accepted_report(evaluation_round)
        if evaluation_round.status == RoundStatus.APPRAISAL
        else [],
        "notices": list(evaluation_round.notices.select_related("decision")),
    }


# --- public notices -------------------------------------------------------------------------------------------


@public
def proposed_notice_document(request: HttpRequest, round_id: int, file_format: str) -> HttpResponse:
    """The notice of the units proposed to the council: public from the moment it is issued (law art. 84.5)."""
    notice = (
        PublicNotice.objects.select_related("round__authority", "round__campaign", "round__award_type")
        .filter(round_id=round_id, kind=NoticeKind.PROPOSED)
        .first()
    )
    if notice is None or file_format not in DOCUMENT_FORMATS:
        raise Http404
    return _document_response(
        request, dossier_documents.notice_docx(notice), "thong-bao-de-nghi", file_format
    )


@public
def awarded_notice_document(request: HttpRequest, decision_id: int, file_format: str) -> HttpResponse:
    notice = (
        PublicNotice.objects.select_related(
            "round__authority", "round__campaign", "round__award_type", "decision"
        )
        .filter(decision_id=decision_id, kind=NoticeKind.AWARDED)
        .first()
    )
    if notice is None or file_format not in DOCUMENT_FORMATS:
        raise Http404
    return _document_response(
        request, dossier_documents.notice_docx(notice), "thong-bao-khen-thuong", file_format
    )


# --- corrections of a decision --------------------------------------------------------------------------------


@login_required
def decision_correct(request: HttpRequest, decision_id: int) -> HttpResponse:
    """The Chairman amends or revokes an award decision by a new decision."""
    decision = (
        AwardDecision.objects.select_related("round__authority", "round__campaign", "round__award_type")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None or decision.round.authority_id not in unit_ids_for(request.user, "awards.round.view"):
        raise Http404
    require(request.user, "awards.decision.approve", decision.round.authority)
    state = corrections.correction_state(decision)
    awards = [
        award
        for award in corrections.annotate_awards(decision.awarded.select_related("unit").order_by("position"))
        if award.withdrawn_by is None
    ]
    correctable = decision.kind == DecisionKind.AWARD and state.revoked_by is None
    form = CorrectionForm(request.POST or None, awards=awards, initial={"day": timezone.localdate()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["kind"] == DecisionKind.REVOKE:
                    correction = corrections.decision_revoke(
                        actor=request.user, decision=decision, reason=data["reason"], day=data["day"]
                    )
                else:
                    correction = corrections.decision_amend(
                        actor=request.user,
                        decision=decision,
                        reason=data["reason"],
                        day=data["day"],
                        remove_units=form.removed(),
                        rename_units=form.renamed(),
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Decision %(number)s was issued.") % {"number": correction.number}
                )
                return redirect("awards-round-detail", round_id=decision.round_id)
    return render(
        request,
        "awards/decision_correct.html",
        {
            "decision": decision,
            "round": decision.round,
            "state": state,
            "correctable": correctable,
            "form": form,
            "rows": [
                (award, form[f"remove-{award.unit_id}"], form[f"rename-{award.unit_id}"]) for award in awards
            ],
        },
        status=status,
    )
