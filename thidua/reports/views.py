"""Pages of periodic reports. Views fetch with the access checks and parse; services change state."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core.documents import DOCX_CONTENT_TYPE
from thidua.core.forms import add_service_errors
from thidua.core.pdf import pdf_response
from thidua.organizations.access import require, unit_ids_for, user_can
from thidua.organizations.models import Unit
from thidua.reports import services
from thidua.reports.compiled import compile_period, compiled_docx, compiled_json, value_text
from thidua.reports.exports import CompiledAnnexExporter, StatusBoardExporter
from thidua.reports.forms import CommentForm, DueDateForm, NarrativesForm
from thidua.reports.indicators import report_indicators
from thidua.reports.models import CompiledReport, ReportPeriod, ReportStatus, UnitReport
from thidua.reports.selectors import _touches, board_counts, board_rows, visible_periods


def _period(request: HttpRequest, period_id: int) -> ReportPeriod:
    """The period, or 404 when none of its campaign's units is the person's."""
    period = (
        ReportPeriod.objects.select_related("campaign__issuing_unit", "template")
        .prefetch_related("template__sections", "campaign__targets")
        .filter(pk=period_id)
        .first()
    )
    if period is None or not _touches(period, unit_ids_for(request.user, "reports.view")):
        raise Http404
    return period


def _unit(request: HttpRequest, period: ReportPeriod, unit_code: str) -> Unit:
    """A unit that reports in the period and that the person may see (another unit's report → 404)."""
    visible = unit_ids_for(request.user, "reports.view")
    for unit in period.units():
        if unit.code == unit_code and unit.pk in visible:
            return unit
    raise Http404


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "reports.view")
    own = unit_ids_for(request.user, "reports.write") | unit_ids_for(request.user, "reports.submit")
    rows = []
    for period in visible_periods(request.user):
        board = user_can(request.user, "reports.board", period.campaign.issuing_unit)
        mine = [unit for unit in period.units() if unit.pk in own] if own else []
        reports = {
            report.unit_id: report
            for report in UnitReport.objects.filter(period=period, unit__in=[u.pk for u in mine])
        }
        rows.append(
            {
                "period": period,
                "board": board,
                "counts": board_counts(board_rows(period), period) if board else None,
                "mine": [(unit, reports.get(unit.pk)) for unit in mine],
            }
        )
    return render(request, "reports/period_list.html", {"rows": rows})


@login_required
def period_board(request: HttpRequest, period_id: int) -> HttpResponse:
    period = _period(request, period_id)
    require(request.user, "reports.board", period.campaign.issuing_unit)
    rows = board_rows(period)
    file_format = request.GET.get("format")
    if file_format in {"xlsx", "csv"}:
        return StatusBoardExporter(period, rows).response(file_format, request)
    can_compile = user_can(request.user, "reports.compile", period.campaign.issuing_unit)
    due_form = (
        DueDateForm(request.POST or None, initial={"due_date": period.due_date}) if can_compile else None
    )
    status = 200
    if request.method == "POST":
        require(request.user, "reports.compile", period.campaign.issuing_unit)
        status = 400
        if due_form.is_valid():
            try:
                services.period_due_date_change(actor=request.user, period=period, **due_form.cleaned_data)
            except ValidationError as error:
                add_service_errors(due_form, error)
            else:
                messages.success(request, _("The due date was changed."))
                return redirect("reports-period-board", period_id=period.pk)
    return render(
        request,
        "reports/board.html",
        {
            "period": period,
            "rows": rows,
            "counts": board_counts(rows, period),
            "can_compile": can_compile,
            "due_form": due_form,
        },
        status=status,
    )


def _report_context(request, period, unit, report, form, comment_form) -> dict:
    user = request.user
    status = report.status if report else ReportStatus.DRAFT
    editable = report is None or report.is_editable
    sections = list(period.template.sections.all())
    indicators = report_indicators(report or period, unit)
    by_code = {item["code"]: {**item, "shown": value_text(item["value"])} for item in indicators}
    return {
        "period": period,
        "unit": unit,
        "report": report,
        "status": status,
        "sections": [
            (
                section,
                (report.narratives.get(section.key, "") if report else ""),
                [by_code[c] for c in section.indicators if c in by_code],
            )
            for section in sections
        ],
        "frozen": bool(report and report.indicators),
        "form": form,
        "comment_form": comment_form,
        "can_write": editable and user_can(user, "reports.write", unit),
        "can_send": editable and report is not None and user_can(user, "reports.write", unit),
        "can_submit": status == ReportStatus.READY and user_can(user, "reports.submit", unit),
        "can_review": status == ReportStatus.SUBMITTED and user_can(user, "reports.review", unit),
        "comments": report.comments.select_related("author") if report else [],
    }


@login_required
def unit_report(request: HttpRequest, period_id: int, unit_code: str) -> HttpResponse:
    period = _period(request, period_id)
    unit = _unit(request, period, unit_code)
    report = UnitReport.objects.filter(period=period, unit=unit).first()
    sections = list(period.template.sections.all())
    form = NarrativesForm(
        request.POST or None, sections=sections, initial_texts=report.narratives if report else {}
    )
    status = 200
    if request.method == "POST":
        require(request.user, "reports.write", unit)
        status = 400
        if form.is_valid():
            try:
                services.report_save(
                    actor=request.user, period=period, unit=unit, narratives=form.narratives()
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("The report was saved."))
                return redirect("reports-unit-report", period_id=period.pk, unit_code=unit.code)
    context = _report_context(request, period, unit, report, form, CommentForm())
    return render(request, "reports/unit_report.html", context, status=status)


MOVES = {
    "send": ("reports.write", services.report_send_to_head, gettext_lazy("The report was sent to the head.")),
    "submit": (
        "reports.submit",
        services.report_submit,
        gettext_lazy("The report was submitted to the standing office."),
    ),
    "return": (
        "reports.review",
        services.report_return,
        gettext_lazy("The report was returned to the unit."),
    ),
    "accept": ("reports.review", services.report_accept, gettext_lazy("The report was accepted.")),
}


@login_required
@require_POST
def report_move(request: HttpRequest, period_id: int, unit_code: str, move: str) -> HttpResponse:
    period = _period(request, period_id)
    unit = _unit(request, period, unit_code)
    if move not in MOVES:
        raise Http404
    action, service, done = MOVES[move]
    require(request.user, action, unit)
    report = UnitReport.objects.filter(period=period, unit=unit).first()
    if report is None:
        messages.error(request, _("The report has not been written yet."))
        return redirect("reports-unit-report", period_id=period.pk, unit_code=unit.code)
    options = {}
    if move in {"return", "accept"}:
        comment_form = CommentForm(request.POST)
        if not comment_form.is_valid():
            form = NarrativesForm(
                None, sections=list(period.template.sections.all()), initial_texts=report.narratives
            )
            context = _report_context(request, period, unit, report, form, comment_form)
            return render(request, "reports/unit_report.html", context, status=400)
        options["comment"] = comment_form.cleaned_data["comment"]
    try:
        service(actor=request.user, report=report, **options)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        form = NarrativesForm(
            None, sections=list(period.template.sections.all()), initial_texts=report.narratives
        )
        context = _report_context(request, period, unit, report, form, CommentForm(request.POST or None))
        return render(request, "reports/unit_report.html", context, status=400)
    messages.success(request, done)
    return redirect("reports-unit-report", period_id=period.pk, unit_code=unit.code)


@login_required
def compiled_report(request: HttpRequest, period_id: int) -> HttpResponse:
    period = _period(request, period_id)
    require(request.user, "reports.board", period.campaign.issuing_unit)
    can_compile = user_can(request.user, "reports.compile", period.campaign.issuing_unit)
    data = compile_period(period)
    issued = bool(data.compiled and data.compiled.is_issued)
    sections = list(period.template.sections.all())
    form = NarrativesForm(request.POST or None, sections=sections, initial_texts=data.narratives)
    status = 200
    if request.method == "POST":
        require(request.user, "reports.compile", period.campaign.issuing_unit)
        status = 400
        try:
            if request.POST.get("regenerate"):
                version = services.compiled_regenerate(actor=request.user, period=period)
                messages.success(
                    request,
                    _("Version %(number)s was written from the units' reports.") % {"number": version.number},
                )
                return redirect("reports-compiled", period_id=period.pk)
            if form.is_valid():
                version = services.compiled_edit(
                    actor=request.user, period=period, narratives=form.narratives()
                )
                messages.success(request, _("Version %(number)s was saved.") % {"number": version.number})
                return redirect("reports-compiled", period_id=period.pk)
        except ValidationError as error:
            form.add_error(None, error.messages)
    compiled = CompiledReport.objects.filter(period=period).first()
    versions = compiled.versions.select_related("author") if compiled else []
    return render(
        request,
        "reports/compiled.html",
        {
            "period": period,
            "data": data,
            "form": form if can_compile and not issued else None,
            "issued": issued,
            "can_compile": can_compile,
            "versions": versions,
            "sections": [(section, data.narratives.get(section.key, "")) for section in sections],
        },
        status=status,
    )


@login_required
@require_POST
def compiled_issue(request: HttpRequest, period_id: int) -> HttpResponse:
    period = _period(request, period_id)
    require(request.user, "reports.compile", period.campaign.issuing_unit)
    try:
        compiled = services.compiled_issue(actor=request.user, period=period)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The compiled report was issued as %(number)s.") % {"number": compiled.number}
        )
    return redirect("reports-compiled", period_id=period.pk)


DOWNLOADS = {"docx", "pdf", "xlsx", "json"}


@login_required
def compiled_download(request: HttpRequest, period_id: int, file_format: str) -> HttpResponse:
    period = _period(request, period_id)
    require(request.user, "reports.board", period.campaign.issuing_unit)
    if file_format not in DOWNLOADS:
        raise Http404
    data = compile_period(period)
    filename = f"bao-cao-tong-hop-{period.pk}"
    if file_format == "xlsx":
        return CompiledAnnexExporter(period, data.units, data.codes, data.labels).response("xlsx", request)
    if file_format == "json":
        body = json.dumps(compiled_json(data, path=request.path), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
        return response
    docx_bytes = compiled_docx(data)
    if file_format == "pdf":
        return pdf_response(request, docx_bytes, f"{filename}.pdf")
    response = HttpResponse(docx_bytes, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.docx"'
    return response
