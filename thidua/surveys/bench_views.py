"""The baseline for bench/rating_post.py: a bare Django view that inserts one row. Routed only when
BENCH_BARE_VIEW is on; the table is created by the benchmark script."""

from django.db import connection, transaction
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def bare_insert(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_bare (payload) VALUES (%s)", [request.POST.get("payload", "")[:100]]
        )
    return HttpResponse(status=201)
