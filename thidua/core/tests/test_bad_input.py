"""Random and malformed query strings never produce a server error on the foundation's pages and endpoints."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PAGES = ["/units/", "/audit/", "/campaigns/{campaign}/progress/", "/campaigns/{campaign}/registrations/"]
API = ["/api/units", "/api/campaigns/{campaign}/progress"]
KEYS = [
    "q",
    "kind",
    "on",
    "year",
    "page",
    "page_size",
    "format",
    "action",
    "unit",
    "actor",
    "date_from",
    "date_to",
]
values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["-1", "0", "99999999999999999999", "2021", "xlsx", "csv", "31/02/2021", "NaN", "\x00", "%"]
    ),
)
queries = st.dictionaries(st.sampled_from(KEYS), values, max_size=5)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries, page=st.sampled_from(PAGES))
def test_pages_answer_without_a_server_error(world, client_as, query, page):
    client = client_as("district_officer")
    response = client.get(page.format(campaign=world.campaign.pk), query)
    assert response.status_code in {200, 400}, (page, query, response.status_code)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries, path=st.sampled_from(API))
def test_api_answers_200_or_a_4xx_with_a_detail(world, client, query, path):
    response = client.get(path.format(campaign=world.campaign.pk), query)
    assert response.status_code in {200, 404, 422}, (path, query, response.status_code)
    if response.status_code != 200:
        assert response.json()["detail"]
