"""The compliance pages open on the campaign year in progress or the latest year with inspections, and their
year selector shows the year in the heading."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.campaigns.tests.test_years import shown_years
from thidua.inspections.tests.conftest import ALL_PASS

PAGES = [
    ("list", lambda world: reverse("compliance-list")),
    ("unit", lambda world: reverse("compliance-unit", args=[world.unit_a.code])),
]


@pytest.fixture(autouse=True)
def in_2026(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 3, 15))


@pytest.mark.parametrize(("page", "url"), PAGES, ids=[page for page, _url in PAGES])
@pytest.mark.parametrize(("query", "expected"), [("", "2021"), ("?year=2022", "2022")])
def test_the_selector_shows_the_heading_year(world, client_as, make_inspection, page, url, query, expected):
    make_inspection(answers=ALL_PASS, status="submitted")  # on 15/06/2021
    html = client_as("district_officer").get(url(world) + query).content.decode()
    assert shown_years(html) == (expected, [expected]), page


@pytest.mark.parametrize(("page", "url"), PAGES, ids=[page for page, _url in PAGES])
def test_a_year_without_inspections_offers_the_nearest_year(world, client_as, make_inspection, page, url):
    make_inspection(answers=ALL_PASS, status="submitted")
    html = client_as("district_officer").get(url(world) + "?year=2022").content.decode()
    note = re.search(r'id="year-no-data">(.*?)</p>', html, re.S).group(1)
    assert 'href="?year=2021"' in note
