"""Actions of the satisfaction pillar and the roles that may perform them (see organizations/access.py)."""

from thidua.organizations.access import READ_ROLES, register_action
from thidua.organizations.models import Role

register_action("satisfaction.view", READ_ROLES)
register_action("satisfaction.export", READ_ROLES)
register_action("collection_point.view", READ_ROLES)
register_action("collection_point.manage", {Role.UNIT_OFFICER, Role.UNIT_HEAD, Role.DISTRICT_OFFICER})
register_action("paper_rating.enter", {Role.UNIT_OFFICER, Role.DISTRICT_OFFICER})
register_action("questionnaire.manage", {Role.DISTRICT_OFFICER})
