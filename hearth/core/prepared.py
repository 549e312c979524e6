"""A registry's query built once and run again for each child: its SQL kept, with the child's id put in its place.

A registry (the chronology) reads every app's rows for one child in a single UNION ALL query. Building that
query through Django's ORM costs more than running it once twenty sources take part: every source's queryset,
its expressions and its joins are put together and compiled at each page view, for SQL that differs from one
child to the next only in the child's id.

`Prepared` builds the query twice, for two sets of stand-in ids no record has, and keeps the SQL only if the two
differ in nothing but those ids' places among the parameters: a source whose query depended on anything else about
the child would show it there, and the registry then builds its query at each read as before. The key is an id,
or a tuple of lists of ids (a worker's children; a team's children and the teams): a list's length changes the
SQL, so a query is kept for each length met. Sources are registered when the apps load, so a prepared query holds
for the life of the process; it is kept per database alias and variant (the caller's other arguments).

On PostgreSQL each list of ids the query asks about with `IN (%s, %s, ...)` is asked as `= ANY(%s)`, one array for
the list: the same question (PostgreSQL reads an IN list as that array), but a team's 153 children in each of
eighteen parts had been some 2,400 values to quote, parse and estimate one by one, more than half of the query's
time.
"""

import re
from collections.abc import Callable
from threading import Lock

from django.db import connections
from django.db.models import QuerySet

Key = int | tuple[list[int], ...]


def _stand_ins(shape: tuple[int, ...] | None, base: int) -> Key:
    """Ids no row has (primary keys are positive), one for each place in the key: list j, item i."""
    if shape is None:
        return -base
    return tuple([-(base + 100_000 * (j + 1) + i) for i in range(length)] for j, length in enumerate(shape))


def _places(key: Key) -> dict[int, tuple[int, int]]:
    """Each stand-in id with where it stands in the key: (list, item); a single id stands at (-1, -1)."""
    if isinstance(key, int):
        return {key: (-1, -1)}
    return {value: (j, i) for j, values in enumerate(key) for i, value in enumerate(values)}


class Prepared:
    """The SQL of `build(key, variant)`, compiled once per database, variant and shape of key, and run for any key."""

    def __init__(self, build: Callable[[Key, object], QuerySet | None]):
        self.build = build
        self._kept: dict[tuple, tuple | None] = {}
        self._lock = Lock()

    def _prepare(self, alias: str, variant, shape) -> tuple | None:
        compiled, stand_ins = [], [_stand_ins(shape, 7_000_000), _stand_ins(shape, 8_000_000)]
        for key in stand_ins:
            queryset = self.build(key, variant)
            if queryset is None:
                return None
            compiler = queryset.query.get_compiler(using=alias)
            compiled.append(compiler.as_sql())
        # The ORM's own conversions of each column (dates, JSON, booleans), as it would apply them to these rows.
        converters = list(compiler.get_converters([column for column, _, _ in compiler.select]).items())
        (sql, params), (other_sql, other_params) = compiled
        if sql != other_sql or len(params) != len(other_params):
            return None
        first_places, second_places = _places(stand_ins[0]), _places(stand_ins[1])
        places = []
        for index, (first, second) in enumerate(zip(params, other_params, strict=True)):
            if first in first_places and first_places[first] == second_places.get(second):
                places.append((index, *first_places[first]))
            elif first != second or first in first_places or second in second_places:
                return None
        if sorted({place[1:] for place in places}) != sorted(first_places.values()):
            return None  # an id of the key the query never used: it may have read it some other way
        params = list(params)
        if connections[alias].vendor == "postgresql" and shape is not None:
            sql, params, places = _as_arrays(sql, params, places)
        return sql, params, places, converters

    def rows(self, key: Key, variant=None, using: str = "default") -> list[dict] | None:
        """The rows for `key` as dicts by column, or None if this query cannot be prepared, or the key holds an empty
        list (the caller builds it as usual)."""
        if isinstance(key, int):
            shape = None
        else:
            shape = tuple(len(values) for values in key)
            if not all(shape):
                return None
        cache_key = (using, variant, shape)
        if cache_key not in self._kept:
            with self._lock:
                if cache_key not in self._kept:
                    self._kept[cache_key] = self._prepare(using, variant, shape)
        prepared = self._kept[cache_key]
        if prepared is None:
            return None
        sql, params, places, converters = prepared
        params = list(params)
        for index, j, i in places:
            params[index] = key if j < 0 else (list(key[j]) if i is None else key[j][i])
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            columns = [column[0] for column in cursor.description]
            rows = cursor.fetchall()
        if converters:
            rows = [list(row) for row in rows]
            for row in rows:
                for position, (functions, expression) in converters:
                    value = row[position]
                    for function in functions:
                        value = function(value, expression, connection)
                    row[position] = value
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def forget(self) -> None:
        """Drop what was prepared (a source registered after the first read)."""
        with self._lock:
            self._kept.clear()


_PLACEHOLDER = re.compile(r"%%|%s")


def _as_arrays(sql: str, params: list, places: list[tuple]) -> tuple[str, list, list[tuple]]:
    """The query with each `IN (%s, ...)` that asks about one whole list of the key, in its order, as `= ANY(%s)`:
    one parameter, the list (a place of (index, list, None)). Any other use of the ids is left as it is."""
    at = {index: (j, i) for index, j, i in places}
    lengths: dict[int, int] = {}
    for j, i in at.values():
        lengths[j] = max(lengths.get(j, 0), i + 1)
    spans = [match.span() for match in _PLACEHOLDER.finditer(sql) if match.group() == "%s"]
    pieces, kept, kept_places, position, index = [], [], [], 0, 0
    while index < len(spans):
        start = spans[index][0]
        place = at.get(index)
        run = 0
        if (place is not None and place[1] == 0 and sql.endswith(" IN (", 0, start)
                and not sql.endswith(" NOT IN (", 0, start)):
            # How far the list runs: each next placeholder its next item, ", " between, ")" after the last.
            j = place[0]
            while (index + run + 1 < len(spans) and at.get(index + run + 1) == (j, run + 1)
                   and sql[spans[index + run][1]:spans[index + run + 1][0]] == ", "):
                run += 1
            end = spans[index + run][1]
            if run + 1 == lengths[j] and sql.startswith(")", end):
                pieces.append(sql[position:start - len("IN (")] + "= ANY(%s")
                kept_places.append((len(kept), j, None))
                kept.append(None)
                position, index = end, index + run + 1
                continue
        pieces.append(sql[position:spans[index][1]])
        position = spans[index][1]
        if place is not None:
            kept_places.append((len(kept), *place))
        kept.append(params[index])
        index += 1
    pieces.append(sql[position:])
    return "".join(pieces), kept, kept_places
