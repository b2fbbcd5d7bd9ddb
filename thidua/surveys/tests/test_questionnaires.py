from thidua.core.models import AuditEntry
from thidua.surveys import services
from thidua.surveys.models import Question, Questionnaire, Response
from thidua.surveys.tests.conftest import rate


def test_sipas_has_five_elements_and_nineteen_items_four_four_five_three_three(sipas):
    items = Question.objects.filter(questionnaire=sipas, is_overall=False)
    per_element = [items.filter(element=code).count() for code, _label in sipas.elements]
    assert per_element == [4, 4, 5, 3, 3]
    assert items.count() == 19
    assert Question.objects.filter(questionnaire=sipas, is_overall=True).count() == 1
    assert sipas.index_rule == "element_mean"


def test_desk_rating_has_overall_score_and_the_five_elements_as_quick_questions(desk):
    codes = list(Question.objects.filter(questionnaire=desk).values_list("code", flat=True))
    assert codes == ["overall", "access", "procedure", "civil_servant", "result", "feedback"]
    assert desk.index_rule == "overall_question"
    assert desk.low_score_max == 3
    assert desk.reasons


def test_changing_an_answered_questionnaire_creates_a_new_version_and_answers_keep_theirs(point_a, desk):
    response = rate(point_a, 5)
    revised = services.questionnaire_revise(
        actor=None, questionnaire=desk, index_rule="element_mean", change_reason="Theo hướng dẫn mới"
    )
    assert revised.pk != desk.pk
    assert revised.version == 2
    assert revised.index_rule == "element_mean"
    desk.refresh_from_db()
    assert desk.is_current is False and desk.index_rule == "overall_question"
    assert Response.objects.get(pk=response.pk).questionnaire_id == desk.pk
    point_a.refresh_from_db()
    assert point_a.questionnaire_id == revised.pk
    assert revised.questions.count() == 6
    assert AuditEntry.objects.filter(action="questionnaire.revised").count() == 1


def test_changing_an_unanswered_questionnaire_edits_it_in_place(desk):
    revised = services.questionnaire_revise(actor=None, questionnaire=desk, title="Đánh giá tại quầy")
    assert revised.pk == desk.pk
    assert Questionnaire.objects.filter(code="desk").count() == 1
    assert Questionnaire.objects.get(pk=desk.pk).title == "Đánh giá tại quầy"
