"""Vietnamese alphabetical order in the database: ``order_by(vietnamese("name"))``.

Both databases know a collation named ``vi_icu``: PostgreSQL creates it from ICU's ``vi-VN`` locale (core
migration 0005), SQLite gets it from ``thidua.core.sqlite``, which registers ``text.vietnamese_compare``. Python
lists sort with ``text.vietnamese_sort_key``; ``thidua/core/tests/test_vietnamese_order.py`` checks that all three
agree.
"""

from django.db.models.functions import Collate

VIETNAMESE_COLLATION = "vi_icu"


def vietnamese(field: str) -> Collate:
    """An ordering (or annotation) expression sorting ``field`` in Vietnamese alphabetical order."""
    return Collate(field, VIETNAMESE_COLLATION)
