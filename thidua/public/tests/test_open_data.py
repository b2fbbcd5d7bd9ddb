"""Open data and the transparency page on the demo data: the catalogue's contract, every file anonymously, nothing
personal in any file, the page's figures equal to the progress API's, search without diacritics, access."""

import csv
import io
import json
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from conftest import PERSONAS
from thidua.campaigns.models import Campaign
from thidua.core.models import AuditEntry
from thidua.core.text import vietnamese_sort_key
from thidua.organizations import services as org_services
from thidua.organizations.models import Unit, User
from thidua.public.datasets import DATASETS
from thidua.surveys import services as survey_services
from thidua.surveys.models import Question, Questionnaire, Response
from thidua.surveys.questionnaires import seed_questionnaires

pytestmark = pytest.mark.django_db

# Personal data planted beside the demo's, so the check below has an e-mail, a device hash and a comment to find.
PLANTED_EMAIL = "nguyen.van.a@example.vn"
PLANTED_FULL_NAME = "Nguyễn Văn Cán Bộ Riêng"
PLANTED_HASH = "9f86d081884c7d659a2feaa0c55ad015"
PLANTED_COMMENT = "Chị Lan ở quầy số 2 rất nhiệt tình, số điện thoại 0912345678."


@pytest.fixture(scope="module")
def _demo(module_world, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        seed_questionnaires(Questionnaire, Question)
        call_command("seed_demo", force=True, stdout=io.StringIO())
        org_services.user_create(
            actor=None, username="nguoidung9", password=None, full_name=PLANTED_FULL_NAME, email=PLANTED_EMAIL
        )
        point = survey_services.collection_point_create(
            actor=None,
            unit=Unit.objects.get(code="lp-tt-dai-ngai"),
            name="Quầy thử",
            questionnaire=Questionnaire.objects.get(code="desk", is_current=True),
        )
        survey_services.rating_record(
            point=point,
            client_id="open-data-test-0001",
            source="web",
            answers={"overall": 5},
            comment=PLANTED_COMMENT,
            client_address_hash=PLANTED_HASH,
        )
        return Campaign.objects.get(issuing_unit__code__startswith="lp-").pk


@pytest.fixture
def demo(_demo, db) -> Campaign:
    """The demo's campaign (Plan 47/KH-UBND of Long Phú), fetched afresh for each test."""
    return Campaign.objects.get(pk=_demo)


@pytest.fixture
def anonymous():
    return Client()


def _catalogue(client) -> dict:
    response = client.get("/du-lieu-mo/catalog.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def _files(client) -> dict[str, bytes]:
    """Every file the catalogue names (downloads and data dictionaries), by path."""
    files = {}
    for dataset in _catalogue(client)["dataset"]:
        for url in [*(item["downloadURL"] for item in dataset["distribution"]), dataset["describedBy"]]:
            path = urlsplit(url).path
            response = client.get(path)
            assert response.status_code == 200, path
            files[path] = response.content
    return files


def test_the_catalogue_lists_every_dataset_with_the_contracts_fields(demo, anonymous):
    catalogue = _catalogue(anonymous)
    assert [entry["identifier"] for entry in catalogue["dataset"]] == [
        "don-vi",
        "tien-do-thi-dua",
        "hai-long-theo-thang",
        "mo-hinh-cai-cach",
        "van-hoa-cong-so",
        "khen-thuong",
    ]
    for entry in catalogue["dataset"]:
        assert entry["title"] and entry["description"]
        assert entry["license"] == "https://creativecommons.org/licenses/by/4.0/"
        # Both authorities of the demo issue plans: the district (2021-2022) and the commune of Cần Thơ (2026).
        assert entry["publisher"] == {"name": "Ủy ban nhân dân huyện Long Phú; Ủy ban nhân dân xã Long Phú"}
        assert entry["landingPage"] == "http://testserver/cong-khai/"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT.*", entry["modified"]), entry["identifier"]
        assert set(entry["temporal"]) == {"startDate", "endDate"}
        assert [(item["format"], item["mediaType"]) for item in entry["distribution"]] == [
            ("CSV", "text/csv; charset=utf-8"),
            ("JSON", "application/json"),
        ]
        assert all(
            item["downloadURL"].startswith("http://testserver/du-lieu-mo/") for item in entry["distribution"]
        )
    progress = catalogue["dataset"][1]
    # From the district's 2021-2022 plan to the end of the commune's 2026 plan.
    assert progress["temporal"] == {"startDate": "2021-01-01", "endDate": "2026-12-31"}


def test_modified_is_the_last_change_of_the_datasets_data(demo, anonymous):
    awards = next(entry for entry in _catalogue(anonymous)["dataset"] if entry["identifier"] == "khen-thuong")
    last = AuditEntry.objects.filter(target_type__startswith="awards.").latest("created_at").created_at
    assert awards["modified"] >= last.isoformat()[:19]


def test_every_download_answers_an_anonymous_client_with_its_type_and_declared_columns(demo, anonymous):
    for dataset in DATASETS:
        response = anonymous.get(f"/du-lieu-mo/{dataset.identifier}.csv")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response.content.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
        assert rows[0] == dataset.column_names
        assert len(rows) > 1, dataset.identifier  # the demo has data for every dataset
        assert all(len(row) == len(dataset.column_names) for row in rows)

        response = anonymous.get(f"/du-lieu-mo/{dataset.identifier}.json")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        document = json.loads(response.content)
        assert [column["column"] for column in document["columns"]] == dataset.column_names
        assert all(list(item) == dataset.column_names for item in document["data"])
        assert len(document["data"]) == len(rows) - 1


def test_the_csv_keeps_vietnamese_intact(demo, anonymous):
    text = anonymous.get("/du-lieu-mo/don-vi.csv").content.decode("utf-8-sig")
    rows = {row["unit_code"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}
    assert rows["lp-tt-dai-ngai"]["official_name"] == "Ủy ban nhân dân thị trấn Đại Ngãi"
    assert rows["lp-tt-dai-ngai"]["valid_to"] == "2025-06-30"
    assert rows["lp-tt-dai-ngai"]["confirmed"] == "true"


def test_every_data_dictionary_gives_type_and_meaning_in_vietnamese_and_english(demo, anonymous):
    for dataset in DATASETS:
        document = json.loads(anonymous.get(f"/du-lieu-mo/{dataset.identifier}/tu-dien.json").content)
        assert [column["column"] for column in document["columns"]] == dataset.column_names
        for column in document["columns"]:
            assert column["type"] in {"string", "integer", "decimal", "date", "boolean"}
            assert column["meaning_vi"] and column["meaning_en"]
    units = json.loads(anonymous.get("/du-lieu-mo/don-vi/tu-dien.json").content)["columns"]
    assert units[7]["column"] == "valid_to"
    assert units[7]["meaning_en"] == "Last day the unit existed (empty: it still exists)"


def test_the_catalogue_page_shows_every_dataset_with_its_dictionary(demo, anonymous):
    response = anonymous.get("/du-lieu-mo/")
    assert response.status_code == 200
    html = response.content.decode()
    for dataset in DATASETS:
        assert f'href="http://testserver/du-lieu-mo/{dataset.identifier}.csv"' in html
        assert f"<code>{dataset.column_names[-1]}</code>" in html
    assert 'href="/cong-khai/"' in html


def _personal_data() -> dict[str, set[str]]:
    users = User.objects.all()
    return {
        "username": {user.username for user in users},
        "text": {
            *(user.email for user in users if user.email),
            *(user.full_name for user in users if user.full_name),
            *(user.get_full_name() for user in users if user.get_full_name()),
            *(
                comment.strip()
                for comment in Response.objects.exclude(comment="").values_list("comment", flat=True)
            ),
            *Response.objects.exclude(client_hash="").values_list("client_hash", flat=True),
            *Response.objects.values_list("client_id", flat=True),
        },
    }


def _values(content: bytes, path: str) -> set[str]:
    if path.endswith(".csv"):
        return {
            cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")) for cell in row
        }
    found: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif value is not None:
            found.add(str(value))

    walk(json.loads(content))
    return found


def test_no_file_of_any_dataset_holds_personal_data(demo, anonymous):
    personal = _personal_data()
    assert {PLANTED_EMAIL, PLANTED_FULL_NAME, PLANTED_HASH, PLANTED_COMMENT} <= personal["text"]
    assert len(personal["text"]) > 100  # the demo's comments and client ids are in the check
    files = _files(anonymous)
    files["/du-lieu-mo/catalog.json"] = anonymous.get("/du-lieu-mo/catalog.json").content
    assert len(files) == 3 * len(DATASETS) + 1
    for path, content in files.items():
        text = content.decode("utf-8-sig")
        leaked = sorted(item for item in personal["text"] if item in text)
        assert not leaked, (path, leaked)
        values = _values(content, path)
        assert not personal["username"] & values, path
        words = set(re.findall(r"[\w.@-]+", text))
        assert not {name for name in personal["username"] if len(name) >= 5} & words, path


def test_the_public_page_shows_the_figures_of_the_progress_api(demo, anonymous, client_as):
    for year in demo.years:
        api = json.loads(
            client_as("district_officer").get(f"/api/campaigns/{demo.pk}/progress?year={year}").content
        )
        response = anonymous.get("/cong-khai/", {"campaign": demo.pk, "year": year})
        assert response.status_code == 200
        figures = response.context["figures"]
        page = [
            [
                item.unit.code,
                [
                    (
                        cell.target.indicator,
                        None if cell.value is None else float(cell.value),
                        cell.count,
                        [float(bound) for bound in cell.interval] if cell.interval else None,
                        cell.status,
                    )
                    for cell in item.cells
                ],
            ]
            for item in figures.units
        ]
        expected = [
            [
                row["unit"]["code"],
                [
                    (cell["indicator"], cell["value"], cell["n"], cell["interval"], cell["status"])
                    for cell in row["targets"]
                ],
            ]
            for row in api["rows"]
        ]
        assert page == expected
        assert any(
            cell[2] for _code, cells in expected for cell in cells
        )  # n and intervals are there to compare
        assert any(cell[3] for _code, cells in expected for cell in cells)
        html = response.content.decode()
        satisfaction = next(
            cell for row in api["rows"] for cell in row["targets"] if cell["interval"] and cell["value"]
        )
        assert f"{satisfaction['interval'][0]:.2f}".replace(".", ",") in html


def test_the_open_data_progress_equals_the_progress_api(demo, anonymous, client_as):
    text = anonymous.get("/du-lieu-mo/tien-do-thi-dua.csv").content.decode("utf-8-sig")
    rows = [
        row
        for row in csv.DictReader(io.StringIO(text, newline=""))
        if row["issuer_code"] == demo.issuing_unit.code
    ]
    api = json.loads(
        client_as("district_officer").get(f"/api/campaigns/{demo.pk}/progress?year=2021").content
    )
    expected = [
        (row["unit"]["code"], cell["indicator"], cell["value"], cell["n"], cell["status"])
        for row in api["rows"]
        for cell in row["targets"]
    ]
    published = [
        (
            row["unit_code"],
            row["indicator"],
            float(row["value"]) if row["value"] else None,
            int(row["n"]) if row["n"] else None,
            row["status"],
        )
        for row in rows
        if row["year"] == "2021"
    ]
    assert published == expected


def _units_shown(client, **query) -> list[str]:
    response = client.get("/cong-khai/", query)
    assert response.status_code == 200
    return [item.unit.code for item in response.context["figures"].units]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("long phu", ["lp-tt-long-phu", "lp-xa-long-phu"]),
        ("Long Phú", ["lp-tt-long-phu", "lp-xa-long-phu"]),
        ("dai", ["lp-tt-dai-ngai"]),
        ("ĐẠI NGÃI", ["lp-tt-dai-ngai"]),
        ("thi tran long", ["lp-tt-long-phu"]),
        ("khong co don vi nay", []),
    ],
)
def test_unit_search_ignores_case_and_diacritics(demo, anonymous, query, expected):
    assert _units_shown(anonymous, campaign=demo.pk, year=2021, q=query) == expected


def test_the_public_page_lists_units_in_vietnamese_alphabetical_order(demo, anonymous):
    response = anonymous.get("/cong-khai/", {"campaign": demo.pk, "year": 2021})
    units = [item.unit for item in response.context["figures"].units]
    assert units == sorted(units, key=lambda unit: (unit.kind, vietnamese_sort_key(unit.name), unit.code))
    communes = [unit.name for unit in units if unit.kind == "commune_committee"]
    assert communes.index("Đại Ngãi") == communes.index("Châu Khánh") + 1  # Đ after D (and C), before H
    html = response.content.decode()
    assert html.index("Ủy ban nhân dân thị trấn Đại Ngãi") < html.index("Ủy ban nhân dân xã Hậu Thạnh")


def test_the_public_page_shows_models_compliance_and_the_awarded_units_with_their_decision(demo, anonymous):
    response = anonymous.get("/cong-khai/", {"campaign": demo.pk, "year": 2021, "q": "thi tran long phu"})
    html = response.content.decode()
    (town,) = response.context["figures"].units
    assert town.models and town.compliance is not None and town.awards
    for model in town.models:
        assert f'href="/thu-vien/{model.pk}/"' in html
    decision = town.awards[0].decision
    assert decision.number in html
    assert f'href="/awards/decisions/{decision.pk}/quyet-dinh.pdf"' in html
    assert "89,29%" in html  # the compliance score of the demo's inspection of the town


def test_a_year_of_another_campaign_falls_back_to_the_campaigns_default_year(demo, anonymous):
    response = anonymous.get("/cong-khai/", {"campaign": demo.pk, "year": 1999})
    assert response.status_code == 200
    assert response.context["figures"].year in demo.years


@pytest.mark.parametrize(
    "query",
    [{"campaign": "999999"}, {"q": "long\x00phu"}, {"q": "x" * 101}],
    ids=["unknown-campaign", "control-character", "too-long"],
)
def test_bad_input_gets_a_400_with_the_form_and_no_figures(demo, anonymous, query):
    response = anonymous.get("/cong-khai/", query)
    assert response.status_code == 400
    assert response.context["figures"] is None


def test_an_unknown_dataset_is_404_and_nothing_is_written(demo, anonymous):
    before = AuditEntry.objects.count()
    assert anonymous.get("/du-lieu-mo/khong-co.csv").status_code == 404
    assert anonymous.get("/du-lieu-mo/khong-co.json").status_code == 404
    assert anonymous.get("/du-lieu-mo/khong-co/tu-dien.json").status_code == 404
    assert anonymous.post("/du-lieu-mo/don-vi.csv").status_code == 405
    assert AuditEntry.objects.count() == before


PUBLIC_URLS = ["/cong-khai/", "/du-lieu-mo/", "/du-lieu-mo/catalog.json", "/du-lieu-mo/tien-do-thi-dua.csv"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_role_gets_the_same_public_figures_as_an_anonymous_visitor(demo, anonymous, client_as, persona):
    """Nothing on the public pages depends on who asks, so nothing only staff may see can leak onto them."""
    client = client_as(persona)
    for url in PUBLIC_URLS:
        mine, theirs = client.get(url), anonymous.get(url)
        assert mine.status_code == theirs.status_code == 200, url
        if url.endswith("/"):
            main = re.compile(r"<main id=\"main\">.*</main>", re.S)
            assert main.search(mine.content.decode()).group() == main.search(theirs.content.decode()).group()
        else:
            assert mine.content == theirs.content


def test_the_monthly_satisfaction_equals_the_units_monthly_trend(demo, anonymous):
    from thidua.surveys.selectors import monthly_trend

    text = anonymous.get("/du-lieu-mo/hai-long-theo-thang.csv").content.decode("utf-8-sig")
    rows = [
        row for row in csv.DictReader(io.StringIO(text, newline="")) if row["unit_code"] == "lp-tt-long-phu"
    ]
    town = Unit.objects.get(code="lp-tt-long-phu")
    expected = [
        (month.strftime("%Y-%m"), str(summary.responses), f"{summary.index}", summary.data_status)
        for year in (2021, 2022)
        for month, summary in monthly_trend(unit_ids=[town.pk], year=year)
        if summary.responses
    ]
    assert expected  # the demo rates the town's desks every month
    assert [(row["month"], row["responses"], row["index"], row["data_status"]) for row in rows] == expected
