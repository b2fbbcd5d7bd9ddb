"""Who may do what with checklists, inspections, remediations and discipline records."""

from thidua.organizations.access import READ_ROLES, register_action
from thidua.organizations.models import Role

register_action("checklist.view", READ_ROLES)
register_action("checklist.manage", {Role.DISTRICT_OFFICER})
register_action("inspection.view", READ_ROLES)
# District inspections (scheduled, unannounced) are recorded by the inspection team or the Home Affairs Office;
# a self-inspection by the unit's own officer.
register_action("inspection.record", {Role.INSPECTOR, Role.DISTRICT_OFFICER})
register_action("inspection.self_record", {Role.UNIT_OFFICER})
register_action("inspection.review", {Role.DISTRICT_OFFICER})
register_action("inspection.self_review", {Role.UNIT_HEAD})
register_action("remediation.view", READ_ROLES)
register_action("remediation.open", {Role.INSPECTOR, Role.DISTRICT_OFFICER})
register_action("remediation.act", {Role.UNIT_OFFICER, Role.UNIT_HEAD})
register_action("remediation.close", {Role.DISTRICT_OFFICER})
register_action("discipline.view", READ_ROLES)
register_action("discipline.record", {Role.DISTRICT_OFFICER, Role.INSPECTOR, Role.UNIT_HEAD})
# Personal names in discipline records: only the district officer and the unit's own head.
register_action("discipline.names", {Role.DISTRICT_OFFICER, Role.UNIT_HEAD})
register_action("compliance.view", READ_ROLES)
