"""Form fields that read and write the GOV.UK date pattern: three boxes for day, month and year."""

from datetime import date, datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone


class DateTripleWidget(forms.Widget):
    """Three inputs named <name>-day, <name>-month and <name>-year (rendered by the date_input macro)."""

    is_date_triple = True

    def value_from_datadict(self, data, files, name):
        return tuple((data.get(f"{name}-{part}") or "").strip() for part in ("day", "month", "year"))

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}-{part}" in data for part in ("day", "month", "year"))

    @staticmethod
    def parts(value) -> tuple[str, str, str]:
        """What to show in the three boxes: what was typed, or the saved date."""
        if isinstance(value, date):
            return str(value.day), str(value.month), str(value.year)
        if isinstance(value, tuple | list) and len(value) == 3:
            return tuple(value)
        return "", "", ""


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with GOV.UK's error messages."""

    widget = DateTripleWidget

    def __init__(self, *, past_only: bool = False, **kwargs):
        self.past_only = past_only
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, date):
            return value
        if not value or not any(value):
            return None
        label = self.label or "The date"
        missing = [part for part, typed in zip(("day", "month", "year"), value, strict=True) if not typed]
        if missing:
            raise ValidationError(f"{label} must include a {' and '.join(missing)}")
        try:
            day, month, year = (int(part) for part in value)
        except ValueError:
            raise ValidationError(f"{label} must be a real date, in numbers") from None
        if year < 1900 or year > 2200:
            raise ValidationError(f"{label} must have a year of four digits, like 2015")
        try:
            typed = date(year, month, day)
        except ValueError:
            raise ValidationError(f"{label} must be a real date") from None
        if self.past_only and typed > timezone.localdate():
            raise ValidationError(f"{label} must be today or in the past")
        return typed


class TimeField(forms.CharField):
    """A time of day typed as 14:30 or 2:30pm."""

    def to_python(self, value):
        value = (super().to_python(value) or "").strip().lower().replace(".", ":")
        if not value:
            return None
        for pattern in ("%H:%M", "%I:%M%p", "%I%p", "%H%M"):
            try:
                return datetime.strptime(value.replace(" ", ""), pattern).time()  # noqa: DTZ007 (a time of day only)
            except ValueError:
                continue
        raise ValidationError("Enter a time like 14:30 or 2:30pm")


def local_moment(day: date, at: time | None) -> datetime:
    """An aware datetime for a day and time in London."""
    return timezone.make_aware(datetime.combine(day, at or time(12, 0)))
