"""Certificates of a decision (full colour or for the pre-printed blank, all units or one, DOCX or PDF), the
blank designs of an authority, their edit page and the alignment sheet.

Certificates are for the authority's standing office and Chairman (``awards.certificate.print``): anyone else of
the authority's staff gets 403, everyone else 404, as for the round. A download of more than
``CERTIFICATES_INLINE_MAX`` certificates (a setting), DOCX or PDF, is not written inside the request: it goes to a
background job (the export job, which replays this page as the same person) and the person is sent to the job's
page.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.awards import certificates, services
from thidua.awards.document_views import _document_response
from thidua.awards.forms import BLANK_FIELD_LABELS, BlankForm, BlankNewForm
from thidua.awards.models import AwardDecision, AwardedUnit, CertificateBlank
from thidua.core.forms import add_service_errors
from thidua.organizations.access import require, unit_ids_for, user_can
from thidua.organizations.models import COMMITTEE_KINDS, Unit

FORMATS = {"docx", "pdf"}
VARIANTS = {"colour", "blank"}
# About what one decision's PDF with its annex costs to convert; longer documents go to a background job.
CERTIFICATES_INLINE_MAX = 30


def inline_max() -> int:
    return int(getattr(settings, "CERTIFICATES_INLINE_MAX", CERTIFICATES_INLINE_MAX))


def _decision(request: HttpRequest, decision_id: int) -> AwardDecision:
    decision = (
        AwardDecision.objects.select_related("round__authority", "round__campaign", "signer")
        .filter(pk=decision_id)
        .first()
    )
    # The decision is public, its certificates are not: outside the authority's staff they do not exist.
    if decision is None or decision.round.authority_id not in unit_ids_for(request.user, "awards.round.view"):
        raise Http404
    require(request.user, "awards.certificate.print", decision.round.authority)
    return decision


def _defer(request: HttpRequest, title: str, pages: int, file_format: str) -> HttpResponse:
    from thidua.jobs.exports import EXPORT_KIND
    from thidua.jobs.services import job_enqueue

    job = job_enqueue(
        actor=request.user,
        kind=EXPORT_KIND,
        title=title,
        params={
            "path": request.path,
            "query": request.GET.urlencode(),
            "format": file_format,
            "host": request.get_host(),
            "secure": request.is_secure(),
            "language": translation.get_language() or "vi",
        },
        total=pages,
    )
    return redirect("job-detail", job_id=job.pk)


def _certificates_response(
    request: HttpRequest, decision: AwardDecision, award: AwardedUnit | None, variant: str, file_format: str
) -> HttpResponse:
    if file_format not in FORMATS or variant not in VARIANTS:
        raise Http404
    pages = 1 if award is not None else decision.awarded.count()
    stem = "giay-khen" if variant == "colour" else "giay-khen-phoi"
    if award is not None:
        stem += f"-{award.register_number}"
    # python-docx writes a certificate in about 0.1 s and LibreOffice converts one in about 0.5 s: past the
    # threshold both the DOCX and the PDF are made in the background.
    if pages > inline_max() and not getattr(request, "export_in_job", False):
        title = _("Certificates: decision %(number)s") % {"number": decision.number}
        return _defer(request, title, pages, file_format)
    if variant == "colour":
        docx_bytes = certificates.colour_docx(decision, award)
    else:
        blank = certificates.blank_in_use(decision.round.authority, timezone.localdate())
        docx_bytes = certificates.on_blank_docx(decision, blank, award)
    return _document_response(request, docx_bytes, f"{stem}-{decision.pk}", file_format)


@login_required
def decision_certificates(
    request: HttpRequest, decision_id: int, file_format: str, variant: str
) -> HttpResponse:
    """Every certificate of the decision, one page each."""
    decision = _decision(request, decision_id)
    return _certificates_response(request, decision, None, variant, file_format)


@login_required
def unit_certificate(request: HttpRequest, award_id: int, file_format: str, variant: str) -> HttpResponse:
    """One awarded unit's certificate."""
    award = AwardedUnit.objects.select_related("unit__parent").filter(pk=award_id).first()
    if award is None:
        raise Http404
    decision = _decision(request, award.decision_id)
    return _certificates_response(request, decision, award, variant, file_format)


# --- blank designs ----------------------------------------------------------------------------------------------


def _blank(request: HttpRequest, blank_id: int) -> CertificateBlank:
    blank = (
        CertificateBlank.objects.select_related("authority")
        .filter(pk=blank_id, authority__in=unit_ids_for(request.user, "awards.round.view"))
        .first()
    )
    if blank is None:
        raise Http404
    require(request.user, "awards.blank.view", blank.authority)
    return blank


def _manageable_authorities(request: HttpRequest):
    """The People's Committees whose standing office the user is (not the communes under a district)."""
    ids = unit_ids_for(request.user, "awards.blank.manage")
    return (
        Unit.objects.filter(pk__in=ids, kind__in=COMMITTEE_KINDS)
        .exclude(parent__in=ids)
        .order_by("kind", "name")
    )


@login_required
def blank_list(request: HttpRequest) -> HttpResponse:
    """The blank designs of the authorities the user prints for; the standing office records a new one (a copy
    of the authority's latest, or the default A4 offsets)."""
    require(request.user, "awards.blank.view")
    blanks = CertificateBlank.objects.filter(
        authority__in=unit_ids_for(request.user, "awards.blank.view")
    ).select_related("authority")
    authorities = _manageable_authorities(request)
    form = None
    status = 200
    if authorities.exists():
        form = BlankNewForm(request.POST or None, authorities=authorities)
        if request.method == "POST":
            status = 400
            if form.is_valid():
                authority = form.cleaned_data["authority"]
                latest = certificates.blank_in_use(authority, form.cleaned_data["valid_from"])
                try:
                    blank = services.certificate_blank_create(
                        actor=request.user,
                        fields=latest.fields if latest else None,
                        page_width_mm=latest.page_width_mm if latest else 210,
                        page_height_mm=latest.page_height_mm if latest else 297,
                        **form.cleaned_data,
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("The blank design was recorded."))
                    return redirect("awards-blank-edit", blank_id=blank.pk)
    elif request.method == "POST":
        require(request.user, "awards.blank.manage")
    return render(
        request,
        "awards/blank_list.html",
        {"blanks": blanks, "form": form},
        status=status,
    )


@login_required
def blank_edit(request: HttpRequest, blank_id: int) -> HttpResponse:
    """The blank's settings and each field's box; the standing office changes them with a reason."""
    blank = _blank(request, blank_id)
    can_manage = user_can(request.user, "awards.blank.manage", blank.authority)
    if request.method == "POST" and not can_manage:
        require(request.user, "awards.blank.manage", blank.authority)
    form = BlankForm(request.POST or None, initial=BlankForm.initial_for(blank))
    if request.method == "POST" and form.is_valid():
        blank_settings = {name: form.cleaned_data[name] for name in services.BLANK_SETTINGS}
        try:
            services.certificate_blank_update(
                actor=request.user,
                blank=blank,
                reason=form.cleaned_data["reason"],
                fields=form.box_values(),
                **blank_settings,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The blank design was changed; print the alignment sheet to check it.")
            )
            return redirect("awards-blank-edit", blank_id=blank.pk)
    return render(
        request,
        "awards/blank_form.html",
        {"blank": blank, "form": form, "can_manage": can_manage, "labels": BLANK_FIELD_LABELS},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def blank_alignment(request: HttpRequest, blank_id: int, file_format: str) -> HttpResponse:
    """The alignment test sheet of a blank: its boxes outlined with their names over a millimetre ruler."""
    blank = _blank(request, blank_id)
    if file_format not in FORMATS:
        raise Http404
    return _document_response(
        request, certificates.alignment_docx(blank), f"can-chinh-phoi-{blank.pk}", file_format
    )
