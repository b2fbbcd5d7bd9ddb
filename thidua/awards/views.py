"""Pages of award rules and evaluation rounds. Views parse and authorise; services change state."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.awards import scoring, services
from thidua.awards.certificates import certificate_links
from thidua.awards.forms import (
    AdjustForm,
    CouncilRuleForm,
    DayForm,
    FlagForm,
    FlagLiftForm,
    ProposeForm,
    RoundOpenForm,
    SessionForm,
)
from thidua.awards.models import (
    Attendance,
    AwardedUnit,
    AwardType,
    BaseSalary,
    Choice,
    CouncilRule,
    CouncilSession,
    EligibilityFlag,
    EntryStatus,
    EvaluationEntry,
    EvaluationFigure,
    EvaluationRound,
    FigureKind,
    RoundStatus,
    SessionResult,
    SessionStatus,
    VoteDenominator,
    VoteReceipt,
    VotingMethod,
)
from thidua.awards.selectors import (
    awarded_units,
    can_see_entry,
    can_see_round,
    live_differences,
    rounds_visible_to,
)
from thidua.campaigns.models import Campaign
from thidua.core.collation import vietnamese
from thidua.core.forms import add_service_errors
from thidua.core.public import public
from thidua.organizations.access import descendant_unit_ids, require, unit_ids_for, user_can, visible_units
from thidua.organizations.models import Unit

REASON_LABELS = {
    scoring.REASON_TARGET_NOT_MET: gettext_lazy("a target not met"),
    scoring.REASON_TARGET_NO_DATA: gettext_lazy("a target without data"),
    scoring.REASON_FLAGGED: gettext_lazy("under discipline, inspection or complaint"),
    scoring.REASON_DISSOLVED: gettext_lazy("dissolved before the decision date"),
    scoring.REASON_ALREADY_AWARDED: gettext_lazy("already awarded for this achievement"),
}


def reason_label(code: str) -> str:
    return str(REASON_LABELS.get(code, code))


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    require(request.user, "awards.rules.view")
    award_types = AwardType.objects.prefetch_related("powers", "legal_bases", "cash_coefficients")
    council_rules = CouncilRule.objects.filter(
        authority__in=unit_ids_for(request.user, "awards.rules.view")
    ).select_related("authority", "award_type")
    manageable = unit_ids_for(request.user, "awards.rules.manage")
    return render(
        request,
        "awards/rules.html",
        {
            "award_types": award_types,
            "base_salaries": BaseSalary.objects.all(),
            "council_rules": council_rules,
            "manageable": manageable,
        },
    )


@login_required
def council_rule_edit(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = CouncilRule.objects.filter(
        pk=rule_id, authority__in=unit_ids_for(request.user, "awards.rules.view")
    ).first()
    if rule is None:
        raise Http404
    require(request.user, "awards.rules.manage", rule.authority)
    form = CouncilRuleForm(request.POST or None, instance=CouncilRule.objects.get(pk=rule.pk))
    # The standing office is a body of the authority itself.
    form.fields["standing_office"].queryset = Unit.objects.filter(
        id__in=descendant_unit_ids({rule.authority_id})
    )
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in services.RULE_FIELDS}
        try:
            services.council_rule_update(
                actor=request.user, rule=rule, reason=form.cleaned_data["reason"], **changes
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The council rule was changed; rounds already open keep the rule they used.")
            )
            return redirect("awards-rules")
    return render(
        request,
        "awards/council_rule_form.html",
        {"rule": rule, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def flag_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "awards.flag.view")
    flags = EligibilityFlag.objects.filter(
        unit__in=unit_ids_for(request.user, "awards.flag.view")
    ).select_related("unit")
    can_record = user_can(request.user, "awards.flag.record")
    form = None
    status = 200
    if can_record:
        units = visible_units(request.user, "awards.flag.record")
        form = FlagForm(request.POST or None, units=units)
        if request.method == "POST":
            status = 400
            if form.is_valid():
                require(request.user, "awards.flag.record", form.cleaned_data["unit"])
                try:
                    services.flag_record(actor=request.user, **form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("The flag was recorded."))
                    return redirect("awards-flag-list")
    elif request.method == "POST":
        require(request.user, "awards.flag.record")
    return render(
        request,
        "awards/flag_list.html",
        {"flags": flags, "form": form, "lift_form": FlagLiftForm()},
        status=status,
    )


@login_required
@require_POST
def flag_lift(request: HttpRequest, flag_id: int) -> HttpResponse:
    flag = EligibilityFlag.objects.filter(
        pk=flag_id, unit__in=unit_ids_for(request.user, "awards.flag.view")
    ).first()
    if flag is None:
        raise Http404
    require(request.user, "awards.flag.record", flag.unit)
    form = FlagLiftForm(request.POST)
    if form.is_valid():
        try:
            services.flag_lift(actor=request.user, flag=flag, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The flag was lifted."))
    else:
        messages.error(request, _("Give an end date and a reason."))
    return redirect("awards-flag-list")


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = rounds_visible_to(request.user)
    managed = unit_ids_for(request.user, "awards.round.manage")
    form = None
    status = 200
    if managed:
        campaigns = Campaign.objects.filter(issuing_unit__in=managed)
        form = RoundOpenForm(request.POST or None, campaigns=campaigns)
        if request.method == "POST":
            status = 400
            if form.is_valid():
                try:
                    evaluation_round = services.round_open(actor=request.user, **form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("The round was opened and every figure frozen."))
                    return redirect("awards-round-detail", round_id=evaluation_round.pk)
    elif request.method == "POST":
        require(request.user, "awards.round.manage")
    return render(request, "awards/round_list.html", {"rounds": rounds, "form": form}, status=status)


def _round(request: HttpRequest, round_id: int) -> EvaluationRound:
    evaluation_round = (
        EvaluationRound.objects.select_related("campaign", "award_type", "authority", "rubric")
        .filter(pk=round_id)
        .first()
    )
    if evaluation_round is None or not can_see_round(request.user, evaluation_round):
        raise Http404
    return evaluation_round


def _entry(request: HttpRequest, entry_id: int) -> EvaluationEntry:
    entry = EvaluationEntry.objects.select_related("round__authority", "unit").filter(pk=entry_id).first()
    if entry is None or not can_see_entry(request.user, entry):
        raise Http404
    return entry


def _annotate_reasons(entry: EvaluationEntry) -> None:
    entry.reason_lines = [
        {"label": reason_label(reason["code"]), "detail": reason.get("detail", "")}
        for reason in entry.ineligibility
    ]


@login_required
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    evaluation_round = _round(request, round_id)
    entries = list(
        evaluation_round.entries.select_related("unit").order_by("-score", vietnamese("unit__name"))
    )
    for entry in entries:
        _annotate_reasons(entry)
    can_manage = user_can(request.user, "awards.round.manage", evaluation_round.authority)
    from thidua.awards.dossier_views import round_dossier

    decision = evaluation_round.decisions.filter(corrects__isnull=True).first()
    return render(
        request,
        "awards/round_detail.html",
        {
            **round_dossier(request, evaluation_round, entries),
            "corrections": list(decision.corrections.order_by("issued_on", "pk")) if decision else [],
            "can_correct": decision is not None
            and user_can(request.user, "awards.decision.approve", evaluation_round.authority),
            "is_staff": evaluation_round.authority_id in unit_ids_for(request.user, "awards.round.view"),
            **certificate_links(request.user, decision),
            "round": evaluation_round,
            "entries": entries,
            "can_manage": can_manage and evaluation_round.status == RoundStatus.APPRAISAL,
            "sessions": evaluation_round.sessions.all(),
            "passed": services.passed_entries(evaluation_round)
            if evaluation_round.status in {RoundStatus.VOTED, RoundStatus.SUBMITTED}
            else [],
            "decision": decision,
            "can_submit": evaluation_round.status == RoundStatus.VOTED
            and user_can(request.user, "awards.round.manage", evaluation_round.authority),
            "can_approve": evaluation_round.status == RoundStatus.SUBMITTED
            and user_can(request.user, "awards.decision.approve", evaluation_round.authority),
            "today": timezone.localdate(),
            "can_call_council": evaluation_round.status == RoundStatus.PROPOSED
            and user_can(request.user, "awards.session.manage", evaluation_round.authority)
            and not evaluation_round.sessions.exclude(status=SessionStatus.CLOSED).exists(),
            "rule": evaluation_round.rule_snapshot,
            "rule_method": VotingMethod(evaluation_round.rule_snapshot["voting_method"]).label,
            "rule_counted_on": VoteDenominator(evaluation_round.rule_snapshot["vote_denominator"]).label,
        },
    )


@login_required
@require_POST
def round_propose(request: HttpRequest, round_id: int) -> HttpResponse:
    evaluation_round = _round(request, round_id)
    require(request.user, "awards.round.manage", evaluation_round.authority)
    try:
        services.round_propose(actor=request.user, evaluation_round=evaluation_round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The candidates were sent to the council."))
    return redirect("awards-round-detail", round_id=evaluation_round.pk)


@public
def entry_detail(request: HttpRequest, round_id: int, unit_code: str) -> HttpResponse:
    """A unit's frozen breakdown: the authority's staff and the unit before the decision, everyone after it
    (the "why" of the public list of awarded units)."""
    entry = (
        EvaluationEntry.objects.select_related(
            "round__campaign", "round__award_type", "round__authority", "unit"
        )
        .filter(round_id=round_id, unit__code=unit_code)
        .first()
    )
    if (entry is None or not entry.round.is_decided) and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if entry is None or not can_see_entry(request.user, entry):
        raise Http404
    _annotate_reasons(entry)
    figures = list(entry.figures.all())
    differences = live_differences(entry.round, figures)
    for figure in figures:
        figure.now = differences.get(figure.pk)
    can_manage = (
        request.user.is_authenticated
        and user_can(request.user, "awards.round.manage", entry.round.authority)
        and entry.round.status == RoundStatus.APPRAISAL
    )
    return render(
        request,
        "awards/entry_detail.html",
        {
            "entry": entry,
            "round": entry.round,
            "targets": [figure for figure in figures if figure.kind == FigureKind.TARGET],
            "criteria": [figure for figure in figures if figure.kind == FigureKind.CRITERION],
            "can_manage": can_manage,
            "adjust_form": AdjustForm(),
            "propose_form": ProposeForm(),
            "checked_at": timezone.now(),
            **_report_link(request, entry),
        },
    )


def _report_link(request: HttpRequest, entry: EvaluationEntry) -> dict:
    """The link to the entry's achievement report, for the authority's staff and the unit's own people."""
    if not request.user.is_authenticated:
        return {}
    staff = entry.round.authority_id in unit_ids_for(request.user, "awards.round.view")
    own = entry.unit_id in unit_ids_for(request.user, "awards.entry.view_own")
    if not (staff or own):
        return {}
    from thidua.awards.models import AchievementReport, ReportStatus

    status = AchievementReport.objects.filter(entry=entry).values_list("status", flat=True).first()
    return {
        "can_see_report": True,
        "report_status_label": dict(ReportStatus.choices).get(status, _("not written")),
    }


@login_required
@require_POST
def figure_adjust(request: HttpRequest, figure_id) -> HttpResponse:
    figure = (
        EvaluationFigure.objects.select_related("entry__round__authority", "entry__unit")
        .filter(pk=figure_id)
        .first()
    )
    if figure is None or not can_see_entry(request.user, figure.entry):
        raise Http404
    entry = figure.entry
    require(request.user, "awards.round.manage", entry.round.authority)
    form = AdjustForm(request.POST)
    if form.is_valid():
        try:
            services.figure_adjust(actor=request.user, figure=figure, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The adjustment was recorded beside the computed points."))
    else:
        messages.error(request, _("Give the points and the reason for the adjustment."))
    return redirect("awards-entry-detail", round_id=entry.round_id, unit_code=entry.unit.code)


@login_required
@require_POST
def entry_propose(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry(request, entry_id)
    require(request.user, "awards.round.manage", entry.round.authority)
    form = ProposeForm(request.POST)
    if form.is_valid():
        try:
            services.entry_propose(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The unit was proposed."))
    else:
        messages.error(request, _("The reason is too long."))
    return redirect("awards-entry-detail", round_id=entry.round_id, unit_code=entry.unit.code)


@login_required
@require_POST
def entry_withdraw(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry(request, entry_id)
    require(request.user, "awards.round.manage", entry.round.authority)
    try:
        services.entry_withdraw(actor=request.user, entry=entry)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The unit was withdrawn from the candidates."))
    return redirect("awards-entry-detail", round_id=entry.round_id, unit_code=entry.unit.code)


# --- council sessions ---------------------------------------------------------------------------------------


def _session(request: HttpRequest, session_id: int) -> CouncilSession:
    session = (
        CouncilSession.objects.select_related("round__campaign", "round__authority", "round__award_type")
        .filter(pk=session_id)
        .first()
    )
    if session is None or session.round.authority_id not in unit_ids_for(request.user, "awards.round.view"):
        raise Http404
    return session


def _choices_from(request: HttpRequest, candidates) -> dict[int, str]:
    return {entry.pk: request.POST.get(f"choice-{entry.pk}", "") for entry in candidates}


@login_required
def session_create(request: HttpRequest, round_id: int) -> HttpResponse:
    evaluation_round = _round(request, round_id)
    require(request.user, "awards.session.manage", evaluation_round.authority)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                actor=request.user, evaluation_round=evaluation_round, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The council session was called."))
            return redirect("awards-session-detail", session_id=session.pk)
    return render(
        request,
        "awards/session_form.html",
        {"round": evaluation_round, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session(request, session_id)
    members = list(session.members.select_related("user"))
    me = next((member for member in members if member.user_id == request.user.pk), None)
    has_voted = me is not None and VoteReceipt.objects.filter(session=session, member=me).exists()
    candidates = services.session_candidates(session)
    results = list(session.results.select_related("entry__unit"))
    can_manage = user_can(request.user, "awards.session.manage", session.round.authority)
    return render(
        request,
        "awards/session_detail.html",
        {
            "session": session,
            "round": session.round,
            "members": members,
            "me": me,
            "has_voted": has_voted,
            "can_vote": session.status == SessionStatus.VOTING
            and me is not None
            and me.attendance == Attendance.PRESENT
            and not has_voted,
            "candidates": candidates,
            "choices": Choice.choices,
            "attendance_choices": Attendance.choices,
            "count": services.attendance_count(session),
            "voted": session.receipts.count(),
            "results": results,
            "can_manage": can_manage,
            "can_close": session.status == SessionStatus.VOTING
            and (can_manage or (me is not None and me.is_chair)),
            "is_chair": me is not None and me.is_chair,
            "rule_method": VotingMethod(session.round.rule_snapshot["voting_method"]).label,
            "rule_counted_on": VoteDenominator(session.round.rule_snapshot["vote_denominator"]).label,
        },
    )


def _after(session: CouncilSession) -> HttpResponse:
    return redirect("awards-session-detail", session_id=session.pk)


def _run(request: HttpRequest, success: str, action, **kwargs) -> None:
    try:
        action(actor=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


@login_required
@require_POST
def session_attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session(request, session_id)
    require(request.user, "awards.session.manage", session.round.authority)
    attendance = {
        member.pk: request.POST.get(f"attendance-{member.pk}", member.attendance)
        for member in session.members.all()
    }
    _run(
        request,
        _("The attendance was recorded."),
        services.attendance_record,
        session=session,
        attendance=attendance,
    )
    return _after(session)


@login_required
@require_POST
def session_written_opinion(request: HttpRequest, session_id: int, member_id: int) -> HttpResponse:
    session = _session(request, session_id)
    require(request.user, "awards.session.manage", session.round.authority)
    member = session.members.filter(pk=member_id).first()
    if member is None:
        raise Http404
    choices = _choices_from(request, services.session_candidates(session))
    _run(
        request,
        _("The written opinion was recorded."),
        services.written_opinion_record,
        session=session,
        member=member,
        choices=choices,
    )
    return _after(session)


@login_required
@require_POST
def session_open(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session(request, session_id)
    require(request.user, "awards.session.manage", session.round.authority)
    _run(request, _("The vote is open."), services.session_open_vote, session=session)
    return _after(session)


@login_required
@require_POST
def session_vote(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session(request, session_id)
    require(request.user, "awards.session.vote", session.round.authority)
    choices = _choices_from(request, services.session_candidates(session))
    _run(request, _("Your vote was recorded."), services.vote_cast, session=session, choices=choices)
    return _after(session)


@login_required
@require_POST
def session_close(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session(request, session_id)
    is_chair = session.members.filter(user=request.user, is_chair=True).exists()
    if not is_chair:
        require(request.user, "awards.session.manage", session.round.authority)
    _run(request, _("The vote is closed and counted."), services.session_close, session=session)
    return _after(session)


@login_required
@require_POST
def result_tie(request: HttpRequest, result_id: int) -> HttpResponse:
    result = SessionResult.objects.select_related("session").filter(pk=result_id).first()
    if result is None:
        raise Http404
    session = _session(request, result.session_id)
    require(request.user, "awards.session.vote", session.round.authority)
    agrees = request.POST.get("side")
    if agrees not in {"agree", "disagree"}:
        messages.error(request, _("Choose a side."))
        return _after(session)
    _run(
        request,
        _("The tie was settled by the chair."),
        services.tie_settle_by_chair,
        result=result,
        agrees=agrees == "agree",
    )
    return _after(session)


# --- public -------------------------------------------------------------------------------------------------


@public
def awarded_list(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """Every year's awarded units with their decision, and the units proposed to the council with any exception,
    open to everyone (law art. 84.5: the proposed and the awarded are made public)."""
    public_statuses = [RoundStatus.PROPOSED, RoundStatus.VOTED, RoundStatus.SUBMITTED, RoundStatus.DECIDED]
    years = sorted(
        set(EvaluationRound.objects.filter(status__in=public_statuses).values_list("year", flat=True)),
        reverse=True,
    )
    if year is None and years:
        year = years[0]
    from thidua.awards.corrections import annotate_awards
    from thidua.awards.models import AwardDecision, PublicNotice

    # What is in force: an award withdrawn by an amending or revoking decision leaves the list for the history.
    every_award = annotate_awards(awarded_units(year) if year is not None else AwardedUnit.objects.none())
    awarded = [award for award in every_award if award.withdrawn_by is None]
    withdrawn = [award for award in every_award if award.withdrawn_by is not None]
    corrections = AwardDecision.objects.filter(round__year=year, corrects__isnull=False).select_related(
        "corrects"
    )
    notices = PublicNotice.objects.filter(round__year=year).select_related("round__campaign", "decision")
    proposed = (
        EvaluationEntry.objects.filter(round__year=year, status=EntryStatus.PROPOSED)
        .filter(round__status__in=public_statuses[:-1])
        .select_related("unit", "round__campaign")
        .order_by("-score", vietnamese("unit__name"))
    )
    exceptions = (
        EvaluationEntry.objects.filter(round__year=year, round__status__in=public_statuses)
        .exclude(exception_reason="")
        .select_related("unit")
    )
    return render(
        request,
        "awards/awarded_list.html",
        {
            "year": year,
            "years": years,
            "awarded": awarded,
            "withdrawn": withdrawn,
            "corrections": corrections,
            "notices": notices,
            "proposed": proposed,
            "exceptions": exceptions,
        },
    )


# --- proposal and decision ----------------------------------------------------------------------------------


@login_required
@require_POST
def proposal_submit(request: HttpRequest, round_id: int) -> HttpResponse:
    evaluation_round = _round(request, round_id)
    require(request.user, "awards.round.manage", evaluation_round.authority)
    form = DayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid date."))
    else:
        _run(
            request,
            _("The proposal was submitted to the Chairman."),
            services.proposal_submit,
            evaluation_round=evaluation_round,
            day=form.cleaned_data["day"],
        )
    return redirect("awards-round-detail", round_id=evaluation_round.pk)


@login_required
@require_POST
def decision_approve(request: HttpRequest, round_id: int) -> HttpResponse:
    evaluation_round = _round(request, round_id)
    require(request.user, "awards.decision.approve", evaluation_round.authority)
    form = DayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid date."))
    else:
        _run(
            request,
            _("The decision was issued."),
            services.decision_approve,
            evaluation_round=evaluation_round,
            day=form.cleaned_data["day"],
        )
    return redirect("awards-round-detail", round_id=evaluation_round.pk)
