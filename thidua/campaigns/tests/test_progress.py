from decimal import Decimal

import pytest

from conftest import PERSONAS
from thidua.campaigns.indicators import (
    KNOWN_INDICATORS,
    Indicator,
    Measurement,
    get_indicator,
    register_indicator,
    unregister_indicator,
)
from thidua.campaigns.progress import campaign_progress
from thidua.campaigns.services import campaign_extend
from thidua.organizations.models import UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_models_indicator(world):
    """Stand in for the reform-models pillar, and put the real one back afterwards."""
    values = {
        world.unit_a.pk: Measurement(Decimal(2), detail="2 mô hình"),
        world.unit_b.pk: Measurement(Decimal(0)),
    }
    real = get_indicator("reform_models")
    register_indicator(Indicator("reform_models", "test", lambda campaign, target, units, year: values))
    yield
    unregister_indicator("reform_models")
    if real is not None:
        register_indicator(real)


@pytest.fixture
def no_indicators():
    """The foundation on its own: no pillar measures anything."""
    saved = {code: get_indicator(code) for code in KNOWN_INDICATORS}
    for code in saved:
        unregister_indicator(code)
    yield
    for indicator in saved.values():
        if indicator is not None:
            register_indicator(indicator)


def test_without_indicators_every_cell_says_no_data(world, no_indicators):
    progress = campaign_progress(world.campaign, 2021)
    assert {row.unit for row in progress.rows} == {world.unit_a, world.unit_b, world.agency}
    assert len(progress.rows) == 3
    assert {cell.status for row in progress.rows for cell in row.cells} == {"no_data"}
    assert all(cell.value is None for row in progress.rows for cell in row.cells)


def test_a_registered_indicator_is_judged_against_the_threshold(world, fake_models_indicator):
    progress = campaign_progress(world.campaign, 2021)
    by_unit = {row.unit.pk: row.cells[0] for row in progress.rows}
    assert (by_unit[world.unit_a.pk].status, by_unit[world.unit_a.pk].value) == ("met", Decimal(2))
    assert by_unit[world.unit_b.pk].status == "not_met"
    assert by_unit[world.agency.pk].status == "no_data"
    summary = progress.summaries[0]
    assert (summary.met, summary.not_met, summary.no_data, summary.applicable) == (1, 1, 1, 3)


def test_a_target_limited_to_some_kinds_is_not_applicable_to_others(world):
    target = world.campaign.targets.get(indicator="satisfaction_index")
    target.unit_kinds = [UnitKind.COMMUNE_COMMITTEE]
    target.save()
    progress = campaign_progress(world.campaign, 2021)
    agency_row = next(row for row in progress.rows if row.unit == world.agency)
    assert agency_row.cells[1].status == "not_applicable"
    assert len(agency_row.applicable_cells) == 2


def test_units_that_did_not_exist_that_year_do_not_take_part(world):
    from datetime import date

    from thidua.organizations.services import unit_update

    unit_update(actor=None, unit=world.agency, valid_to=date(2021, 6, 30))
    assert world.agency in [row.unit for row in campaign_progress(world.campaign, 2021).rows]
    assert world.agency not in [row.unit for row in campaign_progress(world.campaign, 2022).rows]


def test_an_extension_adds_years_to_the_campaign(world):
    from datetime import date

    campaign_extend(
        actor=None,
        campaign=world.campaign,
        new_end=date(2023, 12, 31),
        decided_on=date(2022, 12, 1),
        reason="Kéo dài theo chỉ đạo của tỉnh",
    )
    world.campaign.refresh_from_db()
    assert world.campaign.years == [2021, 2022, 2023]


PROGRESS_ACCESS = dict.fromkeys(PERSONAS, 200) | {"anonymous": 302}


@pytest.mark.parametrize("persona", PERSONAS)
def test_progress_page_access_by_role(world, client_as, persona):
    response = client_as(persona).get(f"/campaigns/{world.campaign.pk}/progress/", {"year": 2021})
    assert response.status_code == PROGRESS_ACCESS[persona]


def test_progress_page_says_no_data_yet_in_vietnamese(world, client_as, no_indicators):
    body = (
        client_as("officer_a")
        .get(f"/campaigns/{world.campaign.pk}/progress/", {"year": 2021})
        .content.decode()
    )
    assert body.count('class="status-no_data"') == 9
    assert body.count('<span class="muted">chưa có dữ liệu</span>') == 9


@pytest.mark.parametrize("year", ["1999", "x", "2021; DROP TABLE"])
def test_progress_page_refuses_a_bad_year_with_400(world, client_as, year):
    response = client_as("officer_a").get(f"/campaigns/{world.campaign.pk}/progress/", {"year": year})
    assert response.status_code == 400


def test_progress_exports_to_xlsx(world, client_as, fake_models_indicator):
    from thidua.core.tests.xlsx import table_of

    response = client_as("viewer").get(
        f"/campaigns/{world.campaign.pk}/progress/", {"year": 2021, "format": "xlsx"}
    )
    rows = {row[0]: row for row in table_of(response.content)[1:]}
    assert rows[world.unit_a.code][3:5] == ("đạt", 2)
    assert rows[world.agency.code][3] == "chưa có dữ liệu"


@pytest.mark.parametrize("persona", PERSONAS)
def test_campaign_pages_access_by_role(world, client_as, persona):
    expected = 302 if persona == "anonymous" else 200
    assert client_as(persona).get("/campaigns/").status_code == expected
    assert client_as(persona).get(f"/campaigns/{world.campaign.pk}/").status_code == expected


def test_unknown_campaign_is_404(world, client_as):
    assert client_as("district_officer").get("/campaigns/999999/").status_code == 404
    assert client_as("district_officer").get("/campaigns/999999/progress/").status_code == 404


MANAGE_ACCESS = dict.fromkeys(PERSONAS, 403) | {"anonymous": 302, "district_officer": 200}


@pytest.mark.parametrize("persona", PERSONAS)
def test_target_and_extension_pages_access_by_role(world, client_as, persona):
    target = world.campaign.targets.get(indicator="office_culture")
    client = client_as(persona)
    assert (
        client.get(f"/campaigns/{world.campaign.pk}/targets/{target.pk}/").status_code
        == MANAGE_ACCESS[persona]
    )
    assert client.get(f"/campaigns/{world.campaign.pk}/extensions/new/").status_code == MANAGE_ACCESS[persona]


def test_district_officer_changes_a_threshold_with_a_recorded_reason(world, client_as):
    from thidua.core.models import AuditEntry

    target = world.campaign.targets.get(indicator="office_culture")
    response = client_as("district_officer").post(
        f"/campaigns/{world.campaign.pk}/targets/{target.pk}/",
        {
            "label": "Tuân thủ văn hóa công sở",
            "comparison": "gte",
            "threshold": "85",
            "reason": "Nghị quyết Hội đồng",
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.threshold == Decimal("85")
    entry = AuditEntry.objects.get(action="target.updated")
    assert entry.data["reason"] == "Nghị quyết Hội đồng"
    assert entry.data["before"]["threshold"] == "80.0000"


def test_a_threshold_change_without_a_reason_changes_nothing(world, client_as):
    target = world.campaign.targets.get(indicator="office_culture")
    response = client_as("district_officer").post(
        f"/campaigns/{world.campaign.pk}/targets/{target.pk}/",
        {"label": "x", "comparison": "gte", "threshold": "85", "reason": ""},
    )
    assert response.status_code == 400
    target.refresh_from_db()
    assert target.threshold == Decimal("80")


def test_an_extension_is_recorded_through_the_page(world, client_as):
    response = client_as("district_officer").post(
        f"/campaigns/{world.campaign.pk}/extensions/new/",
        {
            "new_end": "31/12/2023",
            "decided_on": "01/12/2022",
            "document": "Công văn 12/UBND",
            "reason": "Theo tỉnh",
        },
    )
    assert response.status_code == 302
    world.campaign.refresh_from_db()
    assert world.campaign.effective_end.isoformat() == "2023-12-31"


def test_an_extension_that_shortens_the_period_is_refused(world, client_as):
    response = client_as("district_officer").post(
        f"/campaigns/{world.campaign.pk}/extensions/new/",
        {"new_end": "31/12/2021", "decided_on": "01/12/2021", "reason": "Sai"},
    )
    assert response.status_code == 400
    assert "Ngày kết thúc mới phải sau ngày kết thúc hiện tại." in response.content.decode()
    assert not world.campaign.extensions.exists()
