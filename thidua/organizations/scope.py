"""The unit line of an export's title block: which units a person's table covers, in words."""

from typing import Any

from django.utils.translation import gettext, ngettext

from thidua.core.collation import vietnamese
from thidua.organizations.access import unit_ids_for
from thidua.organizations.models import Unit

SHOWN_UNITS = 3


def scope_label(user: Any, action: str, unit: Unit | None = None) -> str:
    """The unit asked for, else the top units of what the person may see for the action ("UBND huyện An Thạnh"
    for a district officer, the own unit for a unit's officer)."""
    if unit is not None:
        return str(unit)
    if user is None:
        return ""
    unit_ids = unit_ids_for(user, action)
    # A unit below another one in the set is covered by it; only the top ones are named.
    tops = list(
        Unit.objects.filter(id__in=unit_ids)
        .exclude(parent_id__in=unit_ids)
        .order_by("kind", vietnamese("name"), "code")
    )
    names = [str(top) for top in tops[:SHOWN_UNITS]]
    hidden = len(tops) - len(names)
    if hidden > 0:
        names.append(
            ngettext("and %(count)d other unit", "and %(count)d other units", hidden) % {"count": hidden}
        )
    return ", ".join(names) if names else gettext("no unit")
