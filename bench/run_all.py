"""Run every benchmark in turn with its default size and print each one's figures (`make bench`).

Takes several minutes: the district table generates 1,000,000 responses in PostgreSQL. Each script can be run on
its own with smaller sizes; see its docstring.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = [
    ["rating_post.py"],
    ["rating_profile.py"],
    ["import_web.py"],
    ["rate_limit_workers.py"],
    ["district_table.py"],
    ["province_dashboard.py", "--small"],  # the full 10,000,000 responses take ≈ 20 minutes: run it by hand
    ["import_xlsx.py"],
    ["fault_kill.py", "--db", "sqlite"],
    ["fault_kill.py", "--db", "postgres"],
    ["export_xlsx.py"],
    ["award_round.py"],
    ["award_decision.py"],
]


def main() -> int:
    failed = []
    for run in RUNS:
        print(f"\n##### {' '.join(run)}", flush=True)
        if subprocess.call([sys.executable, str(HERE / run[0]), *run[1:]]) != 0:
            failed.append(" ".join(run))
    if failed:
        print("\nFailed: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
