"""Registries that let apps add to pages they do not own, without the page's app importing them.

- Waiting work: the start page asks every registered provider what waits for the signed-in person.
- Unit panels: the unit page shows every registered panel (e.g. the unit's award history).
Apps register in ``AppConfig.ready()``; the lower layers never import the apps above them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WaitingItem:
    label: str
    url: str


WaitingProvider = Callable[[Any], list[WaitingItem]]
UnitPanel = tuple[str, Callable[[Any, Any], dict | None]]

_WAITING: dict[str, WaitingProvider] = {}
_UNIT_PANELS: dict[str, UnitPanel] = {}


def register_waiting_work(code: str, provider: WaitingProvider) -> None:
    _WAITING[code] = provider


def waiting_work_for(user: Any) -> list[WaitingItem]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    items: list[WaitingItem] = []
    for _code, provider in sorted(_WAITING.items()):
        items += provider(user)
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
