from collections.abc import Callable
from typing import Any

from django.urls import reverse

# Who sees a menu entry: a callback taking the signed-in user, or None for every signed-in person. Apps pass
# their own check (e.g. ``organizations.access.allowed_to("campaign.view")``), so the core knows nothing of roles.
NavPermission = Callable[[Any], bool]

# Apps add their entries in AppConfig.ready(): url name → (order, label, permission callback).
NAV_ITEMS: dict[str, tuple[int, object, NavPermission | None]] = {}


def register_nav_item(url_name: str, label, visible_to: NavPermission | None, order: int = 50) -> None:
    if visible_to is not None and not callable(visible_to):
        raise TypeError(
            f"menu entry {url_name!r}: pass a permission callback taking the user, e.g. allowed_to({visible_to!r})"
        )
    NAV_ITEMS[url_name] = (order, label, visible_to)


# Links in the header beside the menu, each with a count (the notifications bell): code → (order, url name,
# label, count callback taking the user). Registered by the app that owns them.
HEADER_LINKS: dict[str, tuple[int, str, object, Callable[[Any], int]]] = {}


def register_header_link(
    code: str, url_name: str, label, count: Callable[[Any], int], order: int = 50
) -> None:
    HEADER_LINKS[code] = (order, url_name, label, count)


def _header_links(request, user) -> list[dict]:
    links = []
    for code, (_order, url_name, label, count) in sorted(HEADER_LINKS.items(), key=lambda item: item[1][0]):
        url = reverse(url_name)
        links.append(
            {"code": code, "url": url, "label": label, "count": count(user), "active": request.path == url}
        )
    return links


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "header_links": []}
    items = []
    for url_name, (_order, label, visible_to) in sorted(NAV_ITEMS.items(), key=lambda item: item[1][0]):
        if visible_to is None or visible_to(user):
            url = reverse(url_name)
            items.append({"url": url, "label": label, "active": request.path.startswith(url)})
    return {"nav_items": items, "header_links": _header_links(request, user)}
