"""A decision keeps whether it has a rationale (a generated column), and one covering index of the decision time
answers oversight's count by team and kind (the plain indexes on the time, and on the team and time, go: SQLite
would choose them and read every row).
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0007_historical_role_codes'),
        ('casework', '0006_decision_team'),
        ('people', '0003_versioned_for_concurrent_edits'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='decision',
            name='casework_de_decided_293e40_idx',
        ),
        migrations.RemoveIndex(
            model_name='decision',
            name='casework_de_team_id_5157f3_idx',
        ),
        migrations.AddField(
            model_name='decision',
            name='has_rationale',
            field=models.GeneratedField(db_persist=True, expression=models.ExpressionWrapper(models.Q(('rationale', ''), _negated=True), output_field=models.BooleanField()), output_field=models.BooleanField()),
        ),
        migrations.AddIndex(
            model_name='decision',
            index=models.Index(fields=['decided_at', 'team', 'kind', 'has_rationale'], name='decision_oversight_cover'),
        ),
    ]
