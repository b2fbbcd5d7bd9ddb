"""Public reads of the model library: the same records and search as /thu-vien/."""

from datetime import date

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from thidua.core.api_types import DatabaseId, PageNumber, UserText, Year, error_responses
from thidua.initiatives import selectors
from thidua.initiatives.models import ModelCategory, ReformModel
from thidua.organizations.models import Unit
from thidua.organizations.schemas import UnitRef

router = Router(tags=["reform models"])
PAGE_SIZE = 50


class EffectOut(Schema):
    minutes_saved_per_dossier: float | None
    cost_saved_per_year: float | None
    trips_avoided_per_dossier: float | None
    people_served_per_year: int | None


class ModelOut(Schema):
    id: int
    title: str
    status: str
    unit: UnitRef
    unit_official_name: str
    category: str
    category_label: str
    year: int
    campaign: str
    started_on: date
    source: int | None
    adopted_by: list[str]
    effect: EffectOut
    url: str


class ModelDetailOut(ModelOut):
    problem: str
    solution: str
    links: list[str]


class ModelPage(Schema):
    items: list[ModelOut]
    count: int
    page: int
    page_size: int


class ModelQuery(Schema):
    q: UserText | None = None
    category: UserText | None = None
    unit: UserText | None = None
    year: Year | None = None
    page: PageNumber = 1


def _float(value):
    return float(value) if value is not None else None


def model_out(model: ReformModel, adopted_by: list[str]) -> dict:
    return {
        "id": model.pk,
        "title": model.title,
        "status": model.status,
        "unit": {"code": model.unit.code, "name": model.unit.name},
        "unit_official_name": model.unit.official_name,
        "category": model.category,
        "category_label": str(model.get_category_display()),
        "year": model.year,
        "campaign": model.campaign.number,
        "started_on": model.started_on,
        "source": model.source_id if model.source and model.source.is_public else None,
        "adopted_by": adopted_by,
        "effect": {
            "minutes_saved_per_dossier": _float(model.minutes_saved_per_dossier),
            "cost_saved_per_year": _float(model.cost_saved_per_year),
            "trips_avoided_per_dossier": _float(model.trips_avoided_per_dossier),
            "people_served_per_year": model.people_served_per_year,
        },
        "url": f"/thu-vien/{model.pk}/",
    }


def _adopters(models: list[ReformModel]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {model.pk: [] for model in models}
    for source_id, code in (
        ReformModel.objects.filter(source__in=[model.pk for model in models])
        .order_by("unit__code")
        .values_list("source_id", "unit__code")
    ):
        result[source_id].append(code)
    return result


@router.get(
    "/models",
    response={200: ModelPage, **error_responses(422)},
    summary="Approved and exemplary reform models (public)",
)
def list_models(request: HttpRequest, query: Query[ModelQuery]):
    if query.category and query.category not in ModelCategory.values:
        raise HttpError(
            422, _("Unknown category; use one of %(codes)s.") % {"codes": ", ".join(ModelCategory.values)}
        )
    if query.q is not None and len(query.q) > 200:
        raise HttpError(422, _("The search text is too long (200 characters at most)."))
    unit = None
    if query.unit:
        unit = Unit.objects.filter(code=query.unit).first()
        if unit is None:
            raise HttpError(422, _("Unknown unit code."))
    models = selectors.library_models(q=query.q, category=query.category, unit=unit, year=query.year)
    count = models.count()
    start = (query.page - 1) * PAGE_SIZE
    items = list(models[start : start + PAGE_SIZE])
    adopters = _adopters(items)
    return {
        "items": [model_out(model, adopters[model.pk]) for model in items],
        "count": count,
        "page": query.page,
        "page_size": PAGE_SIZE,
    }


@router.get(
    "/models/{model_id}",
    response={200: ModelDetailOut, **error_responses(404, 422)},
    summary="One approved or exemplary model (public)",
)
def get_model(request: HttpRequest, model_id: DatabaseId):
    model = selectors.library_models().filter(pk=model_id).first()
    if model is None:
        raise Http404
    data = model_out(model, _adopters([model])[model.pk])
    data.update({"problem": model.problem, "solution": model.solution, "links": model.link_list()})
    return data
