"""Registries that let apps add to pages they do not own, without the page's app importing them.

- Waiting work: the start page (the person's workbench) and ``GET /api/me/tasks`` ask every registered provider
  what waits for the signed-in person. A provider is ``provider(user) -> list[WaitingItem]``; each item names its
  ``kind`` (a stable code such as ``initiatives.model_to_approve``), a title, a link, since when it waits (the
  workbench lists oldest first) and the unit it concerns.
- Overdue work: the notifications app asks every registered overdue source, once a day, what fell past its due
  date, and tells the people concerned once.
- Unit panels: the unit page shows every registered panel (e.g. the unit's award history).
Apps register in ``AppConfig.ready()``; the lower layers never import the apps above them.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WaitingItem:
    """One piece of work that waits for a person."""

    kind: str  # stable code, e.g. "initiatives.model_to_approve"; the workbench groups by it
    title: str
    url: str
    since: datetime | None = None  # since when it waits; None sorts last
    unit: Any = None  # the Unit it concerns, or None
    due: date | None = None
    overdue: bool = False

    @property
    def label(self) -> str:  # the older name of ``title``
        return self.title

    @property
    def unit_code(self) -> str | None:
        return getattr(self.unit, "code", None)

    @property
    def unit_name(self) -> str | None:
        return str(self.unit) if self.unit is not None else None


@dataclass
class WaitingGroup:
    kind: str
    label: str
    items: list[WaitingItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def overdue_count(self) -> int:
        return sum(1 for item in self.items if item.overdue)


@dataclass(frozen=True)
class OverdueItem:
    """Something a person owes that fell past its due date: told once per ``key`` (include the due date)."""

    kind: str
    key: str
    title: str
    url: str
    recipients: tuple[int, ...]
    due: date
    unit_id: int | None = None


WaitingProvider = Callable[[Any], list[WaitingItem]]
OverdueSource = Callable[[date], list[OverdueItem]]
UnitPanel = tuple[str, Callable[[Any, Any], dict | None]]

_WAITING: dict[str, WaitingProvider] = {}
_OVERDUE: dict[str, OverdueSource] = {}
_UNIT_PANELS: dict[str, UnitPanel] = {}
_KIND_LABELS: dict[str, Any] = {}

_FAR_FUTURE = datetime.max.replace(tzinfo=timezone.get_fixed_timezone(0))


def register_waiting_work(code: str, provider: WaitingProvider, kinds: dict[str, Any] | None = None) -> None:
    """``kinds`` maps each kind the provider returns to its heading on the workbench (a lazy translation)."""
    _WAITING[code] = provider
    _KIND_LABELS.update(kinds or {})


def waiting_kind_label(kind: str) -> str:
    return str(_KIND_LABELS.get(kind, kind))


def _sort_key(item: WaitingItem) -> tuple:
    return (item.since or _FAR_FUTURE, item.kind, item.title)


def waiting_work_for(user: Any) -> list[WaitingItem]:
    """Everything that waits for the user, oldest first."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    items: list[WaitingItem] = []
    for _code, provider in sorted(_WAITING.items()):
        items += provider(user)
    return sorted(items, key=_sort_key)


def waiting_groups_for(user: Any) -> list[WaitingGroup]:
    """The user's waiting work grouped by kind; the group whose oldest item waits longest comes first."""
    groups: dict[str, WaitingGroup] = {}
    for item in waiting_work_for(user):
        group = groups.setdefault(item.kind, WaitingGroup(item.kind, waiting_kind_label(item.kind)))
        group.items.append(item)
    return list(groups.values())


def register_overdue_source(code: str, source: OverdueSource) -> None:
    """``source(today)`` returns what is overdue on ``today`` (a periodic work announces each item once)."""
    _OVERDUE[code] = source


def overdue_items(today: date) -> list[OverdueItem]:
    items: list[OverdueItem] = []
    for code, source in sorted(_OVERDUE.items()):
        try:
            items += source(today)
        except Exception:  # one app's failing source does not keep the others' items from being told
            logger.exception("overdue source %s failed", code)
    return items


def register_unit_panel(code: str, template: str, context: Callable[[Any, Any], dict | None]) -> None:
    """``context(request, unit)`` returns the panel's context, or None to leave the panel out."""
    _UNIT_PANELS[code] = (template, context)


def unit_panels_for(request: Any, unit: Any) -> list[tuple[str, dict]]:
    panels = []
    for _code, (template, context) in sorted(_UNIT_PANELS.items()):
        values = context(request, unit)
        if values is not None:
            panels.append((template, values))
    return panels
