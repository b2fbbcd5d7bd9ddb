"""Many authorities in one installation (issue 13, item 4): settings of an authority, its standing office, and
each authority's people seeing only their tree while a province's reader sees them all."""

from datetime import date

import pytest

from conftest import make_unit, make_user
from thidua.campaigns import services as campaign_services
from thidua.core.models import AuditEntry
from thidua.initiatives import services as initiative_services
from thidua.initiatives.models import ModelCategory
from thidua.organizations import services
from thidua.organizations.documents import document_issuer, head_signature
from thidua.organizations.models import AuthoritySettings, Role, UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    """A province with two communes formed in 2025, each with its Phòng Văn hóa - Xã hội and a plan for 2026; a
    standing-office officer in the first commune and a reader of the province's Department of Home Affairs."""
    top = make_unit(
        "p-tinh", "An Giang Mới", UnitKind.PROVINCE, official_name="Ủy ban nhân dân tỉnh An Giang Mới"
    )
    department = make_unit("p-so-noi-vu", "Sở Nội vụ", UnitKind.SPECIALIZED_AGENCY, top)
    communes, offices = [], []
    for code, name in (("p-xa-phu-my", "Phú Mỹ"), ("p-xa-an-binh", "An Bình")):
        commune = make_unit(
            code,
            name,
            UnitKind.COMMUNE_COMMITTEE,
            top,
            official_name=f"Ủy ban nhân dân xã {name}",
            valid_from=date(2025, 7, 1),
        )
        office = make_unit(f"{code}-vhxh", "Phòng Văn hóa - Xã hội", UnitKind.SPECIALIZED_AGENCY, commune)
        campaign = campaign_services.campaign_create(
            actor=None,
            number="01/KH-UBND",
            title=f"Kế hoạch năm 2026 của xã {name}",
            issue_date=date(2026, 1, 10),
            issuing_unit=commune,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 12, 31),
            participating_kinds=[UnitKind.SPECIALIZED_AGENCY],
        )
        campaign_services.target_create(
            actor=None,
            campaign=campaign,
            indicator="reform_models",
            label="Mô hình",
            comparison="gte",
            threshold=1,
            unit_of_measure="mô hình",
        )
        communes.append(commune)
        offices.append(office)
    return {
        "province": top,
        "department": department,
        "communes": communes,
        "offices": offices,
        "standing_office": make_user("p-vhxh", Role.DISTRICT_OFFICER, communes[0]),
        "reader": make_user("p-sonoivu", Role.VIEWER, top),
    }


def signed_in(client, user):
    client.force_login(user)
    return client


def test_without_settings_documents_keep_todays_derivation(world):
    issuer = document_issuer(world.unit_a)
    assert list(issuer.name_lines) == ["ỦY BAN NHÂN DÂN", "THỊ TRẤN LONG PHÚ"]
    assert list(issuer.superior_lines) == []
    assert world.unit_a.document_place == "Long Phú"
    assert list(head_signature(world.unit_a).capacity) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert world.unit_a.standing_office is None


def test_settings_give_the_letterhead_place_signatory_and_standing_office(world):
    services.authority_settings_update(
        actor=None,
        authority=world.unit_a,
        reason="Sau sắp xếp",
        letterhead_superior="tỉnh mới",
        letterhead_name="Ủy ban nhân dân\nxã  Phú Mỹ",
        place_name="Phú Mỹ",
        signatory_capacity="TM. Ủy ban nhân dân\nKT. Chủ tịch\nPhó Chủ tịch",
        signatory_name="Trần Văn B",
        standing_office=world.unit_a,
        document_abbreviation="UBND-PM",
    )
    world.unit_a.refresh_from_db()
    issuer = document_issuer(world.unit_a)
    assert list(issuer.superior_lines) == ["TỈNH MỚI"]
    assert list(issuer.name_lines) == ["ỦY BAN NHÂN DÂN", "XÃ PHÚ MỸ"]
    assert world.unit_a.document_place == "Phú Mỹ"
    signature = head_signature(world.unit_a)
    assert list(signature.capacity) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert signature.name == "Trần Văn B"
    assert world.unit_a.document_abbreviation == "UBND-PM"
    # The other commune is untouched.
    assert list(document_issuer(world.unit_b).name_lines) == ["ỦY BAN NHÂN DÂN", "XÃ LONG PHÚ"]


def test_the_standing_office_saves_the_settings_with_a_reason_and_the_change_is_audited(world, client_as):
    office = make_unit("t-phong-noi-vu", "Phòng Nội vụ", UnitKind.SPECIALIZED_AGENCY, world.district)
    response = client_as("district_officer").post(
        f"/units/{world.district.code}/settings/",
        {
            "letterhead_name": "ỦY BAN NHÂN DÂN\nHUYỆN THỬ",
            "place_name": "Thử",
            "standing_office": office.pk,
            "document_abbreviation": "UBND",
            "reason": "Thiết lập ban đầu",
        },
    )
    assert response.status_code == 302
    settings = AuthoritySettings.objects.get(authority=world.district)
    assert settings.standing_office == office
    assert settings.place_name == "Thử"
    assert settings.proposer_title == "Trưởng phòng Nội vụ"
    entry = AuditEntry.objects.get(action="authority.settings_changed")
    assert entry.data["reason"] == "Thiết lập ban đầu"
    assert entry.data["changes"]["standing_office"] == ["", "t-phong-noi-vu"]
    page = client_as("district_officer").get(f"/units/{world.district.code}/").content.decode()
    assert "Cơ quan thường trực" in page or "Standing office" in page
    assert "Phòng Nội vụ" in page


def test_settings_without_a_reason_are_refused_and_nothing_changes(world, client_as):
    response = client_as("district_officer").post(
        f"/units/{world.district.code}/settings/", {"place_name": "Thử", "reason": ""}
    )
    assert response.status_code == 400
    assert not AuthoritySettings.objects.exists()
    assert not AuditEntry.objects.filter(action="authority.settings_changed").exists()


def test_a_standing_office_outside_the_authoritys_tree_is_refused(world, client_as):
    response = client_as("district_officer").post(
        f"/units/{world.unit_a.code}/settings/",
        {"standing_office": world.unit_b.pk, "reason": "Nhầm đơn vị"},
    )
    assert response.status_code == 400
    assert not AuthoritySettings.objects.exists()


@pytest.mark.parametrize(
    ("persona", "unit_key", "expected"),
    [
        ("district_officer", "district", 200),
        ("district_officer", "unit_a", 200),
        ("officer_a", "unit_a", 403),
        ("head_a", "unit_a", 403),
        ("viewer", "district", 403),
        ("chairman", "district", 403),
        ("officer_b", "unit_a", 404),
        ("district_officer", "agency", 404),
    ],
)
def test_settings_page_access(world, client_as, persona, unit_key, expected):
    unit = getattr(world, unit_key)
    assert client_as(persona).get(f"/units/{unit.code}/settings/").status_code == expected


def test_a_communes_standing_office_gets_404_for_another_communes_objects(client, province):
    own, other = province["communes"]
    other_office = province["offices"][1]
    model = initiative_services.model_create(
        actor=None,
        unit=other_office,
        campaign=other.issued_campaigns.get(),
        year=2026,
        title="Mô hình của xã khác",
        category=ModelCategory.SERVICE_DELIVERY,
        problem="Vấn đề",
        solution="Cách làm",
        started_on=date(2026, 2, 1),
    )
    signed_in(client, province["standing_office"])
    assert client.get(f"/units/{own.code}/settings/").status_code == 200
    for path in (
        f"/units/{other.code}/",
        f"/units/{other.code}/settings/",
        f"/units/{other_office.code}/",
        f"/reform-models/{model.pk}/",
    ):
        assert client.get(path).status_code == 404, path
    page = client.get("/dashboard/communes/?year=2026").content.decode()
    assert own.official_name in page
    assert other.official_name not in page


def test_the_province_reader_sees_both_communes_side_by_side_in_vietnamese_order(client, province):
    first, second = province["communes"]
    signed_in(client, province["reader"])
    for unit in (first, second, *province["offices"]):
        assert client.get(f"/units/{unit.code}/").status_code == 200
    # A reader, not the standing office: the settings stay theirs.
    assert client.get(f"/units/{first.code}/settings/").status_code == 403
    response = client.get("/dashboard/communes/?year=2026")
    assert response.status_code == 200
    names = [row.unit.name for row in response.context["comparison"].communes]
    assert names == ["An Bình", "Phú Mỹ"]
    assert all(
        row.own_plan and row.campaign.number == "01/KH-UBND"
        for row in response.context["comparison"].communes
    )
    assert [code for code, _label in response.context["comparison"].indicators] == ["reform_models"]


def test_the_comparison_refuses_a_unit_officer_and_a_bad_year(client, world, client_as, province):
    assert client_as("officer_a").get("/dashboard/communes/").status_code == 403
    signed_in(client, province["reader"])
    response = client.get("/dashboard/communes/?year=abc")
    assert response.status_code == 400
