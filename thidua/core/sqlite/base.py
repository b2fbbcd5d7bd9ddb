"""Django's SQLite backend with the ``vi_icu`` collation, so ``Collate(field, "vi_icu")`` orders Vietnamese
names on SQLite as PostgreSQL's ICU collation of the same name does (``thidua.core.text.vietnamese_sort_key``)."""

from django.db.backends.sqlite3 import base

from thidua.core.collation import VIETNAMESE_COLLATION
from thidua.core.text import vietnamese_compare


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        connection.create_collation(VIETNAMESE_COLLATION, vietnamese_compare)
        return connection
