"""Who may do what with units, people, API tokens and the audit trail."""

from thidua.organizations.access import READ_ROLES, register_action
from thidua.organizations.models import Role

register_action("unit.view", READ_ROLES)
register_action("unit.manage", {Role.DISTRICT_OFFICER})
register_action("audit.view", {Role.DISTRICT_OFFICER})
register_action("token.manage", {Role.DISTRICT_OFFICER})
register_action("user.manage", {Role.DISTRICT_OFFICER})
# An authority's settings (letterhead, signatory, standing office) are kept by its standing office.
register_action("authority.settings", {Role.DISTRICT_OFFICER})
