"""The plan editor: the standing office of an authority sets up, copies and changes its plans in the product."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import PERSONAS, make_unit, make_user
from thidua.campaigns import services
from thidua.campaigns.award_types import register_award_types, unregister_award_types
from thidua.campaigns.models import Campaign, CampaignRevision, Target
from thidua.core.models import AuditEntry
from thidua.core.uploads import private_storage
from thidua.organizations.models import Role, UnitKind

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path, monkeypatch):
    """Private files under a temporary directory (as the reform-model tests do)."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(private_storage, "_location", str(tmp_path / "private"))
    private_storage.__dict__.pop("base_location", None)
    private_storage.__dict__.pop("location", None)
    yield tmp_path
    private_storage.__dict__.pop("base_location", None)
    private_storage.__dict__.pop("location", None)


@pytest.fixture
def award_types():
    register_award_types("test", lambda: [("giay-khen-test", "Giấy khen thử")])
    yield
    unregister_award_types("test")


@pytest.fixture
def other_authority(world):
    """Another district with its own standing office and a plan of its own."""
    district = make_unit(
        "t-huyen-khac", "Khác", UnitKind.DISTRICT, official_name="Ủy ban nhân dân huyện Khác"
    )
    commune = make_unit(
        "t-xa-khac", "Khác", UnitKind.COMMUNE_COMMITTEE, district, official_name="UBND xã Khác"
    )
    officer = make_user("office_other", Role.DISTRICT_OFFICER, district)
    plan = services.campaign_create(
        actor=None,
        number="9/KH-UBND",
        title="Kế hoạch khác",
        issue_date=date(2026, 1, 5),
        issuing_unit=district,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        participating_kinds=[UnitKind.COMMUNE_COMMITTEE],
    )
    return {"district": district, "commune": commune, "officer": officer, "plan": plan}


def plan_data(world, **overrides) -> dict:
    """A complete POST of the plan form with two targets and one empty row."""
    data = {
        "number": "12/KH-UBND",
        "title": "Kế hoạch thi đua cải cách hành chính năm 2026",
        "issue_date": "15/01/2026",
        "issuing_unit": str(world.district.pk),
        "legal_bases": "Luật Thi đua, khen thưởng 2022\nNghị định 98/2023/NĐ-CP",
        "summary": "",
        "period_start": "01/01/2026",
        "period_end": "31/12/2026",
        "participation": "kinds",
        "participating_kinds": [UnitKind.COMMUNE_COMMITTEE, UnitKind.SPECIALIZED_AGENCY],
        "targets-TOTAL_FORMS": "3",
        "targets-INITIAL_FORMS": "0",
        "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "30",
        "targets-0-indicator": "reform_models",
        "targets-0-comparison": "gte",
        "targets-0-threshold": "1",
        "targets-0-counting_rule": "in_operation",
        "targets-0-unit_kinds": [UnitKind.COMMUNE_COMMITTEE],
        "targets-1-indicator": "satisfaction_index",
        "targets-1-label": "Chỉ số hài lòng",
        "targets-1-comparison": "gt",
        "targets-1-threshold": "90",
        "targets-2-comparison": "gte",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def state() -> tuple:
    return (
        Campaign.objects.count(),
        Target.objects.count(),
        CampaignRevision.objects.count(),
        AuditEntry.objects.count(),
    )


# --- access ------------------------------------------------------------------------------------------------------

STANDING_OFFICE_ONLY = dict.fromkeys(PERSONAS, 403) | {"anonymous": 302, "district_officer": 200}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_standing_office_opens_the_plan_pages(world, client_as, persona):
    client = client_as(persona)
    campaign = world.campaign.pk
    for path in [
        "/campaigns/mine/",
        "/campaigns/new/",
        f"/campaigns/{campaign}/edit/",
        f"/campaigns/{campaign}/copy/",
        f"/campaigns/{campaign}/signed-plan/",
    ]:
        assert client.get(path).status_code == STANDING_OFFICE_ONLY[persona], path


@pytest.mark.parametrize("persona", ["officer_a", "head_b", "council_member", "viewer"])
def test_posting_the_plan_form_without_the_role_changes_nothing(world, client_as, persona):
    before = state()
    response = client_as(persona).post("/campaigns/new/", plan_data(world))
    assert response.status_code == 403
    response = client_as(persona).post(f"/campaigns/{world.campaign.pk}/edit/", plan_data(world))
    assert response.status_code == 403
    assert state() == before


def test_another_authoritys_plan_is_404_and_not_listed(world, client, other_authority):
    client.force_login(other_authority["officer"])
    for suffix in ["edit/", "copy/", "signed-plan/", "signed-plan/download/"]:
        assert client.get(f"/campaigns/{world.campaign.pk}/{suffix}").status_code == 404, suffix
    listing = client.get("/campaigns/mine/").content.decode()
    assert "9/KH-UBND" in listing
    assert "47/KH-UBND" not in listing


def test_the_district_office_gets_404_for_the_other_districts_plan(world, client_as, other_authority):
    plan = other_authority["plan"]
    client = client_as("district_officer")
    assert client.get(f"/campaigns/{plan.pk}/edit/").status_code == 404
    before = state()
    assert client.post(f"/campaigns/{plan.pk}/edit/", plan_data(world)).status_code == 404
    assert state() == before


def test_the_standing_office_can_issue_only_for_its_own_authority(world, client_as, other_authority):
    response = client_as("district_officer").post(
        "/campaigns/new/", plan_data(world, issuing_unit=str(other_authority["district"].pk))
    )
    assert response.status_code == 400
    assert not Campaign.objects.filter(number="12/KH-UBND").exists()


# --- creating a plan ---------------------------------------------------------------------------------------------


def test_the_standing_office_creates_a_plan_with_two_targets(world, client_as):
    response = client_as("district_officer").post("/campaigns/new/", plan_data(world))
    campaign = Campaign.objects.get(number="12/KH-UBND")
    assert response.status_code == 302
    assert response["Location"] == f"/campaigns/{campaign.pk}/"
    assert campaign.issuing_unit == world.district
    assert campaign.legal_basis_list() == ["Luật Thi đua, khen thưởng 2022", "Nghị định 98/2023/NĐ-CP"]
    assert (campaign.period_start, campaign.period_end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert sorted(campaign.participating_kinds) == [UnitKind.COMMUNE_COMMITTEE, UnitKind.SPECIALIZED_AGENCY]
    targets = {target.indicator: target for target in campaign.targets.all()}
    assert set(targets) == {"reform_models", "satisfaction_index"}
    models = targets["reform_models"]
    # Label and unit of measure come from the registry when left empty.
    assert models.label == "Mô hình CCHC được công nhận"
    assert models.unit_of_measure != ""
    assert (models.comparison, models.threshold, models.counting_rule) == (
        "gte",
        Decimal("1"),
        "in_operation",
    )
    assert models.unit_kinds == [UnitKind.COMMUNE_COMMITTEE]
    satisfaction = targets["satisfaction_index"]
    assert (satisfaction.label, satisfaction.unit_of_measure, satisfaction.threshold) == (
        "Chỉ số hài lòng",
        "%",
        Decimal("90"),
    )
    assert satisfaction.counting_rule == ""
    actions = list(
        AuditEntry.objects.filter(unit=world.district).order_by("id").values_list("action", flat=True)
    )
    assert actions[-3:] == ["campaign.created", "target.created", "target.created"]
    page = client_as("district_officer").get(f"/campaigns/{campaign.pk}/").content.decode()
    assert "Chỉ số hài lòng" in page


def test_the_plan_form_offers_the_registrys_indicators(world, client_as):
    page = client_as("district_officer").get("/campaigns/new/").content.decode()
    for code in ["reform_models", "satisfaction_index", "office_culture"]:
        assert f'value="{code}"' in page
    assert 'value="in_operation"' in page


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"number": ""}, "number"),
        ({"issue_date": "31/02/2026"}, "issue_date"),
        ({"period_end": "01/12/2025"}, "period_end"),
        ({"participating_kinds": None}, "participating_kinds"),
        ({"participation": "list"}, "participants"),
        ({"targets-1-indicator": "reform_models"}, None),
        ({"targets-0-indicator": "no_such_indicator"}, "targets-0-indicator"),
        ({"targets-1-counting_rule": "in_operation"}, "targets-1-counting_rule"),
        ({"targets-0-threshold": "-1"}, "targets-0-threshold"),
        ({"targets-0-threshold": ""}, "targets-0-threshold"),
        ({"number": "47/KH-UBND"}, "number"),
        ({"title": "Kế hoạch\x07"}, "title"),
    ],
)
def test_bad_plan_input_is_refused_with_a_message_and_writes_nothing(
    world, client_as, overrides, field_message
):
    before = state()
    response = client_as("district_officer").post("/campaigns/new/", plan_data(world, **overrides))
    assert response.status_code == 400
    assert state() == before
    page = response.content.decode()
    assert 'role="alert"' in page
    if field_message is not None:
        form = response.context["form"]
        targets = response.context["targets"]
        if field_message.startswith("targets-"):
            _prefix, index, name = field_message.split("-", 2)
            assert targets.forms[int(index)].errors.get(name), targets.errors
        else:
            assert form.errors.get(field_message), form.errors
    else:
        assert response.context["targets"].non_form_errors()


def test_a_plan_may_list_its_units_one_by_one(world, client_as):
    response = client_as("district_officer").post(
        "/campaigns/new/",
        plan_data(world, participation="list", participants=[str(world.unit_a.pk)], participating_kinds=None),
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get(number="12/KH-UBND")
    assert list(campaign.participating_units()) == [world.unit_a]
    assert list(campaign.participating_units(2026)) == [world.unit_a]
    assert campaign.participating_kinds == [UnitKind.COMMUNE_COMMITTEE]


def test_a_unit_of_another_authority_cannot_be_listed(world, other_authority):
    before = state()
    with pytest.raises(Exception) as error:
        services.campaign_create(
            actor=world.user("district_officer"),
            number="13/KH-UBND",
            title="x",
            issue_date=date(2026, 1, 1),
            issuing_unit=world.district,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 12, 31),
            participating_kinds=[],
            participants=[world.unit_a, other_authority["commune"]],
        )
    assert "participants" in error.value.message_dict
    assert state() == before


def test_the_award_types_of_its_rounds_come_from_the_awards_registry(world, client_as, award_types):
    page = client_as("district_officer").get("/campaigns/new/").content.decode()
    assert "Giấy khen thử" in page
    response = client_as("district_officer").post(
        "/campaigns/new/", plan_data(world, award_types=["giay-khen-test"])
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get(number="12/KH-UBND")
    assert campaign.award_types == ["giay-khen-test"]
    assert "Giấy khen thử" in client_as("district_officer").get(f"/campaigns/{campaign.pk}/").content.decode()


def test_an_unknown_award_type_is_refused(world, client_as, award_types):
    before = state()
    response = client_as("district_officer").post("/campaigns/new/", plan_data(world, award_types=["nope"]))
    assert response.status_code == 400
    assert state() == before


# --- copying -----------------------------------------------------------------------------------------------------


def test_copy_from_an_earlier_plan_fills_its_fields_and_targets_but_not_its_number_or_dates(world, client_as):
    response = client_as("district_officer").get(f"/campaigns/{world.campaign.pk}/copy/")
    assert response.status_code == 200
    form, targets = response.context["form"], response.context["targets"]
    assert form.initial["title"] == world.campaign.title
    assert form.initial["number"] == ""
    assert form.initial["period_start"] is None
    assert [row["indicator"] for row in targets.initial] == [
        "reform_models",
        "satisfaction_index",
        "office_culture",
    ]
    assert all(row["id"] is None for row in targets.initial)


def copy_post(world, **overrides) -> dict:
    data = plan_data(
        world,
        number="15/KH-UBND",
        title=world.campaign.title,
        **{"targets-TOTAL_FORMS": "3", "targets-2-indicator": "office_culture", "targets-2-threshold": "80"},
    )
    data["targets-1-threshold"] = "90"
    data.update(overrides)
    return data


def test_a_copy_is_a_new_plan_that_names_its_source(world, client_as):
    response = client_as("district_officer").post(f"/campaigns/{world.campaign.pk}/copy/", copy_post(world))
    assert response.status_code == 302
    copy = Campaign.objects.get(number="15/KH-UBND")
    assert copy.copied_from == world.campaign
    assert copy.pk != world.campaign.pk
    assert sorted(copy.targets.values_list("indicator", flat=True)) == [
        "office_culture",
        "reform_models",
        "satisfaction_index",
    ]
    assert world.campaign.targets.count() == 3  # the source keeps its own
    entry = AuditEntry.objects.filter(action="campaign.created").latest("id")
    assert entry.data["copied_from"] == "47/KH-UBND"


def test_a_copy_needs_its_own_number_and_dates(world, client_as):
    before = state()
    response = client_as("district_officer").post(
        f"/campaigns/{world.campaign.pk}/copy/", copy_post(world, number="", period_start="")
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) >= {"number", "period_start"}
    assert state() == before


# --- changing a plan, and its history ----------------------------------------------------------------------------


def edit_post(world, campaign, **overrides) -> dict:
    """The edit form as the page fills it for ``campaign``, with the overrides."""
    targets = list(campaign.targets.all())
    data = {
        "number": campaign.number,
        "title": campaign.title,
        "issue_date": campaign.issue_date.strftime("%d/%m/%Y"),
        "legal_bases": campaign.legal_bases,
        "summary": campaign.summary,
        "period_start": campaign.period_start.strftime("%d/%m/%Y"),
        "period_end": campaign.period_end.strftime("%d/%m/%Y"),
        "participation": "kinds",
        "participating_kinds": campaign.participating_kinds,
        "targets-TOTAL_FORMS": str(len(targets)),
        "targets-INITIAL_FORMS": str(len(targets)),
        "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "30",
    }
    for index, target in enumerate(targets):
        data |= {
            f"targets-{index}-id": str(target.pk),
            f"targets-{index}-indicator": target.indicator,
            f"targets-{index}-label": target.label,
            f"targets-{index}-comparison": target.comparison,
            f"targets-{index}-threshold": str(target.threshold),
            f"targets-{index}-unit_of_measure": target.unit_of_measure,
            f"targets-{index}-position": str(target.position),
        }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def record_registration(world):
    services.registration_save(
        actor=world.user("officer_a"),
        campaign=world.campaign,
        unit=world.unit_a,
        year=2021,
        commitment="Mô hình 4 xin, 4 luôn",
    )


def test_before_any_data_a_change_needs_no_reason_and_is_kept(world, client_as):
    response = client_as("district_officer").post(
        f"/campaigns/{world.campaign.pk}/edit/", edit_post(world, world.campaign, title="Tên mới")
    )
    assert response.status_code == 302
    world.campaign.refresh_from_db()
    assert world.campaign.title == "Tên mới"
    revision = CampaignRevision.objects.get(campaign=world.campaign)
    assert revision.changes == {"title": ["Kế hoạch thử nghiệm văn hóa công sở", "Tên mới"]}
    assert (revision.reason, revision.had_data, revision.actor) == ("", False, world.user("district_officer"))


def test_once_data_exist_a_change_without_a_reason_changes_nothing(world, client_as):
    record_registration(world)
    target = world.campaign.targets.get(indicator="office_culture")
    before = state()
    response = client_as("district_officer").post(
        f"/campaigns/{world.campaign.pk}/edit/",
        edit_post(world, world.campaign, period_end="30/06/2023", **{"targets-2-threshold": "85"}),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert state() == before
    world.campaign.refresh_from_db()
    target.refresh_from_db()
    assert (world.campaign.period_end, target.threshold) == (date(2022, 12, 31), Decimal("80"))


def test_once_data_exist_a_change_with_a_reason_keeps_its_history_on_the_plan_page(world, client_as):
    record_registration(world)
    target = world.campaign.targets.get(indicator="office_culture")
    response = client_as("district_officer").post(
        f"/campaigns/{world.campaign.pk}/edit/",
        edit_post(
            world,
            world.campaign,
            period_end="30/06/2023",
            reason="Theo Kế hoạch 5/KH-UBND của tỉnh",
            **{"targets-2-threshold": "85"},
        ),
    )
    assert response.status_code == 302
    world.campaign.refresh_from_db()
    target.refresh_from_db()
    assert (world.campaign.period_end, target.threshold) == (date(2023, 6, 30), Decimal("85"))
    revisions = list(CampaignRevision.objects.filter(campaign=world.campaign).order_by("id"))
    assert [revision.changes for revision in revisions] == [
        {"period_end": ["2022-12-31", "2023-06-30"]},
        {"threshold": ["80", "85"]},
    ]
    assert {r.reason for r in revisions} == {"Theo Kế hoạch 5/KH-UBND của tỉnh"}
    assert all(r.had_data and r.actor == world.user("district_officer") for r in revisions)
    updated = AuditEntry.objects.get(action="campaign.updated")
    assert updated.data == {
        "changes": {"period_end": ["2022-12-31", "2023-06-30"]},
        "reason": "Theo Kế hoạch 5/KH-UBND của tỉnh",
    }
    assert AuditEntry.objects.get(action="target.updated").data["changes"] == {"threshold": ["80", "85"]}
    page = client_as("officer_a").get(f"/campaigns/{world.campaign.pk}/").content.decode()
    assert 'id="revisions"' in page
    assert "Theo Kế hoạch 5/KH-UBND của tỉnh" in page
    assert "31/12/2022 → 30/06/2023" in page
    assert "80 → 85" in page


def test_a_target_is_removed_with_its_reason_kept(world, client_as):
    record_registration(world)
    response = client_as("district_officer").post(
        f"/campaigns/{world.campaign.pk}/edit/",
        edit_post(world, world.campaign, reason="Bỏ chỉ tiêu", **{"targets-2-remove": "on"}),
    )
    assert response.status_code == 302
    assert sorted(world.campaign.targets.values_list("indicator", flat=True)) == [
        "reform_models",
        "satisfaction_index",
    ]
    entry = AuditEntry.objects.get(action="target.removed")
    assert entry.data == {"indicator": "office_culture", "reason": "Bỏ chỉ tiêu"}
    revision = CampaignRevision.objects.get(campaign=world.campaign)
    assert revision.changes["indicator"] == ["office_culture", None]


def test_a_target_of_another_plan_cannot_be_changed_through_this_one(world, client_as, other_authority):
    other = services.target_create(
        actor=None,
        campaign=other_authority["plan"],
        indicator="office_culture",
        label="Khác",
        comparison="gte",
        threshold=Decimal("50"),
    )
    before = state()
    response = client_as("district_officer").post(
        f"/campaigns/{world.campaign.pk}/edit/",
        edit_post(world, world.campaign, **{"targets-2-id": str(other.pk)}),
    )
    assert response.status_code == 400
    assert state() == before
    other.refresh_from_db()
    assert other.threshold == Decimal("50")


def test_the_edit_page_says_when_data_exist(world, client_as):
    assert (
        'id="has-data-note"'
        not in client_as("district_officer").get(f"/campaigns/{world.campaign.pk}/edit/").content.decode()
    )
    record_registration(world)
    assert (
        'id="has-data-note"'
        in client_as("district_officer").get(f"/campaigns/{world.campaign.pk}/edit/").content.decode()
    )


# --- the signed plan and the extensions --------------------------------------------------------------------------


def test_the_signed_plan_is_attached_as_a_pdf_and_downloaded_by_the_plans_readers(world, client_as, media):
    response = client_as("district_officer").post(
        f"/campaigns/{world.campaign.pk}/signed-plan/",
        {"file": SimpleUploadedFile("Kế hoạch 47.pdf", PDF_BYTES, content_type="application/pdf")},
    )
    assert response.status_code == 302
    world.campaign.refresh_from_db()
    assert world.campaign.signed_plan_name == "Kế hoạch 47.pdf"
    assert AuditEntry.objects.filter(action="campaign.signed_plan_attached").count() == 1
    download = client_as("officer_a").get(f"/campaigns/{world.campaign.pk}/signed-plan/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert (
        'id="signed-plan-link"'
        in client_as("officer_a").get(f"/campaigns/{world.campaign.pk}/").content.decode()
    )


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_stored(world, client_as, media):
    before = state()
    response = client_as("district_officer").post(
        f"/campaigns/{world.campaign.pk}/signed-plan/",
        {"file": SimpleUploadedFile("ke-hoach.pdf", b"MZ\x90\x00" + b"\0" * 100)},
    )
    assert response.status_code == 400
    assert response.context["form"].errors
    assert state() == before
    world.campaign.refresh_from_db()
    assert not world.campaign.signed_plan
    assert not [path for path in media.rglob("*") if path.is_file()]


def test_replacing_the_signed_plan_once_data_exist_needs_a_reason(world, client_as, media):
    client = client_as("district_officer")
    upload = {"file": SimpleUploadedFile("a.pdf", PDF_BYTES)}
    assert client.post(f"/campaigns/{world.campaign.pk}/signed-plan/", upload).status_code == 302
    record_registration(world)
    response = client.post(
        f"/campaigns/{world.campaign.pk}/signed-plan/", {"file": SimpleUploadedFile("b.pdf", PDF_BYTES)}
    )
    assert response.status_code == 400
    world.campaign.refresh_from_db()
    assert world.campaign.signed_plan_name == "a.pdf"
    assert len([path for path in media.rglob("*") if path.is_file()]) == 1
    response = client.post(
        f"/campaigns/{world.campaign.pk}/signed-plan/",
        {"file": SimpleUploadedFile("b.pdf", PDF_BYTES), "reason": "Bản ký lại"},
    )
    assert response.status_code == 302
    revision = CampaignRevision.objects.get(campaign=world.campaign)
    assert (revision.changes, revision.reason) == ({"signed_plan": ["a.pdf", "b.pdf"]}, "Bản ký lại")


def test_the_plan_page_links_the_standing_office_to_the_editor_and_the_extensions(world, client_as):
    page = client_as("district_officer").get(f"/campaigns/{world.campaign.pk}/").content.decode()
    assert f'href="/campaigns/{world.campaign.pk}/edit/"' in page
    assert f'href="/campaigns/{world.campaign.pk}/extensions/new/"' in page
    other = client_as("officer_a").get(f"/campaigns/{world.campaign.pk}/").content.decode()
    assert "/edit/" not in other


def test_each_authority_reads_only_its_own_plans(world, client, client_as, other_authority):
    client.force_login(other_authority["officer"])
    for suffix in ["", "progress/", "registrations/"]:
        assert client.get(f"/campaigns/{world.campaign.pk}/{suffix}").status_code == 404, suffix
    assert client.get(f"/campaigns/{other_authority['plan'].pk}/").status_code == 200
    assert "47/KH-UBND" not in client.get("/campaigns/").content.decode()
    # A commune's officer reads the plan of the district above it, not the other district's.
    officer_a = client_as("officer_a")
    assert officer_a.get(f"/campaigns/{world.campaign.pk}/").status_code == 200
    assert officer_a.get(f"/campaigns/{other_authority['plan'].pk}/").status_code == 404
    listing = officer_a.get("/campaigns/").content.decode()
    assert "47/KH-UBND" in listing
    assert "9/KH-UBND" not in listing


def test_a_threshold_changed_on_the_target_page_is_in_the_plans_history_too(world, client_as):
    target = world.campaign.targets.get(indicator="office_culture")
    response = client_as("district_officer").post(
        f"/campaigns/{world.campaign.pk}/targets/{target.pk}/",
        {"label": target.label, "comparison": "gte", "threshold": "85", "reason": "Nghị quyết Hội đồng"},
    )
    assert response.status_code == 302
    revision = CampaignRevision.objects.get(campaign=world.campaign)
    assert (revision.changes, revision.reason) == ({"threshold": ["80", "85"]}, "Nghị quyết Hội đồng")
