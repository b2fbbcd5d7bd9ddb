"""The satisfaction pages open on the campaign year in progress or the latest year with ratings, and their
year selector shows the year in the heading."""

import re
from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.campaigns.tests.test_years import shown_years
from thidua.surveys.tests.conftest import rate

PAGES = [
    ("district", lambda world: reverse("satisfaction-district")),
    ("unit", lambda world: reverse("satisfaction-unit", args=[world.unit_a.code])),
]


@pytest.fixture(autouse=True)
def in_2026(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 3, 15))


@pytest.fixture
def rated_2021(world, point_a):
    rate(point_a, 5, submitted_at=datetime(2021, 5, 4, 9, 0).astimezone())


@pytest.mark.parametrize(("page", "url"), PAGES, ids=[page for page, _url in PAGES])
@pytest.mark.parametrize(
    ("query", "expected"), [("", "2021"), ("?year=2021", "2021"), ("?year=2022", "2022")]
)
def test_the_selector_shows_the_heading_year(world, client_as, rated_2021, page, url, query, expected):
    html = client_as("district_officer").get(url(world) + query).content.decode()
    assert shown_years(html) == (expected, [expected]), page


@pytest.mark.parametrize(("page", "url"), PAGES, ids=[page for page, _url in PAGES])
def test_a_year_without_ratings_says_so_and_offers_the_nearest_year(world, client_as, rated_2021, page, url):
    html = client_as("district_officer").get(url(world) + "?year=2022").content.decode()
    note = re.search(r'id="year-no-data">(.*?)</p>', html, re.S).group(1)
    assert "2022" in note and 'href="?year=2021"' in note
    assert (
        'id="year-no-data"'
        not in client_as("district_officer").get(url(world) + "?year=2021").content.decode()
    )


def test_without_any_rating_the_page_opens_on_the_campaign_year_nearest_today(world, client_as, desk):
    html = client_as("district_officer").get(reverse("satisfaction-district")).content.decode()
    assert shown_years(html) == ("2022", ["2022"])
