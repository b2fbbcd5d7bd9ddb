"""QR posters and rating links use SITE_URL when it is set, else the address the request arrived at."""

import segno

SERVED_AT = {"HTTP_HOST": "127.0.0.1:9000"}


def _qr_svg(url: str, size: str = "a4") -> str:
    return segno.make(url, error="m").svg_inline(scale=12 if size == "a4" else 8, border=2)


def test_poster_without_site_url_points_at_the_port_the_page_was_served_on(client_as, point_a, settings):
    settings.SITE_URL = ""
    page = client_as("officer_a").get(f"/satisfaction/points/{point_a.pk}/poster/", **SERVED_AT)
    expected = f"http://127.0.0.1:9000/r/{point_a.token}/"
    html = page.content.decode()
    assert page.status_code == 200
    assert f'<p class="url">{expected}</p>' in html
    # The QR code on the page is exactly the one segno draws for that address, so it encodes port 9000.
    assert _qr_svg(expected) in html
    assert "127.0.0.1:8000" not in html


def test_poster_behind_a_tls_proxy_in_production_uses_https(client_as, point_a, settings):
    settings.SITE_URL = ""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    page = client_as("officer_a").get(
        f"/satisfaction/points/{point_a.pk}/poster/?size=a5",
        HTTP_HOST="localhost",
        HTTP_X_FORWARDED_PROTO="https",
    )
    expected = f"https://localhost/r/{point_a.token}/"
    assert _qr_svg(expected, "a5") in page.content.decode()


def test_poster_with_site_url_uses_the_configured_address(client_as, point_a, settings):
    settings.SITE_URL = "https://thidua.longphu.gov.vn"
    page = client_as("officer_a").get(f"/satisfaction/points/{point_a.pk}/poster/", **SERVED_AT)
    expected = f"https://thidua.longphu.gov.vn/r/{point_a.token}/"
    html = page.content.decode()
    assert f'<p class="url">{expected}</p>' in html
    assert _qr_svg(expected) in html
    assert "127.0.0.1:9000" not in html


def test_points_page_and_api_links_follow_the_served_address(client_as, point_a, settings):
    settings.SITE_URL = ""
    client = client_as("officer_a")
    page = client.get(f"/satisfaction/units/{point_a.unit.code}/points/", **SERVED_AT)
    assert f"http://127.0.0.1:9000/r/{point_a.token}/" in page.content.decode()
    [item] = client.get(f"/api/collection-points?unit={point_a.unit.code}", **SERVED_AT).json()
    assert item["rating_url"] == f"http://127.0.0.1:9000/r/{point_a.token}/"
    assert item["kiosk_url"].startswith("http://127.0.0.1:9000/")
    assert item["poster_url"] == f"http://127.0.0.1:9000/satisfaction/points/{point_a.pk}/poster/"


def test_district_officer_is_warned_when_the_configured_address_differs(client_as, point_a, settings):
    settings.SITE_URL = "https://thidua.longphu.gov.vn"
    page = client_as("district_officer").get(f"/satisfaction/units/{point_a.unit.code}/points/", **SERVED_AT)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="address-warning"' in html
    assert "https://thidua.longphu.gov.vn" in html and "http://127.0.0.1:9000" in html
    assert "địa chỉ công khai đã cấu hình" in html


def test_district_officer_is_not_warned_when_the_addresses_agree(client_as, point_a, settings):
    settings.SITE_URL = "http://127.0.0.1:9000"
    page = client_as("district_officer").get(f"/satisfaction/units/{point_a.unit.code}/points/", **SERVED_AT)
    assert page.status_code == 200
    assert 'id="address-warning"' not in page.content.decode()


def test_district_officer_is_not_warned_without_a_configured_address(client_as, point_a, settings):
    settings.SITE_URL = ""
    page = client_as("district_officer").get(f"/satisfaction/units/{point_a.unit.code}/points/", **SERVED_AT)
    assert 'id="address-warning"' not in page.content.decode()


def test_unit_officer_is_not_shown_the_district_address_warning(client_as, point_a, settings):
    settings.SITE_URL = "https://thidua.longphu.gov.vn"
    page = client_as("officer_a").get(f"/satisfaction/units/{point_a.unit.code}/points/", **SERVED_AT)
    assert page.status_code == 200
    assert 'id="address-warning"' not in page.content.decode()
