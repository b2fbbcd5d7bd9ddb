"""The questionnaire editor: who may use it, versions (answers keep theirs), the preview, JSON export and import."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import PERSONAS
from thidua.core.models import AuditEntry
from thidua.surveys import questionnaire_json, services
from thidua.surveys.models import Answer, Question, Questionnaire, Response
from thidua.surveys.tests.conftest import rate

MANAGERS = {"district_officer"}


def state():
    """Everything the editor could change: versions, their questions, where points and answers point."""
    return (
        sorted(
            Questionnaire.objects.values_list(
                "code", "version", "is_current", "title", "index_rule", "elements", "reasons"
            )
        ),
        sorted(Question.objects.values_list("questionnaire_id", "position", "code", "element", "text")),
        sorted(Response.objects.values_list("pk", "questionnaire_id")),
        sorted(Answer.objects.values_list("response_id", "question_id")),
        AuditEntry.objects.filter(action__startswith="questionnaire.").count(),
    )


def editor_post(questionnaire, *, elements=None, questions=None, change_reason="", **fields) -> dict:
    """The editor's POST: the version's content unless given, rows numbered in order."""
    content = questionnaire_json.content_of(questionnaire)
    elements = (
        elements
        if elements is not None
        else [{"code": c, "label": label} for c, label in content["elements"]]
    )
    questions = questions if questions is not None else content["questions"]
    data = {
        "title": fields.get("title", content["title"]),
        "index_rule": fields.get("index_rule", content["index_rule"]),
        "low_score_max": str(fields.get("low_score_max", content["low_score_max"])),
        "reasons": "\n".join(fields.get("reasons", content["reasons"])),
        "change_reason": change_reason,
    }
    for prefix, rows, keys in (
        ("elements", elements, ("code", "label")),
        ("questions", questions, ("code", "element", "text")),
    ):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": str(len(rows)),
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-ORDER"] = str(row.get("ORDER", index + 1))
            for key in keys:
                data[f"{prefix}-{index}-{key}"] = row.get(key, "")
            for flag in ("is_overall", "required"):
                if row.get(flag):
                    data[f"{prefix}-{index}-{flag}"] = "on"
            if row.get("DELETE"):
                data[f"{prefix}-{index}-DELETE"] = "on"
    return data


# --- access -------------------------------------------------------------------------------------------------


PAGES = [
    ("list", lambda q: reverse("questionnaire-list")),
    ("detail", lambda q: reverse("questionnaire-detail", args=[q.pk])),
    ("editor", lambda q: reverse("questionnaire-edit", args=[q.pk])),
    ("preview", lambda q: reverse("questionnaire-preview", args=[q.pk])),
    ("export", lambda q: reverse("questionnaire-export", args=[q.pk])),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("page", "url"), PAGES, ids=[page for page, _url in PAGES])
def test_only_the_district_officer_reaches_the_editor_pages(client_as, desk, persona, page, url):
    response = client_as(persona).get(url(desk))
    if persona == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == (200 if persona in MANAGERS else 403), page


@pytest.mark.parametrize("persona", PERSONAS)
def test_saving_and_importing_is_refused_to_every_other_role_and_changes_nothing(client_as, desk, persona):
    before = state()
    client = client_as(persona)
    saved = client.post(reverse("questionnaire-edit", args=[desk.pk]), editor_post(desk, title="Tiêu đề mới"))
    upload = SimpleUploadedFile(
        "q.json", json.dumps({**questionnaire_json.to_document(desk), "code": "desk2"}).encode()
    )
    imported = client.post(reverse("questionnaire-list"), {"file": upload})
    if persona in MANAGERS:
        assert saved.status_code == 302 and imported.status_code == 302
        return
    expected = 302 if persona == "anonymous" else 403
    assert (saved.status_code, imported.status_code) == (expected, expected)
    assert state() == before


# --- versions -----------------------------------------------------------------------------------------------


def test_editing_an_answered_version_makes_the_next_one_and_the_answers_keep_theirs(
    client_as, world, desk, point_a
):
    response = rate(point_a, 5, answers={"access": 4})
    old_answers = sorted(Answer.objects.filter(response=response).values_list("question_id", "level"))
    content = questionnaire_json.content_of(desk)
    questions = content["questions"]
    # Reorder (feedback first among the items), remove "result", add a new one, relabel an element, add one.
    reordered = [questions[0], questions[5], *questions[1:4]]
    reordered.append({"code": "online", "element": "digital", "text": "Dịch vụ công trực tuyến dễ dùng"})
    elements = [{"code": c, "label": label} for c, label in content["elements"]]
    elements[0]["label"] = "Tiếp cận"
    elements.append({"code": "digital", "label": "Chuyển đổi số"})
    data = editor_post(
        desk,
        elements=elements,
        questions=reordered,
        index_rule="element_mean",
        change_reason="Bổ sung tiêu chí chuyển đổi số",
    )
    page = client_as("district_officer").post(reverse("questionnaire-edit", args=[desk.pk]), data)
    assert page.status_code == 302
    revised = Questionnaire.objects.get(code="desk", is_current=True)
    assert revised.version == desk.version + 1
    assert list(revised.questions.order_by("position").values_list("code", flat=True)) == [
        "overall",
        "feedback",
        "access",
        "procedure",
        "civil_servant",
        "online",
    ]
    assert revised.elements[0] == ["access", "Tiếp cận"] and revised.elements[-1] == [
        "digital",
        "Chuyển đổi số",
    ]
    assert revised.index_rule == "element_mean"
    # The old version, its questions and the answers are exactly as they were.
    desk.refresh_from_db()
    assert desk.is_current is False and desk.index_rule == "overall_question"
    assert list(desk.questions.order_by("position").values_list("code", flat=True)) == [
        "overall",
        "access",
        "procedure",
        "civil_servant",
        "result",
        "feedback",
    ]
    assert Response.objects.get(pk=response.pk).questionnaire_id == desk.pk
    assert sorted(Answer.objects.filter(response=response).values_list("question_id", "level")) == old_answers
    point_a.refresh_from_db()
    assert point_a.questionnaire_id == revised.pk
    entry = AuditEntry.objects.get(action="questionnaire.revised", target_id=str(revised.pk))
    assert entry.data["reason"] == "Bổ sung tiêu chí chuyển đổi số"
    # A new rating lands on the new version.
    assert rate(point_a, 4).questionnaire_id == revised.pk


def test_an_answered_version_needs_a_reason_and_a_refusal_changes_nothing(client_as, desk, point_a):
    rate(point_a, 5)
    before = state()
    page = client_as("district_officer").post(
        reverse("questionnaire-edit", args=[desk.pk]), editor_post(desk, title="Tiêu đề khác")
    )
    assert page.status_code == 400
    assert "give the reason" in page.content.decode().lower() or "lý do" in page.content.decode().lower()
    assert state() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"index_rule": "overall_question", "drop_overall": True}, "index_rule"),
        ({"questions_extra": {"code": "x1", "element": "nowhere", "text": "Câu hỏi"}}, "questions"),
        ({"questions_extra": {"code": "access", "element": "access", "text": "Trùng mã"}}, "questions"),
        ({"remove_element": "access"}, "questions"),
        ({"low_score_max": 9}, "low_score_max"),
    ],
    ids=[
        "no title",
        "overall rule without overall",
        "unknown element",
        "duplicate code",
        "element in use",
        "low",
    ],
)
def test_a_bad_questionnaire_is_refused_whole(client_as, desk, change, field):
    before = state()
    content = questionnaire_json.content_of(desk)
    questions = content["questions"]
    elements = [{"code": c, "label": label} for c, label in content["elements"]]
    if change.pop("drop_overall", False):
        questions = [dict(q, DELETE=q["is_overall"]) for q in questions]
    if "questions_extra" in change:
        questions = [*questions, change.pop("questions_extra")]
    if "remove_element" in change:
        code = change.pop("remove_element")
        elements = [dict(e, DELETE=e["code"] == code) for e in elements]
    page = client_as("district_officer").post(
        reverse("questionnaire-edit", args=[desk.pk]),
        editor_post(desk, elements=elements, questions=questions, **change),
    )
    assert page.status_code == 400, field
    assert state() == before


def test_saving_an_unchanged_questionnaire_is_refused(client_as, desk):
    before = state()
    page = client_as("district_officer").post(
        reverse("questionnaire-edit", args=[desk.pk]), editor_post(desk)
    )
    assert page.status_code == 400
    assert state() == before


def test_an_unanswered_version_is_changed_in_place(client_as, desk):
    page = client_as("district_officer").post(
        reverse("questionnaire-edit", args=[desk.pk]), editor_post(desk, title="Đánh giá nhanh")
    )
    assert page.status_code == 302
    assert list(Questionnaire.objects.filter(code="desk").values_list("version", "title")) == [
        (desk.version, "Đánh giá nhanh")
    ]


def test_an_earlier_version_cannot_be_edited(client_as, desk, point_a):
    rate(point_a, 5)
    services.questionnaire_revise(actor=None, questionnaire=desk, title="Mới", change_reason="Đổi tên")
    before = state()
    response = client_as("district_officer").post(
        reverse("questionnaire-edit", args=[desk.pk]), editor_post(desk, title="Cũ")
    )
    assert response.status_code == 302
    assert state() == before


# --- preview ------------------------------------------------------------------------------------------------


def test_the_preview_is_the_citizens_page_with_this_versions_questions_and_sends_nothing(client_as, sipas):
    page = client_as("district_officer").get(reverse("questionnaire-preview", args=[sipas.pk]))
    html = page.content.decode()
    assert 'id="preview-note"' in html and 'id="rating-form"' in html
    for question in sipas.questions.all():
        assert f'name="q_{question.code}"' in html
        assert question.text in html
    assert "disabled" in html.split('type="submit"')[1].split(">")[0]
    assert (
        client_as("district_officer").post(reverse("questionnaire-preview", args=[sipas.pk])).status_code
        == 405
    )


# --- export and import --------------------------------------------------------------------------------------


def test_export_then_import_round_trips_and_the_same_file_twice_makes_one_version(client_as, desk, point_a):
    rate(point_a, 5)
    exported = client_as("district_officer").get(reverse("questionnaire-export", args=[desk.pk]))
    assert exported["Content-Type"].startswith("application/json")
    document = json.loads(exported.content)
    assert document["code"] == "desk" and document["version"] == desk.version
    assert [q["code"] for q in document["questions"]] == list(
        desk.questions.order_by("position").values_list("code", flat=True)
    )
    # The same file back: nothing to change, no new version.
    before = state()
    same = client_as("district_officer").post(
        reverse("questionnaire-list"), {"file": SimpleUploadedFile("q.json", exported.content)}
    )
    assert same.status_code == 400
    assert state() == before
    # A changed file: one new version; importing it again changes nothing.
    document["title"] = "Đánh giá nhanh (2026)"
    document["questions"].append({"code": "wait", "element": "access", "text": "Thời gian chờ hợp lý"})
    raw = json.dumps(document, ensure_ascii=False).encode()
    for attempt in (1, 2):
        client_as("district_officer").post(
            reverse("questionnaire-list"),
            {"file": SimpleUploadedFile("q.json", raw), "change_reason": "Thêm câu hỏi thời gian chờ"},
        )
        versions = list(Questionnaire.objects.filter(code="desk").values_list("version", "is_current"))
        assert sorted(versions) == [(desk.version, False), (desk.version + 1, True)], attempt
    revised = Questionnaire.objects.get(code="desk", is_current=True)
    assert revised.title == "Đánh giá nhanh (2026)"
    assert questionnaire_json.content_of(revised)["questions"][-1] == {
        "code": "wait",
        "element": "access",
        "text": "Thời gian chờ hợp lý",
        "is_overall": False,
        "required": False,
    }


def test_a_new_code_imports_as_version_1(client_as, desk):
    document = questionnaire_json.to_document(desk)
    document["code"] = "truc-tuyen"
    raw = json.dumps(document).encode()
    page = client_as("district_officer").post(
        reverse("questionnaire-list"), {"file": SimpleUploadedFile("q.json", raw)}
    )
    assert page.status_code == 302
    created = Questionnaire.objects.get(code="truc-tuyen")
    assert (created.version, created.is_current, created.questions.count()) == (
        1,
        True,
        desk.questions.count(),
    )
    assert AuditEntry.objects.filter(action="questionnaire.created", target_id=str(created.pk)).exists()


def _document(desk, **changes) -> bytes:
    document = questionnaire_json.to_document(desk)
    document["code"] = "khac"
    for key, value in changes.items():
        document[key] = value
    return json.dumps(document, ensure_ascii=False).encode()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{not json", "JSON"),
        (b"\xff\xfe\x00", "UTF-8"),
        (b"[1, 2]", ""),
        (lambda d: _document(d, format="other"), ""),
        (lambda d: _document(d, code="có dấu"), ""),
        (lambda d: _document(d, index_rule="median"), ""),
        (lambda d: _document(d, questions="none"), ""),
        (lambda d: _document(d, questions=[{"code": "a", "text": 5}]), ""),
        (lambda d: _document(d, questions=[{"code": "a", "element": "zzz", "text": "Câu"}]), ""),
        (lambda d: _document(d, elements=[{"code": "a"}]), ""),
        (lambda d: _document(d, title="x\x00y"), ""),
        (lambda d: _document(d, low_score_max=True), ""),
    ],
    ids=[
        "bad json",
        "not utf-8",
        "not an object",
        "other format",
        "bad code",
        "bad rule",
        "questions not a list",
        "text not a text",
        "unknown element",
        "element without label",
        "control character",
        "low score a boolean",
    ],
)
def test_a_bad_file_gets_a_clear_message_never_a_500_and_nothing_is_written(client_as, desk, raw, message):
    raw = raw(desk) if callable(raw) else raw
    before = state()
    page = client_as("district_officer").post(
        reverse("questionnaire-list"), {"file": SimpleUploadedFile("q.json", raw)}
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert 'role="alert"' in html
    if message:
        assert message.lower() in html.lower()
    assert state() == before
