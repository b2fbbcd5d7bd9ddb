"""Every satisfaction page for every persona, exports, and the figures the pages show."""

from datetime import date

import pytest

from thidua.core.tests.xlsx import table_of
from thidua.surveys.tests.conftest import rate


def vi(message: str) -> str:
    """The Vietnamese the product shows for a shared label (the project-wide catalogue may word it)."""
    from django.utils.translation import gettext, override

    with override("vi"):
        return gettext(message)


UNIT_READERS = {
    "anonymous": 302,
    "officer_a": 200,
    "head_a": 200,
    "officer_b": 404,
    "head_b": 404,
    "district_officer": 200,
    "inspector": 200,
    "council_member": 200,
    "chairman": 200,
    "viewer": 200,
}
PAPER_CLERKS = {
    "anonymous": 302,
    "officer_a": 200,
    "head_a": 403,
    "officer_b": 404,
    "head_b": 404,
    "district_officer": 200,
    "inspector": 403,
    "council_member": 403,
    "chairman": 403,
    "viewer": 403,
}
EVERY_SIGNED_IN = {persona: (302 if persona == "anonymous" else 200) for persona in UNIT_READERS}

PAGES = [
    ("/satisfaction/", EVERY_SIGNED_IN),
    ("/satisfaction/?year=2021&format=xlsx", EVERY_SIGNED_IN),
    ("/satisfaction/units/{unit}/", UNIT_READERS),
    ("/satisfaction/units/{unit}/?year=2021&format=xlsx", UNIT_READERS),
    ("/satisfaction/units/{unit}/trend.json?year=2021", UNIT_READERS),
    ("/satisfaction/units/{unit}/points/", UNIT_READERS),
    ("/satisfaction/points/{point}/poster/", UNIT_READERS),
    ("/satisfaction/units/{unit}/paper/", PAPER_CLERKS),
    ("/satisfaction/units/{unit}/import/", PAPER_CLERKS),
    ("/satisfaction/points/{point}/template.xlsx", PAPER_CLERKS),
]
CASES = [(url, persona, status) for url, table in PAGES for persona, status in table.items()]


@pytest.mark.parametrize(("url", "persona", "status"), CASES)
def test_every_page_answers_each_persona_as_expected(client_as, point_a, url, persona, status):
    url = url.format(unit=point_a.unit.code, point=point_a.pk)
    reply = client_as(persona).get(url)
    assert reply.status_code == status
    if status == 302:
        assert "/accounts/login/" in reply["Location"]


def test_unknown_unit_is_404(client_as, world):
    assert client_as("district_officer").get("/satisfaction/units/nope/").status_code == 404


def test_bad_year_is_a_400(client_as, point_a):
    assert client_as("district_officer").get("/satisfaction/?year=abc").status_code == 400
    assert (
        client_as("officer_a").get(f"/satisfaction/units/{point_a.unit.code}/?year=99999").status_code == 400
    )


def test_unit_page_shows_index_rule_trend_reasons_and_comments(client_as, point_a, settings):
    settings.SURVEY_MIN_RESPONSES = 1
    from django.utils import timezone

    when = timezone.make_aware(timezone.datetime(2021, 5, 5, 9, 0))
    rate(point_a, 5, submitted_at=when)
    rate(point_a, 2, submitted_at=when, reasons=["Phải đi lại nhiều lần"], comment="Phải chờ lâu")
    html = client_as("officer_a").get(f"/satisfaction/units/{point_a.unit.code}/?year=2021").content.decode()
    assert 'id="unit-index">50,00%' in html  # Vietnamese decimal comma
    assert "tỷ lệ hài lòng ở câu hỏi chung" in html  # the rule is named next to the figure
    trend = client_as("officer_a").get(f"/satisfaction/units/{point_a.unit.code}/trend.json?year=2021").json()
    may = trend["charts"][0]["rows"][4]
    assert (may["month"], may["value"], may["count"]) == ("05/2021", 50, 2)
    assert "Phải đi lại nhiều lần: 1" in html and "Phải chờ lâu" in html
    assert f'<span class="badge bad">{vi("not met")}</span>' in html


def test_district_table_lists_units_against_90_percent_and_exports_it(
    client_as, world, point_a, point_b, settings
):
    settings.SURVEY_MIN_RESPONSES = 2
    from django.utils import timezone

    when = timezone.make_aware(timezone.datetime(2021, 7, 1, 9, 0))
    for score in (5, 5):
        rate(point_a, score, submitted_at=when)
    for score in (5, 1):
        rate(point_b, score, submitted_at=when)
    client = client_as("district_officer")
    html = client.get("/satisfaction/?year=2021").content.decode()
    assert 'id="count-met">1<' in html and 'id="count-not-met">1<' in html
    export = client.get("/satisfaction/?year=2021&format=xlsx")
    header, *body = table_of(export.content)
    rows = {row[0]: row for row in body}
    verdict, target = (header.index(vi(name)) for name in ("Against the target", "Target"))
    assert rows["t-tt-long-phu"][2:4] == (2, 100)
    assert rows["t-xa-long-phu"][2:4] == (2, 50)
    assert rows["t-xa-long-phu"][target] == "> 90% (47/KH-UBND)"
    assert rows["t-xa-long-phu"][verdict] == vi("not met")
    assert rows["t-phong-tu-phap"][verdict] == vi("no data yet")


def test_unit_officer_sees_only_their_unit_in_the_district_table(client_as, point_a, point_b):
    html = client_as("officer_a").get("/satisfaction/?year=2021").content.decode()
    assert "thị trấn Long Phú" in html and "xã Long Phú" not in html


def test_unit_export_has_one_row_per_month(client_as, point_a):
    reply = client_as("officer_a").get(f"/satisfaction/units/{point_a.unit.code}/?year=2021&format=xlsx")
    rows = table_of(reply.content)
    assert len(rows) == 14 and rows[1][0] == "01/2021" and rows[13][0] == "2021"  # twelve months, the year


def test_unit_officer_records_transactions_and_the_sample_is_checked(client_as, point_a):
    reply = client_as("officer_a").post(
        f"/satisfaction/units/{point_a.unit.code}/transactions/", {"year": 2021, "transactions": 1000}
    )
    assert reply.status_code == 302
    html = client_as("officer_a").get(f"/satisfaction/units/{point_a.unit.code}/?year=2021").content.decode()
    assert "cần 286 phiếu với N = 1000" in html
    assert (
        client_as("viewer")
        .post(f"/satisfaction/units/{point_a.unit.code}/transactions/", {"year": 2021, "transactions": 5})
        .status_code
        == 403
    )


def test_paper_entry_saves_a_form_dated_as_written(client_as, point_a):
    from thidua.surveys.models import Response

    client = client_as("officer_a")
    url = f"/satisfaction/units/{point_a.unit.code}/paper/"
    page = client.get(url).content.decode()
    assert "autofocus" in page and 'inputmode="numeric"' in page
    reply = client.post(
        url,
        {
            "point": point_a.pk,
            "day": "03/02/2021",
            "client_id": "paper-entry-0001",
            "q_overall": "3",
            "q_result": "5",
        },
    )
    assert reply.status_code == 302
    response = Response.objects.get()
    assert (response.day, response.source, response.overall_level) == (date(2021, 2, 3), "paper", 3)
    again = client.post(
        url, {"point": point_a.pk, "day": "03/02/2021", "client_id": "paper-entry-0001", "q_overall": "3"}
    )
    assert again.status_code == 302
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"day": "31/02/2021", "q_overall": "3"},
        {"day": "01/01/2099", "q_overall": "3"},
        {"day": "01/01/2021", "q_overall": "6"},
        {"day": "01/01/2021"},
    ],
)
def test_paper_entry_rejects_bad_forms_with_400(client_as, point_a, data):
    from thidua.surveys.models import Response

    reply = client_as("officer_a").post(
        f"/satisfaction/units/{point_a.unit.code}/paper/",
        {"point": point_a.pk, "client_id": "paper-entry-0002", **data},
    )
    assert reply.status_code == 400
    assert Response.objects.count() == 0
