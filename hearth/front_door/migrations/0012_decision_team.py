"""Each decision keeps the front door team its contact was with, filled in here for the decisions already recorded.

Management oversight counts a period's decisions by team from every source; with the team kept on the decision a
covering index answers the count without joining ten thousand contacts. A contact's team is the front door team it
was routed to when recorded, so the team filled in is the one each decision was made in. Added as nullable and
made required in the next migration: PostgreSQL alters no table with updates waiting on their constraint checks in
the same transaction.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

HELP = "The front door team the contact was with when the decision was made, kept with the decision."


def fill_in(apps, schema_editor):
    Contact = apps.get_model("front_door", "Contact")
    team = Subquery(Contact.objects.filter(pk=OuterRef("contact_id")).values("team_id")[:1])
    for name in ("ContactDecision", "HistoricalContactDecision"):
        apps.get_model("front_door", name).objects.update(team=team)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0007_historical_role_codes"),
        ("front_door", "0011_versioned_for_concurrent_edits"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactdecision",
            name="team",
            field=models.ForeignKey(null=True, editable=False, help_text=HELP, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="accounts.team"),
        ),
        migrations.AddField(
            model_name="historicalcontactdecision",
            name="team",
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text=HELP, null=True,
                                    on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                                    to="accounts.team"),
        ),
        migrations.RunPython(fill_in, migrations.RunPython.noop, elidable=True),
    ]
