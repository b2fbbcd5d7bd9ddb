from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thidua.core.text import has_control_characters
from thidua.surveys import imports, services
from thidua.surveys.models import CollectionPoint


class Command(BaseCommand):
    help = (
        "Import paper forms from an XLSX or CSV file for one collection point, all or nothing, with progress."
    )

    def add_arguments(self, parser):
        parser.add_argument("point", help="The collection point's token (from its rating address) or id.")
        parser.add_argument("file", type=Path)

    def handle(self, *args, point: str, file: Path, **options):
        lookup = {"pk": int(point)} if point.isdigit() else {"token": point}
        collection_point = (
            CollectionPoint.objects.select_related("unit", "questionnaire").filter(**lookup).first()
        )
        if collection_point is None:
            raise CommandError("No such collection point.")
        if has_control_characters(file.name):
            # The file name is stored with the import; rename rather than store an unprintable name.
            raise CommandError("The file name contains control characters; rename the file.")
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        self.stdout.write(f"Checking {file.name} ({len(content):,} bytes)…")
        parsed = imports.parse_file(
            content, collection_point, progress=lambda row: self.stdout.write(f"  checked {row:,} rows")
        )
        if parsed.error_count:
            for error in parsed.errors:
                self.stdout.write(f"  row {error.row}, column {error.column or '-'}: {error.message}")
            raise CommandError(f"{parsed.error_count} errors; nothing was imported.")
        from thidua.surveys.jobs import earlier_import

        earlier = earlier_import(collection_point, parsed.sha256)
        if earlier is not None:
            raise CommandError(
                f"This file was already imported for this collection point on {earlier.created_at:%d/%m/%Y} "
                f"(import #{earlier.pk}, {earlier.rows:,} forms); nothing was imported."
            )
        self.stdout.write(f"{len(parsed.rows):,} rows are valid; importing…")
        batch = services.ratings_import(
            actor=None,
            point=collection_point,
            rows=parsed.rows,
            filename=file.name,
            sha256=parsed.sha256,
            progress=lambda done, total: self.stdout.write(f"  stored {done:,} / {total:,}"),
        )
        self.stdout.write(self.style.SUCCESS(f"Imported {batch.rows:,} forms (import #{batch.pk})."))
