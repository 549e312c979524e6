"""Form fields that read and write the GOV.UK date pattern (three boxes for day, month and year), and the one
field for every moment something happened: the date, the time and, only on the night the clocks go back, which of
the two times it was."""

from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
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
        typed = typed_date(self.label or "The date", value)
        if self.past_only and typed > timezone.localdate():
            raise ValidationError(f"{self.label or 'The date'} must be today or in the past")
        return typed


def typed_date(label: str, parts) -> date:
    """The date typed as (day, month, year), or GOV.UK's message for what is wrong with it."""
    missing = [part for part, typed in zip(("day", "month", "year"), parts, strict=True) if not typed]
    if missing:
        raise ValidationError(f"{label} must include a {' and '.join(missing)}")
    try:
        day, month, year = (int(part) for part in parts)
    except ValueError:
        raise ValidationError(f"{label} must be a real date, in numbers") from None
    if year < 1900 or year > 2200:
        raise ValidationError(f"{label} must have a year of four digits, like 2015")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(f"{label} must be a real date") from None


def typed_time(value: str) -> time | None:
    """A time of day typed as 14:30, 2:30pm or 1430; None if nothing was typed."""
    value = (value or "").strip().lower().replace(".", ":").replace(" ", "")
    if not value:
        return None
    for pattern in ("%H:%M", "%I:%M%p", "%I%p", "%H%M"):
        try:
            return datetime.strptime(value, pattern).time()  # noqa: DTZ007 (a time of day only)
        except ValueError:
            continue
    raise ValidationError("Enter a time like 14:30 or 2:30pm")


# What the abbreviations a zone gives its offsets mean, for the question on the night the clocks go back.
ZONE_NAMES = {"BST": "British Summer Time", "GMT": "Greenwich Mean Time"}


class TypedMoment(NamedTuple):
    """What was typed into a date-time field, kept as typed so a page with errors shows it again."""

    day: str = ""
    month: str = ""
    year: str = ""
    time: str = ""
    clock: str = ""  # which of two times it was, on the night the clocks go back: a zone abbreviation (BST, GMT)


class DateTimeWidget(forms.Widget):
    """Inputs named <name>-day, -month, -year and -time, and <name>-clock when asked (the datetime_input macro)."""

    is_date_triple = True  # the error summary links to the day box

    def value_from_datadict(self, data, files, name):
        return TypedMoment(*((data.get(f"{name}-{part}") or "").strip() for part in TypedMoment._fields))

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}-{part}" in data for part in TypedMoment._fields)

    @staticmethod
    def parts(value) -> TypedMoment:
        """What to show in the boxes: what was typed, or the saved moment in London time."""
        if isinstance(value, datetime):
            local = timezone.localtime(value)
            first, second = _offsets(local.replace(tzinfo=None))
            return TypedMoment(str(local.day), str(local.month), str(local.year), f"{local:%H:%M}",
                               local.tzname() if first != second else "")
        if isinstance(value, TypedMoment):
            return value
        if isinstance(value, tuple | list) and len(value) == len(TypedMoment._fields):
            return TypedMoment(*value)
        return TypedMoment()


def _offsets(naive: datetime) -> tuple:
    zone = timezone.get_current_timezone()
    return naive.replace(tzinfo=zone, fold=0).utcoffset(), naive.replace(tzinfo=zone, fold=1).utcoffset()


def _transition(naive: datetime) -> tuple[datetime, datetime]:
    """The wall-clock times the clocks went from and to, at the change around a skipped or repeated time."""
    zone = timezone.get_current_timezone()
    low, high = sorted(naive.replace(tzinfo=zone, fold=fold).astimezone(UTC) for fold in (0, 1))
    before = low.astimezone(zone).utcoffset()
    change = low
    while change < high and change.astimezone(zone).utcoffset() == before:
        change += timedelta(minutes=1)
    # `change` is the first minute on the new offset: the old clock would have shown it as change + before.
    return (change + before).replace(tzinfo=None), change.astimezone(zone).replace(tzinfo=None)


def _hhmm(moment: datetime | time) -> str:
    return f"{moment:%H:%M}"


def _day(moment: datetime | date) -> str:
    return f"{moment.day} {moment:%B %Y}"


class GovukDateTimeField(forms.Field):
    """When something happened: a date, a time, and which of the two times on the night the clocks go back.

    London's wall clock skips an hour in March and repeats one in October. A time in the skipped hour did not
    happen, and is refused with the reason. A time in the repeated hour happened twice: the field asks which
    (British Summer Time or Greenwich Mean Time), and keeps the answer with what was typed. Times are otherwise
    as GOV.UK's patterns take them. Without `time_required`, a date alone stands for midday.
    """

    widget = DateTimeWidget
    default_error_messages = {
        "time": "Enter the time, for example 14:30",
        "future": "The time cannot be in the future",
    }

    def __init__(self, *, past_only: bool = True, time_required: bool = True, **kwargs):
        self.past_only = past_only
        self.time_required = time_required
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, datetime):
            return value
        typed = DateTimeWidget.parts(value)
        if not any(typed[:4]):
            return None
        day = typed_date("The date", typed[:3])
        at = typed_time(typed.time)
        if at is None:
            if self.time_required:
                raise ValidationError(self.error_messages["time"], code="time")
            at = time(12, 0)
        return self.moment(datetime.combine(day, at), typed.clock)

    def moment(self, naive: datetime, clock: str) -> datetime:
        """The moment (in UTC) a London wall-clock time names, or why it names none or two."""
        zone = timezone.get_current_timezone()
        first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
        if first.utcoffset() == second.utcoffset():
            chosen = first
        elif first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
            before, after = _transition(naive)
            raise ValidationError(
                f"{_hhmm(naive)} on {_day(naive)} did not happen: clocks went forward from {_hhmm(before)} to "
                f"{_hhmm(after)}", code="skipped")
        elif clock and clock == first.tzname():
            chosen = first
        elif clock and clock == second.tzname():
            chosen = second
        else:
            before, after = _transition(naive)
            names = " or ".join(ZONE_NAMES.get(c, c) for c in (first.tzname(), second.tzname()))
            raise ValidationError(
                f"{_hhmm(naive)} on {_day(naive)} happened twice: clocks went back from {_hhmm(before)} to "
                f"{_hhmm(after)}. Select whether it was {names}", code="repeated")
        # In UTC: Python compares two London times that differ only by `fold` as equal, and one as unequal to
        # every other zone's, so a repeated time is safe only once it is converted.
        chosen = chosen.astimezone(UTC)
        if self.past_only and chosen > timezone.now():
            raise ValidationError(self.error_messages["future"], code="future")
        return chosen

    @staticmethod
    def clock_choices(typed: TypedMoment) -> list[tuple[str, str]]:
        """The two times a typed wall-clock time could be, when it names two (the question is asked only then)."""
        try:
            naive = datetime.combine(typed_date("The date", typed[:3]), typed_time(typed.time) or time(12, 0))
        except ValidationError:
            return []
        first, second = _offsets(naive)
        if first == second:
            return []
        zone = timezone.get_current_timezone()
        if naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
            return []  # a time that did not happen: refused, not asked about
        earlier, later = (naive.replace(tzinfo=zone, fold=fold).tzname() for fold in (0, 1))
        at = _hhmm(naive)
        return [(earlier, f"{ZONE_NAMES.get(earlier, earlier)} ({earlier}): the first {at}, before the clocks went back"),
                (later, f"{ZONE_NAMES.get(later, later)} ({later}): the second {at}, after the clocks went back")]


# Every typed text has a limit, so a pasted document or a hostile request gets a field error naming the limit, never
# a 500 or a megabyte in the database. A text field given no limit of its own takes this one (about ten pages).
TEXT_LIMIT = 20_000


class LimitedText:
    """Gives every text field of a form without a maximum length the project's `TEXT_LIMIT`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                field.max_length = TEXT_LIMIT
                field.validators.append(MaxLengthValidator(TEXT_LIMIT))


class Form(LimitedText, forms.Form):
    """Hearth's form: Django's, with every text field limited."""


class ModelForm(LimitedText, forms.ModelForm):
    """Hearth's model form: Django's, with every text field limited."""
