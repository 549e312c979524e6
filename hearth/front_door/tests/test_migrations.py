"""The front door's data migrations keep what was recorded."""

import importlib
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from hearth.front_door.models import ConsentDispensedReason, ConsentStatus, Contact

confirming = importlib.import_module("hearth.front_door.migrations.0010_consent_dispensing_confirmed")


def test_a_manager_already_named_as_agreeing_is_taken_to_have_confirmed_at_the_contacts_receipt(council, fd_manager,
                                                                                                record_contact):
    received = timezone.now() - timedelta(days=3)
    named = record_contact(received_at=received, consent=ConsentStatus.DISPENSED, consent_not_applicable_reason="",
                           consent_dispensed_reason=ConsentDispensedReason.SIGNIFICANT_HARM,
                           consent_dispensed_asked=fd_manager)
    waiting = record_contact(consent=ConsentStatus.DISPENSED, consent_not_applicable_reason="",
                             consent_dispensed_reason=ConsentDispensedReason.POLICE_INVESTIGATION,
                             submitted_by=council.partner)
    obtained = record_contact()
    confirming.confirm_existing_agreements(apps, None)
    named, waiting, obtained = (Contact.objects.get(pk=c.pk) for c in (named, waiting, obtained))
    assert named.consent_dispensed_confirmed_by == fd_manager and named.consent_dispensed_confirmed_at == received
    assert waiting.awaits_consent_confirmation and waiting.consent_dispensed_confirmed_by is None
    assert obtained.consent_dispensed_confirmed_at is None
