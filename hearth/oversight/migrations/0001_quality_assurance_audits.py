"""Quality-assurance audits: templates of versioned questions, audits of sampled cases, answers and actions."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0004_inspection_inspector_role'),
        ('people', '0002_name_search_keys'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Audit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sampled_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('sampled_by', models.CharField(max_length=200, verbose_name='How the case was chosen')),
                ('status', models.CharField(choices=[('sampled', 'To audit'), ('graded', 'Graded'), ('moderated', 'Moderated')], default='sampled', max_length=10)),
                ('overall_grade', models.CharField(blank=True, choices=[('1', 'Outstanding'), ('2', 'Good'), ('3', 'Requires improvement to be good'), ('4', 'Inadequate')], max_length=1)),
                ('findings', models.TextField(blank=True)),
                ('family_feedback', models.TextField(blank=True)),
                ('family_feedback_method', models.CharField(blank=True, choices=[('phone', 'By phone'), ('visit', 'In person, at a visit'), ('questionnaire', 'By questionnaire'), ('not_gathered', 'Not gathered')], max_length=20)),
                ('graded_at', models.DateTimeField(blank=True, null=True)),
                ('moderated_grade', models.CharField(blank=True, choices=[('1', 'Outstanding'), ('2', 'Good'), ('3', 'Requires improvement to be good'), ('4', 'Inadequate')], max_length=1)),
                ('moderation_note', models.TextField(blank=True)),
                ('moderated_at', models.DateTimeField(blank=True, null=True)),
                ('worker_reflection', models.TextField(blank=True)),
                ('reflected_at', models.DateTimeField(blank=True, null=True)),
                ('auditor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='audits', to=settings.AUTH_USER_MODEL)),
                ('child', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('moderator', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('team', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.team')),
                ('worker', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='audits_of_my_work', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-sampled_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='AuditAction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('description', models.TextField()),
                ('due_on', models.DateField()),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('audit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='oversight.audit')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('owner', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['due_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='AuditTemplate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120, unique=True)),
                ('theme', models.CharField(help_text='For example, Help and protection, or Children in care', max_length=120)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['theme', 'name'],
            },
        ),
        migrations.CreateModel(
            name='AuditTemplateVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField()),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('template', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='versions', to='oversight.audittemplate')),
            ],
            options={
                'ordering': ['template', '-number'],
            },
        ),
        migrations.CreateModel(
            name='AuditQuestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField()),
                ('text', models.TextField()),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='questions', to='oversight.audittemplateversion')),
            ],
            options={
                'ordering': ['version', 'number'],
            },
        ),
        migrations.AddField(
            model_name='audit',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='audits', to='oversight.audittemplateversion'),
        ),
        migrations.CreateModel(
            name='HistoricalAudit',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('sampled_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('sampled_by', models.CharField(max_length=200, verbose_name='How the case was chosen')),
                ('status', models.CharField(choices=[('sampled', 'To audit'), ('graded', 'Graded'), ('moderated', 'Moderated')], default='sampled', max_length=10)),
                ('overall_grade', models.CharField(blank=True, choices=[('1', 'Outstanding'), ('2', 'Good'), ('3', 'Requires improvement to be good'), ('4', 'Inadequate')], max_length=1)),
                ('findings', models.TextField(blank=True)),
                ('family_feedback', models.TextField(blank=True)),
                ('family_feedback_method', models.CharField(blank=True, choices=[('phone', 'By phone'), ('visit', 'In person, at a visit'), ('questionnaire', 'By questionnaire'), ('not_gathered', 'Not gathered')], max_length=20)),
                ('graded_at', models.DateTimeField(blank=True, null=True)),
                ('moderated_grade', models.CharField(blank=True, choices=[('1', 'Outstanding'), ('2', 'Good'), ('3', 'Requires improvement to be good'), ('4', 'Inadequate')], max_length=1)),
                ('moderation_note', models.TextField(blank=True)),
                ('moderated_at', models.DateTimeField(blank=True, null=True)),
                ('worker_reflection', models.TextField(blank=True)),
                ('reflected_at', models.DateTimeField(blank=True, null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('auditor', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('child', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.person')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('moderator', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('team', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.team')),
                ('version', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='oversight.audittemplateversion')),
                ('worker', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical audit',
                'verbose_name_plural': 'historical audits',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='AuditAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('grade', models.CharField(choices=[('1', 'Outstanding'), ('2', 'Good'), ('3', 'Requires improvement to be good'), ('4', 'Inadequate')], max_length=1)),
                ('comment', models.TextField(blank=True)),
                ('audit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='oversight.audit')),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='oversight.auditquestion')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('audit', 'question'), name='one_answer_per_question')],
            },
        ),
        migrations.AddConstraint(
            model_name='audittemplateversion',
            constraint=models.UniqueConstraint(fields=('template', 'number'), name='one_template_version_number'),
        ),
        migrations.AddIndex(
            model_name='audit',
            index=models.Index(fields=['graded_at', 'overall_grade'], name='oversight_a_graded__68a73c_idx'),
        ),
        migrations.AddIndex(
            model_name='audit',
            index=models.Index(fields=['auditor', 'status'], name='oversight_a_auditor_d08b13_idx'),
        ),
    ]
