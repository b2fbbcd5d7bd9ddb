"""Random and malformed input never produces a 500, and a rejected request leaves nothing behind."""

import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.jobs.models import Job, JobState
from thidua.jobs.testing import run_queued_jobs
from thidua.organizations import services as org_services
from thidua.surveys.models import ImportBatch, Response

PROPERTY_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

FIELD_NAMES = [
    "client_id",
    "q_overall",
    "q_access",
    "q_result",
    "reasons",
    "comment",
    "dossier_code",
    "website",
    "q_",
]
VALUES = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        ["1", "3", "5", "0", "6", "-1", "5.0", " 4 ", "", "x" * 90, "Phải đi lại nhiều lần", "abcdefgh12"]
    ),
)
FORM = st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12)), VALUES, max_size=8)

JSON_LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30)
)
JSON = st.recursive(
    JSON_LEAF,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


@pytest.fixture
def unthrottled(settings):
    settings.SURVEY_RATE_LIMIT = 10**6
    cache.clear()


@PROPERTY_SETTINGS
@given(form=FORM)
def test_random_forms_on_the_public_page_never_500_and_store_at_most_one(point_a, unthrottled, form):
    form = {key.replace("\x00", ""): value.replace("\x00", "") for key, value in form.items()}
    before = Response.objects.count()
    reply = Client().post(point_a.rating_path, form)
    assert reply.status_code in {303, 400}
    stored = Response.objects.count() - before
    assert stored in {0, 1}
    if reply.status_code == 400:
        assert stored == 0


@PROPERTY_SETTINGS
@given(
    body=st.binary(max_size=300),
    content_type=st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "text/plain",
            "application/json",
        ]
    ),
)
def test_random_bytes_on_the_public_page_never_500(point_a, unthrottled, body, content_type):
    before = Response.objects.count()
    reply = Client().generic("POST", point_a.rating_path, body, content_type=content_type)
    assert reply.status_code < 500
    assert Response.objects.count() - before in {0, 1}


@pytest.fixture
def token(world):
    return org_services.api_token_create(actor=None, name="Một cửa", unit=world.unit_a)[1]


@PROPERTY_SETTINGS
@given(body=JSON, answers=st.dictionaries(st.sampled_from(["overall", "access", "x"]), JSON_LEAF, max_size=3))
def test_random_json_on_the_rating_api_never_500(point_a, token, body, answers):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    before = Response.objects.count()
    reply = client.post("/api/ratings", json.dumps(body), content_type="application/json")
    assert reply.status_code in {400, 422}
    structured = {"id": "prop-1", "collection_point": point_a.token, "answers": answers}
    if isinstance(body, dict):
        structured.update(
            {
                key: value
                for key, value in body.items()
                if key in {"dossier_code", "reasons", "comment", "submitted_at"}
            }
        )
    reply = client.post("/api/ratings", json.dumps(structured), content_type="application/json")
    assert reply.status_code in {200, 201, 422}
    assert Response.objects.count() - before == (1 if reply.status_code == 201 else 0)
    Response.objects.filter(client_id="api:prop-1").delete()


@PROPERTY_SETTINGS
@given(body=st.binary(max_size=200))
def test_random_bytes_on_the_rating_api_never_500(point_a, token, body):
    reply = Client(HTTP_AUTHORIZATION=f"Bearer {token}").generic(
        "POST", "/api/ratings", body, content_type="application/json"
    )
    assert 400 <= reply.status_code < 500


CSV_CELL = st.one_of(
    st.sampled_from(["01/03/2021", "5", "1", "9", "", "x", "2021-13-01", "Phải đi lại nhiều lần"]),
    st.text(max_size=15),
)


@PROPERTY_SETTINGS
@given(
    content=st.one_of(
        st.binary(max_size=400),
        st.lists(st.lists(CSV_CELL, min_size=1, max_size=5), min_size=1, max_size=6).map(
            lambda rows: "\n".join(
                [",".join(["ngay", "overall", "access", "ma_ho_so", "y_kien"])]
                + [",".join(row) for row in rows]
            ).encode()
        ),
        st.binary(max_size=200).map(lambda tail: b"PK\x03\x04" + tail),
    )
)
def test_random_import_files_never_500_and_a_rejection_leaves_nothing(client_as, point_a, content):
    before = (Response.objects.count(), ImportBatch.objects.count())
    reply = client_as("officer_a").post(
        f"/satisfaction/units/{point_a.unit.code}/import/",
        {"point": point_a.pk, "file": SimpleUploadedFile("f.csv", content)},
    )
    assert reply.status_code in {302, 400}
    if reply.status_code == 400:
        assert (Response.objects.count(), ImportBatch.objects.count()) == before
        return
    job = Job.objects.get(pk=reply["Location"].split("/")[2])
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state in {JobState.DONE, JobState.FAILED}
    assert "lỗi ngoài dự kiến" not in job.message  # a bad file is an expected failure, told plainly
    if job.state == JobState.FAILED:
        assert (Response.objects.count(), ImportBatch.objects.count()) == before
    else:
        assert ImportBatch.objects.count() == before[1] + 1
