"""Shared by the awards benchmarks: a scratch database (SQLite or PostgreSQL) holding one district of N units with
a year of evidence in the three pillars, the plan's three targets and the awards rubric, made inside the benchmark.

The evidence is stored in bulk (units, collection points with monthly aggregates, approved models, reviewed
inspections with their findings), not through the services, so generating 1,000 units takes seconds; what is
measured afterwards reads it exactly as the product does. Each unit's figures differ (a deterministic spread), so
some units meet every target and others miss one.
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from surveys_common import PYTHON, ROOT, manage, scratch_env  # noqa: E402

YEAR = 2022
DISTRICT = "b-huyen"


def run_inner(script: Path, db: str, name: str, arguments: list[str]) -> int:
    """Migrate a fresh database of the kind and run ``script --inner`` against it; its exit code."""
    env = scratch_env(db, name)
    env.pop("BENCH_BARE_VIEW", None)
    manage(env, "migrate", "--noinput", "-v0")
    return subprocess.call([PYTHON, str(script), "--inner", *arguments], cwd=ROOT, env=env)


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def generate(units: int) -> dict:
    """The district, its ``units`` communes with a year of evidence, the campaign, the rubric and the council rule.

    Returns the objects the benchmarks need: campaign, award type, officer, chairman, unit ids."""
    from collections import Counter
    from datetime import date

    from django.utils import timezone

    from thidua.awards import services as awards
    from thidua.awards.demo import AWARD_CODE, CRITERIA, RULE, restore_national_data
    from thidua.awards.models import AwardType
    from thidua.campaigns import services as campaigns
    from thidua.campaigns.demo import TARGETS
    from thidua.initiatives.models import ModelStatus, ReformModel
    from thidua.inspections import checklist_data
    from thidua.inspections import services as inspections
    from thidua.inspections.models import Finding, FindingResult, Inspection, InspectionKind, InspectionStatus
    from thidua.organizations import services as org
    from thidua.organizations.models import Membership, Role, Unit, UnitKind, User
    from thidua.surveys import storage
    from thidua.surveys.models import CollectionPoint, Question, Questionnaire
    from thidua.surveys.questionnaires import seed_questionnaires

    seed_questionnaires(Questionnaire, Question)
    restore_national_data()
    district = org.unit_create(
        actor=None,
        code=DISTRICT,
        name="Long Phú",
        official_name="Ủy ban nhân dân huyện Long Phú (bench)",
        kind=UnitKind.DISTRICT,
        document_abbreviation="UBND",
    )
    Unit.objects.bulk_create(
        [
            Unit(
                code=f"b-xa-{number:04d}",
                name=f"Đơn vị {number:04d}",
                official_name=f"Ủy ban nhân dân xã Đơn vị {number:04d} (bench)",
                kind=UnitKind.COMMUNE_COMMITTEE,
                parent=district,
                is_confirmed=True,
                document_abbreviation="UBND",
                search_key=f"don vi {number:04d}",
            )
            for number in range(units)
        ],
        batch_size=500,
    )
    communes = list(Unit.objects.filter(parent=district).order_by("code"))
    # Accounts without a password hash (the hash alone costs a second here): nobody signs in to a benchmark.
    officer = User.objects.create(username="b-noivu", full_name="Cán bộ Phòng Nội vụ (bench)")
    chairman = User.objects.create(username="b-chutich", full_name="Chủ tịch UBND huyện (bench)")
    Membership.objects.create(user=officer, unit=district, role=Role.DISTRICT_OFFICER)
    Membership.objects.create(user=chairman, unit=district, role=Role.CHAIRMAN)

    campaign = campaigns.campaign_create(
        actor=None,
        number="47/KH-UBND",
        title="Kế hoạch thi đua (bench)",
        issue_date=date(2021, 4, 28),
        issuing_unit=district,
        period_start=date(2021, 1, 1),
        period_end=date(2022, 12, 31),
        legal_bases="Kế hoạch của UBND tỉnh (bench)",
        summary="bench",
        participating_kinds=[UnitKind.COMMUNE_COMMITTEE],
    )
    for position, target in enumerate(TARGETS):
        campaigns.target_create(actor=None, campaign=campaign, position=position, **target)

    # Reform models: three units in four have one approved.
    ReformModel.objects.bulk_create(
        [
            ReformModel(
                unit=unit,
                campaign=campaign,
                year=YEAR,
                title=f"Mô hình văn hóa công sở {index} (bench)",
                category="service_delivery",
                problem="Người dân chờ lâu tại bộ phận một cửa (bench).",
                solution="Công chức thực hiện quy tắc ứng xử văn hóa công sở (bench).",
                started_on=date(YEAR, 2, 1),
                status=ModelStatus.APPROVED,
                created_by=officer,
            )
            for index, unit in enumerate(communes)
            if index % 4 != 3
        ],
        batch_size=500,
    )

    # Satisfaction: one desk per unit, 20 ratings a month; the satisfied share runs from 80% to 100% over units.
    desk = Questionnaire.objects.get(code="desk", is_current=True)
    overall = Question.objects.get(questionnaire=desk, code="overall")
    CollectionPoint.objects.bulk_create(
        [
            CollectionPoint(
                unit=unit, name="Bộ phận một cửa (bench)", token=f"bench{unit.pk:07d}", questionnaire=desk
            )
            for unit in communes
        ],
        batch_size=500,
    )
    points = dict(CollectionPoint.objects.filter(unit__parent=district).values_list("unit_id", "pk"))
    answers, responses = Counter(), Counter()
    for index, unit in enumerate(communes):
        satisfied = 16 + index % 5  # 16..20 of 20 → 80%..100%
        for month in range(1, 13):
            day = date(YEAR, month, 15)
            point = points[unit.pk]
            responses[(point, day)] += 20
            answers[(point, day, overall.pk, 5)] += satisfied
            if satisfied < 20:
                answers[(point, day, overall.pk, 2)] += 20 - satisfied
    storage.add_to_aggregates(answers, responses)

    # Office culture: one reviewed scheduled inspection per unit; a unit fails 0 to 6 of the checklist's points.
    template = inspections.checklist_create(
        actor=None,
        code=checklist_data.CODE,
        title=checklist_data.TITLE,
        legal_bases=checklist_data.LEGAL_BASES,
        items=checklist_data.ITEMS,
    )
    items = list(template.items_for(communes[0]))
    now = timezone.now()
    Inspection.objects.bulk_create(
        [
            Inspection(
                unit=unit,
                template=template,
                kind=InspectionKind.SCHEDULED,
                inspected_on=date(YEAR, 6, 1),
                status=InspectionStatus.REVIEWED,
                created_by=officer,
                submitted_by=officer,
                submitted_at=now,
                reviewed_by=officer,
                reviewed_at=now,
                is_demo=True,
            )
            for unit in communes
        ],
        batch_size=500,
    )
    findings = []
    for index, (inspection_id, _unit_id) in enumerate(
        Inspection.objects.filter(unit__parent=district).order_by("unit__code").values_list("pk", "unit_id")
    ):
        failed = index % 7  # the first 0..6 single-point items fail
        for position, item in enumerate(items):
            result = FindingResult.FAIL if position < failed and item.weight == 1 else FindingResult.PASS
            findings.append(
                Finding(inspection_id=inspection_id, item=item, result=result, updated_by=officer)
            )
    Finding.objects.bulk_create(findings, batch_size=2000)

    award = AwardType.objects.get(code=AWARD_CODE)
    awards.council_rule_create(actor=officer, authority=district, award_type=award, reason="bench", **RULE)
    awards.rubric_create(
        actor=officer,
        campaign=campaign,
        year=YEAR,
        award_type=award,
        criteria=CRITERIA,
        tie_break="women_share",
        report_form="bench",
    )
    return {
        "campaign": campaign,
        "award": award,
        "officer": officer,
        "chairman": chairman,
        "district": district,
        "units": communes,
    }
