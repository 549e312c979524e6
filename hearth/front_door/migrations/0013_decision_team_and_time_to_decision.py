"""A decision's front door team is required from now on; a contact keeps its time to decision (a generated column).

The covering indexes of the closing time and of a period's decisions take the new columns, and each becomes the
only index that begins with its column: SQLite does not count a generated column as covered, and would otherwise
choose between two indexes on the same column by chance.
"""

import django.db.models.deletion
import hearth.front_door.expressions
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0007_historical_role_codes'),
        ('front_door', '0012_decision_team'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='contact',
            name='front_door__closed__4205c6_idx',
        ),
        migrations.RemoveIndex(
            model_name='contact',
            name='contact_closed_advice_cover',
        ),
        migrations.RemoveIndex(
            model_name='contactdecision',
            name='decision_period_cover',
        ),
        migrations.AddField(
            model_name='contact',
            name='tenths_to_decision',
            field=models.GeneratedField(db_persist=True, expression=hearth.front_door.expressions.TenthsOfAnHour('closed_at', 'first_received_at'), output_field=models.IntegerField()),
        ),
        migrations.AlterField(
            model_name='contactdecision',
            name='team',
            field=models.ForeignKey(editable=False, help_text='The front door team the contact was with when the decision was made, kept with the decision.', on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.team'),
        ),
        migrations.AddIndex(
            model_name='contact',
            index=models.Index(fields=['closed_at', 'decision_due_at', 'previous', 'first_received_at', 'senior_advice_at', 'tenths_to_decision', 'id'], name='contact_closed_advice_cover'),
        ),
        migrations.AddIndex(
            model_name='contactdecision',
            index=models.Index(fields=['decided_at', 'source', 'outcome', 'team', 'has_rationale', 'contact'], name='decision_period_cover'),
        ),
    ]
