from django.contrib.auth import views as auth_views
from django.urls import path

from thidua.core.public import public
from thidua.organizations import views

urlpatterns = [
    path("accounts/login/", public(views.LoginView.as_view()), name="login"),
    path("accounts/logout/", public(auth_views.LogoutView.as_view()), name="logout"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/profile/", views.profile, name="profile"),
    path("units/", views.unit_list, name="unit-list"),
    path("units/new/", views.unit_edit, name="unit-create"),
    path("units/merge/", views.unit_merge, name="unit-merge"),
    path("units/<slug:code>/", views.unit_detail, name="unit-detail"),
    path("units/<slug:code>/edit/", views.unit_edit, name="unit-edit"),
    path("units/<slug:code>/settings/", views.authority_settings, name="authority-settings"),
    path("units/<slug:code>/roles/", views.membership_add, name="membership-add"),
    path(
        "units/<slug:code>/roles/<int:membership_id>/revoke/",
        views.membership_remove,
        name="membership-remove",
    ),
    path("people/", views.people, name="people"),
    path("people/<int:user_id>/password/", views.person_password_reset, name="person-password-reset"),
    path("api-tokens/", views.token_list, name="token-list"),
    path("api-tokens/<int:token_id>/revoke/", views.token_revoke, name="token-revoke"),
]
