"""The dashboard offers a person the plans of their own authority only: another authority's newer plan is neither
the default nor accepted as a filter."""

from datetime import date

import pytest

from conftest import make_unit, make_user
from thidua.campaigns import services
from thidua.organizations.models import Role, UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_plan(world):
    """A commune of another province with a plan issued after the world's: the newest plan of the installation."""
    province = make_unit("t-other-province", "Tỉnh khác", UnitKind.PROVINCE)
    commune = make_unit("t-other-commune", "An Thạnh", UnitKind.COMMUNE_COMMITTEE, province)
    make_user("other_office", Role.DISTRICT_OFFICER, commune)
    plan = services.campaign_create(
        actor=None,
        number="05/KH-UBND",
        title="Kế hoạch của xã khác",
        issue_date=date(2026, 1, 5),
        issuing_unit=commune,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        participating_kinds=[UnitKind.COMMUNE_COMMITTEE],
    )
    assert plan.issue_date > world.campaign.issue_date
    return plan


def test_the_district_dashboard_defaults_to_its_own_plan_not_another_authoritys_newer_one(
    world, client_as, other_plan
):
    data = client_as("district_officer").get("/dashboard/district.json").json()
    assert data["filters"]["campaign"] == str(world.campaign.pk)


def test_another_authoritys_plan_is_refused_as_a_filter_and_not_offered(world, client_as, other_plan):
    client = client_as("district_officer")
    response = client.get("/dashboard/district.json", {"campaign": other_plan.pk})
    assert response.status_code == 400
    assert "campaign" in response.json()["errors"]
    home = client.get("/").content.decode()
    assert f'value="{world.campaign.pk}"' in home and f'value="{other_plan.pk}"' not in home


def test_the_other_authoritys_office_sees_its_plan_and_not_the_districts(world, other_plan):
    from django.test import Client

    from thidua.organizations.models import User

    client = Client()
    client.force_login(User.objects.get(username="other_office"))
    data = client.get("/dashboard/district.json").json()
    assert data["filters"]["campaign"] == str(other_plan.pk)
    refused = client.get("/dashboard/district.json", {"campaign": world.campaign.pk})
    assert refused.status_code == 400
