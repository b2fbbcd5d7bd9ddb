import io

import pytest
from django.core.management import CommandError, call_command

from thidua.campaigns.models import Campaign, Registration
from thidua.core.models import AuditEntry
from thidua.organizations.models import Membership, Unit, User

pytestmark = pytest.mark.django_db


def counts():
    return tuple(
        model.objects.count() for model in (Unit, User, Membership, Campaign, Registration, AuditEntry)
    )


def seed(**options):
    call_command("seed_demo", force=True, stdout=io.StringIO(), **options)


def test_seed_demo_refuses_when_debug_is_off_unless_forced(settings, empty_database):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=io.StringIO())
    assert counts()[:4] == (0, 0, 0, 0)


def test_seed_demo_twice_changes_nothing():
    seed()
    first = counts()
    seed()
    assert counts() == first


def test_demo_has_the_long_phu_units_and_accounts(empty_database):
    seed()
    communes = Unit.objects.filter(kind="commune_committee", parent__code="lp-huyen")
    assert communes.count() == 11
    long_phu = communes.filter(name="Long Phú")
    assert long_phu.count() == 2
    assert {unit.official_name for unit in long_phu} == {
        "Ủy ban nhân dân thị trấn Long Phú",
        "Ủy ban nhân dân xã Long Phú",
    }
    assert Unit.objects.filter(kind="public_service_unit", is_confirmed=False).count() == 4
    for username in ["noivu", "chutich", "hoidong1", "thanhtra", "xem", "canbo1", "thutruong1", "canbo2"]:
        assert User.objects.get(username=username).check_password("thidua2021")
    # Demo accounts are for trying the product at once: no forced password change.
    assert not User.objects.filter(must_change_password=True).exists()
    campaign = Campaign.objects.get(number="47/KH-UBND")
    assert campaign.issue_date.isoformat() == "2021-04-28"
    assert campaign.years == [2021, 2022]
    assert set(campaign.targets.values_list("indicator", flat=True)) == {
        "reform_models",
        "satisfaction_index",
        "office_culture",
    }


def test_if_empty_skips_a_database_that_has_people(world):
    before = counts()
    seed(if_empty=True)
    assert counts() == before
