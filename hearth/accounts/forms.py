"""Sign-in, second factor, emergency access and administration forms."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from hearth.accounts.models import ReviewOutcome, ServiceArea, Team
from hearth.accounts.roles import RoleCode
from hearth.core.forms import Form, LimitedText


class SignInForm(LimitedText, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. After 5 failed attempts the account is locked for 30 minutes.",
        "inactive": "This account is inactive. Ask an administrator.",
    }


class TokenForm(Form):
    token = forms.CharField(label="Code from your authenticator app", max_length=8,
                            help_text="The 6-digit code, for example 123456")

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError("Enter the 6-digit code from your authenticator app")
        return token


class BreakGlassForm(Form):
    la_child_id = forms.CharField(label="LA child ID", max_length=20, help_text="For example, C0001234")
    reason = forms.CharField(label="Why do you need to see this record now?", widget=forms.Textarea,
                             help_text="Your reason is logged and a manager will review it.")


class BreakGlassReviewForm(Form):
    outcome = forms.ChoiceField(label="Was the access justified?", widget=forms.RadioSelect,
                                choices=ReviewOutcome.choices)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)


class BreakGlassCorrectionForm(BreakGlassReviewForm):
    outcome = forms.ChoiceField(label="What should the outcome be?", widget=forms.RadioSelect,
                                choices=ReviewOutcome.choices)
    note = forms.CharField(label="Why is the review being corrected?", widget=forms.Textarea,
                           error_messages={"required": "Enter why the review is being corrected"})


# --- Administration -------------------------------------------------------------------------------

class UserDetailsForm(Form):
    first_name = forms.CharField(label="First name", max_length=150,
                                 error_messages={"required": "Enter the first name"})
    last_name = forms.CharField(label="Last name", max_length=150, error_messages={"required": "Enter the last name"})
    username = forms.CharField(label="Username", max_length=150, help_text="What they type to sign in",
                               error_messages={"required": "Enter a username"})
    email = forms.EmailField(label="Email address", required=False,
                             error_messages={"invalid": "Enter an email address like name@example.org"})
    job_title = forms.CharField(label="Job title", max_length=120, required=False)
    agency = forms.CharField(label="Agency", max_length=120, required=False,
                             help_text="For partner agency users only")


class UserCreateForm(UserDetailsForm):
    password = forms.CharField(label="First password", widget=forms.PasswordInput, strip=False,
                               help_text="At least 12 characters. Give it to them privately.",
                               error_messages={"required": "Enter a first password"})


class UserRolesForm(Form):
    roles = forms.MultipleChoiceField(label="Roles", widget=forms.CheckboxSelectMultiple, required=False,
                                      choices=RoleCode.choices,
                                      help_text="An account that would hold the administrator role and a role that "
                                                "works with cases needs a second administrator's approval.")
    reason = forms.CharField(label="Reason for the change", widget=forms.Textarea, required=False,
                             help_text="Shown to the administrator who approves it, where one must.")


class MembershipAddForm(Form):
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.filter(is_active=True).order_by("name"),
                                  empty_label="Choose a team", error_messages={"required": "Choose a team"})
    manages = forms.BooleanField(label="Manages this team", required=False)


class MembershipManagesForm(Form):
    manages = forms.BooleanField(label="Manages this team", required=False)


class TeamForm(Form):
    name = forms.CharField(label="Team name", max_length=120, error_messages={"required": "Enter the team's name"})
    service_area = forms.ChoiceField(label="Service area", choices=[("", "Choose a service area"), *ServiceArea.choices],
                                     error_messages={"required": "Choose a service area"})
    is_active = forms.BooleanField(label="Active", required=False, initial=True,
                                   help_text="People can be added only to an active team.")


class RoleDescriptionForm(Form):
    description = forms.CharField(label="Description", widget=forms.Textarea, required=False)


class DecisionForm(Form):
    note = forms.CharField(label="Note", widget=forms.Textarea, required=False)


class UserFilterForm(Form):
    text = forms.CharField(label="Name, username or email", required=False)
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "Any role"), *RoleCode.choices])
    team = forms.ModelChoiceField(label="Team", required=False, queryset=Team.objects.order_by("name"),
                                  empty_label="Any team")


class AccessChangesFilterForm(Form):
    kind = forms.ChoiceField(label="Kind of change", required=False)
    user = forms.CharField(label="Username", required=False, help_text="Changes made by this user, or to them")

    def __init__(self, *args, kinds: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Every kind"), *((key, kind.label) for key, kind in kinds.items())]
