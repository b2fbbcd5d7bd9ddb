"""The questionnaire editor of the standing office: versions, the editor, the citizen's preview, JSON export/import.

Every change goes through ``services.questionnaire_revise`` / ``questionnaire_import``: an answered version is
never edited, a change becomes the next version and the answers keep theirs.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.forms import add_service_errors
from thidua.organizations.access import (
    authority_owner_for,
    may_edit_owned,
    may_see_owned,
    own_authority,
    require,
    visible_owned,
)
from thidua.surveys import public, services
from thidua.surveys.forms import ElementFormSet, QuestionFormSet, QuestionnaireForm, QuestionnaireImportForm
from thidua.surveys.models import Questionnaire, Response
from thidua.surveys.questionnaire_json import MAX_BYTES, content_of, dumps

MANAGE = "questionnaire.manage"


def _questionnaire(request: HttpRequest, questionnaire_id: int) -> Questionnaire:
    """A shared questionnaire, or one owned by an authority the user covers; another authority's → 404."""
    questionnaire = Questionnaire.objects.filter(pk=questionnaire_id).first()
    if questionnaire is None or not may_see_owned(request.user, MANAGE, questionnaire.owner_id):
        raise Http404
    return questionnaire


def _may_copy(request: HttpRequest, questionnaire: Questionnaire) -> bool:
    """A standing office that may not change a shared questionnaire may make its authority's own copy."""
    return (
        questionnaire.owner_id is None
        and not may_edit_owned(request.user, MANAGE, None)
        and own_authority(request.user, MANAGE) is not None
    )


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    form = QuestionnaireImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            raw = upload.read(MAX_BYTES + 1)
            try:
                version, is_new = services.questionnaire_import(
                    actor=request.user,
                    raw=raw,
                    change_reason=form.cleaned_data["change_reason"],
                    owner=authority_owner_for(request.user, MANAGE),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if is_new:
                    message = _("The file was imported as version %(version)s of %(code)s.")
                else:
                    message = _("The file replaced the unanswered version %(version)s of %(code)s.")
                messages.success(request, message % {"version": version.version, "code": version.code})
                return redirect("questionnaire-detail", questionnaire_id=version.pk)
        status = 400
    versions = (
        visible_owned(Questionnaire.objects, request.user, MANAGE)
        .select_related("owner")
        .annotate(answer_count=Count("responses"))
        .order_by("code", "-version")
    )
    return render(
        request,
        "surveys/questionnaire_list.html",
        {"versions": versions, "form": form},
        status=status,
    )


@login_required
@require_GET
def questionnaire_detail(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    require(request.user, MANAGE)
    questionnaire = _questionnaire(request, questionnaire_id)
    return render(
        request,
        "surveys/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "can_edit": may_edit_owned(request.user, MANAGE, questionnaire.owner_id),
            "can_copy": _may_copy(request, questionnaire),
            "content": content_of(questionnaire),
            "labels": questionnaire.element_labels(),
            "answer_count": Response.objects.filter(questionnaire=questionnaire).count(),
            "point_count": questionnaire.points.count(),
            "versions": Questionnaire.objects.filter(code=questionnaire.code).order_by("-version"),
        },
    )


def _content_from(form, elements, questions) -> dict:
    """The content the three forms describe, in the order the officer numbered the rows."""
    return {
        "title": form.cleaned_data["title"],
        "index_rule": form.cleaned_data["index_rule"],
        "low_score_max": form.cleaned_data["low_score_max"],
        "reasons": form.reason_list(),
        "elements": [[row.cleaned_data["code"], row.cleaned_data["label"]] for row in elements.ordered_forms],
        "questions": [
            {key: row.cleaned_data[key] for key in ("code", "element", "text", "is_overall", "required")}
            for row in questions.ordered_forms
        ],
    }


def _numbered(rows: list[dict]) -> list[dict]:
    return [{**row, "ORDER": position} for position, row in enumerate(rows, start=1)]


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_edit(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    require(request.user, MANAGE)
    questionnaire = _questionnaire(request, questionnaire_id)
    if not may_edit_owned(request.user, MANAGE, questionnaire.owner_id):
        messages.error(
            request,
            _(
                "This questionnaire is shared by every authority: only the standing office of the top authority "
                "changes it. Make your own copy to change it for your authority."
            ),
        )
        return redirect("questionnaire-detail", questionnaire_id=questionnaire.pk)
    if not questionnaire.is_current:
        messages.error(request, _("Only the current version can be changed."))
        return redirect("questionnaire-detail", questionnaire_id=questionnaire.pk)
    content = content_of(questionnaire)
    answered = Response.objects.filter(questionnaire=questionnaire).exists()
    if request.method == "POST":
        form = QuestionnaireForm(request.POST)
        elements = ElementFormSet(request.POST, prefix="elements")
        questions = QuestionFormSet(request.POST, prefix="questions")
    else:
        form = QuestionnaireForm(initial={**content, "reasons": "\n".join(content["reasons"])})
        elements = ElementFormSet(
            prefix="elements",
            initial=_numbered([{"code": code, "label": label} for code, label in content["elements"]]),
        )
        questions = QuestionFormSet(prefix="questions", initial=_numbered(content["questions"]))
    if request.method == "POST" and all([form.is_valid(), elements.is_valid(), questions.is_valid()]):
        try:
            revised = services.questionnaire_revise(
                actor=request.user,
                questionnaire=questionnaire,
                change_reason=form.cleaned_data["change_reason"],
                **_content_from(form, elements, questions),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if revised.pk != questionnaire.pk:
                message = _("Saved as version %(version)s; the answers given so far keep version %(old)s.")
            else:
                message = _("Version %(version)s was changed; no citizen had answered it yet.")
            messages.success(request, message % {"version": revised.version, "old": questionnaire.version})
            return redirect("questionnaire-detail", questionnaire_id=revised.pk)
    return render(
        request,
        "surveys/questionnaire_form.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "elements": elements,
            "questions": questions,
            "answered": answered,
            "element_codes": [code for code, _label in content["elements"]],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def questionnaire_preview(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    """The rating page exactly as a citizen sees it, with this version's questions; it sends nothing."""
    require(request.user, MANAGE)
    return public.render_preview(
        request, _questionnaire(request, questionnaire_id), kiosk=request.GET.get("kiosk") == "1"
    )


@login_required
@require_GET
def questionnaire_export(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    require(request.user, MANAGE)
    questionnaire = _questionnaire(request, questionnaire_id)
    response = HttpResponse(dumps(questionnaire), content_type="application/json; charset=utf-8")
    filename = f"phieu-{questionnaire.code}-v{questionnaire.version}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["POST"])
def questionnaire_copy(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    """Make the authority's own copy of a shared questionnaire (version 1, owned by the authority)."""
    require(request.user, MANAGE)
    questionnaire = _questionnaire(request, questionnaire_id)
    authority = own_authority(request.user, MANAGE)
    if not _may_copy(request, questionnaire) or authority is None:
        messages.error(request, _("This questionnaire cannot be copied: you may change it or it is a copy."))
        return redirect("questionnaire-detail", questionnaire_id=questionnaire.pk)
    try:
        copy = services.questionnaire_copy(actor=request.user, questionnaire=questionnaire, owner=authority)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("questionnaire-detail", questionnaire_id=questionnaire.pk)
    messages.success(
        request, _("Your authority's own copy %(code)s was made; change it here.") % {"code": copy.code}
    )
    return redirect("questionnaire-edit", questionnaire_id=copy.pk)
