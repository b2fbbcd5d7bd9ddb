"""The satisfaction pillar's periodic work: every night the aggregates are checked against the raw answers."""

from datetime import timedelta

from thidua.jobs.registry import PeriodicWork, register_periodic


class AggregatesDisagree(Exception):
    pass


def verify_aggregates() -> None:
    """A disagreement is recorded as the run's error (``manage.py run_periodic --list`` shows it); the fix is
    ``manage.py survey_aggregates --rebuild``, which a person decides to run."""
    from thidua.surveys import aggregates

    differing = [
        f"{comparison.table}: {len(comparison.differences)} rows differ"
        for comparison in aggregates.verify()
        if not comparison.agrees
    ]
    if differing:
        raise AggregatesDisagree("; ".join(differing))


register_periodic(
    PeriodicWork(
        "surveys.verify_aggregates",
        timedelta(days=1),
        verify_aggregates,
        "Check the satisfaction aggregates against the raw answers",
    )
)
