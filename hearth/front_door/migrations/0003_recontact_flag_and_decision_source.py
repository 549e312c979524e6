"""Facts kept with each row for the leaders' view: a child's row on a contact holds the contact's receipt time and
whether the child is re-contacted; a decision holds its contact's referral source and whether it has a rationale.

They are filled in here for the records already held. The next migration indexes them (apart, because PostgreSQL
builds no index on a table with updates waiting on their constraint checks in the same transaction).
"""

from django.conf import settings
import django.utils.timezone
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

from hearth.front_door import recontacts


def fill_in(apps, schema_editor):
    Contact = apps.get_model("front_door", "Contact")
    received = Subquery(Contact.objects.filter(pk=OuterRef("contact_id")).values("received_at")[:1])
    for name in ("ContactChild", "HistoricalContactChild"):
        apps.get_model("front_door", name).objects.update(received_at=received)
    ContactChild = apps.get_model("front_door", "ContactChild")
    source = Subquery(ContactChild.objects.filter(pk=OuterRef("contact_child_id")).values("contact__source")[:1])
    for name in ("ContactDecision", "HistoricalContactDecision"):
        apps.get_model("front_door", name).objects.update(source=source)
    recontacts.mark_all(ContactChild)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_roles'),
        ('front_door', '0002_leaders_view_covering_indexes'),
        ('people', '0002_name_search_keys'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='contactchild',
            name='received_at',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='contactchild',
            name='recontact',
            field=models.BooleanField(default=False, editable=False, help_text='The child was on another contact received in the 365 days before this one (kept by recontacts.py).'),
        ),
        migrations.AddField(
            model_name='contactdecision',
            name='has_rationale',
            field=models.GeneratedField(db_persist=True, expression=models.ExpressionWrapper(models.Q(('rationale', ''), _negated=True), output_field=models.BooleanField()), output_field=models.BooleanField()),
        ),
        migrations.AddField(
            model_name='contactdecision',
            name='source',
            field=models.CharField(choices=[('1A', 'Individual: family member, relative or carer'), ('1B', 'Individual: acquaintance, including neighbours and child minders'), ('1C', 'Individual: self'), ('1D', 'Individual: other, including strangers'), ('2A', 'Schools'), ('2B', 'Education services'), ('3A', 'Health services: general practitioner (GP)'), ('3B', 'Health services: health visitor'), ('3C', 'Health services: school nurse'), ('3D', 'Health services: other primary health services'), ('3E', 'Health services: A&E (accident and emergency department)'), ('3F', 'Health services: other, for example a hospice'), ('4', 'Housing: local authority housing or housing association'), ('5A', 'Local authority services: social care, for example adult social care'), ('5B', 'Local authority services: other internal, for example youth offending'), ('5C', 'Local authority services: external, for example another council'), ('5D', 'Local authority services: early help'), ('6', 'Police'), ('7', 'Other legal agency, including courts, probation, immigration, Cafcass or prison'), ('8', "Other, including children's centres, independent providers or voluntary organisations"), ('9', 'Anonymous'), ('10', 'Unknown')], default='', editable=False, help_text="The contact's referral source (fixed once the contact is recorded), kept with the decision.", max_length=3, verbose_name='Referral source'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='historicalcontactchild',
            name='received_at',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='historicalcontactchild',
            name='recontact',
            field=models.BooleanField(default=False, editable=False, help_text='The child was on another contact received in the 365 days before this one (kept by recontacts.py).'),
        ),
        migrations.AddField(
            model_name='historicalcontactdecision',
            name='source',
            field=models.CharField(choices=[('1A', 'Individual: family member, relative or carer'), ('1B', 'Individual: acquaintance, including neighbours and child minders'), ('1C', 'Individual: self'), ('1D', 'Individual: other, including strangers'), ('2A', 'Schools'), ('2B', 'Education services'), ('3A', 'Health services: general practitioner (GP)'), ('3B', 'Health services: health visitor'), ('3C', 'Health services: school nurse'), ('3D', 'Health services: other primary health services'), ('3E', 'Health services: A&E (accident and emergency department)'), ('3F', 'Health services: other, for example a hospice'), ('4', 'Housing: local authority housing or housing association'), ('5A', 'Local authority services: social care, for example adult social care'), ('5B', 'Local authority services: other internal, for example youth offending'), ('5C', 'Local authority services: external, for example another council'), ('5D', 'Local authority services: early help'), ('6', 'Police'), ('7', 'Other legal agency, including courts, probation, immigration, Cafcass or prison'), ('8', "Other, including children's centres, independent providers or voluntary organisations"), ('9', 'Anonymous'), ('10', 'Unknown')], default='', editable=False, help_text="The contact's referral source (fixed once the contact is recorded), kept with the decision.", max_length=3, verbose_name='Referral source'),
            preserve_default=False,
        ),
        migrations.RunPython(fill_in, migrations.RunPython.noop, elidable=True),
    ]
