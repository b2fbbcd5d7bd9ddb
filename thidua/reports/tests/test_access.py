"""Every report page for every role: who reads, who acts, and another unit's report answers 404."""

import pytest
from django.urls import reverse

from conftest import PERSONAS
from thidua.reports.models import UnitReport

pytestmark = pytest.mark.django_db

UNIT_ROLES = {"officer_a", "head_a", "officer_b", "head_b"}
READ = dict.fromkeys(PERSONAS, 200) | {"anonymous": 302}
BOARD = {persona: (403 if persona in UNIT_ROLES else 200) for persona in PERSONAS} | {"anonymous": 302}
# unit A's report: its own people and the district's read it; unit B's people get 404.
UNIT_A_REPORT = READ | {"officer_b": 404, "head_b": 404}


def _pages(period, world):
    kwargs = {"period_id": period.pk}
    return {
        "list": (reverse("reports-period-list"), READ),
        "board": (reverse("reports-period-board", kwargs=kwargs), BOARD),
        "board-xlsx": (reverse("reports-period-board", kwargs=kwargs) + "?format=xlsx", BOARD),
        "report": (
            reverse("reports-unit-report", kwargs={**kwargs, "unit_code": world.unit_a.code}),
            UNIT_A_REPORT,
        ),
        "compiled": (reverse("reports-compiled", kwargs=kwargs), BOARD),
        **{
            f"compiled-{kind}": (
                reverse("reports-compiled-download", kwargs={**kwargs, "file_format": kind}),
                BOARD,
            )
            for kind in ("docx", "xlsx", "json")
        },
    }


PAGES = [
    "list",
    "board",
    "board-xlsx",
    "report",
    "compiled",
    "compiled-docx",
    "compiled-xlsx",
    "compiled-json",
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", PAGES)
def test_every_report_page_answers_each_role(world, period, client_as, persona, page):
    url, expected = _pages(period, world)[page]
    response = client_as(persona).get(url)
    assert response.status_code == expected[persona], (persona, url)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")


POSTS = {
    # move → persona allowed (everyone else refused)
    "save": "officer_a",
    "issue": "district_officer",
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_units_officer_saves_and_only_the_standing_office_issues(world, period, client_as, persona):
    client = client_as(persona)
    report_url = reverse(
        "reports-unit-report", kwargs={"period_id": period.pk, "unit_code": world.unit_a.code}
    )
    response = client.post(report_url, {"section_1": "Nội dung"})
    expected = {"officer_a": 302, "anonymous": 302, "officer_b": 404, "head_b": 404}.get(persona, 403)
    assert response.status_code == expected
    assert UnitReport.objects.filter(period=period).exists() == (persona == "officer_a")
    issue = client.post(reverse("reports-compiled-issue", kwargs={"period_id": period.pk}))
    expected = {"anonymous": 302, "district_officer": 302}.get(persona, 403)
    assert issue.status_code == expected


def test_a_unit_outside_the_campaign_and_an_unknown_period_answer_404(world, period, client_as):
    client = client_as("district_officer")
    assert client.get(f"/reports/periods/{period.pk}/units/no-such-unit/").status_code == 404
    assert client.get(f"/reports/periods/{period.pk}/units/{world.district.code}/").status_code == 404
    assert client.get("/reports/periods/999999/").status_code == 404
    url = reverse("reports-compiled-download", kwargs={"period_id": period.pk, "file_format": "exe"})
    assert client.get(url).status_code == 404


def test_another_districts_people_see_nothing_of_this_campaign(world, period):
    from django.test import Client

    from conftest import make_unit, make_user
    from thidua.organizations.models import Role, UnitKind

    other = make_unit("t-huyen-khac", "Huyện khác", UnitKind.DISTRICT)
    client = Client()
    client.force_login(make_user("noivu-khac", Role.DISTRICT_OFFICER, other))
    assert client.get(f"/reports/periods/{period.pk}/").status_code == 404
    assert client.get(f"/reports/periods/{period.pk}/units/{world.unit_a.code}/").status_code == 404
    assert period.name not in client.get("/reports/").content.decode()


@pytest.mark.parametrize("persona", ["district_officer", "viewer", "officer_a", "chairman"])
def test_the_standing_office_changes_a_due_date_with_a_reason(world, period, client_as, persona):
    url = reverse("reports-period-board", kwargs={"period_id": period.pk})
    client = client_as(persona)
    response = client.post(url, {"due_date": "2022-12-20", "reason": "Gia hạn do nghỉ lễ"})
    period.refresh_from_db()
    if persona == "district_officer":
        assert response.status_code == 302 and period.due_date.isoformat() == "2022-12-20"
        refused = client.post(url, {"due_date": "2022-12-01", "reason": "Sớm hơn"})
        assert refused.status_code == 400
        period.refresh_from_db()
        assert period.due_date.isoformat() == "2022-12-20"
    else:
        assert response.status_code == 403 and period.due_date.isoformat() == "2022-12-16"
