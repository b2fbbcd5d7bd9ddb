"""The field journey on a phone-sized screen: an unannounced inspection, a failed item, its remediation."""

import pytest

from thidua.core.models import AuditEntry
from thidua.inspections.models import Finding, Inspection, Remediation, RemediationStatus

from .conftest import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unannounced_inspection_to_closed_remediation_on_a_phone(
    world, items, browser_page, browser_login, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})

    # 1. The inspector starts an unannounced inspection of town A.
    browser_login("inspector")
    page.goto("/inspections/new/")
    page.select_option("#id_unit", str(world.unit_a.pk))
    page.select_option("#id_kind", "unannounced")
    page.fill("#id_inspected_on", "2021-06-15")
    page.click("#main form button[type=submit]")
    page.wait_for_url("**/record/")
    inspection = Inspection.objects.get()
    assert (inspection.kind, inspection.unit) == ("unannounced", world.unit_a)

    # 2. Each answer is saved as it is given.
    for key, result in (("flag", "pass"), ("card", "fail"), ("smoking", "pass")):
        item = f"#item-{items[key].pk}"
        page.check(f"{item} input[value={result}]")
        page.wait_for_selector(f'{item} .save-state[data-state="saved"]')
    card = f"#item-{items['card'].pk}"
    page.fill(f"{card} textarea", "Một công chức không đeo thẻ")
    page.locator(f"{card} textarea").blur()
    page.wait_for_selector(f'{card} .save-state[data-state="saved"]')
    assert (
        Finding.objects.get(inspection=inspection, item=items["card"]).note == "Một công chức không đeo thẻ"
    )

    # 3. The connection drops: the answer waits on the phone and goes out when it returns.
    flag = f"#item-{items['flag'].pk}"
    page.context.set_offline(True)
    page.fill(f"{flag} textarea", "Cờ hơi bạc màu")
    page.locator(f"{flag} textarea").blur()
    page.wait_for_selector(f'{flag} .save-state[data-state="failed"]')
    assert Finding.objects.get(inspection=inspection, item=items["flag"]).note == ""
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_selector(f'{flag} .save-state[data-state="saved"]')
    assert Finding.objects.get(inspection=inspection, item=items["flag"]).note == "Cờ hơi bạc màu"

    # 3b. The answer request fails and the page is reopened: the typed note comes back from the phone's
    # storage and is sent once requests get through again.
    smoking = f"#item-{items['smoking'].pk}"
    page.route("**/answer/", lambda route: route.abort())
    page.fill(f"{smoking} textarea", "Không thấy tàn thuốc")
    page.locator(f"{smoking} textarea").blur()
    page.wait_for_selector(f'{smoking} .save-state[data-state="failed"]')
    page.reload()
    assert page.input_value(f"{smoking} textarea") == "Không thấy tàn thuốc"
    assert Finding.objects.get(inspection=inspection, item=items["smoking"]).note == ""
    page.unroute("**/answer/")
    page.wait_for_selector(f'{smoking} .save-state[data-state="saved"]', timeout=20000)
    assert Finding.objects.get(inspection=inspection, item=items["smoking"]).note == "Không thấy tàn thuốc"

    # 4. Submit, then open a remediation for the failed item.
    page.fill("#submit-form textarea", "Cơ bản thực hiện tốt")
    page.click("#submit-form button[type=submit]")
    page.wait_for_selector("#inspection-status")
    inspection.refresh_from_db()
    assert inspection.status == "submitted"
    row = f"#finding-{items['card'].pk}"
    page.click(f"{row} summary")
    page.fill(f"{row} input[name=owner]", "Văn phòng UBND thị trấn")
    page.fill(f"{row} input[name=due_date]", "2021-07-15")
    page.click(f"{row} form button[type=submit]")
    page.wait_for_selector("#remediation-status")
    remediation = Remediation.objects.get()
    assert remediation.status == RemediationStatus.OPEN

    # 5. The unit fixes it and proves it with a photo.
    page.context.clear_cookies()
    browser_login("officer_a")
    page.goto(f"/inspections/remediations/{remediation.pk}/")
    photo = tmp_path / "the-moi.png"
    photo.write_bytes(png_bytes())
    page.fill("#action-form textarea", "Đã cấp lại thẻ công chức")
    page.set_input_files("#action-form input[type=file]", str(photo))
    page.click("#action-form button[type=submit]")
    page.wait_for_selector('#remediation-status[data-status="action_recorded"]')
    assert page.locator("#evidence img").count() == 1

    # 6. The district verifies and closes it.
    page.context.clear_cookies()
    browser_login("district_officer")
    page.goto(f"/inspections/remediations/{remediation.pk}/")
    page.click("#close-form button[type=submit]")
    page.wait_for_selector('#remediation-status[data-status="closed"]')
    remediation.refresh_from_db()
    assert remediation.status == RemediationStatus.CLOSED
    assert remediation.evidence.count() == 1
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "inspection.created",
        "finding.saved",
        "inspection.submitted",
        "remediation.opened",
        "remediation.action_recorded",
        "remediation.closed",
    } <= actions
