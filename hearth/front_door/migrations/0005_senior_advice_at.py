"""Each contact keeps when senior social worker advice was first recorded on it, for the leaders' view to count
from an index; filled in here from the advice already recorded (after the index is built: PostgreSQL builds no
index on a table with updates waiting on their constraint checks in the same transaction).
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Min, OuterRef, Subquery


def fill_in(apps, schema_editor):
    Advice = apps.get_model("front_door", "Advice")
    first = (Advice.objects.filter(contact_id=OuterRef("pk"), kind="senior_social_worker").order_by()
             .values("contact_id").annotate(first=Min("given_at")).values("first"))
    apps.get_model("front_door", "Contact").objects.update(senior_advice_at=Subquery(first))


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_roles'),
        ('front_door', '0004_leaders_view_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='contact',
            name='contact_closed_cover',
        ),
        migrations.AddField(
            model_name='contact',
            name='senior_advice_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When senior social worker advice was first recorded on the contact (the advice itself is an Advice).', null=True),
        ),
        migrations.AddField(
            model_name='historicalcontact',
            name='senior_advice_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When senior social worker advice was first recorded on the contact (the advice itself is an Advice).', null=True),
        ),
        migrations.AddIndex(
            model_name='contact',
            index=models.Index(fields=['closed_at', 'decision_due_at', 'previous', 'first_received_at', 'senior_advice_at', 'id'], name='contact_closed_advice_cover'),
        ),
        migrations.RunPython(fill_in, migrations.RunPython.noop, elidable=True),
    ]
