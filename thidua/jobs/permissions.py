from thidua.organizations.access import register_action
from thidua.organizations.models import Role

# Anyone sees the jobs they started; district officers see every job in the units they cover.
register_action("job.view_all", {Role.DISTRICT_OFFICER})
