"""The role of an inspector on one inspection, who reads only its case sample, as a row."""

from django.db import migrations, models


def add_role(apps, schema_editor):
    from hearth.accounts.roles import ROLE_DESCRIPTIONS, RoleCode

    Role = apps.get_model("accounts", "Role")
    code = RoleCode.INSPECTION_INSPECTOR
    Role.objects.update_or_create(code=code.value, defaults={"description": ROLE_DESCRIPTIONS[code]})


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_roles'),
    ]

    operations = [
        migrations.AlterField(
            model_name='role',
            name='code',
            field=models.CharField(choices=[('front_door_adviser', 'Front-door adviser'), ('senior_social_worker', 'Senior social worker'), ('team_manager', 'Team manager'), ('social_worker', 'Social worker'), ('early_help_worker', 'Early help worker'), ('specialist_worker', 'Specialist worker'), ('iro', 'Independent reviewing officer'), ('personal_adviser', 'Personal adviser'), ('senior_leader', 'Senior leader'), ('performance_analyst', 'Performance analyst'), ('partner', 'Partner agency'), ('inspector', 'Inspector or auditor'), ('inspection_inspector', 'Inspector on an inspection (case sample only)'), ('administrator', 'Administrator')], max_length=40, unique=True),
        ),
        migrations.RunPython(add_role, migrations.RunPython.noop),
    ]
