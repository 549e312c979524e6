"""Covering indexes for the leaders' view, over the columns the last migration filled in, and with the contacts' ids."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("front_door", "0003_recontact_flag_and_decision_source"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="contact",
            name="contact_received_cover",
        ),
        migrations.RemoveIndex(
            model_name="contact",
            name="contact_closed_cover",
        ),
        migrations.RemoveIndex(
            model_name="contactdecision",
            name="front_door__decided_05483c_idx",  # its one column leads decision_source_cover below
        ),
        migrations.AddIndex(
            model_name="advice",
            index=models.Index(fields=["contact", "kind"], name="advice_contact_kind"),
        ),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(fields=["received_at", "previous", "closed_at", "decision_due_at", "id"], name="contact_received_cover"),
        ),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(fields=["closed_at", "decision_due_at", "previous", "first_received_at", "id"], name="contact_closed_cover"),
        ),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(fields=["received_at", "consent", "consent_dispensed_reason"], name="contact_consent_cover"),
        ),
        migrations.AddIndex(
            model_name="contactchild",
            index=models.Index(condition=models.Q(("recontact", True)), fields=["received_at", "child", "contact"], name="contactchild_recontacts"),
        ),
        migrations.AddIndex(
            model_name="contactdecision",
            index=models.Index(fields=["decided_at", "source", "outcome", "has_rationale"], name="decision_source_cover"),
        ),
    ]
