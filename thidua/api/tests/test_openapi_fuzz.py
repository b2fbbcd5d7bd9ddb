"""schemathesis against a live server with the demo data: the OpenAPI document is exact.

Every operation of /api/openapi.json runs with a district officer's bearer token; the operations that need a
caller run anonymously and with a district officer's session cookie too (a public read answers the same to all
three, so it runs once). A server error (5xx), a status code the document does not declare, a response body that
breaks its declared schema or a wrong content type fails the test. Runs in ``make test`` (marker ``api_fuzz``);
each pass is bounded by ``FUZZ_MAX_EXAMPLES`` fuzzed cases per operation, beside schemathesis's deterministic
boundary cases (huge integers, control characters, missing fields), so the whole takes two to three minutes.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from thidua.organizations.models import Unit
from thidua.organizations.services import api_token_create

pytestmark = [pytest.mark.api_fuzz, pytest.mark.django_db(transaction=True)]

FUZZ_MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "10"))
PUBLIC_READS = r"^/api/(units|campaigns|models)"
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance"
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def _schemathesis(live_server, tmp_path, headers: tuple[str, ...], only_callers: bool) -> tuple[int, str]:
    command = [
        str(SCHEMATHESIS if SCHEMATHESIS.exists() else shutil.which("schemathesis")),
        "run",
        f"{live_server.url}/api/openapi.json",
        "--checks",
        CHECKS,
        "--max-examples",
        str(FUZZ_MAX_EXAMPLES),
        "--seed",
        "20211",
        "--generation-database",
        "none",
        # The live server of the test runs in one thread beside the test's database connection.
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--no-color",
    ]
    for header in headers:
        command += ["--header", header]
    if only_callers:
        command += ["--exclude-path-regex", PUBLIC_READS]
    environment = {**os.environ, "SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"}
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=600, cwd=tmp_path, env=environment, check=False
    )
    return finished.returncode, finished.stdout + finished.stderr


def _summary(output: str) -> str:
    found = re.search(r"(\d+) generated, .*", output)
    return found.group(0) if found else "no summary"


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", force=True, verbosity=0)
    district = Unit.objects.get(code="lp-huyen")
    _token, raw = api_token_create(actor=None, name="schemathesis", unit=district)
    browser = Client()
    browser.force_login(get_user_model().objects.get(username="noivu"))
    return {"token": raw, "session": browser.cookies[settings.SESSION_COOKIE_NAME].value}


@pytest.mark.parametrize("caller", ["district officer's token", "anonymous", "district officer's session"])
def test_every_operation_answers_only_what_the_openapi_document_declares(live_server, tmp_path, demo, caller):
    headers = {
        "anonymous": (),
        "district officer's token": (f"Authorization: Bearer {demo['token']}",),
        "district officer's session": (f"Cookie: sessionid={demo['session']}",),
    }[caller]
    status, output = _schemathesis(
        live_server, tmp_path, headers, only_callers=caller != "district officer's token"
    )
    print(f"schemathesis ({caller}): {_summary(output)}")
    assert status == 0, output[-20000:]
