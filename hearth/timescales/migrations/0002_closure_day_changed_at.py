"""Each closure day keeps when it last changed, so every process can tell its cached calendar is out of date.

Existing closure days are stamped with the time of the migration.
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("timescales", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="localclosureday",
            name="changed_at",
            field=models.DateTimeField(auto_now=True, db_index=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicallocalclosureday",
            name="changed_at",
            field=models.DateTimeField(blank=True, db_index=True, default=django.utils.timezone.now, editable=False),
            preserve_default=False,
        ),
    ]
