from django.urls import path

from thidua.awards import certificate_views, document_views, views

urlpatterns = [
    path("awards/rules/", views.rules, name="awards-rules"),
    path(
        "awards/rules/council/<int:rule_id>/edit/", views.council_rule_edit, name="awards-council-rule-edit"
    ),
    path("awards/flags/", views.flag_list, name="awards-flag-list"),
    path("awards/flags/<int:flag_id>/lift/", views.flag_lift, name="awards-flag-lift"),
    path("awards/rounds/", views.round_list, name="awards-round-list"),
    path("awards/rounds/<int:round_id>/", views.round_detail, name="awards-round-detail"),
    path("awards/rounds/<int:round_id>/propose/", views.round_propose, name="awards-round-propose"),
    path(
        "awards/rounds/<int:round_id>/units/<slug:unit_code>/", views.entry_detail, name="awards-entry-detail"
    ),
    path("awards/figures/<uuid:figure_id>/adjust/", views.figure_adjust, name="awards-figure-adjust"),
    path("awards/entries/<int:entry_id>/propose/", views.entry_propose, name="awards-entry-propose"),
    path("awards/entries/<int:entry_id>/withdraw/", views.entry_withdraw, name="awards-entry-withdraw"),
]

urlpatterns += [
    path("awards/rounds/<int:round_id>/sessions/new/", views.session_create, name="awards-session-create"),
    path("awards/sessions/<int:session_id>/", views.session_detail, name="awards-session-detail"),
    path(
        "awards/sessions/<int:session_id>/attendance/",
        views.session_attendance,
        name="awards-session-attendance",
    ),
    path(
        "awards/sessions/<int:session_id>/members/<int:member_id>/written/",
        views.session_written_opinion,
        name="awards-session-written",
    ),
    path("awards/sessions/<int:session_id>/open/", views.session_open, name="awards-session-open"),
    path("awards/sessions/<int:session_id>/vote/", views.session_vote, name="awards-session-vote"),
    path("awards/sessions/<int:session_id>/close/", views.session_close, name="awards-session-close"),
    path("awards/results/<int:result_id>/tie/", views.result_tie, name="awards-result-tie"),
]

urlpatterns += [
    path("awards/awarded/", views.awarded_list, name="awards-awarded"),
    path("awards/awarded/<int:year>/", views.awarded_list, name="awards-awarded-year"),
]

urlpatterns += [
    path("awards/rounds/<int:round_id>/submit/", views.proposal_submit, name="awards-proposal-submit"),
    path("awards/rounds/<int:round_id>/approve/", views.decision_approve, name="awards-decision-approve"),
]

urlpatterns += [
    path(
        "awards/sessions/<int:session_id>/<slug:slug>.<str:file_format>",
        document_views.session_document,
        name="awards-session-document",
    ),
    path(
        "awards/rounds/<int:round_id>/to-trinh.<str:file_format>",
        document_views.proposal_document,
        name="awards-proposal-document",
    ),
    path(
        "awards/decisions/<int:decision_id>/quyet-dinh.<str:file_format>",
        document_views.decision_document,
        name="awards-decision-document",
    ),
    path(
        "awards/decisions/<int:decision_id>/<slug:slug>.<str:file_format>",
        document_views.decision_export,
        name="awards-decision-export",
    ),
]

# --- the award dossier: achievement reports, appraisal sheet, public notices, corrections of decisions ---------
from thidua.awards import dossier_views  # noqa: E402

# First, so that the decision's notice is not read as an export slug.
urlpatterns[:0] = [
    path("awards/entries/<int:entry_id>/report/", dossier_views.report, name="awards-report"),
    path(
        "awards/entries/<int:entry_id>/report/submit/",
        dossier_views.report_submit,
        name="awards-report-submit",
    ),
    path(
        "awards/entries/<int:entry_id>/report/return/",
        dossier_views.report_return,
        name="awards-report-return",
    ),
    path(
        "awards/entries/<int:entry_id>/report/accept/",
        dossier_views.report_accept,
        name="awards-report-accept",
    ),
    path(
        "awards/entries/<int:entry_id>/bao-cao-thanh-tich.<str:file_format>",
        dossier_views.report_document,
        name="awards-report-document",
    ),
    path(
        "awards/rounds/<int:round_id>/phieu-tham-dinh.<str:file_format>",
        dossier_views.appraisal_document,
        name="awards-appraisal-document",
    ),
    path(
        "awards/rounds/<int:round_id>/thong-bao-de-nghi.<str:file_format>",
        dossier_views.proposed_notice_document,
        name="awards-proposed-notice",
    ),
    path(
        "awards/decisions/<int:decision_id>/thong-bao.<str:file_format>",
        dossier_views.awarded_notice_document,
        name="awards-awarded-notice",
    ),
    path(
        "awards/decisions/<int:decision_id>/correct/",
        dossier_views.decision_correct,
        name="awards-decision-correct",
    ),
]

# Before the decision's documents: "giay-khen.docx" would otherwise be read as an export slug.
urlpatterns = [
    path(
        "awards/decisions/<int:decision_id>/giay-khen.<str:file_format>",
        certificate_views.decision_certificates,
        {"variant": "colour"},
        name="awards-decision-certificates",
    ),
    path(
        "awards/decisions/<int:decision_id>/giay-khen-phoi.<str:file_format>",
        certificate_views.decision_certificates,
        {"variant": "blank"},
        name="awards-decision-certificates-blank",
    ),
    path(
        "awards/certificates/<int:award_id>/giay-khen.<str:file_format>",
        certificate_views.unit_certificate,
        {"variant": "colour"},
        name="awards-unit-certificate",
    ),
    path(
        "awards/certificates/<int:award_id>/giay-khen-phoi.<str:file_format>",
        certificate_views.unit_certificate,
        {"variant": "blank"},
        name="awards-unit-certificate-blank",
    ),
    path("awards/blanks/", certificate_views.blank_list, name="awards-blank-list"),
    path("awards/blanks/<int:blank_id>/", certificate_views.blank_edit, name="awards-blank-edit"),
    path(
        "awards/blanks/<int:blank_id>/can-chinh.<str:file_format>",
        certificate_views.blank_alignment,
        name="awards-blank-alignment",
    ),
    *urlpatterns,
]
