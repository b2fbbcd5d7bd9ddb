"""The appraisal form shows what is being decided: the model, its measured effect, its evidence and its history."""

import pytest

from thidua.initiatives import services

from .conftest import pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def test_the_appraisal_form_shows_the_model_its_evidence_and_its_history(world, client_as, make_model):
    model = make_model("draft")
    officer = world.user("officer_a")
    image = services.evidence_add(actor=officer, model=model, uploaded=png_upload(), description="Ảnh quầy")
    report = services.evidence_add(actor=officer, model=model, uploaded=pdf_upload(), description="Báo cáo")
    services.model_send_to_head(actor=officer, model=model)
    services.model_submit(actor=world.user("head_a"), model=model)

    response = client_as("district_officer").get(f"/reform-models/{model.pk}/appraise/")

    assert response.status_code == 200
    body = response.content.decode()
    subject = body[body.index('class="decide-subject"') : body.index('class="decide-form"')]
    assert model.problem.splitlines()[0] in subject
    assert model.solution.splitlines()[0] in subject
    assert "So sánh thời gian tiếp nhận 100 hồ sơ trước và sau." in subject  # how the effect was measured
    image_url = f"/reform-models/{model.pk}/evidence/{image.pk}/"
    assert f'<img src="{image_url}?inline=1" alt="Ảnh quầy"' in subject  # an image is previewed
    report_url = f"/reform-models/{model.pk}/evidence/{report.pk}/"
    assert f'<img src="{report_url}"' not in subject  # a PDF is listed, not previewed
    assert f'href="{report_url}"' in subject
    history = body[body.index('id="history"') :]
    assert history.count("<li>") == 5  # created, two files, sent to the head, submitted
