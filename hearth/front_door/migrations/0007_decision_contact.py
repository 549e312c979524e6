"""Each decision keeps its child's contact, filled in here for the decisions already recorded.

Added as nullable and made required in the next migration: PostgreSQL alters no table with updates waiting
on their constraint checks in the same transaction.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

HELP = "The child's contact, kept with the decision (a row never moves contact)."


def fill_in(apps, schema_editor):
    ContactChild = apps.get_model("front_door", "ContactChild")
    contact = Subquery(ContactChild.objects.filter(pk=OuterRef("contact_child_id")).values("contact_id")[:1])
    for name in ("ContactDecision", "HistoricalContactDecision"):
        apps.get_model("front_door", name).objects.update(contact=contact)


class Migration(migrations.Migration):

    dependencies = [
        ("front_door", "0006_contacts_routed_to_teams"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactdecision",
            name="contact",
            field=models.ForeignKey(null=True, editable=False, help_text=HELP, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="decisions", to="front_door.contact"),
        ),
        migrations.AddField(
            model_name="historicalcontactdecision",
            name="contact",
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text=HELP, null=True,
                                    on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                                    to="front_door.contact"),
        ),
        migrations.RunPython(fill_in, migrations.RunPython.noop, elidable=True),
    ]
