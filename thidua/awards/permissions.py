"""Who may do what with award rules, rubrics, flags and evaluation rounds.

Rounds belong to their issuing authority (a district, or from 07/2025 a commune): the checks are made against the
round's ``authority``, so another authority's round answers 404.
"""

from thidua.organizations.access import READ_ROLES, register_action
from thidua.organizations.models import Role

STAFF_ROLES = {Role.DISTRICT_OFFICER, Role.COUNCIL_MEMBER, Role.CHAIRMAN, Role.VIEWER, Role.INSPECTOR}

register_action("awards.rules.view", READ_ROLES)
register_action("awards.rules.manage", {Role.DISTRICT_OFFICER})
register_action("awards.flag.view", {Role.DISTRICT_OFFICER, Role.COUNCIL_MEMBER, Role.CHAIRMAN})
register_action("awards.flag.record", {Role.DISTRICT_OFFICER})
# Before the decision a round is internal to the authority's staff; a unit sees its own entry.
register_action("awards.round.view", STAFF_ROLES)
register_action("awards.round.manage", {Role.DISTRICT_OFFICER})
register_action("awards.entry.view_own", {Role.UNIT_OFFICER, Role.UNIT_HEAD})
register_action("awards.session.manage", {Role.DISTRICT_OFFICER})
register_action("awards.session.vote", {Role.COUNCIL_MEMBER, Role.CHAIRMAN})
register_action("awards.decision.approve", {Role.CHAIRMAN})
# The achievement report: the unit's officer writes it, its head submits it; the standing office
# (awards.round.manage) returns or accepts it. A correction of a decision is the Chairman's, as the decision is.
register_action("awards.report.write", {Role.UNIT_OFFICER})
register_action("awards.report.submit", {Role.UNIT_HEAD})

# Certificates are printed by the standing office (and the Chairman's office); the blank's offsets are the
# standing office's data.
register_action("awards.certificate.print", {Role.DISTRICT_OFFICER, Role.CHAIRMAN})
register_action("awards.blank.view", {Role.DISTRICT_OFFICER, Role.CHAIRMAN})
register_action("awards.blank.manage", {Role.DISTRICT_OFFICER})
