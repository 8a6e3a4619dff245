"""Editors may correct official result rows imported from classification files."""

from django.db import migrations

from events.migrations._editors import grant_to_editors, revoke_from_editors

CODENAMES = ["view_officialresult", "change_officialresult"]


class Migration(migrations.Migration):
    dependencies = [("events", "0006_import_fields")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: grant_to_editors(apps, CODENAMES),
            lambda apps, schema_editor: revoke_from_editors(apps, CODENAMES),
        )
    ]
