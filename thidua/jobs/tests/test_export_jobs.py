"""Big exports as jobs: above EXPORT_INLINE_MAX_ROWS a download becomes a job whose page offers the file."""

import os
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import make_unit
from thidua.core.tests.xlsx import table_of
from thidua.core.uploads import private_storage
from thidua.jobs.exports import EXPORT_KIND
from thidua.jobs.models import Job, JobState
from thidua.jobs.testing import run_queued_jobs
from thidua.organizations.models import Membership, Unit, UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    private_storage.__dict__.pop("base_location", None)
    private_storage.__dict__.pop("location", None)
    yield tmp_path
    private_storage.__dict__.pop("base_location", None)
    private_storage.__dict__.pop("location", None)


@pytest.fixture
def small_threshold(settings, files):
    settings.EXPORT_INLINE_MAX_ROWS = 2


def _export_job(client, url: str) -> Job:
    response = client.get(url)
    assert response.status_code == 302
    job = Job.objects.get(kind=EXPORT_KIND)
    assert response["Location"] == reverse("job-detail", args=[job.pk])
    return job


def test_an_export_below_the_threshold_stays_a_direct_download(world, client_as, files):
    response = client_as("district_officer").get("/units/", {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="don-vi-')
    assert not Job.objects.exists()


def test_an_export_above_the_threshold_redirects_to_its_job_whose_page_offers_the_file(
    world, client_as, small_threshold
):
    client = client_as("district_officer")
    job = _export_job(client, "/units/?format=xlsx")
    assert (job.state, job.total, job.created_by, job.unit) == (
        JobState.QUEUED,
        Unit.objects.count(),
        world.user("district_officer"),
        None,
    )
    assert job.title == "Xuất bảng: Danh sách đơn vị"
    assert run_queued_jobs() == 1
    job.refresh_from_db()
    assert (job.state, job.message) == (JobState.DONE, "Tệp đã sẵn sàng.")
    assert job.result_name.startswith("don-vi-") and job.result_name.endswith(".xlsx")
    page = client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert reverse("job-download", args=[job.pk]) in page
    download = client.get(reverse("job-download", args=[job.pk]))
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    header, *rows = table_of(content)
    assert header[0] == "Mã"
    assert {row[0] for row in rows} == set(Unit.objects.values_list("code", flat=True))


def test_the_export_job_keeps_the_filters_of_the_request_and_names_its_exporter(
    world, client_as, small_threshold
):
    client = client_as("district_officer")
    make_unit("t-xa-khac", "Khác", UnitKind.COMMUNE_COMMITTEE, parent=world.district)
    wanted = set(Unit.objects.filter(kind=UnitKind.COMMUNE_COMMITTEE).values_list("code", flat=True))
    assert 2 < len(wanted) < Unit.objects.count()
    job = _export_job(client, f"/units/?kind={UnitKind.COMMUNE_COMMITTEE}&format=xlsx")
    run_queued_jobs()
    content = b"".join(client.get(reverse("job-download", args=[job.pk])).streaming_content)
    assert {row[0] for row in table_of(content)[1:]} == wanted
    sheet = load_workbook(BytesIO(content)).active
    assert sheet["A3"].value.startswith("Loại: ")
    assert sheet["A4"].value.endswith(world.user("district_officer").get_full_name() or "district_officer")


def test_a_csv_export_above_the_threshold_becomes_a_csv_file_of_the_job(world, client_as, small_threshold):
    client = client_as("district_officer")
    job = _export_job(client, "/units/?format=csv")
    run_queued_jobs()
    job.refresh_from_db()
    assert job.result_name.endswith(".csv")
    text = b"".join(client.get(reverse("job-download", args=[job.pk])).streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Mã,")
    assert len(text.splitlines()) == 1 + Unit.objects.count()


@pytest.mark.parametrize("persona", ["officer_a", "head_a", "officer_b", "council_member", "viewer"])
def test_another_user_can_neither_see_nor_download_the_export_job(world, client_as, small_threshold, persona):
    job = _export_job(client_as("district_officer"), "/units/?format=xlsx")
    run_queued_jobs()
    other = client_as(persona)
    assert other.get(reverse("job-detail", args=[job.pk])).status_code == 404
    assert other.get(reverse("job-download", args=[job.pk])).status_code == 404


def test_the_job_checks_access_again_and_stores_no_file_when_the_right_was_withdrawn(
    world, client_as, small_threshold
):
    job = _export_job(client_as("district_officer"), "/units/?format=xlsx")
    Membership.objects.filter(user=world.user("district_officer")).update(is_active=False)
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.message == "Bạn không còn quyền xuất bảng này, hoặc điều kiện lọc không còn hợp lệ."
    assert not job.result_file
    root = private_storage.path("jobs")
    assert not [name for name in (os.listdir(root) if os.path.isdir(root) else []) if name.endswith(".out")]
