"""A team's new contacts about the children it works with, found by an index for its members' home pages."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_roles'),
        ('front_door', '0005_senior_advice_at'),
        ('people', '0002_name_search_keys'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='contactchild',
            index=models.Index(fields=['open_to_team', 'received_at'], name='contactchild_team_received'),
        ),
    ]
