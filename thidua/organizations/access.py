"""Who may see and do what: the one place every view, endpoint and export asks.

A user holds roles in units (``Membership``). A role held in a unit covers that unit and every unit below it, so
a district officer (a membership in the district unit) covers all units and a commune officer covers the commune.
Each action names the roles that may perform it; each app registers its own actions in its ``permissions.py``,
imported by its ``AppConfig.ready()``.

Views follow one rule: fetch the object through ``get_object_for_user`` (another unit's object → 404), then check
the specific action with ``require`` (right unit, wrong role → 403).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from thidua.organizations.models import Membership, Role, Unit

ALL_ROLES = frozenset(Role.values)
READ_ROLES = ALL_ROLES  # every role may read within its units; the viewer reads everything it covers
DISTRICT_READERS = frozenset(
    {Role.DISTRICT_OFFICER, Role.INSPECTOR, Role.COUNCIL_MEMBER, Role.CHAIRMAN, Role.VIEWER}
)

_ACTIONS: dict[str, frozenset[str]] = {}


def register_action(code: str, roles: Iterable[str]) -> None:
    """Declare which roles may perform an action. Registering a code twice with other roles is an error."""
    roles = frozenset(roles)
    unknown = roles - ALL_ROLES
    if unknown:
        raise ValueError(f"unknown roles for {code}: {sorted(unknown)}")
    if code in _ACTIONS and _ACTIONS[code] != roles:
        raise ValueError(f"action {code} registered twice with different roles")
    _ACTIONS[code] = roles


def roles_for_action(code: str) -> frozenset[str]:
    try:
        return _ACTIONS[code]
    except KeyError:
        raise KeyError(f"unregistered action {code!r}") from None


@dataclass
class AccessMap:
    """The units each role covers for one user, computed once per request."""

    is_superuser: bool = False
    units_by_role: dict[str, set[int]] = field(default_factory=dict)

    def units_for_roles(self, roles: Iterable[str]) -> set[int]:
        result: set[int] = set()
        for role in roles:
            result |= self.units_by_role.get(role, set())
        return result

    def roles_in(self, unit_id: int) -> set[str]:
        return {role for role, units in self.units_by_role.items() if unit_id in units}


def descendant_unit_ids(roots: set[int]) -> set[int]:
    """The roots and every unit below them, one query per level: a commune costs one small query, not a read of
    the whole unit table."""
    covered: set[int] = set()
    frontier = set(roots)
    while frontier:
        covered |= frontier
        frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - covered
    return covered


def access_map(user: Any) -> AccessMap:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return AccessMap()
    cached = getattr(user, "_thidua_access_map", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        all_units = set(Unit.objects.values_list("id", flat=True))
        result = AccessMap(is_superuser=True, units_by_role=dict.fromkeys(ALL_ROLES, all_units))
    else:
        roots: dict[str, set[int]] = defaultdict(set)
        for unit_id, role in Membership.objects.filter(user=user, is_active=True).values_list(
            "unit_id", "role"
        ):
            roots[role].add(unit_id)
        result = AccessMap(
            units_by_role={role: descendant_unit_ids(unit_ids) for role, unit_ids in roots.items()}
        )
    user._thidua_access_map = result
    return result


def forget_access(user: Any) -> None:
    """Drop the cached map, e.g. after a membership changed in the same request."""
    if hasattr(user, "_thidua_access_map"):
        del user._thidua_access_map


def unit_ids_for(user: Any, action: str) -> set[int]:
    return access_map(user).units_for_roles(roles_for_action(action))


def user_can(user: Any, action: str, unit: Unit | int | None = None) -> bool:
    """May the user perform the action on the unit (or, without a unit, on at least one unit)?"""
    units = unit_ids_for(user, action)
    if unit is None:
        return bool(units)
    unit_id = unit if isinstance(unit, int) else unit.pk
    return unit_id in units


def allowed_to(action: str) -> Callable[[Any], bool]:
    """A permission callback for registries that must not know about roles (the menu): may the user perform the
    action on at least one unit?"""

    def check(user: Any) -> bool:
        return user_can(user, action)

    check.__name__ = f"allowed_to_{action.replace('.', '_')}"
    return check


def user_roles(user: Any) -> set[str]:
    return set(access_map(user).units_by_role)


def has_any_role(user: Any, roles: Iterable[str]) -> bool:
    return bool(user_roles(user) & set(roles))


def require(user: Any, action: str, unit: Unit | int | None = None) -> None:
    """Raise PermissionDenied (403) when the user may not perform the action."""
    if not user_can(user, action, unit):
        raise PermissionDenied


def scope_queryset(queryset: QuerySet, user: Any, action: str, unit_field: str = "unit") -> QuerySet:
    """Only the rows whose unit the user may act on."""
    return queryset.filter(**{f"{unit_field}__in": unit_ids_for(user, action)})


def get_object_for_user(
    queryset: QuerySet, user: Any, action: str, unit_field: str = "unit", **lookup: Any
) -> Model:
    """The object the lookup names, if the user may see it; otherwise 404 (never reveal other units' objects)."""
    try:
        return scope_queryset(queryset, user, action, unit_field).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def visible_units(user: Any, action: str = "unit.view") -> QuerySet[Unit]:
    return Unit.objects.filter(id__in=unit_ids_for(user, action))


def unit_ids_for_token(token: Any) -> set[int]:
    """Units a system token covers: its scope unit and every unit below it (computed once per request, as the
    token object is looked up afresh on each)."""
    if token is None or token.revoked_at is not None:
        return set()
    cached = getattr(token, "_thidua_unit_ids", None)
    if cached is None:
        cached = token._thidua_unit_ids = descendant_unit_ids({token.unit_id})
    return cached


def ancestor_unit_ids(unit: Unit | int) -> set[int]:
    """The unit and every unit above it (a role held in any of them covers the unit)."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    found: set[int] = set()
    while unit_id is not None and unit_id not in found:
        found.add(unit_id)
        unit_id = Unit.objects.filter(pk=unit_id).values_list("parent_id", flat=True).first()
    return found


def users_for_action(action: str, unit: Unit | int) -> list[int]:
    """Ids of the active users who may perform the action on the unit through a role (superusers aside): whom
    to tell when something there waits for that action."""
    return sorted(
        set(
            Membership.objects.filter(
                unit_id__in=ancestor_unit_ids(unit),
                role__in=roles_for_action(action),
                is_active=True,
                user__is_active=True,
            ).values_list("user_id", flat=True)
        )
    )


# --- things an authority owns (a questionnaire, a checklist) -----------------------------------------------------


def holds_role_at_root(user: Any, action: str) -> bool:
    """Does the user hold the action's role in a unit with no parent (a root authority: the province, or a
    district installed on its own)? Only such a standing office changes what the whole installation shares."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user, is_active=True, role__in=roles_for_action(action), unit__parent__isnull=True
    ).exists()


def may_edit_owned(user: Any, action: str, owner_id: int | None) -> bool:
    """May the user change a thing owned by an authority (``owner_id``) or shared (``None``)?"""
    if owner_id is None:
        return holds_role_at_root(user, action)
    return user_can(user, action, owner_id)


def may_see_owned(user: Any, action: str, owner_id: int | None) -> bool:
    """Shared things are visible to every holder of the action; an authority's own only within its scope."""
    return owner_id is None or user_can(user, action, owner_id)


def visible_owned(queryset: QuerySet, user: Any, action: str, owner_field: str = "owner") -> QuerySet:
    """The shared rows plus those owned by an authority the user covers."""
    from django.db.models import Q

    return queryset.filter(
        Q(**{f"{owner_field}__isnull": True}) | Q(**{f"{owner_field}__in": unit_ids_for(user, action)})
    )


def own_authority(user: Any, action: str) -> Unit | None:
    """The authority the user acts for with this action: the nearest committee at or above the unit of its
    membership holding the action's role (the highest such unit when it holds several)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    memberships = Membership.objects.filter(
        user=user, is_active=True, role__in=roles_for_action(action)
    ).select_related("unit__parent")
    authorities = [m.unit.authority for m in memberships]
    authorities = [a for a in authorities if a is not None]
    if not authorities:
        return None
    # The one that covers most: the first whose scope holds every other.
    for candidate in authorities:
        covered = descendant_unit_ids({candidate.pk})
        if all(a.pk in covered for a in authorities):
            return candidate
    return authorities[0]


def authority_owner_for(user: Any, action: str) -> Unit | None:
    """What a new thing the user makes belongs to: None (shared) for a root authority's standing office, else its
    authority."""
    if holds_role_at_root(user, action):
        return None
    return own_authority(user, action)
