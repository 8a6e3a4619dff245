"""Editors may set, change and withdraw status overrides (each kept in the history)."""

from django.db import migrations

from events.migrations._editors import grant_to_editors, revoke_from_editors

CODENAMES = ["view_statusoverride", "add_statusoverride", "change_statusoverride", "delete_statusoverride",
             "view_resultrow"]


class Migration(migrations.Migration):
    dependencies = [("events", "0003_results")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: grant_to_editors(apps, CODENAMES),
            lambda apps, schema_editor: revoke_from_editors(apps, CODENAMES),
        )
    ]
