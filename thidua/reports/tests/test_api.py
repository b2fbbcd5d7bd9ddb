"""GET /api/report-periods?campaign=<id>: the campaign's periods with the reports by status."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from thidua.organizations.services import api_token_create
from thidua.reports import services

pytestmark = pytest.mark.django_db


def test_periods_list_their_window_due_date_and_counts(world, period, client_as):
    report = services.report_save(actor=None, period=period, unit=world.unit_a, narratives={"1": "Đã làm."})
    report = services.report_send_to_head(actor=None, report=report)
    services.report_submit(
        actor=None, report=report, at=datetime(2022, 12, 16, 12, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    )
    response = client_as("district_officer").get("/api/report-periods", {"campaign": world.campaign.pk})
    assert response.status_code == 200
    (row,) = response.json()
    assert row["id"] == period.pk and row["name"] == "Năm 2022"
    assert (row["window_start"], row["window_end"], row["due_date"]) == (
        "2021-12-15",
        "2022-12-14",
        "2022-12-16",
    )
    counts = row["counts"]
    assert (
        counts["submitted"] == 1
        and counts["missing"] == 2
        and counts["on_time"] == 1
        and counts["units"] == 3
    )


def test_a_unit_sees_the_counts_of_its_own_units_and_a_token_its_scope(world, period, client_as):
    response = client_as("officer_b").get("/api/report-periods", {"campaign": world.campaign.pk})
    assert response.status_code == 200 and response.json()[0]["counts"]["units"] == 1
    _token, raw = api_token_create(actor=None, name="tỉnh", unit=world.district)
    response = client_as("anonymous").get(
        "/api/report-periods", {"campaign": world.campaign.pk}, HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 200 and response.json()[0]["counts"]["units"] == 3


@pytest.mark.parametrize(
    ("query", "status"),
    [({"campaign": 999999}, 404), ({"campaign": "x"}, 422), ({}, 422), ({"campaign": 0}, 422)],
)
def test_bad_queries_answer_the_declared_errors(world, period, client_as, query, status):
    response = client_as("district_officer").get("/api/report-periods", query)
    assert response.status_code == status
    assert "detail" in response.json()


def test_anonymous_callers_are_asked_to_sign_in(world, period, client_as):
    response = client_as("anonymous").get("/api/report-periods", {"campaign": world.campaign.pk})
    assert response.status_code == 401
