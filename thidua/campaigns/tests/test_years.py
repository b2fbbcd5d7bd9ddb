"""Which year a page shows: one rule (``campaigns.years``), and the selector always shows the heading's year."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.campaigns import years
from thidua.campaigns.models import Registration


@pytest.mark.parametrize(
    ("campaign_years", "with_data", "today", "expected"),
    [
        # The campaign year in progress wins, data or not.
        ([2021, 2022], [2021], date(2022, 3, 1), 2022),
        ([2021, 2022], [], date(2021, 1, 1), 2021),
        ([2025, 2026, 2027], [2025], date(2026, 12, 31), 2026),
        # Today outside every campaign year: the latest year with data.
        ([2021, 2022], [2021, 2022], date(2026, 5, 1), 2022),
        ([2021, 2022], [2021], date(2026, 5, 1), 2021),
        ([2021, 2022], [2022], date(2019, 5, 1), 2022),
        # No data at all: the campaign year nearest to today.
        ([2021, 2022], [], date(2026, 5, 1), 2022),
        ([2021, 2022], [], date(2019, 5, 1), 2021),
        ([2024, 2028], [], date(2026, 5, 1), 2028),
        # No campaign year at all: the latest with data, or nothing.
        ([], [2023], date(2026, 5, 1), 2023),
        ([], [], date(2026, 5, 1), None),
    ],
)
def test_choose_year(campaign_years, with_data, today, expected):
    assert years.choose_year(campaign_years, with_data, today) == expected


@pytest.mark.parametrize(
    ("year", "with_data", "expected"),
    [
        (2022, [2022], None),
        (2026, [2021, 2022], 2022),
        (2020, [2021, 2025], 2021),
        (2023, [2021, 2025], 2025),  # a tie goes to the later year
        (2023, [], None),
    ],
)
def test_nearest_year_with_data(year, with_data, expected):
    assert years.nearest_with_data(year, with_data) == expected


@pytest.mark.parametrize(
    ("requested", "expected_year", "expected_years"),
    [(None, 2021, [2021, 2022]), (2022, 2022, [2021, 2022]), (2030, 2030, [2021, 2022, 2030])],
)
def test_the_year_view_always_offers_the_year_it_shows(requested, expected_year, expected_years):
    view = years.year_view(requested, years=[2021, 2022], with_data=[2021], today=date(2026, 1, 1))
    assert (view.year, view.years) == (expected_year, expected_years)


def shown_years(html: str) -> tuple[str, list[str]]:
    """The year in the page's heading and the year options marked selected."""
    heading = re.sub(r"<[^>]+>", "", re.search(r"<h1>(.*?)</h1>", html, re.S).group(1))
    year = re.findall(r"\b(20\d\d)\b", heading)
    selected = re.findall(r'<option value="(\d{4})"[^>]*\bselected\b', html)
    return (year[-1] if year else ""), selected


@pytest.fixture
def in_2026(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 3, 15))


def test_the_progress_page_opens_on_the_latest_year_with_data_and_its_selector_shows_it(
    world, client_as, in_2026
):
    Registration.objects.create(
        campaign=world.campaign,
        unit=world.unit_a,
        year=2021,
        commitment="Cam kết",
        created_by=world.user("officer_a"),
    )
    page = client_as("district_officer").get(reverse("campaign-progress", args=[world.campaign.pk]))
    heading, selected = shown_years(page.content.decode())
    assert heading == "2021" and selected == ["2021"]
    assert 'id="year-no-data"' not in page.content.decode()


@pytest.mark.parametrize("year", [None, 2021, 2022])
def test_the_progress_selector_shows_the_heading_year(world, client_as, in_2026, year):
    url = reverse("campaign-progress", args=[world.campaign.pk]) + (f"?year={year}" if year else "")
    heading, selected = shown_years(client_as("district_officer").get(url).content.decode())
    assert selected == [heading]
    assert heading == str(year or 2022)


def test_a_progress_year_without_data_says_so_and_links_the_nearest_year(world, client_as, in_2026):
    Registration.objects.create(
        campaign=world.campaign,
        unit=world.unit_a,
        year=2021,
        commitment="Cam kết",
        created_by=world.user("officer_a"),
    )
    html = (
        client_as("district_officer")
        .get(reverse("campaign-progress", args=[world.campaign.pk]) + "?year=2022")
        .content.decode()
    )
    note = re.search(r'id="year-no-data">(.*?)</p>', html, re.S).group(1)
    assert "2022" in note and 'href="?year=2021"' in note


def test_the_registration_list_selector_shows_all_years_unless_one_is_asked(world, client_as):
    url = reverse("registration-list", args=[world.campaign.pk])
    assert shown_years(client_as("district_officer").get(url).content.decode())[1] == []
    assert shown_years(client_as("district_officer").get(url + "?year=2022").content.decode())[1] == ["2022"]
