"""Front-door fixtures: a senior social worker and a manager in the front-door team, and a way to record contacts."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from conftest import make_user
from hearth.accounts.roles import RoleCode
from hearth.front_door import services
from hearth.front_door.models import Channel, ConsentNotApplicableReason, ConsentStatus, Contact
from hearth.reference.codes import ReferralSource


@pytest.fixture
def senior(council):
    return make_user("senior", RoleCode.SENIOR_SOCIAL_WORKER, team=council.front_door)


def london(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def unsaved_contact(**fields) -> Contact:
    values = dict(
        received_at=timezone.now() - timedelta(hours=1), channel=Channel.PHONE, referrer_name="Jo Bloggs",
        referrer_agency="Oakfield Primary School", source=ReferralSource.SCHOOLS,
        concern="Came to school hungry and with a bruise on his arm.",
        consent=ConsentStatus.NOT_APPLICABLE,
        consent_not_applicable_reason=ConsentNotApplicableReason.PARENT_MADE_CONTACT,
    )
    values.update(fields)
    return Contact(**values)


@pytest.fixture
def record_contact(council):
    """Record a contact through the service: record_contact(children=[...], **contact fields)."""

    def record(children=None, by=None, previous=None, adults=(), **fields):
        return services.contact_record(
            acting_user=by or council.adviser, contact=unsaved_contact(**fields),
            children=children if children is not None else [council.unallocated], adults=adults, previous=previous,
        )

    return record
