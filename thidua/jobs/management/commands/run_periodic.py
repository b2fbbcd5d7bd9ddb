"""Run the periodic work that is due (reminders, the nightly aggregate check, recovery of stalled jobs).

Once, for cron or a systemd timer:   manage.py run_periodic
As a loop beside the worker:         manage.py run_periodic --loop   (what `make run` does)
A lease in the database stops two schedulers running the same work at once.
"""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from thidua.jobs.models import PeriodicRun
from thidua.jobs.registry import periodic_work
from thidua.jobs.services import periodic_run_due


class Command(BaseCommand):
    help = "Run the periodic work that is due; --loop keeps doing so every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true")
        parser.add_argument("--interval", type=float, default=30.0)
        parser.add_argument("--only", help="run only this piece of work")
        parser.add_argument("--force", action="store_true", help="run even if not due")
        parser.add_argument("--list", action="store_true", help="list the registered periodic work")

    def handle(self, *, loop, interval, only, force, list, **options):
        if list:
            runs = {run.name: run for run in PeriodicRun.objects.all()}
            for name, work in sorted(periodic_work().items()):
                run = runs.get(name)
                last = (
                    f"last {run.last_started_at:%d/%m/%Y %H:%M}"
                    if run and run.last_started_at
                    else "never run"
                )
                error = f"\tERROR {run.last_error}" if run and run.last_error else ""
                self.stdout.write(f"{name}\tevery {work.every}\t{last}\t{work.description}{error}")
            return
        running = True

        def stop(signum, frame):
            nonlocal running
            running = False

        if loop:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
        while True:
            # As a request would: drop a connection the database closed while the loop slept.
            close_old_connections()
            ran = periodic_run_due(only=only, force=force)
            if ran and options["verbosity"] > 0:
                self.stdout.write("ran: " + ", ".join(ran))
            if not loop:
                return
            slept = 0.0
            while running and slept < interval:
                time.sleep(0.5)
                slept += 0.5
            if not running:
                return
