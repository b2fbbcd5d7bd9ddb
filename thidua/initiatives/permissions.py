"""Who may do what with reform models; the roles live in ``organizations.access``."""

from thidua.organizations.access import DISTRICT_READERS, READ_ROLES, register_action
from thidua.organizations.models import Role

register_action("reform_model.view", READ_ROLES)
register_action("reform_model.edit", {Role.UNIT_OFFICER})
register_action("reform_model.adopt", {Role.UNIT_OFFICER})
register_action("reform_model.submit", {Role.UNIT_HEAD})
register_action("reform_model.appraise", {Role.DISTRICT_OFFICER})
register_action("reform_model.overview", DISTRICT_READERS)
register_action(
    "reform_model.export", {Role.DISTRICT_OFFICER, Role.VIEWER, Role.CHAIRMAN, Role.COUNCIL_MEMBER}
)
