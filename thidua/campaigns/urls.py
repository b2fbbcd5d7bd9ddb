from django.urls import path

from thidua.campaigns import views

urlpatterns = [
    path("campaigns/", views.campaign_list, name="campaign-list"),
    path("campaigns/<int:campaign_id>/", views.campaign_detail, name="campaign-detail"),
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
