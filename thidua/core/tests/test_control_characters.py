"""No control character gets in, and none already stored can break an export or a document.

Entrances: every form of the product (found by walking thidua's modules), the JSON API's text fields, the public
rating page, paper entry's shared rating check, file imports and the import command. Exits: every exporter (each
``Exporter`` subclass must have a download in EXPORTS) and every DOCX route (each ``*.docx`` URL must be in
DOCUMENTS), downloaded after control characters were written straight into every text column, as legacy rows.
"""

import csv
import importlib
import inspect
import io
import json
import pkgutil
from datetime import date
from types import UnionType
from typing import Annotated, Union, get_args, get_origin

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, models, transaction
from django.db.models.functions import Concat, Left
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from docx import Document
from openpyxl import load_workbook
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

import thidua
from thidua.campaigns.models import Campaign
from thidua.core.exports import Exporter
from thidua.core.forms import RefuseControlCharactersMixin
from thidua.core.models import AuditEntry
from thidua.core.text import has_control_characters
from thidua.core.uploads import private_storage
from thidua.core.validators import CONTROL_CHARACTER_MESSAGE
from thidua.initiatives import services as model_services
from thidua.initiatives.models import ReformModel
from thidua.inspections.models import Inspection, InspectionKind
from thidua.organizations import services as org_services
from thidua.organizations.access import descendant_unit_ids
from thidua.organizations.models import Unit, User
from thidua.surveys.models import CollectionPoint, ImportBatch, Response

pytestmark = pytest.mark.django_db

CONTROL_CHARACTERS = [
    chr(code) for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if chr(code) not in "\t\n\r"
]
# Over HTTP a sample of both kinds (C0, DEL, C1) is enough: every character is checked where it is refused.
SAMPLE = ["\x00", "\x01", "\x02", "\x0b", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9f"]
# A visible marker around the characters written into legacy rows: an export that shows the row shows "‹›".
MARKER_OPEN, MARKER_CLOSE = "‹", "›"


def _import_every_product_module() -> None:
    for module in pkgutil.walk_packages(thidua.__path__, "thidua."):
        if not any(part in module.name for part in (".tests", ".migrations")):
            importlib.import_module(module.name)


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        # Exporters that tests define for themselves, and shared bases marked ``abstract``, are not downloads.
        if ".tests." not in subclass.__module__ and not subclass.__dict__.get("abstract", False):
            yield subclass
        yield from _subclasses(subclass)


_import_every_product_module()
PRODUCT_FORMS = sorted(
    {
        form_class
        for form_class in _subclasses(forms.BaseForm)
        if form_class.__module__.startswith("thidua.") and ".tests" not in form_class.__module__
    },
    key=lambda form_class: f"{form_class.__module__}.{form_class.__qualname__}",
)
# Forms that another change is moving; where they land, they take the mixin (and leave this list).
MOVING: set[str] = set()


def test_the_control_characters_here_are_exactly_the_ones_the_product_refuses():
    assert all(has_control_characters(f"a{character}b") for character in CONTROL_CHARACTERS)
    assert not any(has_control_characters(f"a{character}b") for character in "\t\n\r")
    assert len(CONTROL_CHARACTERS) == 62


# --- entrances: forms -------------------------------------------------------------------------------------------


def _report_sections():
    from thidua.reports.models import ReportSection, ReportTemplate
    from thidua.reports.outline import ensure_default_template

    return list(ensure_default_template(ReportTemplate, ReportSection).sections.all())


def _an_authority() -> Unit:
    return Unit.objects.filter(kind="district").first() or org_services.unit_create(
        actor=None,
        code="form-authority",
        name="Thử",
        official_name="Ủy ban nhân dân huyện Thử",
        kind="district",
    )


def _constructor_arguments(form_class) -> dict:
    """Keyword arguments the form's constructor takes, filled with real (unfiltered) querysets and choices."""
    available = {
        "units": lambda: Unit.objects.all(),
        "years": lambda: [2021, 2022],
        "campaigns": lambda: Campaign.objects.all(),
        "kinds": lambda: list(InspectionKind.values),
        "inspectors": lambda: User.objects.all(),
        "may_name": lambda: True,
        "points": lambda: CollectionPoint.objects.all(),
        "sections": _report_sections,
        "initial_texts": lambda: {},
        "authority": _an_authority,
    }
    parameters = inspect.signature(form_class.__init__).parameters.values()
    arguments = {}
    if any(
        parameter.name == "user" and parameter.kind is parameter.POSITIONAL_OR_KEYWORD
        for parameter in parameters
    ):
        # Django's password forms take the account whose password changes.
        arguments["user"] = User.objects.create_user(
            username=f"form-{form_class.__name__.lower()}", password="x"
        )
    for parameter in parameters:
        if parameter.kind is not inspect.Parameter.KEYWORD_ONLY:
            continue
        assert parameter.name in available or parameter.default is not inspect.Parameter.empty, (
            f"{form_class.__name__} takes {parameter.name}=; add it to _constructor_arguments"
        )
        if parameter.name in available:
            arguments[parameter.name] = available[parameter.name]()
    return arguments


def test_the_walk_finds_the_products_forms():
    names = {form_class.__name__ for form_class in PRODUCT_FORMS}
    assert {"ReformModelForm", "AnswerForm", "UnitForm", "ThrottledAuthenticationForm", "ImportForm"} <= names


@pytest.mark.parametrize(
    "form_class", PRODUCT_FORMS, ids=[f"{cls.__module__}.{cls.__qualname__}" for cls in PRODUCT_FORMS]
)
def test_every_text_field_of_every_form_refuses_every_control_character(db, form_class):
    if f"{form_class.__module__}.{form_class.__qualname__}" in MOVING:
        pytest.skip("being moved out of core; it takes the mixin where it lands")
    assert issubclass(form_class, RefuseControlCharactersMixin)
    arguments = _constructor_arguments(form_class)
    fields = form_class(**arguments).fields
    text_fields = [
        name for name, field in fields.items() if isinstance(field, forms.CharField | forms.FileField)
    ]
    for character in CONTROL_CHARACTERS:
        text = f"ab{character}cd"
        # Every text field at once: each field's errors are its own.
        data = {name: text for name in text_fields if not isinstance(fields[name], forms.FileField)}
        files = {
            name: SimpleUploadedFile(f"{text}.png", b"x")
            for name in text_fields
            if isinstance(fields[name], forms.FileField)
        }
        form = form_class(data=data, files=files, **arguments)
        assert not form.is_valid() or not text_fields
        for name in text_fields:
            assert str(CONTROL_CHARACTER_MESSAGE) in form.errors.get(name, []), (name, hex(ord(character)))


def test_the_message_is_vietnamese():
    assert str(CONTROL_CHARACTER_MESSAGE) == (
        "Nội dung có ký tự điều khiển không hợp lệ (ký tự ẩn); hãy xóa ký tự đó rồi thử lại."
    )


def _model_form_data(world) -> dict:
    return {
        "unit": world.unit_a.pk,
        "campaign": world.campaign.pk,
        "year": 2021,
        "title": "Nụ cười công sở",
        "category": "civil_service",
        "problem": "Người dân chờ lâu.",
        "solution": "Bố trí ghế chờ, số thứ tự.",
        "started_on": "15/05/2021",
        "minutes_saved_per_dossier": "7.5",
        "minutes_saved_method": "Bấm giờ 50 lượt.",
        "links": "https://longphu.soctrang.gov.vn/mo-hinh",
    }


def test_the_model_form_refuses_control_characters_in_the_title_and_stores_nothing(world, client_as):
    """The issue's reproducer: a title "Ctl\\x01\\x02" used to be stored (302) and then broke every export."""
    client = client_as("officer_a")
    audit_before = AuditEntry.objects.count()
    for character in SAMPLE:
        response = client.post("/reform-models/new/", {**_model_form_data(world), "title": f"Ct{character}l"})
        assert response.status_code == 400, hex(ord(character))
        assert str(CONTROL_CHARACTER_MESSAGE) in response.content.decode()
    assert not ReformModel.objects.exists()
    assert AuditEntry.objects.count() == audit_before


def test_every_text_field_of_the_model_form_refuses_a_control_character_over_http(world, client_as):
    client = client_as("officer_a")
    valid = _model_form_data(world)
    text_fields = ["title", "problem", "solution", "minutes_saved_method", "links"]
    for position, name in enumerate(text_fields):
        character = CONTROL_CHARACTERS[position * 7 % len(CONTROL_CHARACTERS)]
        response = client.post(
            "/reform-models/new/", {**valid, name: valid[name][:3] + character + valid[name][3:]}
        )
        assert response.status_code == 400, name
    assert not ReformModel.objects.exists()
    assert (
        client.post("/reform-models/new/", {**valid, "problem": "Dòng một\r\n\tDòng hai"}).status_code == 302
    )


# --- entrances: JSON API, public rating page, imports, command ----------------------------------------------------


@pytest.fixture
def point_a(world):
    from thidua.surveys.models import Question, Questionnaire
    from thidua.surveys.questionnaires import seed_questionnaires
    from thidua.surveys.services import collection_point_create

    # A transactional test elsewhere may have flushed the rows the data migration seeded; put them back.
    seed_questionnaires(Questionnaire, Question)
    desk = Questionnaire.objects.get(code="desk", is_current=True)
    return collection_point_create(actor=None, unit=world.unit_a, questionnaire=desk, name="Bộ phận một cửa")


def _post_rating(token: str, body: dict):
    return Client().post(
        "/api/ratings",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def _text_shape(annotation) -> str | None:
    """ "text" for a str, "list" for a list of str (through Optional and Annotated), else None."""
    origin = get_origin(annotation)
    if annotation is str:
        return "text"
    if origin is Annotated:
        return _text_shape(get_args(annotation)[0])
    if origin in (Union, UnionType):
        shapes = {_text_shape(argument) for argument in get_args(annotation)} - {None}
        return shapes.pop() if shapes else None
    if origin is list:
        return "list" if _text_shape(get_args(annotation)[0]) == "text" else None
    return None


def _api_text_fields():
    """(pydantic model, field, shape) for every text a caller of the JSON API can send: path, query and body."""
    from thidua.api.api import api

    found = set()
    for _prefix, router in api._routers:
        for view in router.path_operations.values():
            for operation in view.operations:
                for params_model in operation.models:
                    for name, field in params_model.model_fields.items():
                        annotation = field.annotation
                        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                            for inner_name, inner_field in annotation.model_fields.items():
                                if shape := _text_shape(inner_field.annotation):
                                    found.add((annotation, inner_name, shape))
                        elif shape := _text_shape(annotation):
                            found.add((params_model, name, shape))
    return sorted(found, key=lambda item: (item[0].__name__, item[1]))


def test_every_text_field_of_the_api_refuses_every_control_character():
    fields = _api_text_fields()
    assert {(model.__name__, name) for model, name, _shape in fields} >= {
        ("RatingIn", "comment"),
        ("RatingIn", "reasons"),
        ("UnitFilters", "q"),
        ("PathParams", "code"),
    }
    for model, name, shape in fields:
        alias = model.model_fields[name].alias or name
        for character in CONTROL_CHARACTERS:
            text = f"ab{character}cd"
            with pytest.raises(PydanticValidationError) as refused:
                model.model_validate({alias: [text] if shape == "list" else text})
            assert any(error["loc"][:1] == (alias,) for error in refused.value.errors()), (
                model.__name__,
                name,
                hex(ord(character)),
            )


def test_the_rating_api_refuses_control_characters_in_its_text_fields_with_a_422(world, point_a):
    _token, raw = org_services.api_token_create(actor=None, name="Một cửa", unit=world.unit_a)
    valid = {"id": "r-1", "collection_point": point_a.token, "answers": {"overall": 5}, "comment": "Tốt"}
    for position, character in enumerate(SAMPLE[1:5]):
        for field, value in [
            ("comment", f"Tốt{character}"),
            ("dossier_code", f"HS{character}001"),
            ("reasons", [f"Chờ lâu{character}"]),
            ("collection_point", point_a.token + character),
        ]:
            response = _post_rating(raw, {**valid, "id": f"r-{position}", field: value})
            assert response.status_code == 422, (field, hex(ord(character)))
            assert response.json()["errors"][0]["field"].startswith(field)
            assert response.json()["errors"][0]["message"] == str(CONTROL_CHARACTER_MESSAGE)
    assert not Response.objects.exists()
    assert _post_rating(raw, valid).status_code == 201


def test_api_filters_refuse_control_characters_with_a_422(world, client_as):
    client = client_as("district_officer")
    for path in ["/api/units?q=a\x01", "/api/models?q=a\x85", f"/api/units/{world.unit_a.code}%01"]:
        response = client.get(path)
        assert response.status_code == 422, path
        assert response.json()["detail"]


def test_the_rating_check_refuses_every_control_character_in_a_comment(point_a):
    """One check serves the public page, the kiosk, paper entry, the API and file imports."""
    from thidua.surveys.caches import question_specs
    from thidua.surveys.ratings import clean_rating

    specs = question_specs(point_a.questionnaire)
    for character in CONTROL_CHARACTERS:
        _rating, errors = clean_rating(
            questions=specs,
            answers={"overall": 5},
            comment=f"Tốt{character}",
            allowed_reasons=point_a.questionnaire.reasons,
        )
        assert errors == {"comment": str(CONTROL_CHARACTER_MESSAGE)}, hex(ord(character))


def test_the_public_rating_page_refuses_a_comment_with_a_control_character(world, point_a, settings):
    settings.SURVEY_RATE_LIMIT = 10**6
    for character in SAMPLE:
        response = Client().post(
            point_a.rating_path, {"client_id": "c" * 32, "q_overall": "5", "comment": f"Tốt{character}"}
        )
        assert response.status_code == 400, hex(ord(character))
        assert str(CONTROL_CHARACTER_MESSAGE) in response.content.decode()
    assert not Response.objects.exists()


def test_an_import_with_a_control_character_in_a_comment_stores_nothing(world, point_a):
    from thidua.surveys import imports

    content = f"ngay,overall,y_kien\n01/06/2021,5,Tốt\n02/06/2021,4,Khá{chr(0x1B)}\n".encode()
    parsed = imports.parse_file(content, point_a)
    assert parsed.rows == []
    assert [(error.row, error.message) for error in parsed.errors] == [(3, str(CONTROL_CHARACTER_MESSAGE))]
    assert not Response.objects.exists()


def test_the_import_command_refuses_a_file_name_with_a_control_character(world, point_a, tmp_path):
    path = tmp_path / "phieu\x01.csv"
    path.write_text("ngay,overall\n01/06/2021,5\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_ratings", point_a.token, str(path), stdout=io.StringIO())
    assert not ImportBatch.objects.exists()
    assert not Response.objects.exists()


# --- exits: every export and document of rows that already hold control characters -------------------------------

# Columns not written here: choices and slugs (their own validators and lookups refuse anything else), secrets and
# hashes, and identifiers the product writes itself (never user text).
NOT_USER_TEXT = {
    ("core", "AuditEntry", "action"),
    ("core", "AuditEntry", "target_type"),
    ("core", "AuditEntry", "target_id"),
    ("organizations", "User", "password"),
    ("organizations", "User", "username"),
    ("organizations", "User", "email"),
    ("organizations", "Unit", "search_key"),
    ("organizations", "ApiToken", "hint"),
    ("campaigns", "Target", "indicator"),
    ("initiatives", "ReformModel", "search_key"),
    ("initiatives", "EvidenceFile", "kind"),
    ("initiatives", "EvidenceFile", "content_type"),
    ("inspections", "FindingPhoto", "content_type"),
    ("inspections", "RemediationEvidence", "content_type"),
    ("surveys", "Question", "element"),
    ("surveys", "Response", "client_id"),
    ("surveys", "ImportBatch", "sha256"),
}


def _legacy_text_columns():
    for model in apps.get_models():
        if not model.__module__.startswith("thidua."):
            continue
        for field in model._meta.concrete_fields:
            key = (model._meta.app_label, model.__name__, field.name)
            if (
                isinstance(field, models.CharField | models.TextField)
                and not isinstance(field, models.SlugField)
                and not field.choices
                and not field.unique
                and not field.name.endswith("_hash")
                and key not in NOT_USER_TEXT
                and model is not AuditEntry  # append-only: legacy entries are inserted below instead
            ):
                yield model, field


def _control_suffix() -> str:
    # PostgreSQL cannot store NUL in text at all, so no legacy row there holds it.
    characters = [c for c in CONTROL_CHARACTERS if c != "\x00" or connection.vendor != "postgresql"]
    return MARKER_OPEN + "".join(characters) + MARKER_CLOSE


def _write_control_characters_into_every_text_column() -> int:
    suffix = _control_suffix()
    columns = 0
    for model, field in _legacy_text_columns():
        room = None if field.max_length is None else field.max_length - len(suffix)
        if room is None:
            value = Concat(field.name, models.Value(suffix))
        elif room >= 1:
            value = Concat(Left(field.name, room), models.Value(suffix))
        else:  # a short column: as many of the characters as fit between the markers
            value = models.Value(suffix[: field.max_length - 1] + MARKER_CLOSE)
        try:
            with transaction.atomic():
                model._base_manager.update(**{field.name: value})
        except IntegrityError:
            # A check constraint wants the column empty on some rows (a manual criterion has no indicator), or a
            # short unique column cannot hold one value on every row: the characters go where they fit.
            try:
                with transaction.atomic():
                    model._base_manager.exclude(**{field.name: ""}).update(**{field.name: value})
            except IntegrityError:
                continue
        columns += 1
    # Lists of text in JSON columns: the questionnaire's reasons, a response's chosen reasons.
    from thidua.surveys.models import Questionnaire

    for questionnaire in Questionnaire.objects.all():
        Questionnaire.objects.filter(pk=questionnaire.pk).update(
            reasons=[reason + suffix for reason in questionnaire.reasons]
        )
    # The audit trail is append-only: the legacy entries are new entries written with the characters in them.
    for entry in list(AuditEntry.objects.order_by("pk")[:200]):
        entry.pk = None
        entry.actor_label = entry.actor_label[:100] + suffix
        entry.target_label = entry.target_label[:100] + suffix
        entry.data = {**entry.data, "note": suffix}
        entry.save()
    return columns


@pytest.fixture
def legacy_demo(empty_database, settings, tmp_path, monkeypatch):
    """The demo district, then control characters written straight into every text column (legacy data)."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(private_storage, "_location", str(tmp_path / "private"))
    private_storage.__dict__.pop("base_location", None)
    private_storage.__dict__.pop("location", None)
    call_command("seed_demo", force=True, stdout=io.StringIO())
    columns = _write_control_characters_into_every_text_column()
    yield columns
    private_storage.__dict__.pop("base_location", None)
    private_storage.__dict__.pop("location", None)


def _routes(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def _exporter_key(cls) -> str:
    return f"{cls.__module__.split('.')[1]}.{cls.__name__}"


# A unit's monthly satisfaction holds numbers and labels only, no stored text to show.
# Months and figures only: no stored text that a legacy row could carry.
WITHOUT_STORED_TEXT = {"surveys.UnitExporter", "campaigns.DashboardMonthlyExporter"}


def _award_exports(both) -> dict[str, list[str]]:
    from thidua.awards.models import AwardDecision

    decision = AwardDecision.objects.order_by("pk").first()
    return {
        "awards.AwardRegisterExporter": [f"/awards/decisions/{decision.pk}/so-vang.{kind}" for kind in both],
        "awards.PayoutExporter": [f"/awards/decisions/{decision.pk}/chi-tien.{kind}" for kind in both],
        "awards.AppraisalExporter": [f"/awards/rounds/{decision.round_id}/phieu-tham-dinh.xlsx"],
    }


def _exports() -> dict[str, list[str]]:
    """Exporter (app.ClassName) → the downloads that use it, for the demo district."""
    campaign = Campaign.objects.order_by("pk").first()
    unit = CollectionPoint.objects.select_related("unit").first().unit
    point = CollectionPoint.objects.first()
    both = ("xlsx", "csv")
    return {
        "initiatives.ModelRegisterExporter": [f"/reform-models/?format={kind}" for kind in both],
        "organizations.AuditExporter": [f"/audit/?format={kind}" for kind in both],
        "organizations.UnitExporter": [f"/units/?format={kind}" for kind in both],
        "campaigns.ProgressExporter": [
            f"/campaigns/{campaign.pk}/progress/?year=2021&format={kind}" for kind in both
        ],
        "campaigns.RegistrationExporter": [
            f"/campaigns/{campaign.pk}/registrations/?year=2021&format={kind}" for kind in both
        ],
        "inspections.InspectionExporter": ["/inspections/?format=xlsx"],
        "inspections.FindingExporter": ["/inspections/?format=xlsx&table=findings"],
        "inspections.RemediationExporter": ["/inspections/remediations/?format=xlsx&show=all"],
        "surveys.DistrictExporter": ["/satisfaction/?year=2021&format=xlsx"],
        "surveys.UnitExporter": [f"/satisfaction/units/{unit.code}/?year=2021&format=xlsx"],
        "surveys.CommentsExporter": [
            f"/satisfaction/units/{unit.code}/comments/?year=2021&format={kind}" for kind in both
        ],
        "surveys import template": [f"/satisfaction/points/{point.pk}/template.xlsx"],
        **_dashboard_exports(campaign, both),
        **_award_exports(both),
        **_report_exports(both),
    }


def _report_exports(both) -> dict[str, list[str]]:
    from thidua.reports.models import ReportPeriod

    period = ReportPeriod.objects.order_by("-window_end").first()
    return {
        "reports.StatusBoardExporter": [f"/reports/periods/{period.pk}/?format={kind}" for kind in both],
        "reports.CompiledAnnexExporter": [f"/reports/periods/{period.pk}/compiled/bao-cao-tong-hop.xlsx"],
    }


def _dashboard_exports(campaign, both) -> dict[str, list[str]]:
    district = f"/dashboard/district/export/?campaign={campaign.pk}&year=2021"
    unit = f"/dashboard/units/lp-tt-long-phu/export/?campaign={campaign.pk}&year=2021"
    return {
        "campaigns.DashboardCoverageExporter": [f"{district}&chart=coverage&format={kind}" for kind in both],
        "campaigns.DashboardTargetExporter": [
            f"{district}&chart=target-satisfaction_index&format={kind}" for kind in both
        ],
        "campaigns.DashboardMonthlyExporter": [
            f"{district}&chart=monthly-satisfaction_index&format={kind}" for kind in both
        ],
        "campaigns.DashboardOverdueExporter": [f"{district}&chart=overdue&format={kind}" for kind in both],
        "campaigns.DashboardAwardsExporter": [f"{district}&chart=awards&format={kind}" for kind in both],
        "campaigns.UnitIndicatorsExporter": [f"{unit}&chart=indicators&format={kind}" for kind in both],
    }


def _documents() -> dict[str, list[str]]:
    """DOCX route → the downloads of every object it can write."""
    # The district's objects: the district officer downloads them (the commune of Cần Thơ is another authority).
    district = descendant_unit_ids({Unit.objects.get(code="lp-huyen").pk})
    return {
        "reform-models/<int:model_id>/record.docx": [
            f"/reform-models/{pk}/record.docx"
            for pk in ReformModel.objects.filter(unit__in=district).values_list("pk", flat=True)
        ],
        "inspections/<int:inspection_id>/bien-ban.docx": [
            f"/inspections/{pk}/bien-ban.docx"
            for pk in Inspection.objects.filter(unit__in=district).values_list("pk", flat=True)
        ],
    }


def _texts_of_workbook(content: bytes) -> list[str]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return [
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]


def _texts_of_document(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    texts += [paragraph.text for section in document.sections for paragraph in section.header.paragraphs]
    return texts


def _district_officer() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="noivu"))
    return client


def test_every_export_of_rows_holding_control_characters_opens_without_them(legacy_demo):
    assert legacy_demo >= 40  # text columns written
    exporters = {_exporter_key(cls) for cls in _subclasses(Exporter) if cls.__module__.startswith("thidua.")}
    assert exporters <= set(_exports()), f"add a download of {exporters - set(_exports())} to _exports()"
    client = _district_officer()
    for name, urls in _exports().items():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (name, url)
            if "format=csv" in url or url.endswith(".csv"):
                texts = [
                    cell
                    for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
                    for cell in row
                ]
            else:
                texts = _texts_of_workbook(response.content)
            assert not [text for text in texts if has_control_characters(text)], url
            if name not in WITHOUT_STORED_TEXT:
                assert any(MARKER_OPEN + MARKER_CLOSE in text for text in texts), f"{url} shows no legacy row"


def test_every_document_of_rows_holding_control_characters_opens_without_them(legacy_demo):
    docx_routes = {route for route in _routes(get_resolver().url_patterns) if route.endswith(".docx")}
    assert docx_routes == set(_documents())
    client = _district_officer()
    for route, urls in _documents().items():
        assert urls, route
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            texts = _texts_of_document(response.content)
            assert not [text for text in texts if has_control_characters(text)], url
            assert any(MARKER_OPEN + MARKER_CLOSE in text for text in texts), f"{url} shows no legacy text"


def test_the_issues_reproducers_give_200(world, client_as, settings, tmp_path):
    """A title "Ctl\\x01\\x02" and a self-inspection note "n\\x01", stored before this change."""
    settings.MEDIA_ROOT = tmp_path
    model = model_services.model_create(
        actor=world.user("officer_a"),
        unit=world.unit_a,
        campaign=world.campaign,
        year=2021,
        title="Nụ cười công sở",
        category="civil_service",
        problem="Chờ lâu.",
        solution="Ghế chờ.",
        started_on=date(2021, 5, 15),
    )
    ReformModel.objects.filter(pk=model.pk).update(title="Ctl\x01\x02")
    entry = AuditEntry.objects.get(target_label="Nụ cười công sở")
    entry.pk, entry.target_label = None, "Ctl\x01\x02"
    entry.save()
    client = client_as("district_officer")
    record = client_as("officer_a").get(f"/reform-models/{model.pk}/record.docx")
    assert record.status_code == 200
    assert any("“Ctl”" in text for text in _texts_of_document(record.content))
    register = client.get("/reform-models/?format=xlsx")
    assert register.status_code == 200
    assert "Ctl" in _texts_of_workbook(register.content)
    audit = client.get("/audit/?format=xlsx")
    assert audit.status_code == 200
    # The trail reads as sentences now: the title stands inside one, without its control characters.
    audit_texts = _texts_of_workbook(audit.content)
    assert any("Ctl" in text for text in audit_texts)
    assert not any("\x01" in text or "\x02" in text for text in audit_texts)
