"""Paper-form imports as background jobs: the upload answers at once, the worker reads, checks and stores.

All or nothing: the rows are stored by ``services.ratings_import`` in one transaction, so a job that fails or
whose worker is killed half-way stores nothing and may safely run again. The same file for the same collection
point is refused (a unique constraint holds it even under a race); rows identical to rows already stored are
reported and imported only after the person confirms.
"""

from collections import defaultdict
from typing import Any

from django.db import IntegrityError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.jobs.registry import JobError, JobKind, register_job_kind
from thidua.surveys import imports, services
from thidua.surveys.models import Answer, CollectionPoint, ImportBatch, Response

IMPORT_KIND = "surveys.import"
ID_CHUNK = 500  # within SQLite's limit on parameters per statement


def earlier_import(point: CollectionPoint, sha256: str) -> ImportBatch | None:
    return (
        ImportBatch.objects.filter(collection_point=point, sha256=sha256)
        .select_related("created_by")
        .order_by("created_at")
        .first()
    )


def already_imported_message(batch: ImportBatch) -> str:
    from django.utils import timezone

    person = (
        batch.created_by.get_full_name() or batch.created_by.username if batch.created_by else _("the server")
    )
    return _(
        "This file was already imported for this collection point on %(date)s by %(person)s (%(rows)s forms). "
        "It was not imported again."
    ) % {
        "date": timezone.localtime(batch.created_at).strftime("%d/%m/%Y %H:%M"),
        "person": person,
        "rows": batch.rows,
    }


def identical_rows(point: CollectionPoint, parsed: imports.ParsedFile) -> list[int]:
    """Spreadsheet rows identical to a form already stored for the point: same date, dossier code and answers."""
    if not parsed.rows:
        return []
    days = [day for day, _rating in parsed.rows]
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for response_id, day, dossier, overall in Response.objects.filter(
        collection_point=point, day__range=(min(days), max(days))
    ).values_list("id", "day", "dossier_code", "overall_level"):
        by_key[(day, dossier, overall)].append(response_id)
    if not by_key:
        return []
    candidates = [
        (position, (day, rating.dossier_code, rating.overall_level))
        for position, (day, rating) in enumerate(parsed.rows)
        if (day, rating.dossier_code, rating.overall_level) in by_key
    ]
    if not candidates:
        return []
    wanted = sorted({response_id for _position, key in candidates for response_id in by_key[key]})
    answers: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for start in range(0, len(wanted), ID_CHUNK):
        for response_id, question_id, level in Answer.objects.filter(
            response_id__in=wanted[start : start + ID_CHUNK]
        ).values_list("response_id", "question_id", "level"):
            answers[response_id].add((question_id, level))
    stored = {
        (key, frozenset(answers.get(response_id, ()))) for key, ids in by_key.items() for response_id in ids
    }
    return [
        parsed.row_numbers[position]
        for position, key in candidates
        if (key, frozenset(parsed.rows[position][1].levels.items())) in stored
    ]


def _errors(parsed: imports.ParsedFile) -> list[dict[str, Any]]:
    return [{"row": error.row, "column": error.column, "message": error.message} for error in parsed.errors]


def run_import(job, progress) -> dict[str, Any]:
    point = CollectionPoint.objects.select_related("unit", "questionnaire").get(pk=job.params["point"])
    with job.input_file.open("rb") as handle:
        content = handle.read()
    progress.set_total(imports.estimate_rows(content), _("Checking the rows…"))
    parsed = imports.parse_file(
        content, point, progress=lambda rows: progress.advance(rows, _("Checking the rows…"))
    )
    if parsed.error_count:
        raise JobError(
            _("%(count)s errors — nothing was imported. Correct the file and upload it again.")
            % {"count": parsed.error_count},
            _errors(parsed),
            parsed.error_count,
        )
    earlier = earlier_import(point, parsed.sha256)
    if earlier is not None:
        raise JobError(already_imported_message(earlier))
    if not job.params.get("confirm_duplicates"):
        repeated = identical_rows(point, parsed)
        if repeated:
            raise JobError(
                _(
                    "%(count)s rows are identical to forms already stored for this collection point (same date, "
                    "dossier code and answers). Nothing was imported. If they really are other forms, confirm "
                    "to import the file anyway."
                )
                % {"count": len(repeated)},
                [
                    {"row": row, "column": "", "message": _("Identical to a form already stored.")}
                    for row in repeated[:1000]
                ],
                len(repeated),
                result={
                    "confirm_url": reverse("satisfaction-import-confirm", args=[job.pk]),
                    "confirm_label": _("Import anyway, these are other forms"),
                },
            )
    progress.set_total(len(parsed.rows), _("Storing %(rows)s forms…") % {"rows": len(parsed.rows)})
    progress.advance(0, force=True)
    try:
        batch = services.ratings_import(
            actor=job.created_by,
            point=point,
            rows=parsed.rows,
            filename=job.input_name,
            sha256=parsed.sha256,
        )
    except IntegrityError:
        # Another upload of the same file won the race; the unique constraint kept it to one.
        earlier = earlier_import(point, parsed.sha256)
        raise JobError(
            already_imported_message(earlier) if earlier else _("This file was already imported.")
        ) from None
    return {
        "batch": batch.pk,
        "rows": batch.rows,
        "url": reverse("satisfaction-unit", args=[point.unit.code]),
        "link_label": _("See the unit's satisfaction"),
        "message": _("%(rows)s forms were imported.") % {"rows": batch.rows},
    }


register_job_kind(JobKind(IMPORT_KIND, gettext_lazy("Import of paper forms"), run_import, retry_safe=True))
