from django.contrib import admin
from django.urls import include, path

from thidua.api.api import api
from thidua.campaigns.views import home

urlpatterns = [
    path("", home, name="home"),
    path("", include("thidua.core.urls")),
    path("", include("thidua.organizations.urls")),
    path("", include("thidua.organizations.audit_urls")),
    path("", include("thidua.campaigns.urls")),
    path("", include("thidua.campaigns.dashboard_urls")),
    path("", include("thidua.inspections.urls")),
    path("", include("thidua.initiatives.urls")),
    path("", include("thidua.surveys.urls")),
    path("", include("thidua.jobs.urls")),
    path("", include("thidua.notifications.urls")),
    path("", include("thidua.awards.urls")),
    path("", include("thidua.public.urls")),
    path("", include("thidua.reports.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "thidua.core.views.bad_request"
handler403 = "thidua.core.views.permission_denied"
handler404 = "thidua.core.views.page_not_found"
handler500 = "thidua.core.views.server_error"
