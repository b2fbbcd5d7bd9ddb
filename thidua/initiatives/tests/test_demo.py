import pytest
from django.core.management import call_command

from thidua.core.models import AuditEntry
from thidua.initiatives.models import EvidenceFile, ModelStatus, ReformModel

pytestmark = pytest.mark.django_db


def test_demo_models_are_labelled_cover_every_stage_and_a_second_run_adds_nothing(media):
    call_command("seed_demo", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    all_models = list(ReformModel.objects.select_related("unit", "source__unit"))
    models = {model.title: model for model in all_models if model.source_id is None}
    assert all(model.title.startswith("Demo: ") for model in all_models)
    statuses = sorted(model.status for model in all_models if model.year == 2021)
    assert statuses == sorted(
        [
            ModelStatus.EXEMPLARY,
            ModelStatus.APPROVED,
            ModelStatus.APPROVED,
            ModelStatus.SUBMITTED,
            ModelStatus.DRAFT,
        ]
    )
    # 2022, the plan's last year: approved models for six units, one still at submission.
    in_2022 = sorted(model.status for model in all_models if model.year == 2022)
    assert in_2022 == [ModelStatus.APPROVED] * 6 + [ModelStatus.SUBMITTED]
    four_xin = models["Demo: Mô hình “4 xin, 4 luôn” tại bộ phận một cửa"]
    assert four_xin.unit.code == "lp-tt-long-phu"
    assert four_xin.status == ModelStatus.EXEMPLARY
    assert four_xin.created_by.username == "canbo1"
    assert four_xin.submitted_by.username == "thutruong1"
    adopted = ReformModel.objects.get(source=four_xin)
    assert adopted.unit.code == "lp-xa-long-phu"
    assert adopted.created_by.username == "canbo2"
    assert all("văn hóa công sở" in (model.problem + model.solution).lower() for model in all_models)
    files = EvidenceFile.objects.count()
    assert files >= 9
    assert EvidenceFile.objects.filter(is_public=True).exists()
    assert EvidenceFile.objects.filter(is_public=False).exists()
    counts = (ReformModel.objects.count(), EvidenceFile.objects.count(), AuditEntry.objects.count())

    call_command("seed_demo", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (ReformModel.objects.count(), EvidenceFile.objects.count(), AuditEntry.objects.count()) == counts
    assert len([path for path in (media / "private" / "models").rglob("*") if path.is_file()]) == files
