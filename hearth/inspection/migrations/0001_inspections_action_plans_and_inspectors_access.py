"""Inspections, their judgements and points, action plans, case samples and inspectors' accounts."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('people', '0002_name_search_keys'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ImprovementPoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField()),
                ('text', models.TextField(verbose_name='What needs to improve')),
            ],
            options={
                'ordering': ['inspection', 'number'],
            },
        ),
        migrations.CreateModel(
            name='ActionPlan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('submitted_on', models.DateField(blank=True, null=True, verbose_name='Sent to Ofsted')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='Action',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('description', models.TextField(verbose_name='The action')),
                ('due_on', models.DateField(verbose_name='Due')),
                ('status', models.CharField(choices=[('red', 'Red: off track'), ('amber', 'Amber: at risk'), ('green', 'Green: on track'), ('complete', 'Complete')], default='green', max_length=10)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('owner', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='inspection_actions', to=settings.AUTH_USER_MODEL)),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='actions', to='inspection.actionplan')),
                ('point', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='actions', to='inspection.improvementpoint')),
            ],
            options={
                'ordering': ['point__number', 'due_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Evidence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('measure', 'A live measure in Hearth'), ('audit', 'An audit'), ('document', 'A document')], max_length=10)),
                ('title', models.CharField(max_length=200)),
                ('measure', models.CharField(blank=True, help_text='For a measure: its code in the measures registry.', max_length=60)),
                ('url', models.CharField(blank=True, max_length=500, verbose_name='Address')),
                ('added_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='inspection.action')),
                ('added_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name_plural': 'evidence',
                'ordering': ['added_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalInspection',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('local_authority', models.CharField(max_length=120, verbose_name='Council inspected')),
                ('kind', models.CharField(choices=[('standard_ilacs', 'Standard ILACS inspection'), ('short_ilacs', 'Short ILACS inspection'), ('focused_visit', 'Focused visit'), ('jtai', 'Joint targeted area inspection'), ('monitoring_visit', 'Monitoring visit'), ('sif', 'Single inspection framework (before 2018)')], max_length=30, verbose_name='Type of inspection')),
                ('started_on', models.DateField(verbose_name='First day of the inspection')),
                ('ended_on', models.DateField(verbose_name='Last day of the inspection')),
                ('lead_inspector', models.CharField(blank=True, max_length=120)),
                ('report_received_on', models.DateField(blank=True, null=True, verbose_name='Final report received')),
                ('report_published_on', models.DateField(blank=True, null=True, verbose_name='Report published')),
                ('notes', models.TextField(blank=True, help_text='For example, where the dates come from.')),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical inspection',
                'verbose_name_plural': 'historical inspections',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalMilestone',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('description', models.CharField(max_length=300)),
                ('due_on', models.DateField(verbose_name='Due')),
                ('completed_on', models.DateField(blank=True, null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('action', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='inspection.action')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical milestone',
                'verbose_name_plural': 'historical milestones',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalAction',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('description', models.TextField(verbose_name='The action')),
                ('due_on', models.DateField(verbose_name='Due')),
                ('status', models.CharField(choices=[('red', 'Red: off track'), ('amber', 'Amber: at risk'), ('green', 'Green: on track'), ('complete', 'Complete')], default='green', max_length=10)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('owner', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='inspection.actionplan')),
                ('point', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='inspection.improvementpoint')),
            ],
            options={
                'verbose_name': 'historical action',
                'verbose_name_plural': 'historical actions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Inspection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('local_authority', models.CharField(max_length=120, verbose_name='Council inspected')),
                ('kind', models.CharField(choices=[('standard_ilacs', 'Standard ILACS inspection'), ('short_ilacs', 'Short ILACS inspection'), ('focused_visit', 'Focused visit'), ('jtai', 'Joint targeted area inspection'), ('monitoring_visit', 'Monitoring visit'), ('sif', 'Single inspection framework (before 2018)')], max_length=30, verbose_name='Type of inspection')),
                ('started_on', models.DateField(verbose_name='First day of the inspection')),
                ('ended_on', models.DateField(verbose_name='Last day of the inspection')),
                ('lead_inspector', models.CharField(blank=True, max_length=120)),
                ('report_received_on', models.DateField(blank=True, null=True, verbose_name='Final report received')),
                ('report_published_on', models.DateField(blank=True, null=True, verbose_name='Report published')),
                ('notes', models.TextField(blank=True, help_text='For example, where the dates come from.')),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-started_on'],
            },
        ),
        migrations.AddField(
            model_name='improvementpoint',
            name='inspection',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='improvement_points', to='inspection.inspection'),
        ),
        migrations.CreateModel(
            name='HistoricalJudgement',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('area', models.CharField(choices=[('leaders', 'The impact of leaders on social work practice with children and families'), ('help_and_protection', 'The experiences and progress of children who need help and protection'), ('children_in_care', 'The experiences and progress of children in care'), ('care_leavers', 'The experiences and progress of care leavers'), ('children_in_care_and_care_leavers', 'The experiences and progress of children in care and care leavers'), ('children_looked_after', 'Children looked after and achieving permanence'), ('adoption', 'Adoption performance'), ('leadership_management_governance', 'Leadership, management and governance'), ('overall', 'Overall effectiveness')], max_length=40)),
                ('grade', models.CharField(choices=[('1', 'Outstanding'), ('2', 'Good'), ('3', 'Requires improvement to be good'), ('4', 'Inadequate')], max_length=1)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('inspection', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='inspection.inspection')),
            ],
            options={
                'verbose_name': 'historical judgement',
                'verbose_name_plural': 'historical judgements',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalInspectorAccount',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('opens_at', models.DateTimeField()),
                ('closes_at', models.DateTimeField()),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('inspection', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='inspection.inspection')),
            ],
            options={
                'verbose_name': 'historical inspector account',
                'verbose_name_plural': 'historical inspector accounts',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalImprovementPoint',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField()),
                ('text', models.TextField(verbose_name='What needs to improve')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('inspection', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='inspection.inspection')),
            ],
            options={
                'verbose_name': 'historical improvement point',
                'verbose_name_plural': 'historical improvement points',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalActionPlan',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('submitted_on', models.DateField(blank=True, null=True, verbose_name='Sent to Ofsted')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('inspection', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='inspection.inspection')),
            ],
            options={
                'verbose_name': 'historical action plan',
                'verbose_name_plural': 'historical action plans',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='actionplan',
            name='inspection',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='action_plan', to='inspection.inspection'),
        ),
        migrations.CreateModel(
            name='InspectionReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file_name', models.CharField(max_length=200)),
                ('content_type', models.CharField(max_length=100)),
                ('size', models.PositiveIntegerField()),
                ('content', models.BinaryField()),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('inspection', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='report', to='inspection.inspection')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='InspectorAccount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('opens_at', models.DateTimeField()),
                ('closes_at', models.DateTimeField()),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('inspection', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='inspector_accounts', to='inspection.inspection')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='inspector_account', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['user__last_name'],
            },
        ),
        migrations.CreateModel(
            name='Judgement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('area', models.CharField(choices=[('leaders', 'The impact of leaders on social work practice with children and families'), ('help_and_protection', 'The experiences and progress of children who need help and protection'), ('children_in_care', 'The experiences and progress of children in care'), ('care_leavers', 'The experiences and progress of care leavers'), ('children_in_care_and_care_leavers', 'The experiences and progress of children in care and care leavers'), ('children_looked_after', 'Children looked after and achieving permanence'), ('adoption', 'Adoption performance'), ('leadership_management_governance', 'Leadership, management and governance'), ('overall', 'Overall effectiveness')], max_length=40)),
                ('grade', models.CharField(choices=[('1', 'Outstanding'), ('2', 'Good'), ('3', 'Requires improvement to be good'), ('4', 'Inadequate')], max_length=1)),
                ('inspection', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='judgements', to='inspection.inspection')),
            ],
        ),
        migrations.CreateModel(
            name='Milestone',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('description', models.CharField(max_length=300)),
                ('due_on', models.DateField(verbose_name='Due')),
                ('completed_on', models.DateField(blank=True, null=True)),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='inspection.action')),
            ],
            options={
                'ordering': ['due_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='SampledChild',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('list_name', models.CharField(default='Case sample', max_length=120, verbose_name='List')),
                ('added_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('added_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('child', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('inspection', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sample', to='inspection.inspection')),
            ],
            options={
                'ordering': ['list_name', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ActionUpdate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('red', 'Red: off track'), ('amber', 'Amber: at risk'), ('green', 'Green: on track'), ('complete', 'Complete')], max_length=10)),
                ('note', models.TextField(verbose_name='Progress')),
                ('written_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='inspection.action')),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-written_at', '-id'],
                'indexes': [models.Index(fields=['action', '-written_at'], name='inspection__action__738bd7_idx')],
            },
        ),
        migrations.AddIndex(
            model_name='action',
            index=models.Index(fields=['owner', 'status'], name='inspection__owner_i_f8c8e5_idx'),
        ),
        migrations.AddIndex(
            model_name='inspection',
            index=models.Index(fields=['local_authority', 'started_on'], name='inspection__local_a_ac110a_idx'),
        ),
        migrations.AddConstraint(
            model_name='inspection',
            constraint=models.CheckConstraint(condition=models.Q(('ended_on__gte', models.F('started_on'))), name='inspection_ends_after_it_starts'),
        ),
        migrations.AddConstraint(
            model_name='improvementpoint',
            constraint=models.UniqueConstraint(fields=('inspection', 'number'), name='one_point_per_number'),
        ),
        migrations.AddConstraint(
            model_name='inspectoraccount',
            constraint=models.CheckConstraint(condition=models.Q(('closes_at__gt', models.F('opens_at'))), name='inspector_account_closes_after_it_opens'),
        ),
        migrations.AddConstraint(
            model_name='judgement',
            constraint=models.UniqueConstraint(fields=('inspection', 'area'), name='one_grade_per_area'),
        ),
        migrations.AddIndex(
            model_name='sampledchild',
            index=models.Index(fields=['child', 'inspection'], name='inspection__child_i_af242d_idx'),
        ),
        migrations.AddConstraint(
            model_name='sampledchild',
            constraint=models.UniqueConstraint(fields=('inspection', 'child'), name='child_sampled_once'),
        ),
    ]
