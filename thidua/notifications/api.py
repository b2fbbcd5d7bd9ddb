"""The signed-in person's work and notifications as JSON: ``GET /api/me/tasks``, ``GET /api/me/notifications``.

A bearer token stands for the person who created it, within the token's own units: a system (e.g. an office's
task board) shows that person's work, and nothing of units outside the token's scope.
"""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from thidua.core.api_types import PageNumber, error_responses
from thidua.core.panels import WaitingItem, waiting_work_for
from thidua.notifications.models import Notification
from thidua.organizations.access import unit_ids_for_token
from thidua.organizations.api_auth import UserSessionAuth, token_or_session

router = Router(tags=["me"])


class TaskUnitOut(Schema):
    code: str
    name: str


class TaskOut(Schema):
    kind: str
    title: str
    url: str
    since: datetime | None
    unit: TaskUnitOut | None
    due: str | None = None
    overdue: bool = False


class TasksOut(Schema):
    items: list[TaskOut]
    count: int


def _person(request: HttpRequest) -> tuple[Any, set[int] | None]:
    """The person whose work is asked for, and the units a token limits it to (None: no limit)."""
    token = getattr(request, "api_token", None)
    if token is not None:
        creator = token.created_by
        if creator is None or not creator.is_active:
            return None, set()
        return creator, unit_ids_for_token(token)
    return request.user, None


def _task_out(item: WaitingItem) -> dict[str, Any]:
    unit = item.unit
    return {
        "kind": item.kind,
        "title": str(item.title),
        "url": item.url,
        "since": item.since,
        "unit": {"code": unit.code, "name": unit.name} if unit is not None else None,
        "due": item.due.isoformat() if item.due else None,
        "overdue": item.overdue,
    }


@router.get(
    "/me/tasks",
    response={200: TasksOut, **error_responses(401)},
    auth=token_or_session,
    summary="What waits for the signed-in person (or the token's creator, within the token's units), oldest first",
)
def my_tasks(request: HttpRequest):
    person, limit = _person(request)
    items = waiting_work_for(person) if person is not None else []
    if limit is not None:
        items = [item for item in items if item.unit is not None and item.unit.pk in limit]
    return {"items": [_task_out(item) for item in items], "count": len(items)}


class NotificationOut(Schema):
    id: int
    kind: str
    reason: str
    title: str
    url: str
    unit: TaskUnitOut | None
    created_at: datetime
    read_at: datetime | None


class NotificationsOut(Schema):
    items: list[NotificationOut]
    unread: int
    page: int
    pages: int


class NotificationFilter(Schema):
    page: PageNumber = 1
    unread: bool = False


PAGE_SIZE = 50


@router.get(
    "/me/notifications",
    response={200: NotificationsOut, **error_responses(401, 422)},
    auth=[UserSessionAuth()],
    summary="The signed-in person's notifications, newest first",
)
def my_notifications(request: HttpRequest, filters: Query[NotificationFilter]):
    rows = Notification.objects.filter(recipient=request.user).select_related("unit")
    unread = rows.filter(read_at__isnull=True)
    if filters.unread:
        rows = unread
    total = rows.count()
    pages = max(1, -(-total // PAGE_SIZE))
    start = (filters.page - 1) * PAGE_SIZE
    return {
        "items": [
            {
                "id": row.pk,
                "kind": row.kind,
                "reason": row.reason,
                "title": row.title,
                "url": row.url,
                "unit": {"code": row.unit.code, "name": row.unit.name} if row.unit else None,
                "created_at": row.created_at,
                "read_at": row.read_at,
            }
            for row in rows[start : start + PAGE_SIZE]
        ],
        "unread": unread.count(),
        "page": filters.page,
        "pages": pages,
    }
