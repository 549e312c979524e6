"""Dated versions of the self-evaluation, one section for each ILACS judgement area."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('inspection', '0001_inspections_action_plans_and_inspectors_access'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SelfEvaluation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('as_of', models.DateField(verbose_name='Self-evaluation as of')),
                ('summary', models.TextField(blank=True, verbose_name='Summary')),
                ('written_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('written_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-as_of', '-written_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='SelfEvaluationSection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('area', models.CharField(choices=[('leaders', 'The impact of leaders on social work practice with children and families'), ('help_and_protection', 'The experiences and progress of children who need help and protection'), ('children_in_care', 'The experiences and progress of children in care'), ('care_leavers', 'The experiences and progress of care leavers'), ('children_in_care_and_care_leavers', 'The experiences and progress of children in care and care leavers'), ('children_looked_after', 'Children looked after and achieving permanence'), ('adoption', 'Adoption performance'), ('leadership_management_governance', 'Leadership, management and governance'), ('overall', 'Overall effectiveness')], max_length=40)),
                ('strengths', models.TextField(blank=True)),
                ('areas_to_improve', models.TextField(blank=True)),
                ('self_evaluation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sections', to='inspection.selfevaluation')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('self_evaluation', 'area'), name='one_section_per_area')],
            },
        ),
    ]
