"""The citizens' rate limit: per collection point, per device cookie and per address, shared by every worker."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from thidua.core.models import RateCounter
from thidua.surveys import caches
from thidua.surveys.models import Response
from thidua.surveys.public import DEVICE_COOKIE

OFFICE_ADDRESS = "203.113.1.10"


def post_rating(client, point, number, path=None):
    data = {"client_id": f"rate-limit-{number:05d}", "q_overall": "4"}
    return client.post(path or point.rating_path, data).status_code


def citizen_phone():
    """A citizen's phone on the office Wi-Fi that has opened the rating page (and so holds its own cookie)."""
    return Client(REMOTE_ADDR=OFFICE_ADDRESS)


def open_page(client, path):
    page = client.get(path)
    assert page.status_code == 200
    return page


def test_the_rating_page_gives_each_device_its_own_random_cookie(point_a):
    first, second = citizen_phone(), citizen_phone()
    one = open_page(first, point_a.rating_path).cookies[DEVICE_COOKIE]
    other = open_page(second, point_a.rating_path).cookies[DEVICE_COOKIE]
    assert one.value != other.value and len(one.value) == 32
    assert one["httponly"] and one["samesite"] == "Lax"
    assert DEVICE_COOKIE not in open_page(first, point_a.rating_path).cookies  # kept, not replaced


def test_fifty_citizens_behind_one_office_address_at_one_desk_are_all_accepted(point_a):
    statuses = []
    for number in range(50):
        phone = citizen_phone()
        open_page(phone, point_a.rating_path)
        statuses.append(post_rating(phone, point_a, number))
    assert statuses == [303] * 50
    assert Response.objects.filter(collection_point=point_a).count() == 50


def test_fifty_citizens_at_one_kiosk_are_all_accepted(point_a):
    kiosk, path = citizen_phone(), reverse("rating-kiosk", args=[point_a.token])
    open_page(kiosk, path)
    statuses = [post_rating(kiosk, point_a, number, path=path) for number in range(50)]
    assert statuses == [303] * 50
    assert Response.objects.filter(collection_point=point_a).count() == 50


def test_a_flood_of_a_thousand_from_one_device_is_limited_to_its_allowance(point_a, settings):
    flooder = citizen_phone()
    open_page(flooder, point_a.rating_path)
    statuses = [post_rating(flooder, point_a, number) for number in range(1000)]
    assert statuses == [303] * settings.SURVEY_RATE_LIMIT + [429] * (1000 - settings.SURVEY_RATE_LIMIT)
    assert Response.objects.filter(collection_point=point_a).count() == settings.SURVEY_RATE_LIMIT
    refused = flooder.post(point_a.rating_path, {"client_id": "rate-limit-last", "q_overall": "4"})
    assert refused.status_code == 429
    assert "Quá nhiều lượt đánh giá từ thiết bị này" in refused.content.decode()
    assert refused["Retry-After"] == str(settings.SURVEY_RATE_WINDOW_SECONDS)


@override_settings(SURVEY_ADDRESS_RATE_LIMIT=20)
def test_a_flood_that_drops_or_forges_the_cookie_is_limited_per_address(point_a):
    statuses = []
    for number in range(30):
        client = Client(REMOTE_ADDR=OFFICE_ADDRESS)
        if number % 2:
            client.cookies[DEVICE_COOKIE] = f"{number:032x}"  # a fresh forged device each time
        statuses.append(post_rating(client, point_a, number))
    assert statuses == [303] * 20 + [429] * 10
    assert Response.objects.filter(collection_point=point_a).count() == 20


@override_settings(SURVEY_RATE_LIMIT=3)
def test_a_spent_device_allowance_leaves_other_desks_and_other_devices_alone(point_a, point_a2):
    flooder = citizen_phone()
    open_page(flooder, point_a.rating_path)
    assert [post_rating(flooder, point_a, number) for number in range(4)] == [303, 303, 303, 429]
    assert post_rating(flooder, point_a2, 100) == 303
    neighbour = citizen_phone()
    open_page(neighbour, point_a.rating_path)
    assert post_rating(neighbour, point_a, 200) == 303
    assert Response.objects.filter(collection_point=point_a).count() == 4


@override_settings(SURVEY_RATE_LIMIT=3)
def test_invalid_ratings_store_nothing_but_count_against_the_allowance(point_a):
    phone = citizen_phone()
    open_page(phone, point_a.rating_path)
    replies = [
        phone.post(point_a.rating_path, {"client_id": f"rate-limit-bad-{n}", "q_overall": "9"}).status_code
        for n in range(3)
    ]
    assert replies == [400, 400, 400]
    assert Response.objects.count() == 0
    assert post_rating(phone, point_a, 1) == 429
    assert Response.objects.count() == 0


@pytest.mark.django_db(transaction=True)
@override_settings(SURVEY_RATE_LIMIT=3)
def test_the_count_is_shared_by_workers_with_their_own_connections_and_memory(point_a):
    flooder = citizen_phone()
    open_page(flooder, point_a.rating_path)
    assert [post_rating(flooder, point_a, number) for number in range(3)] == [303, 303, 303]
    # Another worker: its own database connection (a thread gets one) and none of this process's memory.
    caches.forget_points()
    cache.clear()
    statuses = []

    def other_worker():
        try:
            statuses.append(post_rating(flooder, point_a, 3))
        finally:
            connection.close()

    worker = threading.Thread(target=other_worker)
    worker.start()
    worker.join()
    assert statuses == [429]
    assert Response.objects.filter(collection_point=point_a).count() == 3
    assert sorted(RateCounter.objects.values_list("hits", flat=True)) == [4, 4]  # per device and per address


def test_the_default_cache_is_the_database_shared_by_every_process(db, settings):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    cache.set("rate-limit-test", "kept", 60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM thidua_cache")
        assert cursor.fetchone()[0] == 1
    assert cache.get("rate-limit-test") == "kept"
