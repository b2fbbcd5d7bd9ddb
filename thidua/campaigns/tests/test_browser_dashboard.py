"""The district dashboard in a real browser: charts drawn, no console error, no CSP violation, tables = feed."""

from datetime import datetime

import pytest
from django.utils import timezone

from conftest import PASSWORD
from thidua.surveys import services as survey_services
from thidua.surveys.models import Question, Questionnaire
from thidua.surveys.questionnaires import seed_questionnaires

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def _ratings(world) -> None:
    seed_questionnaires(Questionnaire, Question)
    desk = Questionnaire.objects.get(code="desk", is_current=True)
    for unit, scores in ((world.unit_a, (5, 5, 4, 2)), (world.unit_b, (5, 1, 2))):
        point = survey_services.collection_point_create(
            actor=None, unit=unit, name="Quầy 1", questionnaire=desk
        )
        for number, score in enumerate(scores):
            survey_services.rating_record(
                point=point,
                client_id=f"browser-{unit.code}-{number}",
                source="web",
                answers={"overall": score},
                submitted_at=timezone.make_aware(datetime(2021, 3 + number, 10, 9, 0)),
            )


def _number(text: str):
    text = text.strip()
    return float(text.replace(".", "").replace(",", ".")) if text else None


@pytest.mark.parametrize("width", [360, 1280])
def test_the_district_dashboard_draws_its_charts_and_its_tables_hold_the_feeds_figures(
    world, browser_page, settings, width
):
    settings.SURVEY_MIN_RESPONSES = 1
    _ratings(world)
    page = browser_page
    problems = []
    # A failed download is reported by URL below (the console message does not name it); the product has no
    # favicon, which the browser asks for by itself.
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and problems.append(message.text)
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and problems.append(f"{response.status} {response.url}")
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/accounts/login/")
    page.fill("input[name=username]", world.user("district_officer").username)
    page.fill("input[name=password]", PASSWORD)
    page.click("#main form button[type=submit]")
    page.wait_for_load_state()

    page.goto(f"/?campaign={world.campaign.pk}&year=2021")
    page.wait_for_selector("#district-dashboard[data-loaded=true]")
    page.wait_for_timeout(300)  # the charts paint on the next frame
    feed = page.evaluate(
        "url => fetch(url, {credentials: 'same-origin'}).then(r => r.json())",
        page.get_attribute("#district-dashboard", "data-dashboard"),
    )
    drawn = page.locator("#district-dashboard .chart canvas").count()
    assert drawn == page.locator("#district-dashboard .chart").count() >= 3
    assert page.locator("#district-dashboard .chart[aria-label]").count() == drawn
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for chart in feed["charts"]:
        card = page.locator(f"#district-dashboard-{chart['code']}")
        assert card.locator("h3").inner_text() == chart["title"]
        assert card.locator(".chart-description").inner_text() == chart["description"]
        if not chart["rows"]:
            continue
        card.locator("details summary").click()
        table = card.locator("details table")
        assert table.locator("tbody tr").count() == len(chart["rows"])
        for position, row in enumerate(chart["rows"]):
            line = table.locator("tbody tr").nth(position)
            for column in chart["columns"]:
                text = line.locator(f"[data-key='{column['key']}']").inner_text()
                if column["type"] in {"number", "integer"}:
                    assert _number(text) == row[column["key"]], (chart["code"], column["key"])
                elif column["type"] == "text":
                    assert text == (row[column["key"]] or ""), (chart["code"], column["key"])
        assert card.locator("a.export-link").get_attribute("href") == chart["export_url"]

    satisfaction = next(chart for chart in feed["charts"] if chart["code"] == "target-satisfaction_index")
    assert [row["value"] for row in satisfaction["rows"] if row["value"] is not None] == [75, 33.33]
    assert page.evaluate("window.__cspViolations") == []
    assert problems == []
