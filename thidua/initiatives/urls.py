from django.urls import path

from thidua.initiatives import views

urlpatterns = [
    path("reform-models/", views.model_list, name="reform-model-list"),
    path("reform-models/new/", views.model_create, name="reform-model-create"),
    path("reform-models/overview/", views.overview, name="reform-model-overview"),
    path("reform-models/overview/network.json", views.overview_network, name="reform-model-network"),
    path("reform-models/<int:model_id>/", views.model_detail, name="reform-model-detail"),
    path("reform-models/<int:model_id>/edit/", views.model_edit, name="reform-model-edit"),
    path("reform-models/<int:model_id>/send/", views.model_send_to_head, name="reform-model-send"),
    path("reform-models/<int:model_id>/submit/", views.model_submit, name="reform-model-submit"),
    path("reform-models/<int:model_id>/send-back/", views.model_head_return, name="reform-model-head-return"),
    path("reform-models/<int:model_id>/appraise/", views.model_appraise, name="reform-model-appraise"),
    path("reform-models/<int:model_id>/recognise/", views.model_recognise, name="reform-model-recognise"),
    path(
        "reform-models/<int:model_id>/discontinue/", views.model_discontinue, name="reform-model-discontinue"
    ),
    path("reform-models/<int:model_id>/adopt/", views.model_adopt, name="reform-model-adopt"),
    path("reform-models/<int:model_id>/record.docx", views.model_record, name="reform-model-record"),
    path("reform-models/<int:model_id>/record.pdf", views.model_record_pdf, name="reform-model-record-pdf"),
    path(
        "reform-models/<int:model_id>/evidence/", views.evidence_upload, name="reform-model-evidence-upload"
    ),
    path(
        "reform-models/<int:model_id>/evidence/<int:evidence_id>/",
        views.evidence_download,
        name="reform-model-evidence",
    ),
    path(
        "reform-models/<int:model_id>/evidence/<int:evidence_id>/visibility/",
        views.evidence_visibility,
        name="reform-model-evidence-visibility",
    ),
    path(
        "reform-models/<int:model_id>/evidence/<int:evidence_id>/remove/",
        views.evidence_remove,
        name="reform-model-evidence-remove",
    ),
    path("thu-vien/", views.library, name="library"),
    path("thu-vien/<int:model_id>/", views.library_detail, name="library-detail"),
    path("thu-vien/tep/<str:token>/", views.library_file, name="library-file"),
]
