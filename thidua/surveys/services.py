"""Every change to questionnaires, collection points and ratings goes through these functions.

A citizen's rating is the hot path (``rating_record``): it is validated here and written by ``storage`` in one
transaction with its answers and the aggregate counters, so the aggregates never drift from the raw answers. The rating row is its own record: no audit entry per rating.
Staff actions (collection points, imports, questionnaire versions, paper entry) write an audit entry.
"""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.text import clean_text
from thidua.organizations.models import Unit
from thidua.surveys import caches, storage
from thidua.surveys.models import (
    CollectionPoint,
    ImportBatch,
    IndexRule,
    Question,
    Questionnaire,
    Response,
    TransactionVolume,
)
from thidua.surveys.ratings import RatingInput, clean_rating, valid_client_id


def _write_rating(
    *,
    point: CollectionPoint,
    questionnaire: Questionnaire,
    client_id: str,
    source: str,
    rating: RatingInput,
    submitted_at: datetime,
    client_address_hash: str,
    entered_by: Any,
) -> Response:
    new = storage.new_rating(
        point_id=point.pk,
        questionnaire_id=questionnaire.pk,
        client_id=client_id,
        source=source,
        submitted_at=submitted_at,
        levels=rating.levels,
        overall_level=rating.overall_level,
        dossier_code=rating.dossier_code,
        reasons=rating.reasons,
        comment=rating.comment,
        client_hash=client_address_hash,
        entered_by_id=entered_by.pk if getattr(entered_by, "is_authenticated", False) else None,
    )
    response = Response(id=storage.store_rating(new), **new.values)
    response.collection_point = point
    response.questionnaire = questionnaire
    return response


def rating_record(
    *,
    point: CollectionPoint,
    client_id: str,
    source: str,
    answers: dict,
    dossier_code: Any = None,
    reasons: Any = None,
    comment: Any = None,
    submitted_at: datetime | None = None,
    client_address_hash: str = "",
    entered_by: Any = None,
) -> tuple[Response, bool]:
    """Store one rating once. Returns (response, created); a resend with the same client id returns the first.

    Raises ValidationError (messages by field) and writes nothing when the rating is not valid.
    """
    if not point.is_active:
        raise ValidationError({"collection_point": _("This collection point no longer accepts ratings.")})
    if not valid_client_id(client_id):
        raise ValidationError({"client_id": _("The form identifier is missing or not valid.")})
    questionnaire = point.questionnaire
    rating, errors = clean_rating(
        questions=caches.question_specs(questionnaire),
        answers=answers,
        dossier_code=dossier_code,
        reasons=reasons,
        comment=comment,
        allowed_reasons=questionnaire.reasons,
    )
    if errors:
        raise ValidationError(errors)
    submitted_at = submitted_at or timezone.now()
    try:
        with transaction.atomic():
            response = _write_rating(
                point=point,
                questionnaire=questionnaire,
                client_id=client_id,
                source=source,
                rating=rating,
                submitted_at=submitted_at,
                client_address_hash=client_address_hash,
                entered_by=entered_by,
            )
    except IntegrityError:
        # The same form sent twice (a double tap, a retry after a lost answer, or two racing requests): the
        # unique (collection point, client id) constraint kept one; answer with that one.
        existing = (
            Response.objects.select_related("questionnaire")
            .filter(collection_point=point, client_id=client_id)
            .first()
        )
        if existing is None:
            raise
        existing.collection_point = point
        return existing, False
    response.levels = rating.levels  # what was stored, for callers that echo it back
    return response, True


@transaction.atomic
def paper_rating_enter(
    *, actor: Any, point: CollectionPoint, client_id: str, day: date, **fields: Any
) -> Response:
    """A paper form typed in by staff; dated on the day written on the form."""
    submitted_at = timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=12)))
    response, created = rating_record(
        point=point,
        client_id=client_id,
        source="paper",
        submitted_at=submitted_at,
        entered_by=actor,
        **fields,
    )
    if created:
        audit_record(
            actor=actor,
            action="rating.paper_entered",
            target=point,
            unit=point.unit,
            data={"response": response.pk, "day": day.isoformat()},
        )
    return response


@transaction.atomic
def collection_point_create(
    *, actor: Any, unit: Unit, name: str, questionnaire: Questionnaire | None = None, is_demo: bool = False
) -> CollectionPoint:
    name = clean_text(name)
    if not name:
        raise ValidationError({"name": _("Give the desk a name.")})
    if len(name) > 200:
        raise ValidationError({"name": _("The name is too long.")})
    if CollectionPoint.objects.filter(unit=unit, name=name).exists():
        raise ValidationError({"name": _("This unit already has a collection point with this name.")})
    if questionnaire is None:
        questionnaire = Questionnaire.objects.get(code="desk", is_current=True)
    if not questionnaire.is_current:
        raise ValidationError({"questionnaire": _("Choose the current version of a questionnaire.")})
    if not Questionnaire.objects.for_unit(unit).filter(pk=questionnaire.pk).exists():
        raise ValidationError({"questionnaire": _("This questionnaire belongs to another authority.")})
    point = CollectionPoint.objects.create(unit=unit, name=name, questionnaire=questionnaire, is_demo=is_demo)
    audit_record(
        actor=actor,
        action="collection_point.created",
        target=point,
        unit=unit,
        data={"name": name, "questionnaire": questionnaire.code, "version": questionnaire.version},
    )
    return point


@transaction.atomic
def collection_point_set_active(*, actor: Any, point: CollectionPoint, active: bool) -> CollectionPoint:
    point = CollectionPoint.objects.select_for_update().get(pk=point.pk)
    if point.is_active == active:
        raise ValidationError(_("Nothing to change."))
    point.is_active = active
    point.save(update_fields=["is_active"])
    caches.forget_points()
    transaction.on_commit(caches.forget_points)
    audit_record(
        actor=actor,
        action="collection_point.activated" if active else "collection_point.deactivated",
        target=point,
        unit=point.unit,
    )
    return point


def _slug(value: str) -> bool:
    return bool(value) and value.isascii() and value.replace("_", "").replace("-", "").isalnum()


def _check_content(content: dict) -> dict:
    """The content of a version, cleaned, or a ``ValidationError`` naming the first thing wrong with it."""
    title = clean_text(content["title"])
    if not title:
        raise ValidationError({"title": _("Give the questionnaire a title.")})
    if len(title) > 300:
        raise ValidationError({"title": _("The title is too long.")})
    if content["index_rule"] not in IndexRule.values:
        raise ValidationError({"index_rule": _("Choose an index rule.")})
    low = content["low_score_max"]
    if not isinstance(low, int) or not 1 <= low <= 5:
        raise ValidationError({"low_score_max": _("The low score must be a whole number from 1 to 5.")})
    elements = [[clean_text(code), clean_text(label)] for code, label in content["elements"]]
    element_codes = [code for code, _label in elements]
    if any(not _slug(code) or len(code) > 40 for code in element_codes):
        raise ValidationError({"elements": _("An element code is letters, digits, - or _ (at most 40).")})
    if len(set(element_codes)) != len(element_codes):
        raise ValidationError({"elements": _("Each element needs its own code.")})
    if any(not label or len(label) > 200 for _code, label in elements):
        raise ValidationError({"elements": _("Every element needs a label (at most 200 characters).")})
    reasons = [clean_text(reason) for reason in content["reasons"]]
    if any(not reason or len(reason) > 200 for reason in reasons) or len(set(reasons)) != len(reasons):
        raise ValidationError({"reasons": _("Each reason is one line, given once, at most 200 characters.")})
    questions: list[dict[str, Any]] = [
        {
            "code": clean_text(row["code"]),
            "element": "" if row.get("is_overall") else clean_text(row.get("element", "")),
            "text": clean_text(row["text"]),
            "is_overall": bool(row.get("is_overall")),
            "required": bool(row.get("required")),
        }
        for row in content["questions"]
    ]
    codes = [row["code"] for row in questions]
    if not questions or len(set(codes)) != len(codes):
        raise ValidationError({"questions": _("Each question needs its own code.")})
    if any(not _slug(code) or len(code) > 40 for code in codes):
        raise ValidationError({"questions": _("A question code is letters, digits, - or _ (at most 40).")})
    if any(not row["text"] or len(row["text"]) > 500 for row in questions):
        raise ValidationError({"questions": _("Every question needs a text (at most 500 characters).")})
    if any(not row["is_overall"] and row["element"] not in element_codes for row in questions):
        raise ValidationError(
            {"questions": _("A question names an element that is not on the questionnaire.")}
        )
    overall = [row for row in questions if row["is_overall"]]
    if len(overall) > 1:
        raise ValidationError({"questions": _("A questionnaire has at most one overall question.")})
    if content["index_rule"] == IndexRule.OVERALL_QUESTION and not overall:
        raise ValidationError(
            {"index_rule": _("The share satisfied on the overall question needs an overall question.")}
        )
    if content["index_rule"] == IndexRule.ELEMENT_MEAN and len(overall) == len(questions):
        raise ValidationError(
            {"index_rule": _("The mean of the element indices needs items under elements.")}
        )
    return {
        "title": title,
        "index_rule": content["index_rule"],
        "low_score_max": low,
        "elements": elements,
        "reasons": reasons,
        "questions": questions,
    }


def _write_questions(questionnaire: Questionnaire, questions: list[dict]) -> None:
    Question.objects.bulk_create(
        [
            Question(questionnaire=questionnaire, position=position, **row)
            for position, row in enumerate(questions, start=1)
        ]
    )


def _forget_questionnaires() -> None:
    caches.forget_questions()
    caches.forget_points()
    transaction.on_commit(caches.forget_points)
    transaction.on_commit(caches.forget_questions)


@transaction.atomic
def questionnaire_revise(
    *,
    actor: Any,
    questionnaire: Questionnaire,
    title: str | None = None,
    index_rule: str | None = None,
    reasons: list[str] | None = None,
    questions: list[dict] | None = None,
    elements: list[list[str]] | None = None,
    low_score_max: int | None = None,
    change_reason: str = "",
) -> Questionnaire:
    """Change a questionnaire. Answered versions are never edited: the change becomes a new version that the
    collection points move to, and existing answers keep the version they were given on. A change to an answered
    version needs a reason (it is kept in the audit trail); a change that changes nothing is refused."""
    from thidua.surveys.questionnaire_json import content_of

    current = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if not current.is_current:
        raise ValidationError(_("Only the current version can be changed."))
    before = content_of(current)
    proposed = {
        "title": title if title is not None else before["title"],
        "index_rule": index_rule or before["index_rule"],
        "low_score_max": low_score_max if low_score_max is not None else before["low_score_max"],
        "elements": elements if elements is not None else before["elements"],
        "reasons": reasons if reasons is not None else before["reasons"],
        "questions": questions if questions is not None else before["questions"],
    }
    content = _check_content(proposed)
    if content == before:
        raise ValidationError(
            _("This is already version %(version)s of the questionnaire: nothing was changed.")
            % {"version": current.version}
        )
    has_answers = Response.objects.filter(questionnaire=current).exists()
    change_reason = clean_text(change_reason)
    if has_answers and not change_reason:
        raise ValidationError(
            {"change_reason": _("Citizens have answered this version: give the reason for the change.")}
        )
    questions = content.pop("questions")
    if has_answers:
        Questionnaire.objects.filter(pk=current.pk).update(is_current=False)
        target = Questionnaire.objects.create(
            code=current.code,
            version=current.version + 1,
            kind=current.kind,
            is_current=True,
            owner_id=current.owner_id,
            **content,
        )
        CollectionPoint.objects.filter(questionnaire=current).update(questionnaire=target)
    else:
        # Unanswered: nothing refers to the old questions, so a fresh set replaces them in place.
        for attribute, value in content.items():
            setattr(current, attribute, value)
        current.save(update_fields=list(content))
        current.questions.all().delete()
        target = current
    _write_questions(target, questions)
    _forget_questionnaires()
    audit_record(
        actor=actor,
        action="questionnaire.revised",
        target=target,
        data={
            "code": target.code,
            "version": target.version,
            "new_version": has_answers,
            "title": content["title"],
            "index_rule": content["index_rule"],
            "reasons": content["reasons"],
            "elements": len(content["elements"]),
            "questions": len(questions),
            **({"reason": change_reason} if change_reason else {}),
        },
    )
    return target


@transaction.atomic
def questionnaire_import(
    *, actor: Any, raw: bytes, change_reason: str = "", owner: Unit | None = None
) -> tuple[Questionnaire, bool]:
    """Import a questionnaire file (``questionnaire_json``): a new code becomes version 1 owned by ``owner`` (None:
    shared), a known code revises its current version, if it has the same owner. Returns the version and whether
    it is new. A file that matches the current version is refused, so importing the same file twice changes
    nothing the second time. Nothing is written on a refusal."""
    from thidua.surveys.questionnaire_json import parse

    parsed = parse(raw)
    current = Questionnaire.objects.select_for_update().filter(code=parsed["code"], is_current=True).first()
    owner_id = owner.pk if owner is not None else None
    if Questionnaire.objects.filter(code=parsed["code"]).exclude(owner_id=owner_id).exists():
        raise ValidationError(
            _("The questionnaire with this code is not yours to change: give the file another code.")
        )
    if current is not None:
        if current.kind != parsed["kind"]:
            raise ValidationError(
                _("The file's questionnaire kind differs from the questionnaire with this code.")
            )
        revised = questionnaire_revise(
            actor=actor, questionnaire=current, change_reason=change_reason, **parsed["content"]
        )
        return revised, revised.pk != current.pk
    if Questionnaire.objects.filter(code=parsed["code"]).exists():
        raise ValidationError(_("The questionnaire with this code has no current version."))
    content = _check_content(parsed["content"])
    questions = content.pop("questions")
    created = Questionnaire.objects.create(
        code=parsed["code"], version=1, kind=parsed["kind"], is_current=True, owner=owner, **content
    )
    _write_questions(created, questions)
    _forget_questionnaires()
    audit_record(
        actor=actor,
        action="questionnaire.created",
        target=created,
        data={"code": created.code, "version": 1, "questions": len(questions)},
    )
    return created, True


def copy_code(code: str, owner: Unit, max_length: int) -> str:
    """The code of an authority's own copy: the old code and the authority's unit code."""
    suffix = f"-{owner.code}"
    return code[: max_length - len(suffix)].rstrip("-") + suffix


@transaction.atomic
def questionnaire_copy(*, actor: Any, questionnaire: Questionnaire, owner: Unit) -> Questionnaire:
    """An authority's own copy of a shared questionnaire: a new code, version 1, the same content, owned by the
    authority. Refused when the authority has that copy already; nothing is written then."""
    from thidua.surveys.questionnaire_json import content_of

    if questionnaire.owner_id is not None:
        raise ValidationError(_("Only a shared questionnaire can be copied."))
    code = copy_code(questionnaire.code, owner, Questionnaire._meta.get_field("code").max_length)
    if Questionnaire.objects.filter(code=code).exists():
        raise ValidationError(_("Your authority has its own copy of this questionnaire already."))
    content = content_of(questionnaire)
    questions = content.pop("questions")
    created = Questionnaire.objects.create(
        code=code, version=1, kind=questionnaire.kind, is_current=True, owner=owner, **content
    )
    _write_questions(created, questions)
    _forget_questionnaires()
    audit_record(
        actor=actor,
        action="questionnaire.created",
        target=created,
        data={"code": created.code, "version": 1, "questions": len(questions)},
    )
    return created


@transaction.atomic
def transaction_volume_set(*, actor: Any, unit: Unit, year: int, transactions: int) -> TransactionVolume:
    if transactions < 0:
        raise ValidationError({"transactions": _("Enter a number of zero or more.")})
    volume, _created = TransactionVolume.objects.update_or_create(
        unit=unit, year=year, defaults={"transactions": transactions}
    )
    audit_record(
        actor=actor,
        action="transaction_volume.set",
        target=volume,
        unit=unit,
        data={"year": year, "transactions": transactions},
    )
    return volume


@transaction.atomic
def ratings_import(
    *,
    actor: Any,
    point: CollectionPoint,
    rows: list[tuple[date, RatingInput]],
    filename: str,
    sha256: str,
    progress=None,
) -> ImportBatch:
    """Store validated paper rows all at once: a failure anywhere leaves nothing behind."""
    batch = ImportBatch.objects.create(
        collection_point=point,
        filename=filename[:255],
        rows=len(rows),
        sha256=sha256,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    entered_by_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    noon = datetime.min.time().replace(hour=12)
    storage.import_ratings(
        [
            storage.new_rating(
                point_id=point.pk,
                questionnaire_id=point.questionnaire_id,
                client_id=f"paper:{batch.pk}:{number}",
                source="paper",
                submitted_at=timezone.make_aware(datetime.combine(day, noon)),
                levels=rating.levels,
                overall_level=rating.overall_level,
                dossier_code=rating.dossier_code,
                reasons=rating.reasons,
                comment=rating.comment,
                entered_by_id=entered_by_id,
                import_batch_id=batch.pk,
            )
            for number, (day, rating) in enumerate(rows, start=1)
        ],
        progress,
    )
    audit_record(
        actor=actor,
        action="rating.imported",
        target=batch,
        unit=point.unit,
        data={"collection_point": point.pk, "rows": len(rows), "file": filename[:255], "sha256": sha256},
    )
    return batch
