from django.urls import path

from thidua.core import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("audit/", views.audit_list, name="audit-list"),
]
