"""The public pages without the demo: the footer links them from every page; an empty database still answers."""

import csv
import io
import json

import pytest
from django.test import Client

from thidua.public.datasets import DATASETS

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous():
    return Client()


def test_every_page_links_the_public_pages_in_its_footer(world, client_as):
    for persona, url in [("anonymous", "/accounts/login/"), ("district_officer", "/"), ("viewer", "/units/")]:
        html = client_as(persona).get(url).content.decode()
        footer = html[html.index('<footer class="footer">') :]
        assert 'href="/cong-khai/"' in footer and 'href="/du-lieu-mo/"' in footer, url


def test_an_empty_database_publishes_empty_datasets_with_their_headers(empty_database, anonymous):
    catalogue = json.loads(anonymous.get("/du-lieu-mo/catalog.json").content)
    assert len(catalogue["dataset"]) == len(DATASETS)
    for dataset in DATASETS:
        rows = list(
            csv.reader(
                io.StringIO(
                    anonymous.get(f"/du-lieu-mo/{dataset.identifier}.csv").content.decode("utf-8-sig")
                )
            )
        )
        assert rows == [dataset.column_names]
    response = anonymous.get("/cong-khai/")
    assert response.status_code == 200
    assert response.context["figures"] is None
