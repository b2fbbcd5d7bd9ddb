from django.urls import path

from thidua.campaigns import comparison_views, dashboard_views

urlpatterns = [
    path("dashboard/communes/", comparison_views.communes_compare, name="dashboard-communes"),
    path("dashboard/district.json", dashboard_views.district_data, name="dashboard-district-data"),
    path("dashboard/district/export/", dashboard_views.district_export, name="dashboard-district-export"),
    path("dashboard/units/<str:unit_code>/", dashboard_views.unit_page, name="dashboard-unit"),
    path("dashboard/units/<str:unit_code>/data.json", dashboard_views.unit_data, name="dashboard-unit-data"),
    path(
        "dashboard/units/<str:unit_code>/export/", dashboard_views.unit_export, name="dashboard-unit-export"
    ),
]
