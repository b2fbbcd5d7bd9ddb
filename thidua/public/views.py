"""Public pages: the transparency page and the open-data catalogue with its files. No sign-in, read-only."""

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from thidua.campaigns.models import Campaign
from thidua.campaigns.progress import default_year
from thidua.core.public import public
from thidua.public.catalogue import catalogue, dataset_entry, licence
from thidua.public.datasets import DATASETS, DATASETS_BY_IDENTIFIER, Dataset, publisher_name
from thidua.public.files import CSV_MEDIA_TYPE, JSON_MEDIA_TYPE, dataset_csv, dataset_json
from thidua.public.forms import TransparencyForm
from thidua.public.transparency import transparency


def _default_campaign() -> Campaign | None:
    """The campaign running this year, else the latest one."""
    today = timezone.localdate()
    campaigns = list(Campaign.objects.prefetch_related("extensions").order_by("-period_start", "-pk"))
    running = [campaign for campaign in campaigns if campaign.period_start <= today <= campaign.effective_end]
    return (running or campaigns or [None])[0]


@public
@require_safe
def transparency_page(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    campaign = None
    if str(data.get("campaign", "")).isdecimal():
        campaign = Campaign.objects.filter(pk=data["campaign"]).first()
    campaign = campaign or _default_campaign()
    years = campaign.years if campaign else []
    if data.get("year") and data["year"] not in {str(year) for year in years}:
        data.pop("year")  # a year of another campaign, left over when the campaign was changed
    if campaign is None:
        year = None
    elif data.get("year"):
        year = int(data["year"])  # one of the campaign's years: no need to look for the years with data
    else:
        year = default_year(campaign, timezone.localdate().year)
    if data and year is not None and not data.get("year"):
        data["year"] = str(year)  # so the year list shows the year the figures are for
    if data and campaign is not None and not data.get("campaign"):
        data["campaign"] = str(campaign.pk)
    form = TransparencyForm(data or None, years=years, initial={"campaign": campaign, "year": year})
    context: dict = {"form": form, "figures": None}
    if campaign is not None and (not form.is_bound or form.is_valid()):
        cleaned = form.cleaned_data if form.is_bound else {}
        context["figures"] = transparency(campaign, cleaned.get("year") or year, cleaned.get("q") or "")
    return render(request, "public/transparency.html", context, status=400 if form.errors else 200)


@public
@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    publisher = publisher_name()
    entries = [(dataset, dataset_entry(request, dataset, publisher)) for dataset in DATASETS]
    return render(
        request,
        "public/open_data.html",
        {"entries": entries, "licence": licence(), "publisher": publisher},
    )


@public
@require_safe
def catalogue_json(request: HttpRequest) -> HttpResponse:
    return _json_response(catalogue(request))


def _dataset(identifier: str) -> Dataset:
    dataset = DATASETS_BY_IDENTIFIER.get(identifier)
    if dataset is None:
        raise Http404
    return dataset


def _attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@public
@require_safe
def dataset_csv_file(request: HttpRequest, identifier: str) -> HttpResponse:
    dataset = _dataset(identifier)
    return _attachment(HttpResponse(dataset_csv(dataset), content_type=CSV_MEDIA_TYPE), f"{identifier}.csv")


@public
@require_safe
def dataset_json_file(request: HttpRequest, identifier: str) -> HttpResponse:
    dataset = _dataset(identifier)
    entry = dataset_entry(request, dataset, publisher_name())
    metadata = {key: entry[key] for key in ("identifier", "title", "license", "modified", "temporal")}
    response = HttpResponse(dataset_json(dataset, metadata=metadata), content_type=JSON_MEDIA_TYPE)
    return _attachment(response, f"{identifier}.json")


@public
@require_safe
def dataset_dictionary(request: HttpRequest, identifier: str) -> HttpResponse:
    dataset = _dataset(identifier)
    return _json_response(
        {"identifier": dataset.identifier, "title": str(dataset.title), "columns": dataset.dictionary()}
    )


def _json_response(document: dict) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read the catalogue
    return response
