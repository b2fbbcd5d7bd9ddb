from django.conf import settings
from django.urls import path

from thidua.surveys import views

urlpatterns = [
    path("r/<str:token>/", views.rating_form, name="rating-form"),
    path("r/<str:token>/kiosk/", views.rating_kiosk, name="rating-kiosk"),
    path("r/<str:token>/thanks/", views.rating_thanks, name="rating-thanks"),
]

if settings.BENCH_BARE_VIEW:  # benchmarks only (bench/rating_post.py); never on in production
    from thidua.surveys.bench_views import bare_insert

    urlpatterns.append(path("bench/bare-insert/", bare_insert, name="bench-bare-insert"))
