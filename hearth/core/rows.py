"""A parent row's related rows read in the parent's own query, as a JSON array, and made model instances again.

A page that shows one record with several short lists of its details (a child's addresses, former names, warnings)
would read each list in a query of its own. `related_rows` reads them as columns of the record's query instead: a
subquery aggregating each list into a JSON array (SQLite's `json_group_array`, PostgreSQL's `json_agg`).
`instances` turns the array back into unsaved model instances with their fields' Python types, so templates keep
their methods (`get_category_display`, `__str__`). Read-only: the instances are for showing, never for saving.
"""

import json
from datetime import UTC, datetime

from django.db.models import Aggregate, DateTimeField, F, JSONField, Model, OuterRef, QuerySet, Subquery, TextField
from django.db.models.functions import JSONObject


class JSONArray(Aggregate):
    """The aggregated rows as one JSON array, as text on every database."""

    function = "json_group_array"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="json_agg", template="%(function)s(%(expressions)s)::text",
                           **extra_context)


def related_rows(queryset: QuerySet, parent: str, fields: list[str]) -> Subquery:
    """The rows of `queryset` whose `parent` is the outer row, as a JSON array of objects of `fields` (text)."""
    rows = queryset.filter(**{parent: OuterRef("pk")}).order_by().values(parent)
    return Subquery(rows.annotate(rows=JSONArray(JSONObject(**{name: F(name) for name in fields}))).values("rows")[:1],
                    output_field=TextField())


def instances(model: type[Model], found: str | None, *, order_by=None, reverse: bool = False) -> list:
    """The model's instances from a `related_rows` column (none when the parent has no rows), optionally sorted."""
    if not found:
        return []
    fields = {field.attname: field for field in model._meta.concrete_fields}
    made = []
    for row in json.loads(found):
        values = {}
        for name, value in row.items():
            field = fields.get(name) or model._meta.get_field(name)
            value = value if isinstance(field, JSONField) else field.to_python(value)
            if isinstance(field, DateTimeField) and isinstance(value, datetime) and value.tzinfo is None:
                value = value.replace(tzinfo=UTC)  # SQLite keeps moments as UTC text without an offset
            values[field.attname] = value
        made.append(model(**values))
    if order_by is not None:
        made.sort(key=order_by, reverse=reverse)
    return made
