"""The satisfaction pages keep to the Content-Security-Policy with real data: no inline script, style attribute
or handler that the policy would block, on the citizen's pages, the poster and the charts."""

import pytest

from thidua.core.tests.test_content_security_policy import assert_page_keeps_to_the_policy, policy
from thidua.surveys.tests.conftest import rate

pytestmark = pytest.mark.django_db


def test_the_citizens_rating_pages_keep_to_the_policy(client, point_a):
    for path in (point_a.rating_path, f"/r/{point_a.token}/kiosk/"):
        page = client.get(path)
        assert page.status_code == 200
        assert_page_keeps_to_the_policy(page, path)
        # Still one request: the script and the style are inline, under this response's nonce.
        nonce = next(source for source in policy(page)["script-src"] if source.startswith("'nonce-"))[7:-1]
        body = page.content.decode()
        assert f'<script nonce="{nonce}">' in body and f'<style nonce="{nonce}">' in body
        assert "<link" not in body and "<script src" not in body
    # The form sent back with errors, and the thank-you page.
    refused = client.post(point_a.rating_path, {"client_id": "x" * 32})
    assert refused.status_code == 400
    assert_page_keeps_to_the_policy(refused, "rating with errors")
    thanks = client.get(f"/r/{point_a.token}/thanks/")
    assert_page_keeps_to_the_policy(thanks, "thanks")


def test_each_response_gets_its_own_nonce(client, point_a):
    first, second = (policy(client.get(point_a.rating_path))["script-src"] for _ in range(2))
    assert first != second


@pytest.mark.parametrize("size", ["a4", "a5"])
def test_the_poster_styles_itself_with_the_pages_nonce(client_as, point_a, size):
    page = client_as("district_officer").get(f"/satisfaction/points/{point_a.pk}/poster/?size={size}")
    assert page.status_code == 200
    assert_page_keeps_to_the_policy(page, f"poster {size}")
    nonce = next(source for source in policy(page)["style-src"] if source.startswith("'nonce-"))[7:-1]
    assert f'<style nonce="{nonce}">' in page.content.decode()
    assert "data-print hidden" in page.content.decode()


def test_the_unit_page_with_its_trend_chart_keeps_to_the_policy(world, client_as, point_a):
    for score in (5, 4, 2):
        rate(point_a, score)
    page = client_as("district_officer").get(f"/satisfaction/units/{world.unit_a.code}/")
    assert page.status_code == 200
    # The trend is drawn by ECharts (a static file) from the JSON feed: no inline script, no style attribute.
    assert (
        f'data-dashboard="/satisfaction/units/{world.unit_a.code}/trend.json?year=' in page.content.decode()
    )
    assert_page_keeps_to_the_policy(page, "unit page")
    for path in ("/satisfaction/", f"/satisfaction/units/{world.unit_a.code}/points/"):
        assert_page_keeps_to_the_policy(client_as("district_officer").get(path), path)
