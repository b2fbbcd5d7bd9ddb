import pytest

from thidua.surveys import services
from thidua.surveys.models import Question, Questionnaire
from thidua.surveys.questionnaires import seed_questionnaires


def _current(code: str) -> Questionnaire:
    # A transactional test elsewhere may have flushed the rows the data migration seeded; put them back.
    seed_questionnaires(Questionnaire, Question)
    return Questionnaire.objects.get(code=code, is_current=True)


@pytest.fixture
def desk(db):
    return _current("desk")


@pytest.fixture
def sipas(db):
    return _current("sipas")


@pytest.fixture
def point_a(world, desk):
    return services.collection_point_create(actor=None, unit=world.unit_a, name="Quầy 1", questionnaire=desk)


@pytest.fixture
def point_a2(world, desk):
    return services.collection_point_create(actor=None, unit=world.unit_a, name="Quầy 2", questionnaire=desk)


@pytest.fixture
def point_b(world, desk):
    return services.collection_point_create(actor=None, unit=world.unit_b, name="Quầy 1", questionnaire=desk)


_counter = iter(range(10**9))


def rate(point, overall, client_id=None, **extra):
    """Record a desk rating with the given overall score (and optional element scores)."""
    answers = {"overall": overall, **extra.pop("answers", {})}
    response, _created = services.rating_record(
        point=point,
        client_id=client_id or f"test-client-{next(_counter):08d}",
        source="web",
        answers=answers,
        **extra,
    )
    return response
