"""Optimistic concurrency: an edit is saved only onto the version its author read.

Every editable record is `Versioned`. Its edit form carries the version it was read at (`VersionField`); the service
calls `claim_version(instance, read_version)` inside its transaction before saving. That locks the row and, if another
change has been saved since, refuses with `EditConflict`, which the view shows as a conflict page: the other person's
change beside the user's own, the user's typing kept, and a button to apply theirs again on top of the newer version.
"""

from dataclasses import dataclass

from django import forms
from django.db import models


class EditConflict(Exception):
    """Someone else saved a change to this record after it was read for this edit."""

    def __init__(self, *, current: models.Model, read_version: int, same_row: bool = True):
        super().__init__(f"{current._meta.verbose_name} {current.pk} changed since version {read_version}")
        self.current = current
        self.read_version = read_version
        self.same_row = same_row  # False: another row has taken the place of the one read (a new allocation)


class VersionField(forms.IntegerField):
    """The version an edit form was read at, sent back hidden."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("required", True)
        kwargs.setdefault("error_messages", {"required": "This page was out of date: open it again"})
        super().__init__(**kwargs)


def claim_version(instance: models.Model, read_version: int) -> None:
    """Lock the record's row and move it to the next version, or refuse if it has changed since `read_version`.

    Call inside the service's transaction, before its validation and save; a refused claim writes nothing.
    """
    current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if current.version != read_version:
        raise EditConflict(current=current, read_version=read_version)
    instance.version = current.version + 1
    instance._version_claimed = True


def claim_current(queryset: models.QuerySet, read: tuple[int, int]) -> None:
    """Refuse a change to whichever row is current now (a child's current allocation, read as `current_of`) if it is
    not the row, at the version, that the user read; (0, 0) stands for "there was none". Locks the current row."""
    current = queryset.select_for_update().first()
    if current_of(current) != tuple(read):
        raise EditConflict(current=current or queryset.model(), read_version=read[1], same_row=False)


def current_of(record: models.Model | None) -> tuple[int, int]:
    """Which row was current, and at which version, as an edit form carries it."""
    return (record.pk, record.version) if record is not None else (0, 0)


class CurrentField(forms.CharField):
    """The row current when a form was read and its version, as "id:version", sent back hidden."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {"required": "This page was out of date: open it again"})
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        row, _, version = text.partition(":")
        if not (row.isascii() and row.isdecimal() and version.isascii() and version.isdecimal()):
            raise forms.ValidationError("This page was out of date: open it again")
        return int(row), int(version)

    def prepare_value(self, value):
        return f"{value[0]}:{value[1]}" if isinstance(value, tuple) else value


@dataclass(frozen=True)
class ConflictRow:
    name: str
    label: str
    read: str  # as it was when the user opened the page
    current: str  # as the other person saved it
    yours: str  # as the user typed it

    @property
    def changed_by_them(self) -> bool:
        return self.current != self.read

    @property
    def changed_by_you(self) -> bool:
        return self.yours != self.read


def conflict_rows(conflict: EditConflict, yours: models.Model, fields: list[str]) -> list[ConflictRow]:
    """The fields the other person or the user changed, with the value read, theirs and the user's."""
    current = conflict.current
    read = _version_read(current, conflict.read_version) if conflict.same_row else None
    rows = []
    for name in fields:
        field = current._meta.get_field(name)
        values = [_shown(record, field) for record in (read, current, yours)]
        if read is None:
            values[0] = values[1]  # the version read is not kept: compare theirs with the user's
        if values[0] != values[1] or values[0] != values[2]:
            rows.append(ConflictRow(name, str(field.verbose_name).capitalize(), *values))
    return rows


def changed_by(conflict: EditConflict) -> tuple[str, object] | None:
    """Who saved the newer version, and when (from the record's history), if it keeps history."""
    history = getattr(conflict.current, "history", None)
    if history is None or conflict.current.pk is None:
        return None
    latest = history.select_related("history_user").order_by("-history_date").first()
    return (str(latest.history_user or "Someone"), latest.history_date) if latest else None


def yours_on_theirs(conflict: EditConflict, yours: models.Model, fields: list[str]) -> dict:
    """The form's starting values for saving the user's change on top of the other person's: theirs throughout,
    except the details the user changed from what they read, which keep what the user typed."""
    return {row.name: getattr(yours, row.name) for row in conflict_rows(conflict, yours, fields) if row.changed_by_you}


def conflict_context(conflict: EditConflict, yours: models.Model, fields: list[str]) -> dict:
    """What a conflict page shows: the rows that differ, and who saved the newer version when."""
    by = changed_by(conflict)
    return {"rows": conflict_rows(conflict, yours, fields), "by": by[0] if by else "Someone",
            "at": by[1] if by else None, "version": conflict.current.version, "same_row": conflict.same_row}


def _version_read(current: models.Model, version: int):
    history = getattr(current, "history", None)
    if history is None or current.pk is None:
        return None
    return history.filter(version=version).order_by("-history_date").first()


def _shown(record, field) -> str:
    if record is None:
        return ""
    value = getattr(record, field.attname, None)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value if value not in (None, "") else ""))
    if isinstance(field, models.ForeignKey):
        related = getattr(record, field.name, None) if value is not None else None
        return str(related) if related is not None else ""
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    return "" if value is None else str(value)
