"""The page, not the browser, speaks: validation messages in Vietnamese, a Vietnamese file button, dd/mm/yyyy dates
filled from the calendar."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


VALIDATE = "(selector) => { const field = document.querySelector(selector); field.checkValidity(); return field.validationMessage; }"


def test_an_empty_or_malformed_date_is_explained_in_vietnamese(world, browser_page, browser_login):
    page = browser_login("district_officer")
    page.goto(f"/campaigns/{world.campaign.pk}/extensions/new/")
    assert page.evaluate(VALIDATE, "#id_new_end") == "Vui lòng điền vào ô này."
    page.fill("#id_new_end", "31-12-2023")
    assert page.evaluate(VALIDATE, "#id_new_end") == "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 28/04/2021."
    page.fill("#id_new_end", "31/12/2023")
    assert page.evaluate(VALIDATE, "#id_new_end") == ""
    assert page.get_attribute("#id_new_end", "placeholder") == "nn/tt/nnnn"


def test_the_calendar_writes_the_day_as_day_month_year(world, browser_page, browser_login):
    page = browser_login("district_officer")
    page.goto(f"/campaigns/{world.campaign.pk}/extensions/new/")
    # Choosing a day in the browser's calendar is what the hidden date input reports; the field gets dd/mm/yyyy.
    page.evaluate(
        """() => {
          const probe = document.querySelector('#id_new_end').parentElement.querySelector('.date-picker-proxy');
          probe.value = '2023-12-31';
          probe.dispatchEvent(new Event('change'));
        }"""
    )
    assert page.input_value("#id_new_end") == "31/12/2023"
    assert page.locator("#id_new_end + .date-button").inner_text() == "Lịch"
