from django.urls import path

from thidua.campaigns import views

urlpatterns = [
    path("campaigns/", views.campaign_list, name="campaign-list"),
    path("campaigns/<int:campaign_id>/", views.campaign_detail, name="campaign-detail"),
    path("campaigns/mine/", views.plan_list, name="plan-list"),
    path("campaigns/new/", views.plan_create, name="plan-create"),
    path("campaigns/<int:campaign_id>/edit/", views.plan_edit, name="plan-edit"),
    path("campaigns/<int:campaign_id>/copy/", views.plan_copy, name="plan-copy"),
    path("campaigns/<int:campaign_id>/signed-plan/", views.signed_plan_upload, name="signed-plan-upload"),
    path(
        "campaigns/<int:campaign_id>/signed-plan/download/",
        views.signed_plan_download,
        name="signed-plan-download",
    ),
    path("campaigns/<int:campaign_id>/progress/", views.campaign_progress_view, name="campaign-progress"),
    path("campaigns/<int:campaign_id>/targets/<int:target_id>/", views.target_edit, name="target-edit"),
    path("campaigns/<int:campaign_id>/extensions/new/", views.extension_add, name="extension-add"),
    path("campaigns/<int:campaign_id>/registrations/", views.registration_list, name="registration-list"),
    path("campaigns/<int:campaign_id>/register/", views.registration_edit, name="registration-edit"),
    path("registrations/<int:registration_id>/", views.registration_detail, name="registration-detail"),
    path(
        "registrations/<int:registration_id>/submit/", views.registration_submit, name="registration-submit"
    ),
    path(
        "registrations/<int:registration_id>/confirm/",
        views.registration_confirm,
        name="registration-confirm",
    ),
    path(
        "registrations/<int:registration_id>/return/", views.registration_return, name="registration-return"
    ),
]
