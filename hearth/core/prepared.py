"""A registry's query built once and run again for each child: its SQL kept, with the child's id put in its place.

A registry (the chronology) reads every app's rows for one child in a single UNION ALL query. Building that
query through Django's ORM costs more than running it once twenty sources take part: every source's queryset,
its expressions and its joins are put together and compiled at each page view, for SQL that differs from one
child to the next only in the child's id.

`Prepared` builds the query twice, for two stand-in ids no record has, and keeps the SQL only if the two differ
in nothing but those ids' places among the parameters: a source whose query depended on anything else about the
child would show it there, and the registry then builds its query at each read as before. Sources are registered
when the apps load, so a prepared query holds for the life of the process; it is kept per database alias.
"""

from collections.abc import Callable
from threading import Lock

from django.db import connections
from django.db.models import QuerySet

# Ids no row has: primary keys are positive.
_STAND_INS = (-7_310_001, -7_310_002)


class Prepared:
    """The SQL of `build(key)`, compiled once per database and run for any key."""

    def __init__(self, build: Callable[[int], QuerySet | None]):
        self.build = build
        self._kept: dict[tuple, tuple[str, list, list[int]] | None] = {}
        self._lock = Lock()

    def _prepare(self, alias: str, variant) -> tuple[str, list, list[int]] | None:
        compiled = []
        for stand_in in _STAND_INS:
            queryset = self.build(stand_in, variant)
            if queryset is None:
                return None
            compiled.append(queryset.query.get_compiler(using=alias).as_sql())
        (sql, params), (other_sql, other_params) = compiled
        if sql != other_sql or len(params) != len(other_params):
            return None
        places = []
        for index, (first, second) in enumerate(zip(params, other_params, strict=True)):
            if first == _STAND_INS[0] and second == _STAND_INS[1]:
                places.append(index)
            elif first != second or first in _STAND_INS or second in _STAND_INS:
                return None
        return sql, list(params), places

    def rows(self, key: int, variant=None, using: str = "default") -> list[tuple] | None:
        """The rows for `key`, or None if this query cannot be prepared (the caller builds it as usual)."""
        cache_key = (using, variant)
        if cache_key not in self._kept:
            with self._lock:
                if cache_key not in self._kept:
                    self._kept[cache_key] = self._prepare(using, variant)
        prepared = self._kept[cache_key]
        if prepared is None:
            return None
        sql, params, places = prepared
        params = list(params)
        for place in places:
            params[place] = key
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def forget(self) -> None:
        """Drop what was prepared (a source registered after the first read)."""
        with self._lock:
            self._kept.clear()
