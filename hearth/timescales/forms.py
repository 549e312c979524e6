"""The form for a local closure day."""

from django import forms

from hearth.core.forms import Form, GovukDateField


class ClosureDayForm(Form):
    day = GovukDateField(label="Date the council is closed", help_text="For example, 24 12 2026",
                         error_messages={"required": "Enter the date the council is closed"})
    reason = forms.CharField(label="Why the council is closed", max_length=120,
                             help_text="For example, Christmas Eve closure",
                             error_messages={"required": "Enter why the council is closed"})
