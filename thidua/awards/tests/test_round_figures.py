"""The frozen figures of a round opened on the pillars' real indicators, in both languages, are what each unit's
own page would say: value, detail, evidence link and time, each read for one unit at a time the direct way.

The indicators measure all units in one call (one query per indicator, the route reversed and the words
translated once per call, findings counted in the database); these tests hold that to the per-unit reading.
"""

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.awards import services
from thidua.awards.models import EvaluationFigure
from thidua.core.links import code_link
from thidua.initiatives.models import COUNTED_STATUSES, ReformModel
from thidua.inspections.selectors import unit_compliance
from thidua.surveys.selectors import satisfaction_verdict, unit_summaries, year_bounds

pytestmark = pytest.mark.django_db

BENCH = Path(__file__).resolve().parents[3] / "bench"
UNITS = 9


@pytest.fixture
def bench_world(empty_database):
    """The benchmark's world (bench/awards_common.py) for a few units: every pillar's evidence, varied."""
    sys.path.insert(0, str(BENCH))
    try:
        from awards_common import generate
    finally:
        sys.path.remove(str(BENCH))
    return generate(UNITS)


def expected_targets(world, unit) -> dict[str, tuple]:
    """(value, detail, evidence link) per indicator for one unit, read alone, with ``reverse`` and gettext."""
    campaign, year = world["campaign"], 2022
    models = ReformModel.objects.filter(campaign=campaign, year=year, unit=unit)
    total, counted = models.count(), models.filter(status__in=COUNTED_STATUSES).count()
    if total:
        reform = (
            Decimal(counted),
            _("%(counted)s of %(total)s recorded models approved") % {"counted": counted, "total": total},
            f"{reverse('reform-model-list')}?campaign={campaign.pk}&year={year}&unit={unit.pk}",
        )
    else:
        reform = (Decimal(0), _("No model recorded for this year"), "")
    summary = unit_summaries([unit.pk], *year_bounds(year))[unit.pk]
    target = campaign.targets.get(indicator="satisfaction_index")
    detail = _("%(rule)s · %(responses)s responses") % {
        "rule": summary.rule_label,
        "responses": summary.responses,
    }
    if satisfaction_verdict(summary, target) == "no_data":
        detail = summary.data_status_label
    satisfaction = (
        summary.index,
        detail,
        reverse("satisfaction-unit", args=[unit.code]) + f"?year={year}",
    )
    compliance = unit_compliance([unit.pk], year)[unit.pk]
    culture = (
        compliance.percent,
        _("%(inspections)s inspection(s); %(open)s open remediation(s), %(overdue)s overdue")
        % {
            "inspections": compliance.counted_inspections,
            "open": compliance.open_remediations,
            "overdue": compliance.overdue_remediations,
        },
        reverse("compliance-unit", kwargs={"unit_code": unit.code}) + "?year=2022",
    )
    return {"reform_models": reform, "satisfaction_index": satisfaction, "office_culture": culture}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_frozen_figure_is_what_the_unit_read_alone_gives(bench_world, language):
    with translation.override(language):
        evaluation_round = services.round_open(
            actor=bench_world["officer"],
            campaign=bench_world["campaign"],
            year=2022,
            award_type=bench_world["award"],
            planned_decision_date=date(2023, 2, 15),
        )
        expected = {unit.pk: expected_targets(bench_world, unit) for unit in bench_world["units"]}
    figures = list(EvaluationFigure.objects.filter(entry__round=evaluation_round).select_related("entry"))
    assert {figure.entry.unit_id for figure in figures} == set(expected)
    checked = set()
    for figure in figures:
        assert figure.computed_at == evaluation_round.computed_at
        if figure.indicator:
            value, detail, url = expected[figure.entry.unit_id][figure.indicator]
            assert (figure.value, figure.detail, figure.evidence_url) == (value, detail, url), figure.code
            checked.add((figure.kind, figure.indicator))
    assert checked == {
        (kind, indicator)
        for kind in ("target", "criterion")
        for indicator in ("reform_models", "satisfaction_index", "office_culture")
    }
    # The reading itself, spelled out for one unit (the first commune: 80% satisfied, nothing failed).
    first = bench_world["units"][0]
    culture = next(f for f in figures if f.entry.unit_id == first.pk and f.code == "office_culture")
    words = {
        "vi": "1 cuộc kiểm tra; 0 việc khắc phục chưa xong, 0 quá hạn",
        "en": "1 inspection(s); 0 open remediation(s), 0 overdue",
    }
    assert (culture.value, culture.evidence_url) == (
        Decimal("100.00"),
        f"/inspections/compliance/{first.code}/?year=2022",
    )
    assert culture.detail == words[language]


def test_a_code_link_is_the_reversed_route_and_refuses_what_reverse_refuses():
    link = code_link("satisfaction-unit")
    for code in ["b-xa-0001", "lp_xa_2", "A9"]:
        assert link(code) == reverse("satisfaction-unit", args=[code])
    for code in ["xã-long-phú", "a/b", ""]:
        with pytest.raises(NoReverseMatch):
            reverse("satisfaction-unit", args=[code])
        with pytest.raises(NoReverseMatch):
            link(code)
