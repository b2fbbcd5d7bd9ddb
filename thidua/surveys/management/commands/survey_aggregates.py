from django.core.management.base import BaseCommand, CommandError

from thidua.surveys import aggregates


class Command(BaseCommand):
    help = "Verify the satisfaction aggregates against the raw answers; --rebuild recomputes them first."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="Recompute every aggregate from the raw answers."
        )

    def handle(self, *args, rebuild: bool = False, **options):
        if rebuild:
            aggregates.rebuild()
            self.stdout.write("Aggregates rebuilt from the raw answers.")
        failed = False
        for comparison in aggregates.verify():
            if comparison.agrees:
                self.stdout.write(f"{comparison.table}: {comparison.stored_rows} rows agree")
                continue
            failed = True
            self.stdout.write(f"{comparison.table}: {len(comparison.differences)} rows differ")
            for key, expected, stored in comparison.differences[:20]:
                self.stdout.write(f"  {key}: raw answers {expected}, stored {stored}")
        if failed:
            raise CommandError("The aggregates do not agree with the raw answers; run with --rebuild.")
        self.stdout.write(self.style.SUCCESS("The aggregates agree with the raw answers."))
