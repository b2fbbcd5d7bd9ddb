"""The 2025 reorganisation in the demo (issue 13, item 5, and its contract): the Long Phú district of 2021–2022
stays as it was, its units end on 30/06/2025 and name their successors, and the commune Long Phú of Cần Thơ runs
its own 2026 plan beside it, each authority seeing only its own tree."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from thidua.organizations.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())


def as_user(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def all_units(client: Client) -> dict[str, dict]:
    units, page = {}, 1
    while True:
        body = client.get("/api/units", {"page": page, "page_size": 500}).json()
        units.update({unit["code"]: unit for unit in body["items"]})
        if len(units) >= body["count"]:
            return units
        page += 1


def test_the_contract_plans_of_two_authorities_and_the_two_long_phu_units_with_one_successor(client, demo):
    campaigns = client.get("/api/campaigns").json()
    issuers = {campaign["issuing_unit"]["code"] for campaign in campaigns}
    assert len(issuers) >= 2
    units = all_units(client)
    communes_2026 = [
        campaign
        for campaign in campaigns
        if units[campaign["issuing_unit"]["code"]]["kind"] == "commune_committee"
        and campaign["period_start"].startswith("2026")
        and campaign["period_end"].startswith("2026")
    ]
    assert [campaign["number"] for campaign in communes_2026] == ["05/KH-UBND"]
    assert communes_2026[0]["title"].startswith("[Demo]")
    assert {target["indicator"] for target in communes_2026[0]["targets"]} == {
        "reform_models",
        "satisfaction_index",
        "office_culture",
    }

    town, commune = units["lp-tt-long-phu"], units["lp-xa-long-phu"]
    assert (town["official_name"], commune["official_name"]) == (
        "Ủy ban nhân dân thị trấn Long Phú",
        "Ủy ban nhân dân xã Long Phú",
    )
    assert town["valid_to"] == commune["valid_to"] == "2025-06-30"
    assert town["successors"] == commune["successors"] == ["ct-xa-long-phu"]
    successor = units["ct-xa-long-phu"]
    assert (successor["kind"], successor["valid_from"], successor["valid_to"]) == (
        "commune_committee",
        "2025-07-01",
        None,
    )
    assert units[successor["parent"]]["kind"] == "province"
    # Every commune-level unit of the old district ends on 30/06/2025 in one of the five new communes.
    old = [
        unit
        for unit in units.values()
        if unit["parent"] == "lp-huyen" and unit["kind"] == "commune_committee"
    ]
    assert len(old) == 11
    assert all(unit["valid_to"] == "2025-06-30" and len(unit["successors"]) == 1 for unit in old)
    assert len({unit["successors"][0] for unit in old}) == 5


def test_the_commune_sees_its_own_tree_the_province_reads_all_and_figures_never_mix(demo):
    from thidua.campaigns.models import Campaign
    from thidua.campaigns.progress import campaign_progress
    from thidua.initiatives.models import ReformModel
    from thidua.inspections.models import Inspection
    from thidua.surveys.models import CollectionPoint

    standing_office = as_user("lp.vhxh")
    district_model = ReformModel.objects.filter(unit__code="lp-tt-long-phu").first()
    for path in (
        "/units/lp-tt-long-phu/",
        "/units/lp-huyen/",
        "/units/ct-xa-dai-ngai/",
        f"/reform-models/{district_model.pk}/",
    ):
        assert standing_office.get(path).status_code == 404, path
    own = standing_office.get("/units/ct-xa-long-phu/")
    assert own.status_code == 200
    page = own.content.decode()
    # Its predecessors under their old names, and the town's 2021 award kept under the name it had.
    assert "Ủy ban nhân dân thị trấn Long Phú" in page
    assert "Ủy ban nhân dân xã Long Phú" in page
    assert "Phòng Văn hóa - Xã hội" in page
    assert standing_office.get("/units/ct-xa-long-phu/settings/").status_code == 200
    # The district's people do not see the commune of Cần Thơ.
    assert as_user("noivu").get("/units/ct-xa-long-phu/").status_code == 404

    reader = as_user("sonoivu")
    for path in ("/units/ct-xa-long-phu/", "/units/ct-xa-dai-ngai/", "/units/ct-lp-tt-phvhc/"):
        assert reader.get(path).status_code == 200, path
    comparison = reader.get("/dashboard/communes/?year=2026").context["comparison"]
    names = [row.unit.name for row in comparison.communes]
    assert names == ["Đại Ngãi", "Long Phú", "Nhơn Mỹ", "Tân Thạnh", "Trường Khánh"]
    long_phu = next(row for row in comparison.communes if row.unit.code == "ct-xa-long-phu")
    assert long_phu.own_plan and long_phu.campaign.number == "05/KH-UBND"

    plan = Campaign.objects.get(issuing_unit__code="ct-xa-long-phu", number="05/KH-UBND")
    progress = campaign_progress(plan, 2026)
    codes = {row.unit.code for row in progress.rows}
    assert codes == {"ct-lp-van-phong", "ct-lp-phong-kinh-te", "ct-lp-phong-vhxh", "ct-lp-tt-phvhc"}
    centre = next(row for row in progress.rows if row.unit.code == "ct-lp-tt-phvhc")
    satisfaction = next(cell for cell in centre.cells if cell.target.indicator == "satisfaction_index")
    assert satisfaction.count == 160  # the centre's own two desks, none of the predecessors' ratings
    assert CollectionPoint.objects.filter(unit__code="ct-lp-tt-phvhc", is_demo=True).count() == 2
    assert ReformModel.objects.filter(unit__code="ct-lp-tt-phvhc", year=2026, status="approved").count() == 1
    assert Inspection.objects.filter(unit__code="ct-lp-phong-kinh-te", inspected_on__year=2026).count() == 1
    # The predecessors keep their own history under their names in the district's plan.
    district_plan = Campaign.objects.get(issuing_unit__code="lp-huyen", number="47/KH-UBND")
    assert "lp-tt-long-phu" in {row.unit.code for row in campaign_progress(district_plan, 2022).rows}
