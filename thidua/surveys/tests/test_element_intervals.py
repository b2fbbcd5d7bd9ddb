"""Element indices carry their Wilson 95% interval over respondents on every page, in the API and the exports;
"too few responses" is said with the numbers, "no data" only when there is none; the staff's comments export."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from thidua.surveys import services
from thidua.surveys.tests.conftest import rate
from thidua.surveys.tests.test_pages import UNIT_READERS, vi

ACCESS = "Tiếp cận dịch vụ"


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=9)))


def table_of(reply, first_header: str) -> list[dict]:
    """The data rows of an XLSX answer as dicts, found under the header row (whatever title block is above)."""
    rows = list(load_workbook(io.BytesIO(reply.content)).active.iter_rows(values_only=True))
    start = next(position for position, row in enumerate(rows) if row and row[0] == vi(first_header))
    header = rows[start]
    return [
        dict(zip(header, row, strict=True))
        for row in rows[start + 1 :]
        if any(cell is not None for cell in row)
    ]


@pytest.fixture
def desk_year(world, point_a, point_b, settings):
    """Unit A: 30 desk ratings, access 27 of 30 satisfied; unit B: 12 ratings, below the minimum of 30."""
    settings.SURVEY_MIN_RESPONSES = 30
    for i in range(30):
        rate(point_a, 5, answers={"access": 5 if i < 27 else 2}, submitted_at=at(date(2021, 6, 1 + i % 28)))
    for _i in range(12):
        rate(point_b, 5, answers={"access": 4}, submitted_at=at(date(2021, 6, 2)))
    return world


@pytest.fixture
def sipas_point(world, sipas):
    return services.collection_point_create(
        actor=None, unit=world.unit_a, name="Bộ phận một cửa", questionnaire=sipas
    )


def test_unit_page_shows_each_element_with_its_interval_over_respondents(client_as, desk_year):
    html = (
        client_as("officer_a").get(f"/satisfaction/units/{desk_year.unit_a.code}/?year=2021").content.decode()
    )
    # 27/30 = 90.00 with n = 30 → [74.37, 96.55] (worked by hand in test_indices.py)
    assert f'<th scope="row">{ACCESS}</th><td>90,00</td><td>74,37–96,55</td><td>30</td><td>30</td>' in html
    # an element nobody answered has no index, no interval and n = 0
    assert (
        '<td><span class="muted">—</span></td><td><span class="muted">—</span></td><td>0</td><td>0</td>'
        in html
    )


def test_a_sipas_elements_interval_counts_respondents_not_its_four_items_answers(
    client_as, sipas_point, settings
):
    settings.SURVEY_MIN_RESPONSES = 30
    # 30 respondents answer the four access items: 102 of the 120 answers are satisfied (85.00%)
    for i in range(30):
        # 18 × 4 + 9 × 3 + 3 × 1 = 102 satisfied answers
        levels = [5, 5, 5, 5] if i < 18 else [5, 5, 4, 2] if i < 27 else [4, 2, 2, 2]
        rate(
            sipas_point,
            5,
            answers=dict(zip(("a1", "a2", "a3", "a4"), levels, strict=True)),
            submitted_at=at(date(2021, 3, 1 + i % 28)),
        )
    reply = client_as("officer_a").get(f"/satisfaction/units/{sipas_point.unit.code}/?year=2021")
    access = reply.context["summary"].elements[0]
    assert (access["index"], access["answers"], access["sample_size"]) == (Decimal("85.00"), 120, 30)
    # n = 30 respondents → [68.35, 93.70]; n = 120 answers would have claimed [77.53, 90.30]
    assert f'<th scope="row">{ACCESS}</th><td>85,00</td><td>68,35–93,70</td><td>30</td><td>120</td>' in (
        reply.content.decode()
    )


def test_district_table_shows_element_intervals_and_says_too_few_with_the_numbers(client_as, desk_year):
    reply = client_as("district_officer").get("/satisfaction/?year=2021")
    html = reply.content.decode()
    assert '90,00<br><small class="muted">74,37–96,55 · n = 30</small>' in html  # unit A's access
    rows = {row["unit"]: row for row in reply.context["rows"]}
    assert rows[desk_year.unit_b]["summary"].data_status_label == "chưa đủ phiếu (12, cần 30)"
    assert '<span class="badge warn">chưa đủ phiếu (12, cần 30)</span>' in html  # beside unit B's real 100,00
    assert '<span class="badge warn">chưa có dữ liệu</span>' in html  # the agency: no response at all
    assert html.count("chưa đủ phiếu (") == 1
    assert reply.context["counts"] == {"met": 1, "not_met": 0, "too_few_responses": 1, "no_data": 1}
    assert 'id="count-too-few">1<' in html and 'id="count-no-data">1<' in html


def test_unit_page_below_the_minimum_says_too_few_with_the_numbers(client_as, desk_year):
    url = f"/satisfaction/units/{desk_year.unit_b.code}/?year=2021"
    html = client_as("district_officer").get(url).content.decode()
    assert '<span id="unit-verdict"><span class="badge warn">chưa đủ phiếu (12, cần 30)</span>' in html
    assert html.count("chưa đủ phiếu") == 1  # said once, as the verdict


def test_unit_page_without_a_target_still_says_too_few_with_the_numbers(client_as, point_a, settings):
    settings.SURVEY_MIN_RESPONSES = 30
    for _i in range(12):
        rate(point_a, 5, submitted_at=at(date(2023, 3, 1)))  # the campaign runs 2021–2022: no target in 2023
    html = client_as("officer_a").get(f"/satisfaction/units/{point_a.unit.code}/?year=2023").content.decode()
    assert 'id="unit-data-status">chưa đủ phiếu (12, cần 30)<' in html
    assert '<span class="muted">chưa có chỉ tiêu</span>' in html
    district = client_as("officer_a").get("/satisfaction/?year=2023").content.decode()
    assert '<td>12<br><small class="muted">chưa đủ phiếu (12, cần 30)</small></td>' in district


def test_api_gives_every_element_its_interval_n_and_the_data_status(client_as, desk_year):
    client = client_as("officer_a")
    body = client.get(f"/api/satisfaction?unit={desk_year.unit_a.code}&from=2021-01-01&to=2021-12-31").json()
    access = next(item for item in body["elements"] if item["code"] == "access")
    assert (access["index"], access["answers"], access["sample_size"]) == ("90.00", 30, 30)
    assert access["confidence_interval"] == {"level": 95, "low": "74.37", "high": "96.55"}
    feedback = next(item for item in body["elements"] if item["code"] == "feedback")
    assert (feedback["index"], feedback["sample_size"], feedback["confidence_interval"]) == (None, 0, None)
    assert (body["data_status"], body["data_status_label"]) == ("enough", "")

    district = client_as("district_officer")
    few = district.get(f"/api/satisfaction?unit={desk_year.unit_b.code}&from=2021-01-01&to=2021-12-31").json()
    assert (few["index"], few["verdict"], few["data_status"], few["data_status_label"]) == (
        "100.00",
        "no_data",
        "too_few_responses",
        "chưa đủ phiếu (12, cần 30)",
    )
    none = district.get(
        f"/api/satisfaction?unit={desk_year.agency.code}&from=2021-01-01&to=2021-12-31"
    ).json()
    assert (none["data_status"], none["data_status_label"]) == ("no_data", "chưa có dữ liệu")


def test_the_openapi_document_describes_the_element_interval_and_the_data_status(client):
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert {"sample_size", "confidence_interval"} <= set(schemas["ElementOut"]["properties"])
    assert "respondents" in schemas["ElementOut"]["properties"]["sample_size"]["description"]
    assert "too_few_responses" in schemas["SatisfactionOut"]["properties"]["data_status"]["description"]


def test_district_export_carries_element_intervals_sample_rule_and_verdict(client_as, desk_year):
    reply = client_as("district_officer").get("/satisfaction/?year=2021&format=xlsx")
    rows = {row[vi("Unit code")]: row for row in table_of(reply, "Unit code")}
    unit_a, unit_b, agency = (
        rows[unit.code] for unit in (desk_year.unit_a, desk_year.unit_b, desk_year.agency)
    )
    assert (
        unit_a[f"{ACCESS} (%)"],
        unit_a[f"{ACCESS}: cận dưới KTC 95%"],
        unit_a[f"{ACCESS}: cận trên KTC 95%"],
        unit_a[f"{ACCESS}: n"],
    ) == (90, 74.37, 96.55, 30)
    assert unit_a[vi("Target")] == "> 90% (47/KH-UBND)"
    # every overall answer was 5: 100 > 90 is met, whatever one element shows
    assert (unit_a[vi("Responses")], unit_a[vi("Index (%)")], unit_a[vi("Against the target")]) == (
        30,
        100,
        vi("met"),
    )
    assert unit_b[vi("Against the target")] == "chưa đủ phiếu (12, cần 30)"
    assert unit_b[vi("Responses against the minimum")] == "chưa đủ phiếu (12, cần 30)"
    assert agency[vi("Against the target")] == "chưa có dữ liệu"


def test_unit_export_carries_element_intervals_sample_adequacy_and_the_rule(client_as, desk_year):
    client = client_as("officer_a")
    code = desk_year.unit_a.code
    client.post(f"/satisfaction/units/{code}/transactions/", {"year": 2021, "transactions": 100})
    rows = table_of(client.get(f"/satisfaction/units/{code}/?year=2021&format=xlsx"), "Month")
    june, year = rows[5], rows[-1]
    assert (june[vi("Month")], june[f"{ACCESS}: n"], june[f"{ACCESS}: cận dưới KTC 95%"]) == (
        "06/2021",
        30,
        74.37,
    )
    assert (year[vi("Month")], year[vi("Responses")], year[f"{ACCESS} (%)"]) == ("2021", 30, 90)
    # N = 100 needs n = 80: 30 responses are not an adequate sample, though enough for a verdict
    assert (year[vi("Required sample")], year[vi("Sample adequate")]) == (80, vi("not adequate"))
    assert (year[vi("Target")], year[vi("Responses against the minimum")]) == ("> 90% (47/KH-UBND)", None)
    january = rows[0]
    assert (january[vi("Responses")], january[vi("Against the target")]) == (0, "chưa có dữ liệu")


FORMULA = '=HYPERLINK("http://example.com/x","Bấm vào đây")'


@pytest.fixture
def commented(point_a, point_b):
    rate(
        point_a,
        2,
        reasons=["Phải đi lại nhiều lần"],
        comment="Phải chờ lâu",
        submitted_at=at(date(2021, 5, 5)),
    )
    rate(point_a, 5, comment=FORMULA, submitted_at=at(date(2021, 6, 7)))
    rate(point_a, 4, submitted_at=at(date(2021, 6, 8)))  # no comment: not exported
    rate(point_a, 1, comment="Năm trước", submitted_at=at(date(2020, 12, 31)))  # another year
    rate(point_b, 3, comment="Ý kiến của đơn vị khác", submitted_at=at(date(2021, 6, 9)))
    return point_a


def comments_url(point, query="year=2021"):
    return f"/satisfaction/units/{point.unit.code}/comments/?{query}"


def test_comments_export_lists_the_units_comments_of_the_year_newest_first(client_as, commented):
    rows = table_of(client_as("officer_a").get(comments_url(commented)), "Date")
    assert [
        (
            row[vi("Date")].date(),
            row[vi("Collection point")],
            row[vi("Overall level (1–5)")],
            row[vi("Reasons")],
            row["Ý kiến"],
        )
        for row in rows
    ] == [
        (date(2021, 6, 7), "Quầy 1", 5, None, FORMULA),
        (date(2021, 5, 5), "Quầy 1", 2, "Phải đi lại nhiều lần", "Phải chờ lâu"),
    ]


def test_a_comment_written_as_a_formula_stays_text_in_xlsx_and_csv(client_as, commented):
    client = client_as("officer_a")
    sheet = load_workbook(io.BytesIO(client.get(comments_url(commented)).content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == FORMULA]
    assert [cell.data_type for cell in cells] == ["s"]  # a string cell, not a formula ("f")
    text = client.get(comments_url(commented, "year=2021&format=csv")).content.decode("utf-8-sig")
    assert "'" + FORMULA in text.replace('""', '"')  # the apostrophe keeps a spreadsheet from running it
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


@pytest.mark.parametrize(("persona", "status"), UNIT_READERS.items())
def test_comments_export_answers_each_persona_like_the_unit_page(client_as, commented, persona, status):
    reply = client_as(persona).get(comments_url(commented))
    assert reply.status_code == status
    if status == 200:
        assert reply["Content-Type"].startswith("application/vnd.openxmlformats")
        assert FORMULA in [
            cell
            for row in load_workbook(io.BytesIO(reply.content)).active.iter_rows(values_only=True)
            for cell in row
        ]
    else:
        assert FORMULA.encode() not in reply.content
    if status == 302:
        assert "/accounts/login/" in reply["Location"]


@pytest.mark.parametrize("query", ["year=abc", "year=2021&format=pdf", "year=99999"])
def test_comments_export_refuses_bad_input_with_a_plain_400(client_as, commented, query):
    reply = client_as("officer_a").get(comments_url(commented, query))
    assert reply.status_code == 400
    assert "xlsx" in reply.content.decode() and FORMULA.encode() not in reply.content


def test_the_unit_page_links_to_the_comments_export(client_as, commented):
    html = client_as("head_a").get(f"/satisfaction/units/{commented.unit.code}/?year=2021").content.decode()
    assert (
        f'id="comments-export" href="/satisfaction/units/{commented.unit.code}/comments/?year=2021"' in html
    )


def test_campaign_progress_says_too_few_with_the_same_words(client_as, desk_year):
    world = desk_year
    progress = client_as("district_officer").get(f"/campaigns/{world.campaign.pk}/progress/?year=2021")
    row = next(row for row in progress.context["progress"].rows if row.unit == world.unit_b)
    cell = next(cell for cell in row.cells if cell.target.indicator == "satisfaction_index")
    assert (cell.status, cell.value, cell.detail) == (
        "no_data",
        Decimal("100.00"),
        "chưa đủ phiếu (12, cần 30)",
    )


def test_pooling_a_sipas_and_a_desk_point_weighs_each_sipas_respondent_by_its_four_answers(
    client_as, point_a, sipas_point
):
    for _i in range(10):
        rate(point_a, 5, answers={"access": 5}, submitted_at=at(date(2021, 4, 1)))
        rate(sipas_point, 5, answers={"a1": 5, "a2": 5, "a3": 4, "a4": 2}, submitted_at=at(date(2021, 4, 1)))
    reply = client_as("officer_a").get(f"/satisfaction/units/{point_a.unit.code}/?year=2021")
    access = reply.context["summary"].elements[0]
    # 40 SIPAS answers (k = 4) and 10 desk answers (k = 1): n = 50² / (4·40 + 1·10) = 2500 / 170 = 14.7 → 14,
    # fewer than the 20 respondents because the pooled share counts a SIPAS respondent four times
    assert (access["index"], access["answers"], access["sample_size"]) == (Decimal("80.00"), 50, 14)
    # Wilson, p = 0.8, n = 14: denominator = 1 + 3.8416/14 = 1.2744; centre = (0.8 + 0.1372) / 1.2744 = 0.735405;
    # half = (1.96 / 1.2744) · √(0.011429 + 0.0049) = 1.537978 · 0.127783 = 0.196528 → [53.88, 93.20]
    assert access["interval"] == (Decimal("53.88"), Decimal("93.20"))
