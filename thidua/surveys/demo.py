"""Demo ratings for Long Phú, 2021–2022: one desk per unit, a few thousand ratings, all marked as demo.

Some units land above the 90% target and some below, so the district table and the campaign progress page
show both verdicts. Deterministic (a fixed random seed) and idempotent: nothing is added when demo points exist.
"""

import random
from collections import Counter
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from thidua.organizations.models import Unit
from thidua.surveys import caches, services, storage
from thidua.surveys.models import Answer, CollectionPoint, Questionnaire, Response

DEMO_DESK = "Bộ phận một cửa (dữ liệu mẫu)"
# unit code → (share of satisfied citizens, ratings over 2021–2022)
DEMO_UNITS = {
    "lp-tt-long-phu": (0.96, 420),
    "lp-xa-long-phu": (0.84, 360),
    "lp-tt-dai-ngai": (0.95, 380),
    "lp-xa-chau-khanh": (0.93, 300),
    "lp-xa-hau-thanh": (0.87, 300),
    "lp-xa-long-duc": (0.97, 280),
    "lp-xa-phu-huu": (0.91, 300),
    "lp-xa-song-phung": (0.82, 280),
    "lp-xa-tan-hung": (0.94, 300),
    "lp-xa-tan-thanh": (0.89, 260),
    "lp-xa-truong-khanh": (0.95, 280),
    "lp-phong-tn-mt": (0.86, 240),
    "lp-phong-tu-phap": (0.98, 200),
    "lp-phong-ld-tb-xh": (0.92, 220),
}
FIRST_DAY = date(2021, 5, 1)
LAST_DAY = date(2022, 12, 31)
COMMENTS = [
    "Cán bộ hướng dẫn tận tình.",
    "Thời gian chờ còn lâu.",
    "Nên có thêm ghế ngồi chờ.",
    "Thủ tục nhanh gọn.",
    "Mong được trả kết quả qua bưu điện.",
]


def _level(rng: random.Random, satisfied: bool) -> int:
    if satisfied:
        return 5 if rng.random() < 0.6 else 4
    roll = rng.random()
    return 3 if roll < 0.6 else 2 if roll < 0.9 else 1


def seed(*, stdout) -> None:
    if CollectionPoint.objects.filter(is_demo=True).exclude(unit__code__in=COMMUNE_2026_DESKS).exists():
        stdout.write("  demo satisfaction ratings already in place")
    else:
        _seed_district(stdout=stdout)
    _seed_commune_2026(stdout=stdout)


def _desk_questionnaire() -> Questionnaire | None:
    # A flushed database (a transactional test, a reset) lost the questionnaires the migration seeded.
    from thidua.surveys.models import Question
    from thidua.surveys.questionnaires import seed_questionnaires

    seed_questionnaires(Questionnaire, Question)
    return Questionnaire.objects.filter(code="desk", is_current=True).first()


def _seed_district(*, stdout) -> None:
    desk = _desk_questionnaire()
    if desk is None:
        return
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=DEMO_UNITS)}
    rng = random.Random(2021)  # noqa: S311 (demo data, not security)
    total = 0
    for code, (share, count) in DEMO_UNITS.items():
        unit = units.get(code)
        if unit is None:
            continue
        _seed_point(rng, desk, unit, DEMO_DESK, share, count, FIRST_DAY, LAST_DAY)
        total += count
    stdout.write(f"  demo satisfaction: {total} ratings at {len(units)} desks (marked as demo)")


# The commune Long Phú's Trung tâm Phục vụ hành chính công, 2026: unit code → (desk, share satisfied, ratings).
COMMUNE_2026_DESKS = {
    "ct-lp-tt-phvhc": [
        ("Quầy tiếp nhận số 1 (dữ liệu mẫu)", 0.95, 90),
        ("Quầy tiếp nhận số 2 (dữ liệu mẫu)", 0.9, 70),
    ]
}
FIRST_DAY_2026 = date(2026, 1, 5)
LAST_DAY_2026 = date(2026, 11, 27)


def _seed_commune_2026(*, stdout) -> None:
    codes = list(COMMUNE_2026_DESKS)
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
    if not units or CollectionPoint.objects.filter(is_demo=True, unit__code__in=codes).exists():
        return
    desk = _desk_questionnaire()
    if desk is None:
        return
    rng = random.Random(2026)  # noqa: S311 (demo data, not security)
    total = 0
    for code, desks in COMMUNE_2026_DESKS.items():
        unit = units.get(code)
        if unit is None:
            continue
        for name, share, count in desks:
            _seed_point(rng, desk, unit, name, share, count, FIRST_DAY_2026, LAST_DAY_2026)
            total += count
    stdout.write(f"  demo satisfaction 2026 of the commune Long Phú: {total} ratings (marked as demo)")


def _seed_point(rng, desk, unit, name, share, count, first_day, last_day) -> None:
    questions = {spec.code: spec for spec in caches.question_specs(desk)}
    element_codes = [code for code in questions if code != "overall"]
    span = (last_day - first_day).days
    point = services.collection_point_create(
        actor=None, unit=unit, name=name, questionnaire=desk, is_demo=True
    )
    responses, levels_per_response = [], []
    for number in range(count):
        day = first_day + timedelta(days=rng.randrange(span + 1))
        moment = timezone.make_aware(datetime.combine(day, time(rng.randrange(7, 17), rng.randrange(60))))
        satisfied = rng.random() < share
        overall = _level(rng, satisfied)
        levels = {questions["overall"].id: overall}
        if rng.random() < 0.5:
            for element in element_codes:
                levels[questions[element].id] = _level(rng, rng.random() < (share if satisfied else 0.4))
        reasons = rng.sample(desk.reasons, rng.randint(1, 2)) if overall <= 3 and rng.random() < 0.7 else []
        comment = rng.choice(COMMENTS) if rng.random() < 0.08 else ""
        responses.append(
            Response(
                collection_point=point,
                questionnaire=desk,
                client_id=f"demo:{point.pk}:{number}",
                source=rng.choice(["web", "web", "kiosk", "paper"]),
                submitted_at=moment,
                day=day,
                overall_level=overall,
                reasons=reasons,
                comment=comment,
                is_demo=True,
            )
        )
        levels_per_response.append(levels)
    created = Response.objects.bulk_create(responses, batch_size=1000)
    if any(response.pk is None for response in created):
        ids = dict(Response.objects.filter(collection_point=point).values_list("client_id", "pk"))
        for response in created:
            response.pk = ids[response.client_id]
    answers, answer_keys, response_keys = [], Counter(), Counter()
    for response, levels in zip(created, levels_per_response, strict=True):
        response_keys[(point.pk, response.day)] += 1
        for question_id, level in levels.items():
            answers.append(Answer(response_id=response.pk, question_id=question_id, level=level))
            answer_keys[(point.pk, response.day, question_id, level)] += 1
    Answer.objects.bulk_create(answers, batch_size=5000)
    storage.add_to_aggregates(answer_keys, response_keys)
