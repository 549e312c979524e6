"""What the load test's users type into Hearth's forms, kept apart from the locustfile (which needs Locust's plan to
import) so that a test posts exactly the same fields to the same form: when a form's fields are renamed, that test
fails, not the next load test's every save."""

from datetime import date


def case_note_fields(day: date) -> dict[str, str]:
    """A phone call on `day` at 09:30, as the case note form takes it (its date and time inputs: occurred_at-*)."""
    return {"kind": "phone_call", "occurred_at-day": str(day.day), "occurred_at-month": str(day.month),
            "occurred_at-year": str(day.year), "occurred_at-time": "09:30", "title": "Phone call",
            "body": "Spoke to the child's school about attendance.", "child_words": ""}
