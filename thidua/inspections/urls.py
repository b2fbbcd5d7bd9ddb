from django.urls import path

from thidua.inspections import views

urlpatterns = [
    path("inspections/", views.inspection_list, name="inspection-list"),
    path("inspections/new/", views.inspection_create, name="inspection-create"),
    path("inspections/<int:inspection_id>/", views.inspection_detail, name="inspection-detail"),
    path("inspections/<int:inspection_id>/record/", views.inspection_form, name="inspection-form"),
    path(
        "inspections/<int:inspection_id>/items/<int:item_id>/answer/",
        views.answer_save,
        name="inspection-answer",
    ),
    path(
        "inspections/<int:inspection_id>/items/<int:item_id>/photos/",
        views.photo_upload,
        name="inspection-photo-upload",
    ),
    path("inspections/<int:inspection_id>/submit/", views.inspection_submit, name="inspection-submit"),
    path("inspections/<int:inspection_id>/review/", views.inspection_review, name="inspection-review"),
    path("inspections/<int:inspection_id>/return/", views.inspection_return, name="inspection-return"),
    path(
        "inspections/<int:inspection_id>/bien-ban.docx", views.inspection_document, name="inspection-document"
    ),
    path(
        "inspections/<int:inspection_id>/bien-ban.pdf",
        views.inspection_document_pdf,
        name="inspection-document-pdf",
    ),
    path("inspections/photos/<int:photo_id>/", views.photo_view, name="inspection-photo"),
    path(
        "inspections/findings/<int:finding_id>/remediation/", views.remediation_open, name="remediation-open"
    ),
    path("inspections/remediations/", views.remediation_list, name="remediation-list"),
    path(
        "inspections/remediations/<int:remediation_id>/", views.remediation_detail, name="remediation-detail"
    ),
    path(
        "inspections/remediations/<int:remediation_id>/action/",
        views.remediation_action,
        name="remediation-action",
    ),
    path(
        "inspections/remediations/<int:remediation_id>/close/",
        views.remediation_close,
        name="remediation-close",
    ),
    path(
        "inspections/remediations/<int:remediation_id>/reopen/",
        views.remediation_reopen,
        name="remediation-reopen",
    ),
    path("inspections/evidence/<int:evidence_id>/", views.evidence_view, name="remediation-evidence"),
    path("inspections/discipline/", views.discipline_list, name="discipline-list"),
    path("inspections/compliance/", views.compliance_list, name="compliance-list"),
    path("inspections/compliance/<slug:unit_code>/", views.compliance_unit, name="compliance-unit"),
    path("inspections/checklists/", views.checklist_list, name="checklist-list"),
    path("inspections/checklists/new/", views.checklist_create, name="checklist-create"),
    path("inspections/checklists/<int:template_id>/edit/", views.checklist_edit, name="checklist-edit"),
    path("inspections/checklists/<int:template_id>/copy/", views.checklist_copy, name="checklist-copy"),
    path(
        "inspections/checklists/items/<int:item_id>/edit/",
        views.checklist_item_edit,
        name="checklist-item-edit",
    ),
]
