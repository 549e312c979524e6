"""The roles of DESIGN.md, as rows."""

from django.db import migrations


def add_roles(apps, schema_editor):
    from hearth.accounts.roles import ROLE_DESCRIPTIONS

    Role = apps.get_model("accounts", "Role")
    for code, description in ROLE_DESCRIPTIONS.items():
        Role.objects.update_or_create(code=code.value, defaults={"description": description})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]
    operations = [migrations.RunPython(add_roles, migrations.RunPython.noop)]
