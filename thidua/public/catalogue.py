"""The DCAT-style catalogue (``/du-lieu-mo/catalog.json``): every dataset with its licence, coverage, last change
and distributions."""

from datetime import date, datetime

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.public.datasets import DATASETS, Dataset, publisher_name
from thidua.public.files import CSV_MEDIA_TYPE, JSON_MEDIA_TYPE


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def licence() -> dict:
    return {"title": settings.OPEN_DATA_LICENSE_TITLE, "url": settings.OPEN_DATA_LICENSE_URL}


def dataset_entry(request: HttpRequest, dataset: Dataset, publisher: str) -> dict:
    absolute = request.build_absolute_uri
    start, end = dataset.temporal()
    return {
        "@type": "dcat:Dataset",
        "identifier": dataset.identifier,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "publisher": {"name": publisher},
        "license": settings.OPEN_DATA_LICENSE_URL,
        "licenseTitle": settings.OPEN_DATA_LICENSE_TITLE,
        "temporal": {"startDate": _iso(start), "endDate": _iso(end)},
        "modified": _iso(dataset.modified()),
        "language": ["vi"],
        "landingPage": absolute(reverse("transparency")),
        "describedBy": absolute(reverse("open-data-dictionary", args=[dataset.identifier])),
        "distribution": [
            {
                "@type": "dcat:Distribution",
                "format": "CSV",
                "mediaType": CSV_MEDIA_TYPE,
                "downloadURL": absolute(reverse("open-data-csv", args=[dataset.identifier])),
            },
            {
                "@type": "dcat:Distribution",
                "format": "JSON",
                "mediaType": JSON_MEDIA_TYPE,
                "downloadURL": absolute(reverse("open-data-json", args=[dataset.identifier])),
            },
        ],
    }


def catalogue(request: HttpRequest) -> dict:
    publisher = publisher_name()
    return {
        "@context": "https://www.w3.org/ns/dcat.jsonld",
        "@type": "dcat:Catalog",
        "title": _("Open data of the emulation campaign"),
        "description": _(
            "Figures of the administrative-reform emulation campaign: units, progress against the targets, "
            "citizen satisfaction, reform models, office-culture compliance and awards."
        ),
        "publisher": {"name": publisher},
        "license": settings.OPEN_DATA_LICENSE_URL,
        "licenseTitle": settings.OPEN_DATA_LICENSE_TITLE,
        "homepage": request.build_absolute_uri(reverse("open-data")),
        "dataset": [dataset_entry(request, dataset, publisher) for dataset in DATASETS],
    }
