import pytest

from thidua.core.models import AuditEntry
from thidua.initiatives.demo import demo_pdf
from thidua.initiatives.models import EvidenceFile, ReformModel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_as(page, browser_login, persona):
    page.context.clear_cookies()
    return browser_login(persona)


def test_a_model_goes_from_the_officer_through_the_head_and_the_district_to_another_unit(
    world, browser_page, browser_login, media
):
    page = sign_in_as(browser_page, browser_login, "officer_a")
    page.goto("/reform-models/new/")
    page.select_option("#id_year", "2021")
    page.fill("#id_title", "Mô hình “4 xin, 4 luôn” tại bộ phận một cửa")
    page.select_option("#id_category", "service_delivery")
    page.fill("#id_problem", "Người dân chưa hài lòng với văn hóa công sở tại bộ phận một cửa.")
    page.fill("#id_solution", "Công chức thực hiện 4 xin, 4 luôn.")
    page.fill("#id_started_on", "15/05/2021")
    page.fill("#id_minutes_saved_per_dossier", "10")
    page.fill("#id_minutes_saved_method", "So sánh thời gian tiếp nhận 100 hồ sơ.")
    page.click("#model-form button[type=submit]")
    page.wait_for_url("**/reform-models/*/")
    assert "Bản nháp" in page.inner_text("main")
    model = ReformModel.objects.get()

    page.set_input_files(
        "#id_file",
        files=[{"name": "bao-cao.pdf", "mimeType": "application/pdf", "buffer": demo_pdf("Bao cao")}],
    )
    page.check("#id_is_public")
    page.click("#evidence-form button[type=submit]")
    page.wait_for_load_state()
    assert "bao-cao.pdf" in page.inner_text("#evidence-table")
    page.click("#send-to-head")
    page.wait_for_load_state()
    assert "Chờ thủ trưởng duyệt" in page.inner_text("main")

    page = sign_in_as(page, browser_login, "head_a")
    page.goto(f"/reform-models/{model.pk}/")
    page.click("#submit-to-district")
    page.wait_for_load_state()
    assert "Đã trình thẩm định" in page.inner_text("main")

    page = sign_in_as(page, browser_login, "district_officer")
    page.goto(f"/reform-models/{model.pk}/")
    page.click("#appraise")
    page.wait_for_url("**/appraise/")
    for criterion in ("lawful", "fits_function", "effective", "replicable"):
        page.check(f"#id_{criterion}_0")
    page.fill("#id_effective_comment", "Có số liệu trước và sau.")
    page.check("#id_decision_0")
    page.click("#appraisal-form button[type=submit]")
    page.wait_for_url(f"**/reform-models/{model.pk}/")
    assert "Được công nhận" in page.inner_text("main")

    page = sign_in_as(page, browser_login, "officer_b")
    page.goto("/thu-vien/?q=van+hoa+cong+so")
    page.click(f"a[href='/thu-vien/{model.pk}/']")
    assert "bao-cao.pdf" in page.inner_text("#public-evidence")
    page.click("#adopt")
    page.select_option("#id_year", "2021")
    page.fill("#id_started_on", "01/10/2021")
    page.click("#adopt-form button[type=submit]")
    page.wait_for_load_state()
    assert "Nhân rộng từ" in page.inner_text("main")

    adopted = ReformModel.objects.get(source=model)
    assert adopted.unit == world.unit_b
    assert adopted.status == "draft"
    model.refresh_from_db()
    assert model.status == "approved"
    assert EvidenceFile.objects.filter(model=model, is_public=True).count() == 1
    actions = list(
        AuditEntry.objects.filter(action__startswith="reform_model.")
        .order_by("id")
        .values_list("action", "actor__username")
    )
    assert actions == [
        ("reform_model.created", "officer_a"),
        ("reform_model.evidence_added", "officer_a"),
        ("reform_model.sent_to_head", "officer_a"),
        ("reform_model.submitted", "head_a"),
        ("reform_model.approved", "district_officer"),
        ("reform_model.adopted", "officer_b"),
    ]
    page.goto(f"/thu-vien/{model.pk}/")
    assert "Ủy ban nhân dân xã Long Phú" in page.inner_text("#adoptions")
