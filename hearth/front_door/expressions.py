"""Database expressions the front door's models and figures share."""

from django.db import NotSupportedError
from django.db.models import Func, IntegerField


class TenthsOfAnHour(Func):
    """The time from `start` to `end` in tenths of an hour, rounded to a whole number, computed in the database.

    Deterministic on both databases, so a generated column can keep it (`Contact.tenths_to_decision`).
    """

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        (end, end_params), (start, start_params) = (compiler.compile(e) for e in self.source_expressions)
        return f"CAST(ROUND((julianday({end}) - julianday({start})) * 240.0) AS INTEGER)", [*end_params, *start_params]

    def as_postgresql(self, compiler, connection, **extra):
        (end, end_params), (start, start_params) = (compiler.compile(e) for e in self.source_expressions)
        return f"CAST(ROUND(EXTRACT(EPOCH FROM ({end} - {start})) / 360.0) AS integer)", [*end_params, *start_params]

    def as_sql(self, compiler, connection, **extra):
        raise NotSupportedError("Hearth runs on PostgreSQL or SQLite")
