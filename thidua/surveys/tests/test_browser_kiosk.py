"""The rating page on a phone and on a counter tablet: reasons are full-width rows, the kiosk has larger targets."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def reason_boxes(page):
    page.check('input[name="q_overall"][value="1"]', force=True)  # a low score asks for the reasons
    page.wait_for_selector("#reasons:not([hidden])")
    return [label.bounding_box() for label in page.locator("#reasons label").all()]


def test_reasons_are_full_width_tap_targets_on_a_phone(point_a, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/r/{point_a.token}/")
    assert page.locator("body.kiosk").count() == 0
    boxes = reason_boxes(page)
    fieldset = page.locator("#reasons").bounding_box()
    assert boxes
    for box in boxes:
        assert box["height"] >= 44
        assert box["width"] >= fieldset["width"] - 2 * 16  # the row, not just the words, takes the tap


def test_the_kiosk_has_targets_sized_for_a_counter_tablet(point_a, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 800, "height": 1280})
    page.goto(f"/r/{point_a.token}/kiosk/")
    assert page.locator("body.kiosk").count() == 1
    scale = page.locator(".scale label").first.bounding_box()
    assert scale["height"] >= 80
    assert all(box["height"] >= 64 for box in reason_boxes(page))
    assert page.locator("#rating-form button[type=submit]").bounding_box()["height"] >= 80
