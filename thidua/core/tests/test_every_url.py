"""Walk every URL of the product: an anonymous visitor reaches only views marked public."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# URL trees that are not ours or that guard themselves: Django's admin (staff login), the API (each endpoint
# declares its auth and is tested in its app), the language switcher.
FOREIGN_PREFIXES = ("admin/", "api/", "i18n/")
SAMPLE_ARGUMENTS = {
    "int": "1",
    "slug": "x",
    "str": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "path": "x",
}


def walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(FOREIGN_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry.callback


def concrete(route: str) -> str:
    path = route
    for converter, value in SAMPLE_ARGUMENTS.items():
        while f"<{converter}:" in path:
            start = path.index(f"<{converter}:")
            path = path[:start] + value + path[path.index(">", start) + 1 :]
    return "/" + path.lstrip("^").rstrip("$")


ROUTES = sorted(walk(get_resolver().url_patterns), key=lambda item: item[0])


def test_the_walk_finds_the_products_pages():
    paths = {concrete(route) for route, _view in ROUTES}
    assert {"/units/", "/audit/", "/campaigns/1/progress/", "/accounts/login/"} <= paths
    # The plan editor (issue 13): the standing office's list, new plan, edit, copy and the signed plan.
    assert {
        "/campaigns/mine/",
        "/campaigns/new/",
        "/campaigns/1/edit/",
        "/campaigns/1/copy/",
        "/campaigns/1/signed-plan/",
        "/campaigns/1/signed-plan/download/",
    } <= paths


@pytest.mark.parametrize(("route", "view"), ROUTES, ids=[route for route, _view in ROUTES])
def test_anonymous_visitors_are_sent_to_sign_in_unless_the_view_is_public(client, world, route, view):
    response = client.get(concrete(route))
    if getattr(view, "is_public", False):
        assert response.status_code < 500
    else:
        assert response.status_code == 302, route
        assert response["Location"].startswith("/accounts/login/"), route
