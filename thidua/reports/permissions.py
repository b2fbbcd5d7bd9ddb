"""Who may do what with periodic reports.

A unit's report belongs to the unit: its officer writes it, its head submits it. The standing office that returns
or accepts reports, compiles and issues the compiled report is the district officer (Phòng Nội vụ) — the role
that appraises reform models and runs the award rounds. Another unit's report answers 404.
"""

from thidua.organizations.access import DISTRICT_READERS, READ_ROLES, register_action
from thidua.organizations.models import Role

register_action("reports.view", READ_ROLES)
register_action("reports.write", {Role.UNIT_OFFICER})
register_action("reports.submit", {Role.UNIT_HEAD})
register_action("reports.review", {Role.DISTRICT_OFFICER})
register_action("reports.board", DISTRICT_READERS)
register_action("reports.compile", {Role.DISTRICT_OFFICER})
