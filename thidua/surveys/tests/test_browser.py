"""A citizen on a phone: open the desk's rating address, rate, see thanks; the unit's index moves."""

from datetime import date

import pytest
from django.utils import timezone

from thidua.surveys import selectors
from thidua.surveys.tests.conftest import rate


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_citizen_rates_from_a_phone_and_the_units_index_moves(browser_page, world, point_a):
    yesterday = timezone.now() - timezone.timedelta(days=1)
    if yesterday.year != timezone.localdate().year:
        yesterday = timezone.now()
    rate(point_a, 2, submitted_at=yesterday)  # before: 0 of 1 satisfied
    year = timezone.localdate().year
    start, end = date(year, 1, 1), date(year, 12, 31)
    before = selectors.unit_summaries([world.unit_a.pk], start, end)[world.unit_a.pk]
    assert (before.responses, str(before.index)) == (1, "0.00")

    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(point_a.rating_path)
    assert page.locator("html").get_attribute("lang") == "vi"
    client_id = page.locator("input[name=client_id]").input_value()
    page.get_by_text("Rất hài lòng").first.click()
    assert page.locator("#reasons").is_hidden()  # a high score asks for no reasons
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_url(f"**/r/{point_a.token}/thanks/")
    assert "Cảm ơn" in page.locator("h1").inner_text()

    after = selectors.unit_summaries([world.unit_a.pk], start, end)[world.unit_a.pk]
    assert (after.responses, str(after.index)) == (2, "50.00")  # 1 of 2 satisfied

    # The same form sent again (a double tap, a retry on a flaky network) must not count twice.
    resent = page.request.post(point_a.rating_path, form={"client_id": client_id, "q_overall": "5"})
    assert resent.ok and "Cảm ơn" in resent.text()
    assert selectors.unit_summaries([world.unit_a.pk], start, end)[world.unit_a.pk].responses == 2
