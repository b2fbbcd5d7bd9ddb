"""Job kinds and periodic work that apps register when they load, so the jobs app imports none of them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any


class JobError(Exception):
    """An expected failure told to the person in their language: a file that cannot be read, rows that are wrong.

    ``errors`` are row-level problems, each ``{"row": int | None, "column": str, "message": str}``.
    """

    def __init__(
        self,
        message: str,
        errors: list[dict[str, Any]] | None = None,
        error_count: int | None = None,
        result: dict[str, Any] | None = None,
    ):
        super().__init__(message)
        self.message = str(message)
        self.errors = errors or []
        self.error_count = len(self.errors) if error_count is None else error_count
        # What the job page still offers after the failure, e.g. {"confirm_url": …} to import anyway.
        self.result = result or {}


@dataclass(frozen=True)
class JobKind:
    code: str
    label: Any  # lazy translation
    handler: Callable[..., dict[str, Any] | None]  # handler(job, progress) -> result
    # A job whose work is all-or-nothing (one transaction) may run again after a worker died half-way.
    retry_safe: bool = True
    max_attempts: int = 2


@dataclass(frozen=True)
class PeriodicWork:
    name: str
    every: timedelta
    run: Callable[[], Any]
    description: str = ""
    # Seconds a run may take before another scheduler may take over the lease.
    lease_seconds: int = field(default=600)


_KINDS: dict[str, JobKind] = {}
_PERIODIC: dict[str, PeriodicWork] = {}


def register_job_kind(kind: JobKind) -> None:
    if kind.code in _KINDS and _KINDS[kind.code] != kind:
        raise ValueError(f"job kind {kind.code} registered twice")
    _KINDS[kind.code] = kind


def job_kind(code: str) -> JobKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise KeyError(f"unregistered job kind {code!r}") from None


def job_kinds() -> dict[str, JobKind]:
    return dict(_KINDS)


def register_periodic(work: PeriodicWork) -> None:
    if work.name in _PERIODIC and _PERIODIC[work.name] != work:
        raise ValueError(f"periodic work {work.name} registered twice")
    _PERIODIC[work.name] = work


def periodic_work() -> dict[str, PeriodicWork]:
    return dict(_PERIODIC)
