"""Helpers of the notification tests: run what the services announce, as after a real commit."""

import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): service(...)`` runs the after-commit listeners the service registered (the test's
    own transaction never commits)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
