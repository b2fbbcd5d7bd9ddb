"""The rating page's script runs under the Content-Security-Policy, and the page works without JavaScript."""

import pytest

from thidua.surveys.models import Response

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_rating_script_runs_without_a_policy_violation(browser_page, point_a):
    page = browser_page
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_viewport_size({"width": 390, "height": 844})
    response = page.goto(point_a.rating_path)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # The script hides the reasons until a low overall score is chosen: proof that it ran.
    page.wait_for_load_state("load")
    assert page.locator("#reasons").is_hidden()
    page.get_by_text("Rất không hài lòng").first.click()
    assert page.locator("#reasons").is_visible()
    page.get_by_text("Rất hài lòng").first.click()
    assert page.locator("#reasons").is_hidden()
    # The stylesheet applied too: the radio buttons are drawn as tiles.
    assert page.locator(".scale label").first.evaluate("e => getComputedStyle(e).borderStyle") == "solid"
    assert page.evaluate("window.__cspViolations") == []
    assert not [text for text in console_errors if "Content Security Policy" in text]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_rating_page_works_without_javascript(browser_page, live_server, point_a):
    context = browser_page.context.browser.new_context(
        base_url=live_server.url, locale="vi-VN", java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(point_a.rating_path)
        # Without the script nothing is hidden: the reasons are offered to everyone.
        assert page.locator("#reasons").is_visible()
        page.get_by_text("Rất hài lòng", exact=True).first.click()
        page.get_by_role("button", name="Gửi đánh giá").click()
        page.wait_for_url(f"**/r/{point_a.token}/thanks/")
        assert "Cảm ơn" in page.locator("h1").inner_text()
    finally:
        context.close()
    assert Response.objects.filter(collection_point=point_a).count() == 1
