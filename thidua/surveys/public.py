"""The citizen's side: the rating page reached by a collection point's QR code, the kiosk, the thank-you page.

No login, Vietnamese, server-rendered, one POST, working without JavaScript. The POST is exempt from CSRF
checks on purpose: it acts for nobody signed in, so there is no session to forge, and a phone that refuses
cookies must still be able to rate. Abuse is held off by the client id (a resend stores once), a honeypot field
and a per-point, per-client rate limit keyed by a salted hash of the address.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from thidua.surveys import caches, services
from thidua.surveys.models import CollectionPoint, Source
from thidua.surveys.questionnaires import SCALE

HONEYPOT_FIELD = "website"


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


def _over_limit(point: CollectionPoint, address_hash: str, kiosk: bool) -> bool:
    """Count this POST against the point and client; True once the window's allowance is spent."""
    limit = settings.SURVEY_KIOSK_RATE_LIMIT if kiosk else settings.SURVEY_RATE_LIMIT
    key = f"surveys:rate:{point.pk}:{address_hash}:{int(kiosk)}"
    cache.add(key, 0, timeout=settings.SURVEY_RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.SURVEY_RATE_WINDOW_SECONDS)
        count = 1
    return count > limit


def _sections(point: CollectionPoint, values: dict[str, str]) -> tuple[dict | None, list[dict]]:
    """The overall question, and the items grouped by element, with the citizen's previous choices."""
    specs = caches.question_specs(point.questionnaire)
    labels = point.questionnaire.element_labels()
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


def _render_form(request, point, *, kiosk, client_id, values=None, errors=None, status=200):
    values = values or {}
    overall, sections = _sections(point, values)
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
        },
        status=status,
    )


def _messages(error: ValidationError) -> dict[str, str]:
    if hasattr(error, "message_dict"):
        return {field: " ".join(messages) for field, messages in error.message_dict.items()}
    return {"__all__": " ".join(error.messages)}


def _rate(request: HttpRequest, token: str, kiosk: bool) -> HttpResponse:
    with translation.override("vi"):
        point = _point(token)
        if request.method == "GET":
            return _render_form(request, point, kiosk=kiosk, client_id=uuid.uuid4().hex)
        post = request.POST
        thanks = reverse("rating-thanks", args=[point.token]) + ("?kiosk=1" if kiosk else "")
        if post.get(HONEYPOT_FIELD):
            # A bot filled the hidden field: thank it and store nothing.
            return HttpResponseRedirect(thanks, status=303)
        address_hash = _client_address_hash(request)
        if _over_limit(point, address_hash, kiosk):
            response = render(request, "surveys/public_429.html", {"point": point}, status=429)
            response["Retry-After"] = str(settings.SURVEY_RATE_WINDOW_SECONDS)
            return response
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
