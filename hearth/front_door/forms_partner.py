"""The partner agencies' online referral form: consent first, then who is referring, the children and the concern.

A partner can only answer consent one of two ways: the family agreed, or the partner did not ask because asking
would put the child at risk of significant harm or prejudice a police investigation. The second is recorded as
consent dispensed with, for a front-door manager to confirm before any decision. A partner who has not asked for any
other reason is told to ask first, or to call the front door for advice (a consultation, not a referral).
"""

from django import forms

from hearth.core.forms import Form, GovukDateField
from hearth.front_door.forms import clean_adult_rows
from hearth.front_door.models import ConsentDispensedReason, ConsentStatus, Contact, RiskIndicator
from hearth.front_door.services import DescribedChild
from hearth.reference.codes import ReferralSource

BLANK = [("", "Select one")]
CHILDREN = 3
ADULTS = 2
# Members of the public and unknown referrers do not use the partners' form.
NOT_PROFESSIONAL = {ReferralSource.FAMILY, ReferralSource.ACQUAINTANCE, ReferralSource.SELF,
                    ReferralSource.INDIVIDUAL_OTHER, ReferralSource.ANONYMOUS, ReferralSource.UNKNOWN}
PROFESSIONAL_SOURCES = [(code, label) for code, label in ReferralSource.choices if code not in NOT_PROFESSIONAL]
CONSENT_CHOICES = [
    (ConsentStatus.OBTAINED, "Yes, the family knows about this referral and agrees to it"),
    (ConsentStatus.DISPENSED,
     "No, because asking would put the child at risk of significant harm or prejudice a police investigation"),
]
# A first guess at the source from the words in the partner's agency; the partner can change it.
SOURCE_BY_AGENCY_WORD = [
    ("police", ReferralSource.POLICE), ("school", ReferralSource.SCHOOLS), ("academy", ReferralSource.SCHOOLS),
    ("college", ReferralSource.EDUCATION_SERVICES), ("housing", ReferralSource.HOUSING),
    ("hospital", ReferralSource.HEALTH_OTHER), ("nhs", ReferralSource.PRIMARY_HEALTH_OTHER),
    ("health", ReferralSource.PRIMARY_HEALTH_OTHER),
]


def source_for_agency(agency: str) -> str:
    words = agency.lower()
    return next((code for word, code in SOURCE_BY_AGENCY_WORD if word in words), "")


class PartnerReferralForm(Form):
    """One page: consent, the referrer, up to three children and two adults, and the concern."""

    consent = forms.ChoiceField(
        label="Does the family know about this referral, and do they agree to it?", choices=CONSENT_CHOICES,
        widget=forms.RadioSelect,
        help_text="Ask the child's parents or carers, or the young person, before you refer.",
        error_messages={"required": "Select whether the family agrees to this referral"},
    )
    consent_from = forms.CharField(label="Who agreed?", max_length=120, required=False,
                                   help_text="Their name and who they are to the child, for example Sam Jones (mother)")
    consent_how = forms.CharField(label="How did they agree?", max_length=120, required=False,
                                  help_text="For example, in person at school, or by phone")
    consent_dispensed_reason = forms.ChoiceField(
        label="Why did you not ask the family?", required=False, choices=ConsentDispensedReason.choices,
        widget=forms.RadioSelect, help_text="A manager at the front door will confirm this when deciding.")

    referrer_name = forms.CharField(label="Your name", max_length=120, error_messages={"required": "Enter your name"})
    referrer_phone = forms.CharField(label="A phone number we can call you on", max_length=40,
                                     error_messages={"required": "Enter a phone number we can call you on"})
    source = forms.ChoiceField(label="What kind of agency are you referring from?", choices=BLANK + PROFESSIONAL_SOURCES,
                               error_messages={"required": "Select what kind of agency you are referring from"})

    concern = forms.CharField(
        label="What are you worried about?", widget=forms.Textarea,
        help_text="What you have seen or been told, when, and anything the child said, in their words if you can",
        error_messages={"required": "Enter what you are worried about"})
    risk_indicators = forms.MultipleChoiceField(label="Does your concern include any of these?", required=False,
                                                choices=RiskIndicator.choices, help_text="Select all that apply")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, CHILDREN + 1):
            self.fields[f"child_{n}_name"] = forms.CharField(label="Full name", max_length=200, required=False)
            self.fields[f"child_{n}_dob"] = GovukDateField(label="Date of birth", required=False, past_only=True,
                                                           help_text="If you know it. For example, 27 3 2015")
            self.fields[f"child_{n}_address"] = forms.CharField(label="Address", max_length=300, required=False,
                                                                help_text="Including the postcode, if you know it")
        for n in range(1, ADULTS + 1):
            self.fields[f"adult_{n}_name"] = forms.CharField(label="Full name", max_length=200, required=False)
            self.fields[f"adult_{n}_relationship"] = forms.CharField(
                label="Who they are to the children", max_length=120, required=False,
                help_text="For example, mother, or mother's partner")

    @property
    def child_rows(self):
        return [(n, self[f"child_{n}_name"], self[f"child_{n}_dob"], self[f"child_{n}_address"])
                for n in range(1, CHILDREN + 1)]

    @property
    def adult_rows(self):
        return [(n, self[f"adult_{n}_name"], self[f"adult_{n}_relationship"]) for n in range(1, ADULTS + 1)]

    def clean(self):
        cleaned = super().clean()
        consent = cleaned.get("consent")
        if consent == ConsentStatus.OBTAINED:
            if not (cleaned.get("consent_from") or "").strip():
                self.add_error("consent_from", "Enter who agreed to the referral")
            if not (cleaned.get("consent_how") or "").strip():
                self.add_error("consent_how", "Enter how they agreed, for example by phone")
        elif consent == ConsentStatus.DISPENSED and not cleaned.get("consent_dispensed_reason"):
            self.add_error("consent_dispensed_reason", "Select why you did not ask the family")
        children = []
        for n in range(1, CHILDREN + 1):
            name = (cleaned.get(f"child_{n}_name") or "").strip()
            dob, address = cleaned.get(f"child_{n}_dob"), (cleaned.get(f"child_{n}_address") or "").strip()
            if name:
                children.append(DescribedChild(name=name, date_of_birth=dob, address=address))
            elif dob or address:
                self.add_error(f"child_{n}_name", "Enter the child's full name")
        if not children and not any(f"child_{n}_name" in self.errors for n in range(1, CHILDREN + 1)):
            self.add_error("child_1_name", "Add at least one child: enter the child's full name")
        cleaned["child_list"] = children
        cleaned["adult_list"] = clean_adult_rows(self, ADULTS)
        return cleaned

    def build(self) -> tuple[Contact, list[DescribedChild], list[tuple[str, str]]]:
        """The unsaved contact (the service stamps the channel's receipt time and the referrer), children and adults."""
        data = self.cleaned_data
        contact = Contact(referrer_name=data["referrer_name"].strip(), referrer_phone=data["referrer_phone"].strip(),
                          source=data["source"], concern=data["concern"].strip(), consent=data["consent"],
                          risk_indicators=list(data["risk_indicators"]))
        if contact.consent == ConsentStatus.OBTAINED:
            contact.consent_from, contact.consent_how = data["consent_from"].strip(), data["consent_how"].strip()
        else:
            contact.consent_dispensed_reason = data["consent_dispensed_reason"]
        return contact, data["child_list"], data["adult_list"]
