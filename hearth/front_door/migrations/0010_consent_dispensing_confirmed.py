"""Dispensing with consent becomes a manager's own recorded act.

The adviser now records which team manager they asked (`consent_dispensed_asked`, the field that was
`consent_dispensed_agreed_by`); the manager confirms it on the contact's page, which records who confirmed and
when (`consent_dispensed_confirmed_by`, `consent_dispensed_confirmed_at`).

Existing data: every contact that already names a manager in `consent_dispensed_agreed_by` is treated as
confirmed by that manager at the contact's receipt time (`received_at`), since the manager's agreement was
recorded with the contact when it was received. A contact with consent dispensed with and no manager named (a
partner's online referral not yet decided) stays unconfirmed and waits for a front-door manager's confirmation.
The contacts' history rows are left as they were.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def confirm_existing_agreements(apps, schema_editor):
    Contact = apps.get_model("front_door", "Contact")
    Contact.objects.filter(consent="dispensed", consent_dispensed_asked__isnull=False).update(
        consent_dispensed_confirmed_by=F("consent_dispensed_asked"), consent_dispensed_confirmed_at=F("received_at"))


def forget_confirmations(apps, schema_editor):
    Contact = apps.get_model("front_door", "Contact")
    Contact.objects.update(consent_dispensed_confirmed_by=None, consent_dispensed_confirmed_at=None)


class Migration(migrations.Migration):

    dependencies = [
        ("front_door", "0009_escalation_and_awaiting_notes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="contact", old_name="consent_dispensed_agreed_by",
                               new_name="consent_dispensed_asked"),
        migrations.RenameField(model_name="historicalcontact", old_name="consent_dispensed_agreed_by",
                               new_name="consent_dispensed_asked"),
        migrations.AlterField(
            model_name="contact",
            name="consent_dispensed_asked",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to=settings.AUTH_USER_MODEL,
                help_text="The team manager the adviser asked to agree to dispensing with consent (none on a partner's referral)."),
        ),
        migrations.AlterField(
            model_name="historicalcontact",
            name="consent_dispensed_asked",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+", to=settings.AUTH_USER_MODEL,
                help_text="The team manager the adviser asked to agree to dispensing with consent (none on a partner's referral)."),
        ),
        migrations.AddField(
            model_name="contact",
            name="consent_dispensed_confirmed_by",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to=settings.AUTH_USER_MODEL,
                help_text="The manager who confirmed, as their own act, that consent is dispensed with."),
        ),
        migrations.AddField(
            model_name="contact",
            name="consent_dispensed_confirmed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="historicalcontact",
            name="consent_dispensed_confirmed_by",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+", to=settings.AUTH_USER_MODEL,
                help_text="The manager who confirmed, as their own act, that consent is dispensed with."),
        ),
        migrations.AddField(
            model_name="historicalcontact",
            name="consent_dispensed_confirmed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(confirm_existing_agreements, forget_confirmations),
    ]
