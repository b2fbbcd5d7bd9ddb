from django.urls import path

from thidua.reports import views

urlpatterns = [
    path("reports/", views.period_list, name="reports-period-list"),
    path("reports/periods/<int:period_id>/", views.period_board, name="reports-period-board"),
    path(
        "reports/periods/<int:period_id>/units/<slug:unit_code>/",
        views.unit_report,
        name="reports-unit-report",
    ),
    path(
        "reports/periods/<int:period_id>/units/<slug:unit_code>/<slug:move>/",
        views.report_move,
        name="reports-unit-report-move",
    ),
    path("reports/periods/<int:period_id>/compiled/", views.compiled_report, name="reports-compiled"),
    path(
        "reports/periods/<int:period_id>/compiled/issue/", views.compiled_issue, name="reports-compiled-issue"
    ),
    path(
        "reports/periods/<int:period_id>/compiled/bao-cao-tong-hop.<str:file_format>",
        views.compiled_download,
        name="reports-compiled-download",
    ),
]
