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


def test_the_menu_folds_on_a_phone_with_and_without_javascript(world, browser_page, live_server):
    from django.test import Client

    client = Client()
    client.force_login(world.user("officer_a"))
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}
    browser = browser_page.context.browser
    for javascript in (True, False):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 360, "height": 740}, java_script_enabled=javascript
        )
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(f"/campaigns/{world.campaign.pk}/")
        campaigns = page.locator(".menu-panel nav").get_by_role("link", name="Kế hoạch thi đua")
        assert not campaigns.is_visible()
        page.click("details.menu > summary")
        assert campaigns.is_visible()
        assert campaigns.get_attribute("aria-current") == "page"  # the section the person is in
        assert page.get_by_role("button", name="Đăng xuất").is_visible()
        page.click("details.menu > summary")
        assert not campaigns.is_visible()
        context.close()


def test_the_menu_stays_open_on_a_wide_screen(world, browser_page, browser_login):
    page = browser_login("officer_a")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    assert page.locator(".menu-panel nav").get_by_role("link", name="Kế hoạch thi đua").is_visible()
    assert not page.locator("details.menu > summary").is_visible()
