"""A desk officer on a phone uploads paper forms and watches the job page finish without reloading it."""

import pytest

from thidua.jobs.models import Job, JobState
from thidua.jobs.testing import run_queued_jobs
from thidua.surveys.models import Response
from thidua.surveys.tests.test_import import VIETNAMESE_HEADER, xlsx


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_upload_goes_to_its_job_page_which_updates_itself_until_done(
    browser_page, browser_login, point_a, tmp_path
):
    path = tmp_path / "phieu.xlsx"
    path.write_bytes(xlsx([["01/03/2021", None, 5] + [None] * 7] * 12, header=VIETNAMESE_HEADER))
    page = browser_login("officer_a")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/satisfaction/units/{point_a.unit.code}/import/")
    page.set_input_files("input[type=file]", str(path))
    page.click("#main form[enctype] button[type=submit]")
    page.wait_for_url("**/jobs/*/")
    job = Job.objects.get()
    assert page.locator(".state").inner_text() == "Đang chờ"
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    url_before = page.url
    run_queued_jobs()
    # htmx polls the status every second; the page shows the outcome without a reload.
    page.locator(".state", has_text="Hoàn thành").wait_for(timeout=10000)
    assert page.url == url_before
    assert "Đã nhập 12 phiếu." in page.locator("#job-status").inner_text()
    assert Job.objects.get(pk=job.pk).state == JobState.DONE
    assert Response.objects.count() == 12
    assert violations == []
