"""The "Editors" group: exactly the permissions to enter and correct results.

Editors add and change everything results are made of, delete and reinstate lap
times, change a car's line-up, set and withdraw status overrides (each kept in the
history) and correct official result rows imported from classification files. They
remove only laps entered by hand (by mistake), never laps from timing files, entries,
sessions or penalties: nothing an editor does loses data (the history keeps it all).
For the championship standings they set each car's entrant kind for a season and a
round's pole when no session decides it, and take those back.

The list below is the only place these permissions are written down. A migration
would grant them once, and a flush (the test suite's, or ``manage.py flush``) would
remove the group for good; instead ``sync_editors_group`` runs after every
``migrate`` and flush (``post_migrate``, connected in ``EventsConfig.ready``),
creates the group if it is missing and gives it exactly these permissions, taking away
any other. Changing what editors may do is changing this list.

``may_import`` says who may import timing, whether by uploading a timing file in the
admin or by feeding laps with an API token: editors (and superusers).
"""

import sys

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, router

EDITORS = "Editors"

# Who may import timing: upload a timing file in the admin, feed laps with an API token.
IMPORT_PERMISSIONS = ("events.add_lap", "events.change_lap")


def may_import(user) -> bool:
    """Whether ``user`` may import timing (an inactive user may not; a superuser may)."""
    return user.has_perms(IMPORT_PERMISSIONS)


# What results are made of: editors may view, add and change each of these.
RESULTS_MODELS = [
    "championship",
    "season",
    "circuit",
    "round",
    "carclass",
    "team",
    "driver",
    "entry",
    "entrydriver",
    "session",
    "lap",
    "penalty",
]

EDITORS_PERMISSIONS = frozenset(
    [f"{action}_{model}" for action in ("view", "add", "change") for model in RESULTS_MODELS]
    + [
        "delete_entrydriver",  # take a driver out of a car's line-up (the history keeps it)
        "delete_lap_time",  # delete and reinstate lap times (Lap.Meta.permissions)
        "delete_lap",  # remove a lap entered by hand by mistake, never one from a timing file (the history keeps it)
        "view_statusoverride",
        "add_statusoverride",
        "change_statusoverride",
        "delete_statusoverride",  # withdraw an override (the history keeps it)
        "view_resultrow",
        "view_officialresult",
        "change_officialresult",
        # The standings' decisions: a car's entrant kind for the season, a round's pole when no
        # session decides it. Removing one is taking the decision back (the history keeps it).
        "view_seasonentrant",
        "add_seasonentrant",
        "change_seasonentrant",
        "delete_seasonentrant",
        "view_roundpole",
        "add_roundpole",
        "change_roundpole",
        "delete_roundpole",
    ]
)


def sync_editors_group(app_config, using=DEFAULT_DB_ALIAS, apps=global_apps, verbosity=1, stdout=None, **kwargs):
    """``post_migrate`` receiver for the events app: the Editors group with exactly
    ``EDITORS_PERMISSIONS``.

    Receivers run in the order they were connected: django.contrib.auth, installed
    before this app, connects Django's ``create_permissions`` in its ``ready()`` before
    ours, so this app's permissions exist when this runs.
    """
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        apps.get_app_config(app_config.label)
    except LookupError:  # auth or this app not migrated (yet): nothing to grant
        return
    if not router.allow_migrate_model(using, Group):
        return

    permissions = list(
        Permission.objects.using(using).filter(
            content_type__app_label=app_config.label, codename__in=EDITORS_PERMISSIONS
        )
    )
    missing = EDITORS_PERMISSIONS - {permission.codename for permission in permissions}
    if missing:
        raise RuntimeError(f"Permissions missing for the {EDITORS} group: {sorted(missing)}")
    group, created = Group.objects.using(using).get_or_create(name=EDITORS)
    group.permissions.set(permissions)
    if created and verbosity >= 2:
        (stdout or sys.stdout).write(f"Created the {EDITORS} group\n")
