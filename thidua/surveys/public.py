"""The citizen's side: the rating page reached by a collection point's QR code, the kiosk, the thank-you page.

No login, Vietnamese, server-rendered, one POST, working without JavaScript. The POST is exempt from CSRF
checks on purpose: it acts for nobody signed in, so there is no session to forge, and a phone that refuses
cookies must still be able to rate. Abuse is held off by the client id (a resend stores once), a honeypot field
and a rate limit per collection point counted in the shared store (``thidua.core.ratelimit``), so it holds across
workers and servers:

- per device: the page sets a random cookie (``DEVICE_COOKIE``), and one device may send
  ``SURVEY_RATE_LIMIT`` ratings to one point per window (``SURVEY_KIOSK_RATE_LIMIT`` on the kiosk);
- per address (a salted hash): ``SURVEY_ADDRESS_RATE_LIMIT``, higher, because a whole office may rate from one
  Wi-Fi address; this is also the ceiling for a client that drops or forges the cookie.
"""

import hashlib
import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from thidua.core.ratelimit import count_hits
from thidua.surveys import caches, services
from thidua.surveys.models import CollectionPoint, Questionnaire, Source
from thidua.surveys.questionnaires import SCALE

HONEYPOT_FIELD = "website"
DEVICE_COOKIE = "thidua_device"
DEVICE_COOKIE_RE = re.compile(r"^[0-9a-f]{32}$")
DEVICE_COOKIE_MAX_AGE = 365 * 24 * 3600


def _point(token: str) -> CollectionPoint:
    if len(token) > 40:
        raise Http404
    point = caches.point_for_token(token)
    if point is None:
        raise Http404
    return point


def _client_address_hash(request: HttpRequest) -> str:
    """A salted hash of the client address: enough to throttle, never the address itself."""
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SURVEY_CLIENT_SALT}:{address}".encode()).hexdigest()[:32]


def _device(request: HttpRequest) -> str:
    """The device's random cookie, or "" when it sent none (or one we did not make)."""
    value = request.COOKIES.get(DEVICE_COOKIE, "")
    return value if DEVICE_COOKIE_RE.match(value) else ""


def _over_limit(point: CollectionPoint, address_hash: str, device: str, kiosk: bool) -> bool:
    """Count this POST against the point per device and per address; True once either allowance is spent."""
    kind = "kiosk" if kiosk else "web"
    device_limit = settings.SURVEY_KIOSK_RATE_LIMIT if kiosk else settings.SURVEY_RATE_LIMIT
    address_limit = max(device_limit, settings.SURVEY_ADDRESS_RATE_LIMIT)
    keys = [f"surveys:{kind}:{point.pk}:address:{address_hash}"]
    if device:
        keys.append(f"surveys:{kind}:{point.pk}:device:{device}")
    counts = count_hits(keys, settings.SURVEY_RATE_WINDOW_SECONDS)
    return counts[0] > address_limit or (device != "" and counts[1] > device_limit)


def _with_device_cookie(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if not _device(request):
        response.set_cookie(
            DEVICE_COOKIE,
            uuid.uuid4().hex,
            max_age=DEVICE_COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _sections(questionnaire: Questionnaire, values: dict[str, str]) -> tuple[dict | None, list[dict]]:
    """The overall question, and the items grouped by element, with the citizen's previous choices."""
    specs = caches.question_specs(questionnaire)
    labels = questionnaire.element_labels()
    overall = None
    sections: list[dict] = []
    for spec in specs:
        item = {"spec": spec, "name": f"q_{spec.code}", "value": values.get(f"q_{spec.code}", "")}
        if spec.is_overall:
            overall = item
            continue
        if not sections or sections[-1]["code"] != spec.element:
            sections.append({"code": spec.element, "label": labels.get(spec.element, ""), "items": []})
        sections[-1]["items"].append(item)
    return overall, sections


def _render_form(request, point, *, kiosk, client_id, values=None, errors=None, status=200, preview=False):
    values = values or {}
    overall, sections = _sections(point.questionnaire, values)
    return render(
        request,
        "surveys/public_rating.html",
        {
            "point": point,
            "kiosk": kiosk,
            "client_id": client_id,
            "overall": overall,
            "sections": sections,
            "scale": SCALE,
            "reasons": point.questionnaire.reasons,
            "chosen_reasons": values.get("reasons", []),
            "values": values,
            "errors": errors or {},
            "low_score_max": point.questionnaire.low_score_max,
            "is_desk": point.questionnaire.kind == "desk",
            "preview": preview,
        },
        status=status,
    )


@dataclass(frozen=True)
class _PreviewUnit:
    official_name: str


@dataclass(frozen=True)
class _PreviewPoint:
    """Stands in for a collection point on the preview: the header shows where the QR code would be."""

    questionnaire: Questionnaire
    unit: _PreviewUnit
    name: str
    token: str = ""


def render_preview(
    request: HttpRequest, questionnaire: Questionnaire, *, kiosk: bool = False
) -> HttpResponse:
    """The citizen's rating page for a questionnaire version, rendered by the same template, sending nothing."""
    with translation.override("vi"):
        point = _PreviewPoint(
            questionnaire=questionnaire,
            unit=_PreviewUnit(official_name=_("Preview — the unit's name appears here")),
            name=f"{questionnaire.title} (v{questionnaire.version})",
        )
        return _render_form(request, point, kiosk=kiosk, client_id="", preview=True)


def _messages(error: ValidationError) -> dict[str, str]:
    if hasattr(error, "message_dict"):
        return {field: " ".join(messages) for field, messages in error.message_dict.items()}
    return {"__all__": " ".join(error.messages)}


def _rate(request: HttpRequest, token: str, kiosk: bool) -> HttpResponse:
    with translation.override("vi"):
        point = _point(token)
        if request.method == "GET":
            page = _render_form(request, point, kiosk=kiosk, client_id=uuid.uuid4().hex)
            return _with_device_cookie(request, page)
        post = request.POST
        thanks = reverse("rating-thanks", args=[point.token]) + ("?kiosk=1" if kiosk else "")
        if post.get(HONEYPOT_FIELD):
            # A bot filled the hidden field: thank it and store nothing.
            return HttpResponseRedirect(thanks, status=303)
        address_hash = _client_address_hash(request)
        client_id = post.get("client_id", "")
        answers = {key[2:]: value for key, value in post.items() if key.startswith("q_")}
        values = {key: value for key, value in post.items() if key.startswith("q_")}
        values.update(
            {
                "dossier_code": post.get("dossier_code", "")[:60],
                "comment": post.get("comment", "")[:3000],
                "reasons": post.getlist("reasons"),
            }
        )
        if _over_limit(point, address_hash, _device(request), kiosk):
            response = render(request, "surveys/public_429.html", {"point": point}, status=429)
            response["Retry-After"] = str(settings.SURVEY_RATE_WINDOW_SECONDS)
            return response
        try:
            services.rating_record(
                point=point,
                client_id=client_id,
                source=Source.KIOSK if kiosk else Source.WEB,
                answers=answers,
                dossier_code=post.get("dossier_code"),
                reasons=post.getlist("reasons"),
                comment=post.get("comment"),
                client_address_hash=address_hash,
            )
        except ValidationError as error:
            messages = _messages(error)
            if "client_id" in messages:
                client_id = uuid.uuid4().hex
            return _render_form(
                request, point, kiosk=kiosk, client_id=client_id, values=values, errors=messages, status=400
            )
        return HttpResponseRedirect(thanks, status=303)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def rating_form(request: HttpRequest, token: str) -> HttpResponse:
    return _rate(request, token, kiosk=False)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def rating_kiosk(request: HttpRequest, token: str) -> HttpResponse:
    return _rate(request, token, kiosk=True)


@require_http_methods(["GET"])
def rating_thanks(request: HttpRequest, token: str) -> HttpResponse:
    with translation.override("vi"):
        point = _point(token)
        kiosk = request.GET.get("kiosk") == "1"
        return render(request, "surveys/public_thanks.html", {"point": point, "kiosk": kiosk})


# Citizens rate without signing in. ``is_public`` is what ``thidua.core.public.public`` sets on main (the URL walk
# test lets such views answer an anonymous visitor); set directly so this app does not depend on that module.
for _view in (rating_form, rating_kiosk, rating_thanks):
    _view.is_public = True
