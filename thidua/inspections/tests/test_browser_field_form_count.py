"""The inspection form on a phone: the answered count follows the saved answers; the photo button is in Vietnamese."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_answered_count_rises_as_answers_are_saved(
    world, items, make_inspection, browser_page, browser_login
):
    inspection = make_inspection(answers={"flag": "pass"})
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    browser_login("inspector")
    page.goto(f"/inspections/{inspection.pk}/record/")
    count = page.locator("#answered-count")
    assert count.inner_text() == "1"
    # The bar with the count and the way to submit stays on screen while the page scrolls.
    bar = page.locator(".sticky-bar")
    assert bar.is_visible()
    page.check(f"#item-{items['card'].pk} input[value=fail]")
    page.wait_for_selector(f'#item-{items["card"].pk} .save-state[data-state="saved"]')
    assert count.inner_text() == "2"
    bottom = bar.bounding_box()
    assert bottom["y"] + bottom["height"] <= 740
    # A note without a result is saved but does not count as an answer.
    note = page.locator(f"#item-{items['smoking'].pk} textarea")
    note.fill("Chưa rõ")
    note.blur()
    page.wait_for_selector(f'#item-{items["smoking"].pk} .save-state[data-state="saved"]')
    assert count.inner_text() == "2"


def test_a_file_input_has_a_vietnamese_button_and_names_the_chosen_file(
    world, items, make_inspection, browser_page, browser_login, tmp_path
):
    inspection = make_inspection()
    page = browser_login("inspector")
    page.goto(f"/inspections/{inspection.pk}/record/")
    photo = f"#photo-{items['flag'].pk}"
    assert page.locator(f"{photo} + .file-button").inner_text() == "Chọn tệp"
    assert page.locator(f"{photo} ~ .file-chosen").inner_text() == "Chưa chọn tệp"
    picture = tmp_path / "co.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    page.set_input_files(photo, str(picture))
    assert page.locator(f"{photo} ~ .file-chosen").inner_text() == "co.png"
