import pytest

pytestmark = pytest.mark.django_db


def test_the_interface_is_vietnamese_by_default(world, client_as):
    body = client_as("officer_a").get("/").content.decode()
    assert '<html lang="vi">' in body
    assert "Đăng xuất" in body


def test_english_can_be_chosen(world, client_as):
    client = client_as("officer_a")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Sign out" in body


def test_dates_are_shown_day_month_year(world, client_as):
    body = client_as("officer_a").get(f"/campaigns/{world.campaign.pk}/").content.decode()
    assert "28/04/2021" in body
    assert "01/01/2021 – 31/12/2022" in body


def test_an_english_browser_still_gets_vietnamese_until_english_is_chosen(world, client_as):
    client = client_as("officer_a")
    body = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="vi">' in body
