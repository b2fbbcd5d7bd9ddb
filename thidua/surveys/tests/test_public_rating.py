"""The citizen's rating page: no login, one POST, stored once, throttled per client and desk."""

import pytest
from django.test import Client, override_settings

from thidua.surveys.models import Answer, DailyCount, DailyTotal, MonthlyTotal, Response


def form_client_id(client, point):
    page = client.get(point.rating_path)
    assert page.status_code == 200
    html = page.content.decode()
    start = html.index('name="client_id" value="') + len('name="client_id" value="')
    return html[start : html.index('"', start)]


def test_rating_page_is_vietnamese_light_and_needs_no_login(point_a):
    page = Client().get(point_a.rating_path, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="vi">' in html
    assert "Rất hài lòng" in html and "Gửi đánh giá" in html
    assert point_a.unit.official_name in html and "Quầy 1" in html
    assert len(page.content) < 50 * 1024
    assert "<link" not in html  # no external stylesheet or script to fetch


def test_sipas_page_with_nineteen_items_stays_under_50_kb(world, sipas):
    from thidua.surveys import services

    point = services.collection_point_create(actor=None, unit=world.unit_a, name="SIPAS", questionnaire=sipas)
    page = Client().get(point.rating_path)
    assert page.status_code == 200
    assert page.content.decode().count('type="radio"') == 20 * 5
    assert len(page.content) < 50 * 1024


def test_submitting_stores_the_rating_its_answers_and_aggregates_then_thanks(point_a):
    client = Client()
    client_id = form_client_id(client, point_a)
    reply = client.post(
        point_a.rating_path,
        {
            "client_id": client_id,
            "q_overall": "2",
            "q_access": "4",
            "reasons": ["Phải đi lại nhiều lần"],
            "comment": " Chờ  lâu ",
            "dossier_code": "h48.25.10-260125-000123",
        },
    )
    assert reply.status_code == 303
    assert reply["Location"] == f"/r/{point_a.token}/thanks/"
    response = Response.objects.get()
    assert (response.overall_level, response.source, response.comment) == (2, "web", "Chờ lâu")
    assert response.reasons == ["Phải đi lại nhiều lần"]
    assert response.dossier_code == "H48.25.10-260125-000123"
    assert len(response.client_hash) == 32 and "127.0.0.1" not in response.client_hash
    assert Answer.objects.count() == 2
    assert sorted(DailyCount.objects.values_list("level", "count")) == [(2, 1), (4, 1)]
    assert DailyTotal.objects.get().responses == 1
    assert MonthlyTotal.objects.get().responses == 1
    thanks = client.get(reply["Location"])
    assert "Cảm ơn" in thanks.content.decode()


def test_resubmitting_the_same_page_stores_once(point_a):
    client = Client()
    client_id = form_client_id(client, point_a)
    for _ in range(3):
        reply = client.post(point_a.rating_path, {"client_id": client_id, "q_overall": "5"})
        assert reply.status_code == 303
    assert Response.objects.count() == 1
    assert DailyTotal.objects.get().responses == 1
    assert DailyCount.objects.get().count == 1


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"q_overall": "7"}, "Chọn một mức từ 1 đến 5"),
        ({}, "Xin trả lời câu hỏi này"),
        ({"q_overall": "5", "dossier_code": "<script>"}, "Mã hồ sơ"),
        ({"q_overall": "5", "reasons": ["anything"]}, "Chọn lý do trong danh sách"),
        ({"q_overall": "5", "q_unknown": "5"}, "Vui lòng kiểm tra"),
    ],
)
def test_bad_input_gets_a_vietnamese_400_and_nothing_is_stored(point_a, data, field_message):
    client = Client()
    reply = client.post(point_a.rating_path, {"client_id": form_client_id(client, point_a), **data})
    assert reply.status_code == 400
    assert field_message in reply.content.decode()
    assert Response.objects.count() == 0 and DailyCount.objects.count() == 0


def test_missing_client_id_is_refused(point_a):
    reply = Client().post(point_a.rating_path, {"q_overall": "5"})
    assert reply.status_code == 400
    assert Response.objects.count() == 0


def test_honeypot_gets_thanks_but_stores_nothing(point_a):
    reply = Client().post(
        point_a.rating_path, {"client_id": "a" * 32, "q_overall": "5", "website": "http://spam"}
    )
    assert reply.status_code == 303
    assert Response.objects.count() == 0


@override_settings(SURVEY_RATE_LIMIT=3)
def test_a_flood_from_one_client_gets_429_while_another_desk_keeps_working(point_a, point_a2):
    client = Client()
    assert client.get(point_a.rating_path).status_code == 200  # the page gives the device its cookie
    codes = [
        client.post(point_a.rating_path, {"client_id": f"flood-{i:04d}-xx", "q_overall": "5"}).status_code
        for i in range(5)
    ]
    assert codes == [303, 303, 303, 429, 429]
    refused = client.post(point_a.rating_path, {"client_id": "flood-9999-xx", "q_overall": "5"})
    assert refused.status_code == 429
    assert "Quá nhiều" in refused.content.decode()
    assert refused["Retry-After"]
    other_desk = client.post(point_a2.rating_path, {"client_id": "other-desk-01", "q_overall": "4"})
    assert other_desk.status_code == 303
    other_client = Client(REMOTE_ADDR="10.0.0.9")
    assert (
        other_client.post(point_a.rating_path, {"client_id": "other-client-1", "q_overall": "4"}).status_code
        == 303
    )
    assert Response.objects.filter(collection_point=point_a).count() == 4
    assert Response.objects.filter(collection_point=point_a2).count() == 1


def test_unknown_or_inactive_point_answers_404(point_a):
    from thidua.surveys import services

    assert Client().get("/r/not-a-token/").status_code == 404
    services.collection_point_set_active(actor=None, point=point_a, active=False)
    assert Client().get(point_a.rating_path).status_code == 404
    assert Client().post(point_a.rating_path, {"client_id": "x" * 20, "q_overall": "5"}).status_code == 404


def test_kiosk_returns_to_start_after_thanks_and_marks_the_source(point_a):
    client = Client()
    reply = client.post(f"/r/{point_a.token}/kiosk/", {"client_id": "kiosk-client-1", "q_overall": "1"})
    assert reply.status_code == 303 and reply["Location"].endswith("?kiosk=1")
    thanks = client.get(reply["Location"]).content.decode()
    assert f'content="30;url=/r/{point_a.token}/kiosk/"' in thanks
    assert Response.objects.get().source == "kiosk"
    start = client.get(f"/r/{point_a.token}/kiosk/").content.decode()
    assert "30000" in start and 'id="reasons"' in start


def test_a_get_on_the_thanks_page_of_an_unknown_point_is_404(db):
    assert Client().get("/r/nope/thanks/").status_code == 404
