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
    # No pillar has data in this world: each target cell says so honestly.
    assert table.locator("td.status-no_data").count() == 9
    assert "chưa có dữ liệu" in table.inner_text()
