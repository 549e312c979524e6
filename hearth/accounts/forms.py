"""Sign-in, second factor and emergency-access forms."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. After 5 failed attempts the account is locked for 30 minutes.",
        "inactive": "This account is inactive. Ask an administrator.",
    }


class TokenForm(forms.Form):
    token = forms.CharField(label="Code from your authenticator app", max_length=8,
                            help_text="The 6-digit code, for example 123456")

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError("Enter the 6-digit code from your authenticator app")
        return token


class BreakGlassForm(forms.Form):
    la_child_id = forms.CharField(label="LA child ID", max_length=20, help_text="For example, C0001234")
    reason = forms.CharField(label="Why do you need to see this record now?", widget=forms.Textarea,
                             help_text="Your reason is logged and a manager will review it.")


class BreakGlassReviewForm(forms.Form):
    outcome = forms.ChoiceField(label="Was the access justified?", widget=forms.RadioSelect,
                                choices=[("justified", "Justified"), ("not_justified", "Not justified: to be followed up")])
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)
