from django.urls import reverse

# Apps add their entries in AppConfig.ready(): order, url name, label, and the action checked with user_can
# (None: every signed-in person).
NAV_ITEMS: dict[str, tuple[int, object, str | None]] = {}


def register_nav_item(url_name: str, label, action: str | None, order: int = 50) -> None:
    NAV_ITEMS[url_name] = (order, label, action)


def navigation(request):
    from thidua.organizations.access import user_can

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for url_name, (_order, label, action) in sorted(NAV_ITEMS.items(), key=lambda item: item[1][0]):
        if action is None or user_can(user, action):
            url = reverse(url_name)
            items.append({"url": url, "label": label, "active": request.path.startswith(url)})
    return {"nav_items": items}
