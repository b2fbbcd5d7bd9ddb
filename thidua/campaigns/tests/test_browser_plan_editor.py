"""The standing office sets up a plan with two targets through the interface, on a phone, and follows its progress."""

import pytest

from thidua.campaigns.models import Campaign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"


def test_the_standing_office_creates_a_plan_with_two_targets_and_sees_it_on_the_progress_page(
    world, browser_login
):
    page = browser_login("district_officer")
    page.set_viewport_size(PHONE)
    page.goto("/campaigns/mine/")
    assert page.evaluate(FITS)
    page.click("#new-plan")
    page.wait_for_selector("#plan-form")
    assert page.evaluate(FITS), "the plan form is wider than a 360 px phone"

    page.fill("#id_number", "20/KH-UBND")
    page.fill("#id_title", "Kế hoạch thi đua cải cách hành chính năm 2026")
    page.fill("#id_issue_date", "10/01/2026")
    page.fill("#id_legal_bases", "Luật Thi đua, khen thưởng 2022")
    page.fill("#id_period_start", "01/01/2026")
    page.fill("#id_period_end", "31/12/2026")
    page.check("input[name=participating_kinds][value=commune_committee]")
    page.check("input[name=participating_kinds][value=specialized_agency]")

    page.select_option("#id_targets-0-indicator", "reform_models")
    page.fill("#id_targets-0-threshold", "1")
    page.select_option("#id_targets-0-counting_rule", "in_operation")
    page.select_option("#id_targets-1-indicator", "satisfaction_index")
    # The satisfaction index counts one way only: its row offers no counting rule; the unit hint is its unit.
    assert page.locator("#id_targets-1-counting_rule").is_hidden()
    assert page.get_attribute("#id_targets-1-unit_of_measure", "placeholder") == "%"
    page.fill("#id_targets-1-label", "Chỉ số hài lòng của người dân")
    page.select_option("#id_targets-1-comparison", "gt")
    page.fill("#id_targets-1-threshold", "90")
    page.click("#plan-form button[type=submit]")
    page.wait_for_load_state()

    campaign = Campaign.objects.get(number="20/KH-UBND")
    assert page.url.endswith(f"/campaigns/{campaign.pk}/")
    assert sorted(campaign.targets.values_list("indicator", flat=True)) == [
        "reform_models",
        "satisfaction_index",
    ]
    assert page.evaluate(FITS), "the plan page is wider than a 360 px phone"
    assert "20/KH-UBND" in page.locator("h1").inner_text()

    page.goto(f"/campaigns/{campaign.pk}/progress/")
    assert page.evaluate(FITS), "the progress page is wider than a 360 px phone"
    table = page.locator("#progress-table")
    header = table.locator("thead").inner_text()
    assert "Chỉ số hài lòng của người dân" in header
    assert "Mô hình CCHC được công nhận" in header
    # Town A, commune B and the agency take part; each has a row.
    assert table.locator("tbody tr").count() == 3
    assert "Ủy ban nhân dân thị trấn Long Phú" in table.inner_text()

    # The new plan is listed among the authority's plans, with its copy link.
    page.goto("/campaigns/mine/")
    assert "20/KH-UBND" in page.locator("#plan-list").inner_text()
    page.click(f"a[href='/campaigns/{campaign.pk}/copy/']")
    page.wait_for_selector("#copy-note")
    assert page.input_value("#id_number") == ""
    assert page.input_value("#id_title") == "Kế hoạch thi đua cải cách hành chính năm 2026"
    assert page.evaluate(FITS)
