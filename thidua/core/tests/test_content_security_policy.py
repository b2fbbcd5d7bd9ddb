"""Every HTML page carries a Content-Security-Policy, and no page relies on what that policy blocks.

The walk reuses test_every_url's list of routes, signed in as the district officer (who sees the most pages) and
anonymously. Beyond the header, each HTML body is read for the three things the policy would silently break:
an inline <script> without the page's nonce, a style attribute, an inline event handler.
"""

import re

import pytest

from thidua.core.tests.test_every_url import ROUTES, concrete

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+=", re.IGNORECASE)
INLINE_STYLE_ELEMENT = re.compile(r"<style(?P<attributes>[^>]*)>", re.IGNORECASE)


def policy(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_page_keeps_to_the_policy(response, where: str) -> None:
    directives = policy(response)
    assert directives, f"{where}: no Content-Security-Policy"
    assert directives["default-src"] == ["'self'"], where
    assert "'unsafe-inline'" not in directives["script-src"], where
    assert "'unsafe-inline'" not in directives["style-src"], where
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"], where
    body = response.content.decode()
    nonces = {
        source[len("'nonce-") : -1] for source in directives["script-src"] if source.startswith("'nonce-")
    }
    for tag in INLINE_SCRIPT.findall(body):
        assert any(f'nonce="{nonce}"' in tag for nonce in nonces), (
            f"{where}: inline script without nonce {tag}"
        )
    style_nonces = {
        source[len("'nonce-") : -1] for source in directives["style-src"] if source.startswith("'nonce-")
    }
    for match in INLINE_STYLE_ELEMENT.finditer(body):
        attributes = match.group("attributes")
        assert any(f'nonce="{nonce}"' in attributes for nonce in style_nonces), (
            f"{where}: <style> without nonce"
        )
    assert not STYLE_ATTRIBUTE.search(body), (
        f"{where}: style attribute {STYLE_ATTRIBUTE.search(body).group(0)}"
    )
    assert not EVENT_HANDLER.search(body), f"{where}: inline handler {EVENT_HANDLER.search(body).group(0)}"


def is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


@pytest.mark.parametrize(("route", "view"), ROUTES, ids=[route for route, _view in ROUTES])
def test_every_page_carries_the_policy_for_the_district_officer_and_for_a_visitor(client_as, route, view):
    # A visitor is mostly redirected to the sign-in page (walked once as its own route): no need to follow.
    for persona, follow in (("district_officer", True), ("anonymous", False)):
        response = client_as(persona).get(concrete(route), follow=follow)
        assert response.get("Content-Security-Policy"), f"{route} as {persona}"
        if is_html(response):
            assert_page_keeps_to_the_policy(response, f"{route} as {persona}")
