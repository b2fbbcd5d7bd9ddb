"""Fixtures of the reform-model tests: private files under a temporary directory, and models at any status."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.uploads import private_storage
from thidua.initiatives import services
from thidua.initiatives.demo import demo_pdf, demo_png
from thidua.initiatives.models import CRITERIA, ModelCategory, ReformModel, Verdict

ALL_MEET = {code: Verdict.MEETS for code, _label in CRITERIA}
ONE_FAILS = {**ALL_MEET, "replicable": Verdict.DOES_NOT_MEET}


@pytest.fixture(autouse=True)
def media(settings, tmp_path, monkeypatch) -> Path:
    """MEDIA_ROOT in a temporary directory, small upload limit.

    ``private_storage`` was built with an explicit location at import, so changing MEDIA_ROOT alone does not
    move it (reported as a shared-code issue); point its location there too.
    """
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = 64 * 1024
    monkeypatch.setattr(private_storage, "_location", str(tmp_path / "private"))
    private_storage.__dict__.pop("base_location", None)
    private_storage.__dict__.pop("location", None)
    yield tmp_path
    private_storage.__dict__.pop("base_location", None)
    private_storage.__dict__.pop("location", None)


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def pdf_upload(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, demo_pdf("Test evidence"), content_type="application/pdf")


def png_upload(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, demo_png(), content_type="image/png")


CONTENT = {
    "title": "Mô hình “4 xin, 4 luôn” gắn với văn hóa công sở",
    "category": ModelCategory.SERVICE_DELIVERY,
    "problem": "Người dân chưa hài lòng với thái độ giao tiếp tại bộ phận một cửa.",
    "solution": "Công chức thực hiện 4 xin, 4 luôn theo quy tắc văn hóa công sở.",
    "started_on": date(2021, 5, 15),
    "minutes_saved_per_dossier": Decimal("10"),
    "minutes_saved_method": "So sánh thời gian tiếp nhận 100 hồ sơ trước và sau.",
}


def model_at_status(world, status: str = "draft", unit=None, **content) -> ReformModel:
    """A new model of ``unit`` (unit A by default) walked through the workflow to ``status``."""
    unit = unit or world.unit_a
    officer = world.user("officer_a" if unit == world.unit_a else "officer_b")
    head = world.user("head_a" if unit == world.unit_a else "head_b")
    district = world.user("district_officer")
    model = services.model_create(
        actor=officer, unit=unit, campaign=world.campaign, year=2021, **{**CONTENT, **content}
    )
    if status == "draft":
        return model
    services.model_send_to_head(actor=officer, model=model)
    if status == "awaiting_head":
        return ReformModel.objects.get(pk=model.pk)
    services.model_submit(actor=head, model=model)
    if status == "submitted":
        return ReformModel.objects.get(pk=model.pk)
    if status == "returned":
        services.model_return(actor=district, model=model, criteria=ONE_FAILS, reason="Bổ sung số liệu.")
    elif status == "rejected":
        services.model_reject(actor=district, model=model, criteria=ONE_FAILS, reason="Không khả thi.")
    else:
        services.model_approve(actor=district, model=model, criteria=ALL_MEET)
        if status == "exemplary":
            services.model_recognise(actor=district, model=model)
        elif status == "discontinued":
            services.model_discontinue(actor=district, model=model, reason="Không còn áp dụng.")
    return ReformModel.objects.get(pk=model.pk)


@pytest.fixture
def make_model(world):
    """``make_model(status="approved", unit=world.unit_b, title=...)`` walks a new model through the workflow."""

    def make(status: str = "draft", unit=None, **content) -> ReformModel:
        return model_at_status(world, status, unit, **content)

    return make
