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
    if CollectionPoint.objects.filter(is_demo=True).exists():
        stdout.write("  demo satisfaction ratings already in place")
        return
    # A flushed database (a transactional test, a reset) lost the questionnaires the migration seeded.
    from thidua.surveys.models import Question
    from thidua.surveys.questionnaires import seed_questionnaires

    seed_questionnaires(Questionnaire, Question)
    desk = Questionnaire.objects.filter(code="desk", is_current=True).first()
    if desk is None:
        return
    questions = {spec.code: spec for spec in caches.question_specs(desk)}
    element_codes = [code for code in questions if code != "overall"]
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=DEMO_UNITS)}
    rng = random.Random(2021)  # noqa: S311 (demo data, not security)
    span = (LAST_DAY - FIRST_DAY).days
    total = 0
    for code, (share, count) in DEMO_UNITS.items():
        unit = units.get(code)
        if unit is None:
            continue
        point = services.collection_point_create(
            actor=None, unit=unit, name=DEMO_DESK, questionnaire=desk, is_demo=True
        )
        responses, levels_per_response = [], []
        for number in range(count):
            day = FIRST_DAY + timedelta(days=rng.randrange(span + 1))
            moment = timezone.make_aware(datetime.combine(day, time(rng.randrange(7, 17), rng.randrange(60))))
            satisfied = rng.random() < share
            overall = _level(rng, satisfied)
            levels = {questions["overall"].id: overall}
            if rng.random() < 0.5:
                for element in element_codes:
                    levels[questions[element].id] = _level(rng, rng.random() < (share if satisfied else 0.4))
            reasons = (
                rng.sample(desk.reasons, rng.randint(1, 2)) if overall <= 3 and rng.random() < 0.7 else []
            )
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
        total += count
    stdout.write(f"  demo satisfaction: {total} ratings at {len(units)} desks (marked as demo)")
