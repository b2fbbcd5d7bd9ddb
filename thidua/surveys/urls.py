from django.conf import settings
from django.urls import path

from thidua.surveys import public, questionnaire_views, views

urlpatterns = [
    path("r/<str:token>/", public.rating_form, name="rating-form"),
    path("r/<str:token>/kiosk/", public.rating_kiosk, name="rating-kiosk"),
    path("r/<str:token>/thanks/", public.rating_thanks, name="rating-thanks"),
    path("satisfaction/", views.district, name="satisfaction-district"),
    path("satisfaction/units/<slug:code>/", views.unit_page, name="satisfaction-unit"),
    path("satisfaction/units/<slug:code>/trend.json", views.unit_trend, name="satisfaction-unit-trend"),
    path("satisfaction/units/<slug:code>/comments/", views.unit_comments, name="satisfaction-comments"),
    path(
        "satisfaction/units/<slug:code>/transactions/", views.transaction_volume, name="satisfaction-volume"
    ),
    path("satisfaction/units/<slug:code>/points/", views.points, name="satisfaction-points"),
    path("satisfaction/units/<slug:code>/paper/", views.paper_entry, name="satisfaction-paper"),
    path("satisfaction/units/<slug:code>/import/", views.import_page, name="satisfaction-import"),
    path(
        "satisfaction/imports/<uuid:job_id>/confirm/",
        views.import_confirm,
        name="satisfaction-import-confirm",
    ),
    path("satisfaction/points/<int:point_id>/poster/", views.poster, name="satisfaction-poster"),
    path("satisfaction/points/<int:point_id>/toggle/", views.point_toggle, name="satisfaction-point-toggle"),
    path("satisfaction/questionnaires/", questionnaire_views.questionnaire_list, name="questionnaire-list"),
    path(
        "satisfaction/questionnaires/<int:questionnaire_id>/",
        questionnaire_views.questionnaire_detail,
        name="questionnaire-detail",
    ),
    path(
        "satisfaction/questionnaires/<int:questionnaire_id>/edit/",
        questionnaire_views.questionnaire_edit,
        name="questionnaire-edit",
    ),
    path(
        "satisfaction/questionnaires/<int:questionnaire_id>/copy/",
        questionnaire_views.questionnaire_copy,
        name="questionnaire-copy",
    ),
    path(
        "satisfaction/questionnaires/<int:questionnaire_id>/preview/",
        questionnaire_views.questionnaire_preview,
        name="questionnaire-preview",
    ),
    path(
        "satisfaction/questionnaires/<int:questionnaire_id>/export.json",
        questionnaire_views.questionnaire_export,
        name="questionnaire-export",
    ),
    path(
        "satisfaction/points/<int:point_id>/template.xlsx",
        views.import_template,
        name="satisfaction-template",
    ),
]

if settings.BENCH_BARE_VIEW:  # benchmarks only (bench/rating_post.py); never on in production
    from thidua.surveys.bench_views import bare_insert

    urlpatterns.append(path("bench/bare-insert/", bare_insert, name="bench-bare-insert"))
