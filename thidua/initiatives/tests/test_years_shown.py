"""The replication overview opens on the campaign year in progress or the latest year with models; its year
selector and its table caption show the same year."""

import re
from datetime import date

import pytest
from django.utils import timezone

from thidua.campaigns.tests.test_years import shown_years


@pytest.fixture(autouse=True)
def in_2026(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 3, 15))


@pytest.mark.parametrize(("query", "expected"), [({}, "2021"), ({"year": 2022}, "2022")])
def test_the_selector_shows_the_year_of_the_table(world, client_as, make_model, query, expected):
    make_model("approved")  # campaign year 2021
    html = client_as("district_officer").get("/reform-models/overview/", query).content.decode()
    caption = re.search(r"<caption>(.*?)</caption>", html, re.S).group(1)
    assert caption.strip().endswith(expected)
    assert shown_years(html)[1] == [expected]
    if expected == "2022":
        assert 'href="?campaign=' in re.search(r'id="year-no-data">(.*?)</p>', html, re.S).group(1)
