"""Who may do what with campaigns and registrations; the roles live in ``organizations.access``."""

from thidua.organizations.access import READ_ROLES, register_action
from thidua.organizations.models import Role

register_action("campaign.view", READ_ROLES)
register_action("campaign.manage", {Role.DISTRICT_OFFICER})
register_action("registration.view", READ_ROLES)
register_action("registration.edit", {Role.UNIT_OFFICER})
register_action("registration.confirm", {Role.UNIT_HEAD})
register_action(
    "registration.export", {Role.DISTRICT_OFFICER, Role.VIEWER, Role.CHAIRMAN, Role.COUNCIL_MEMBER}
)
# The dashboards: the district's for the standing office, the chairman, the council and the viewer; a unit's
# for everyone who reads the unit.
register_action(
    "dashboard.district", {Role.DISTRICT_OFFICER, Role.CHAIRMAN, Role.COUNCIL_MEMBER, Role.VIEWER}
)
register_action("dashboard.unit", READ_ROLES)
# Communes side by side: for those who read several authorities (a province's department of home affairs).
register_action("dashboard.compare", {Role.DISTRICT_OFFICER, Role.CHAIRMAN, Role.COUNCIL_MEMBER, Role.VIEWER})
