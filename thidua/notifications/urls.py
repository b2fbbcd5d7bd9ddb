from django.urls import path

from thidua.notifications import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notification-list"),
    path("notifications/read-all/", views.notification_read_all, name="notification-read-all"),
    path("notifications/settings/", views.notification_settings, name="notification-settings"),
    path("notifications/<int:notification_id>/open/", views.notification_open, name="notification-open"),
    path("notifications/<int:notification_id>/read/", views.notification_read, name="notification-read"),
]
