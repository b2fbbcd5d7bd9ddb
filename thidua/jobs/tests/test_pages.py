import pytest
from django.urls import reverse

from thidua.jobs import services
from thidua.jobs.models import Job
from thidua.jobs.testing import run_queued_jobs
from thidua.jobs.tests.test_jobs import enqueue  # registers the test kinds

assert services  # imported for its side effect on the registry through test_jobs


@pytest.fixture
def done_job(world):
    job = enqueue(world.user("officer_a"), unit=world.unit_a)
    run_queued_jobs()
    return Job.objects.get(pk=job.pk)


@pytest.mark.django_db
def test_the_starter_sees_the_job_page_with_state_and_progress(client_as, done_job):
    response = client_as("officer_a").get(reverse("job-detail", args=[done_job.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Counted three." in body
    assert 'max="3" value="3"' in body
    assert "hx-get" not in body  # a finished job stops polling
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_a_queued_job_page_polls_and_refreshes_without_javascript(client_as, world):
    job = enqueue(world.user("officer_a"), unit=world.unit_a)
    body = client_as("officer_a").get(reverse("job-detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in body
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in body
    fragment = client_as("officer_a").get(reverse("job-detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert (
        fragment.content.decode().lstrip().startswith("<section")
        or "<section" in fragment.content.decode()[:80]
    )
    assert "<html" not in fragment.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("officer_a", 200),
        ("district_officer", 200),
        ("head_a", 404),
        ("officer_b", 404),
        ("council_member", 404),
        ("viewer", 404),
    ],
)
def test_only_the_starter_and_district_officers_see_a_job(client_as, done_job, persona, status):
    assert client_as(persona).get(reverse("job-detail", args=[done_job.pk])).status_code == status
    api = client_as(persona).get(f"/api/jobs/{done_job.pk}")
    assert api.status_code == status


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in_and_the_api_answers_401(client_as, done_job):
    page = client_as("anonymous").get(reverse("job-detail", args=[done_job.pk]))
    assert page.status_code == 302 and "/login" in page["Location"]
    assert client_as("anonymous").get(f"/api/jobs/{done_job.pk}").status_code == 401


@pytest.mark.django_db
def test_the_api_reports_state_done_total_and_message(client_as, done_job):
    data = client_as("officer_a").get(f"/api/jobs/{done_job.pk}").json()
    assert (data["state"], data["done"], data["total"], data["message"]) == ("done", 3, 3, "Counted three.")
    assert data["url"] == f"/jobs/{done_job.pk}/"
    assert data["result"]["counted"] == 3


@pytest.mark.django_db
def test_an_unknown_or_malformed_job_id_is_404_or_422_never_500(client_as, done_job):
    client = client_as("officer_a")
    assert client.get("/api/jobs/00000000-0000-0000-0000-000000000000").status_code == 404
    assert client.get("/api/jobs/not-a-uuid").status_code == 422
    assert client.get("/jobs/not-a-uuid/").status_code == 404


@pytest.mark.django_db
def test_a_person_lists_only_their_own_recent_jobs(client_as, world, done_job):
    enqueue(world.user("officer_b"), unit=world.unit_b)
    body = client_as("officer_a").get(reverse("job-list")).content.decode()
    assert body.count(f"/jobs/{done_job.pk}/") == 1
    assert len(client_as("officer_a").get("/api/jobs").json()) == 1
    assert len(client_as("officer_b").get("/api/jobs").json()) == 1


@pytest.mark.django_db
def test_a_result_file_downloads_only_for_those_who_see_the_job(client_as, done_job):
    services.job_attach_result_file(job=done_job, content=b"PK-data", filename="bao-cao.xlsx")
    url = reverse("job-download", args=[done_job.pk])
    response = client_as("officer_a").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK-data"
    assert "bao-cao.xlsx" in response["Content-Disposition"]
    assert client_as("officer_b").get(url).status_code == 404
