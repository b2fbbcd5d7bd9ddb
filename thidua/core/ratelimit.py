"""Fixed-window rate counters that every worker and every server shares.

``count_hits`` adds one hit to each key and returns each key's count in its current window, including this hit.
The counts live where the deployment keeps shared state:

- Redis, when the default cache is Redis (``REDIS_URL``): ``INCR`` is atomic there;
- otherwise the database, in ``RateCounter``: one multi-row ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` for all
  the keys of a request, atomic under concurrency on SQLite and PostgreSQL, committed on its own before the work
  it guards (so a refused or invalid request is counted too, and SQLite's write lock is held only for the
  upsert). On PostgreSQL that commit does not wait for the WAL flush (``synchronous_commit = off`` for this
  transaction only) and costs one round trip: a counter lost in a crash is harmless, an extra flush per rating
  is not. Django's
  database cache is not used for this: its ``incr`` is a read then a write (a lost update under concurrency
  lets extra hits through), and each ``add``/``incr`` costs several queries (cull count, select, write).

Windows are fixed (``time // window``): a client may spend one allowance at the end of a window and the next at
the start of the following one, so the worst burst is twice the limit. Keys are hashed before storage.
"""

import hashlib
import hmac
import random
import time
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from thidua.core.models import RateCounter

# One call in this many also deletes expired counters, so the table stays the size of the live windows.
TRIM_ONE_IN = 500


def _uses_redis() -> bool:
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


def _name(key: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), key.encode(), hashlib.sha256).hexdigest()


def count_hits(keys: Sequence[str], window_seconds: int) -> list[int]:
    """Count one hit against each key in the current window; return the counts, in the order of ``keys``."""
    now = int(time.time())
    bucket = now // window_seconds
    expires = (bucket + 1) * window_seconds
    if _uses_redis():
        return [_redis_hit(f"ratelimit:{_name(key)}:{bucket}", expires - now) for key in keys]
    names = [_name(key) for key in keys]
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    rows = sorted(set(names))  # one lock order for every caller: no deadlock between two requests
    sql = (
        f"INSERT INTO {table} (name, bucket, hits, expires) VALUES "  # noqa: S608 (names are ours)
        + ", ".join(["(%s, %s, 1, %s)"] * len(rows))
        + f" ON CONFLICT (name) DO UPDATE SET hits = CASE WHEN {table}.bucket = excluded.bucket "
        f"THEN {table}.hits + 1 ELSE 1 END, bucket = excluded.bucket, expires = excluded.expires "
        "RETURNING name, hits"
    )
    params = [value for name in rows for value in (name, bucket, expires)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Sent as one query string, the two statements run as one implicit transaction in one round trip;
            # SET LOCAL ends with it, so the session keeps its own synchronous_commit.
            cursor.execute("SET LOCAL synchronous_commit TO OFF; " + sql, params)
            cursor.cursor.nextset()
        else:  # SQLite autocommits the one statement (the write lock is held for it alone)
            cursor.execute(sql, params)
        counts = dict(cursor.fetchall())
        if random.randrange(TRIM_ONE_IN) == 0:  # noqa: S311 (not security: when to trim)
            cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [now])  # noqa: S608
    return [counts[name] for name in names]


def _redis_hit(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1
