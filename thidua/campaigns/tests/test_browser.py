import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_signs_in_and_reads_the_progress_page(world, browser_login):
    page = browser_login("officer_a")
    assert page.url.endswith("/")
    page.goto(f"/campaigns/{world.campaign.pk}/progress/?year=2021")
    table = page.locator("#progress-table")
    rows = table.locator("tbody tr")
    # Every participating unit has a row: town A, commune B and the agency.
    assert rows.count() == 3
    assert "Ủy ban nhân dân thị trấn Long Phú" in table.inner_text()
    # Nobody has recorded a model: the register says 0 for each unit, which is "not met".
    assert table.locator("td.status-not_met").count() == 3
    # No ratings and no inspections yet: those cells say so honestly instead of showing a number.
    assert table.locator("td.status-no_data").count() == 6
    assert "chưa có dữ liệu" in table.inner_text()
