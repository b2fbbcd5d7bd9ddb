from django.urls import path

from thidua.public import views

urlpatterns = [
    path("cong-khai/", views.transparency_page, name="transparency"),
    path("du-lieu-mo/", views.open_data, name="open-data"),
    path("du-lieu-mo/catalog.json", views.catalogue_json, name="open-data-catalogue"),
    path("du-lieu-mo/<slug:identifier>.csv", views.dataset_csv_file, name="open-data-csv"),
    path("du-lieu-mo/<slug:identifier>.json", views.dataset_json_file, name="open-data-json"),
    path("du-lieu-mo/<slug:identifier>/tu-dien.json", views.dataset_dictionary, name="open-data-dictionary"),
]
