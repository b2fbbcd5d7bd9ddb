"""A new authority set up through the interface only, from a province's standing office to a progress page.

Issue 13, item 7. The installation's starting point is the only thing made outside the interface: a province unit
(``UnitKind.PROVINCE``) and one account holding the standing-office role (``Role.DISTRICT_OFFICER``) in it, created
here with the organizations services (``conftest.make_unit`` / ``make_user``). The district ``world`` is there
to show that each authority's plan, units and models stay invisible to the other; it has no checklist, so the
province's standing office sets up the installation's first one on its page.

Everything else goes through the pages, signed in as the person who would do it; accounts created by an officer
carry a password someone else chose, so each new person first replaces it on the change-password page.
"""

from datetime import date

import pytest
from django.utils import timezone

from conftest import PASSWORD, make_unit, make_user
from thidua.campaigns.models import Campaign
from thidua.core.models import AuditEntry
from thidua.initiatives.models import ReformModel
from thidua.inspections.models import ChecklistTemplate, Inspection
from thidua.organizations.models import AuthoritySettings, Membership, Role, Unit, UnitKind, User
from thidua.surveys.models import CollectionPoint, Question, Questionnaire, Response
from thidua.surveys.questionnaires import seed_questionnaires

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"
INITIAL = "Mat-khau-ban-dau-2026"  # what the standing office types for a new person
# The plan is for this year (2026 when the test was written): the citizen's rating is stamped today.
YEAR = max(2026, timezone.localdate().year)


def fits(page, what: str) -> None:
    assert page.evaluate(FITS), f"{what} is wider than a 360 px phone"


def sign_in(page, browser_login, username: str, password: str):
    page.context.clear_cookies()
    return browser_login(username, password)


def first_sign_in(page, browser_login, username: str) -> str:
    """Sign in with the password the officer chose; the product sends the person to replace it first."""
    sign_in(page, browser_login, username, INITIAL)
    assert page.url.endswith("/accounts/password/"), page.url
    own = f"Bong-lua-chin-vang-{len(username)}-{YEAR}"
    page.fill("#id_old_password", INITIAL)
    page.fill("#id_new_password1", own)
    page.fill("#id_new_password2", own)
    page.click("#main form button[type=submit]")
    page.wait_for_load_state()
    assert not User.objects.get(username=username).must_change_password, page.inner_text("#main")
    page.goto("/")
    assert not page.url.endswith("/accounts/password/")
    return own


def create_unit(page, code, name, official_name, kind, parent, valid_from="01/01/" + str(YEAR)) -> Unit:
    page.goto("/units/new/")
    fits(page, "the unit form")
    page.fill("#id_code", code)
    page.fill("#id_name", name)
    page.fill("#id_official_name", official_name)
    page.select_option("#id_kind", kind)
    page.select_option("#id_parent", str(parent.pk))
    page.fill("#id_valid_from", valid_from)
    page.check("#id_is_confirmed")
    page.click("#main form button[type=submit]")
    page.wait_for_load_state()
    return Unit.objects.get(code=code)


def create_person(page, username, full_name, unit, role) -> User:
    page.goto("/people/")
    fits(page, "the people page")
    page.fill("#id_username", username)
    page.fill("#id_full_name", full_name)
    page.fill("#id_password", INITIAL)
    page.select_option("#id_unit", str(unit.pk))
    page.select_option("#id_role", role)
    page.click("#main form.narrow button[type=submit]")
    page.wait_for_load_state()
    person = User.objects.get(username=username)
    assert person.must_change_password
    assert list(person.memberships.values_list("unit__code", "role")) == [(unit.code, role)]
    return person


def test_a_new_commune_is_set_up_through_the_interface_and_its_work_shows_on_its_progress_page(
    world, browser_page, browser_login
):
    province = make_unit(
        "tinh-moi", "Tỉnh Mới", UnitKind.PROVINCE, official_name="Ủy ban nhân dân tỉnh Tỉnh Mới"
    )
    make_user("tinh.thuongtruc", Role.DISTRICT_OFFICER, province)
    # The questionnaires an installation starts with (its data migration); a transactional test run before this
    # one may have flushed them.
    seed_questionnaires(Questionnaire, Question)
    assert not ChecklistTemplate.objects.exists()
    page = browser_page
    page.set_viewport_size(PHONE)

    # 1. The province's standing office creates the commune and the commune's standing-office account.
    sign_in(page, browser_login, "tinh.thuongtruc", PASSWORD)
    commune = create_unit(
        page, "xa-tan-an", "Tân An", "Ủy ban nhân dân xã Tân An", "commune_committee", province
    )
    assert (commune.parent, commune.kind, commune.valid_from) == (
        province,
        UnitKind.COMMUNE_COMMITTEE,
        date(YEAR, 1, 1),
    )
    assert commune.is_committee and commune.authority == commune
    create_person(page, "tanan.thuongtruc", "Lê Thị Thường Trực", commune, "district_officer")
    # ... and sets up the installation's office-culture checklist, which every authority's inspections use.
    page.goto("/inspections/checklists/")
    page.click("#create-checklist")
    page.wait_for_selector("#checklist-form")
    fits(page, "the checklist set-up page")
    page.fill("#id_title", "Bảng kiểm tra văn hóa công sở")
    for row, (group, text) in enumerate(
        (("layout", "Quốc kỳ, Quốc huy treo đúng quy định"), ("dress", "Công chức đeo thẻ khi làm việc"))
    ):
        page.fill(f"#id_items-{row}-group", group)
        page.fill(f"#id_items-{row}-text", text)
    page.click("#checklist-form button[type=submit]")
    page.wait_for_load_state()
    installed = ChecklistTemplate.objects.get()
    assert [item.text for item in installed.ordered_items()] == [
        "Quốc kỳ, Quốc huy treo đúng quy định",
        "Công chức đeo thẻ khi làm việc",
    ], page.inner_text("#main")

    # 2. The commune's standing office signs in, replaces its password, and creates the commune's bodies.
    office_password = first_sign_in(page, browser_login, "tanan.thuongtruc")
    office = create_unit(
        page,
        "xa-tan-an-vhxh",
        "Phòng Văn hóa - Xã hội",
        "Phòng Văn hóa - Xã hội xã Tân An",
        "specialized_agency",
        commune,
    )
    centre = create_unit(
        page,
        "xa-tan-an-ttpvhcc",
        "Trung tâm Phục vụ hành chính công",
        "Trung tâm Phục vụ hành chính công xã Tân An",
        "public_service_unit",
        commune,
    )
    assert office.authority == commune and centre.authority == commune

    # 3. ... its people: the centre's officer and head, an inspector and the chairman of the commune.
    create_person(page, "tanan.canbo", "Nguyễn Văn Cán Bộ", centre, "unit_officer")
    create_person(page, "tanan.giamdoc", "Trần Thị Giám Đốc", centre, "unit_head")
    create_person(page, "tanan.kiemtra", "Phạm Văn Kiểm Tra", commune, "inspector")
    create_person(page, "tanan.chutich", "Võ Văn Chủ Tịch", commune, "chairman")
    # A second role is given on the unit's page: the chairman also reads the centre's page as a viewer.
    page.goto(f"/units/{centre.code}/")
    fits(page, "the centre's unit page")
    page.fill("form.filters input[name=username]", "tanan.chutich")
    page.select_option("form.filters select[name=role]", "viewer")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert Membership.objects.filter(
        user__username="tanan.chutich", unit=centre, role=Role.VIEWER, is_active=True
    ).exists()

    # 4. ... the authority's settings: a letterhead line above its name, its Phòng VH-XH as standing office.
    page.goto(f"/units/{commune.code}/settings/")
    fits(page, "the authority settings")
    page.fill("#id_letterhead_superior", "ỦY BAN NHÂN DÂN TỈNH TỈNH MỚI")
    page.select_option("#id_standing_office", str(office.pk))
    page.fill("#id_reason", "Thiết lập ban đầu khi xã đi vào hoạt động")
    page.click("#main form.narrow button[type=submit]")
    page.wait_for_load_state()
    settings = AuthoritySettings.objects.get(authority=commune)
    assert settings.standing_office == office
    assert settings.letterhead_superior == "ỦY BAN NHÂN DÂN TỈNH TỈNH MỚI"
    commune.refresh_from_db()
    assert commune.standing_office == office
    entry = AuditEntry.objects.get(action="authority.settings_changed", actor__username="tanan.thuongtruc")
    assert entry.data["reason"] == "Thiết lập ban đầu khi xã đi vào hoạt động"

    # 5. ... its plan for the year: two targets when it is created, the third added by editing it.
    page.goto("/campaigns/mine/")
    fits(page, "the plan list")
    page.click("#new-plan")
    page.wait_for_selector("#plan-form")
    fits(page, "the plan form")
    page.fill("#id_number", "01/KH-UBND")
    page.fill("#id_title", f"Kế hoạch thi đua cải cách hành chính năm {YEAR}")
    page.fill("#id_issue_date", f"05/01/{YEAR}")
    page.fill("#id_period_start", f"01/01/{YEAR}")
    page.fill("#id_period_end", f"31/12/{YEAR}")
    page.check("input[name=participating_kinds][value=specialized_agency]")
    page.check("input[name=participating_kinds][value=public_service_unit]")
    page.select_option("#id_targets-0-indicator", "reform_models")
    page.fill("#id_targets-0-threshold", "1")
    page.select_option("#id_targets-0-counting_rule", "approved_in_year")
    page.select_option("#id_targets-1-indicator", "satisfaction_index")
    page.select_option("#id_targets-1-comparison", "gt")
    page.fill("#id_targets-1-threshold", "90")
    page.click("#plan-form button[type=submit]")
    page.wait_for_load_state()
    campaign = Campaign.objects.get(issuing_unit=commune, number="01/KH-UBND")
    assert page.url.endswith(f"/campaigns/{campaign.pk}/")
    page.goto(f"/campaigns/{campaign.pk}/edit/")
    page.wait_for_selector("#plan-form")
    page.select_option("#id_targets-2-indicator", "office_culture")
    page.select_option("#id_targets-2-comparison", "gte")
    page.fill("#id_targets-2-threshold", "80")
    page.click("#plan-form button[type=submit]")
    page.wait_for_load_state()
    assert sorted(campaign.targets.values_list("indicator", flat=True)) == [
        "office_culture",
        "reform_models",
        "satisfaction_index",
    ], page.inner_text("#main")

    # 6. ... its own wording of the desk questionnaire: the installed one is shared by every authority, so the
    # commune cannot change it; it makes its own copy (version 1, nobody has answered it yet, so it is changed in
    # place; step 13 makes the next version), and a collection point at the centre that uses it.
    shared_desk = Questionnaire.objects.get(code="desk", is_current=True)
    page.goto("/satisfaction/questionnaires/")
    fits(page, "the questionnaire list")
    page.click(f"a[href='/satisfaction/questionnaires/{shared_desk.pk}/']")
    assert page.locator("#edit-link").count() == 0
    page.click("#copy-form button[type=submit]")
    page.wait_for_selector("#questionnaire-form")
    page.fill("#id_title", "Phiếu đánh giá tại Trung tâm Phục vụ hành chính công")
    page.fill("#id_change_reason", "Tên phiếu theo tên Trung tâm của xã")
    page.click("#questionnaire-form button[type=submit]")
    page.wait_for_load_state()
    desk = Questionnaire.objects.get(owner=commune, is_current=True)
    assert desk.title == "Phiếu đánh giá tại Trung tâm Phục vụ hành chính công", page.inner_text("#main")
    assert (desk.code, desk.version) == (f"desk-{commune.code}", 1)
    assert Questionnaire.objects.get(pk=shared_desk.pk).title == shared_desk.title
    page.goto(f"/satisfaction/units/{centre.code}/points/")
    fits(page, "the collection points page")
    page.fill("#id_name", "Quầy tiếp nhận số 1")
    page.select_option("#id_questionnaire", str(desk.pk))
    page.click("#main form:not(.inline) button[type=submit]")
    page.wait_for_load_state()
    point = CollectionPoint.objects.get(unit=centre)
    assert point.questionnaire == desk
    rating_address = page.locator(f"a[href='{point.rating_path}']").get_attribute("href")

    # 7. ... and its own checklist: a copy of the shared one with its title (no inspection uses it yet: changed in
    # place, as in step 6); the centre's inspections use it from then on.
    shared_checklist = ChecklistTemplate.objects.get()
    page.goto("/inspections/checklists/")
    fits(page, "the checklist list")
    assert page.locator(f"#edit-checklist-{shared_checklist.code}").count() == 0
    page.click(f"#copy-checklist-{shared_checklist.code} button[type=submit]")
    page.wait_for_selector("#checklist-form")
    page.fill("#id_title", "Bảng kiểm tra văn hóa công sở của xã Tân An")
    page.fill("#id_change_reason", "Áp dụng cho các cơ quan của xã")
    page.click("#checklist-form button[type=submit]")
    page.wait_for_load_state()
    template = ChecklistTemplate.objects.get(owner=commune)
    assert template.title == "Bảng kiểm tra văn hóa công sở của xã Tân An", page.inner_text("#main")
    assert template.version == 1
    assert ChecklistTemplate.objects.get(pk=shared_checklist.pk).title == shared_checklist.title

    # 8. A citizen, not signed in, rates the desk on a phone.
    page.context.clear_cookies()
    page.goto(rating_address)
    fits(page, "the public rating page")
    page.get_by_text("Rất hài lòng").first.click()
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_url(f"**/r/{point.token}/thanks/")
    assert Response.objects.filter(collection_point=point).count() == 1

    # 9. The centre's officer drafts a reform model and sends it to the head, who submits it.
    first_sign_in(page, browser_login, "tanan.canbo")
    page.goto("/reform-models/new/")
    fits(page, "the reform model form")
    page.select_option("#id_year", str(YEAR))
    page.fill("#id_title", "Mô hình “Một lần đến, một lần xong” tại Trung tâm")
    page.select_option("#id_category", "service_delivery")
    page.fill("#id_problem", "Người dân phải đi lại nhiều lần để bổ sung hồ sơ.")
    page.fill("#id_solution", "Hướng dẫn đầy đủ hồ sơ một lần, hẹn trả kết quả qua tin nhắn.")
    page.fill("#id_started_on", f"01/02/{YEAR}")
    page.click("#model-form button[type=submit]")
    page.wait_for_url("**/reform-models/*/")
    model = ReformModel.objects.get(unit=centre)
    assert model.campaign == campaign
    page.click("#send-to-head")
    page.wait_for_load_state()
    first_sign_in(page, browser_login, "tanan.giamdoc")
    page.goto(f"/reform-models/{model.pk}/")
    fits(page, "the reform model page")
    page.click("#submit-to-district")
    page.wait_for_load_state()

    # 10. The commune's standing office appraises it and approves it.
    sign_in(page, browser_login, "tanan.thuongtruc", office_password)
    page.goto(f"/reform-models/{model.pk}/")
    page.click("#appraise")
    page.wait_for_url("**/appraise/")
    for criterion in ("lawful", "fits_function", "effective", "replicable"):
        page.check(f"#id_{criterion}_0")
    page.check("#id_decision_0")
    page.click("#appraisal-form button[type=submit]")
    page.wait_for_url(f"**/reform-models/{model.pk}/")
    model.refresh_from_db()
    assert model.status == "approved"

    # 11. The inspector records an inspection of the centre with the checklist and submits it.
    first_sign_in(page, browser_login, "tanan.kiemtra")
    page.goto("/inspections/new/")
    fits(page, "the new inspection form")
    page.select_option("#id_unit", str(centre.pk))
    page.select_option("#id_kind", "unannounced")
    page.fill("#id_inspected_on", f"15/06/{YEAR}")
    page.click("#main form button[type=submit]")
    page.wait_for_url("**/record/")
    inspection = Inspection.objects.get(unit=centre)
    assert inspection.template == template
    fits(page, "the inspection form")
    items = page.locator("form.answer").evaluate_all("forms => forms.map(form => form.dataset.item)")
    assert items
    for item in items:
        page.check(f"#item-{item} input[value=pass]")
        page.wait_for_selector(f'#item-{item} .save-state[data-state="saved"]')
    page.fill("#submit-form textarea", "Thực hiện tốt văn hóa công sở")
    page.click("#submit-form button[type=submit]")
    page.wait_for_selector("#inspection-status")
    inspection.refresh_from_db()
    assert inspection.status == "submitted"

    # 12. The commune's progress page for the year shows the rating, the approved model and the compliance.
    sign_in(page, browser_login, "tanan.thuongtruc", office_password)
    page.goto(f"/campaigns/{campaign.pk}/progress/")
    fits(page, "the progress page")
    table = page.locator("#progress-table")
    row = table.locator("tbody tr", has_text=centre.official_name)
    cells = row.locator("td").all_inner_texts()
    header = table.locator("thead th").all_inner_texts()
    by_target = dict(zip((text.split("\n")[0] for text in header[2:]), cells[1:], strict=True))
    assert table.locator("tbody tr").count() == 2  # the office and the centre take part
    assert by_target["Mô hình CCHC được công nhận"].startswith("đạt\n1\n"), by_target
    assert "1/1 mô hình" in by_target["Mô hình CCHC được công nhận"]
    # One form is far from the 30 the index needs: the cell says how many it has.
    assert "(1, cần 30)" in by_target["Chỉ số hài lòng"], by_target
    assert by_target["Tuân thủ văn hóa công sở"].startswith("đạt\n100\n1 cuộc kiểm tra"), by_target
    # The centre's satisfaction page shows the one rating and its index.
    page.goto(f"/satisfaction/units/{centre.code}/?year={YEAR}")
    fits(page, "the centre's satisfaction page")
    assert page.inner_text("#unit-responses").strip() == "1"
    assert page.inner_text("#unit-index").strip().startswith("100")

    # 13. Now that citizens have answered and the centre was inspected, a change makes the next version of the
    # questionnaire and of the checklist; the rating and the inspection keep the versions they were given on.
    page.goto(f"/satisfaction/questionnaires/{desk.pk}/edit/")
    page.fill("#id_title", "Phiếu đánh giá của Trung tâm Phục vụ hành chính công xã Tân An")
    page.fill("#id_change_reason", "Ghi rõ tên xã trên phiếu")
    page.click("#questionnaire-form button[type=submit]")
    page.wait_for_load_state()
    assert f"phiên bản {desk.version + 1}" in page.inner_text("#main").lower(), page.inner_text("#main")
    point.refresh_from_db()
    assert point.questionnaire.version == desk.version + 1
    assert Response.objects.get().questionnaire == desk
    page.goto("/inspections/checklists/")
    page.click(f"#edit-checklist-{template.code}")
    page.wait_for_selector("#checklist-form")
    page.fill("#id_legal_bases", "Quyết định 1847/QĐ-TTg năm 2018")
    page.fill("#id_change_reason", "Ghi căn cứ pháp lý")
    page.click("#checklist-form button[type=submit]")
    page.wait_for_load_state()
    assert ChecklistTemplate.objects.filter(code=template.code, version=template.version + 1).exists()
    inspection.refresh_from_db()
    assert inspection.template == template

    # In the database: exactly one rating, the model approved, the inspection recorded, each by its author.
    assert Response.objects.count() == 1
    model = ReformModel.objects.get()
    assert (model.status, model.created_by.username, model.submitted_by.username) == (
        "approved",
        "tanan.canbo",
        "tanan.giamdoc",
    )
    assert Inspection.objects.get().status == "submitted"
    assert AuditEntry.objects.filter(action="inspection.submitted", actor__username="tanan.kiemtra").exists()
    assert AuditEntry.objects.filter(
        action="reform_model.approved", actor__username="tanan.thuongtruc"
    ).exists()

    # The other authority stays invisible both ways: the district's plan and units to the commune ...
    assert page.goto(f"/campaigns/{world.campaign.pk}/progress/").status == 404
    assert page.goto(f"/units/{world.district.code}/").status == 404
    page.goto("/units/")
    assert world.district.official_name not in page.inner_text("#main")
    # ... and the commune's plan, units and model to the district's standing office.
    sign_in(page, browser_login, "district_officer", PASSWORD)
    for path in (
        f"/campaigns/{campaign.pk}/progress/",
        f"/units/{commune.code}/",
        f"/units/{centre.code}/",
        f"/reform-models/{model.pk}/",
    ):
        assert page.goto(path).status == 404, path
