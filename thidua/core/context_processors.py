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


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for url_name, (_order, label, visible_to) in sorted(NAV_ITEMS.items(), key=lambda item: item[1][0]):
        if visible_to is None or visible_to(user):
            url = reverse(url_name)
            items.append({"url": url, "label": label, "active": request.path.startswith(url)})
    return {"nav_items": items}
