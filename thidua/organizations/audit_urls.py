from django.urls import path

from thidua.organizations import audit_views

urlpatterns = [
    path("audit/", audit_views.audit_list, name="audit-list"),
]
