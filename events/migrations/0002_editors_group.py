"""The "Editors" group: exactly the permissions to enter and correct results.

Editors add and change everything results are made of, delete and reinstate lap
times, and change a car's line-up. They cannot remove laps, entries, sessions or
penalties: nothing an editor does loses data.
"""

from django.db import migrations

from events.migrations._editors import EDITORS, grant_to_editors

MODELS = [
    "championship", "season", "circuit", "round", "carclass", "team", "driver",
    "entry", "entrydriver", "session", "lap", "penalty",
]
CODENAMES = (
    [f"view_{model}" for model in MODELS]
    + [f"add_{model}" for model in MODELS]
    + [f"change_{model}" for model in MODELS]
    + ["delete_entrydriver", "delete_lap_time"]
)


def create_editors_group(apps, schema_editor):
    grant_to_editors(apps, CODENAMES)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
