"""The Editors group is synced from events/permissions.py after every migrate and flush;
``may_import`` says who may import timing."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from events.permissions import EDITORS, EDITORS_PERMISSIONS, may_import

# What migrations 0002, 0004 and 0007 gave the group (listed after running them on an empty database),
# since issue 10 the removal of a lap entered by hand (delete_lap; imported laps stay), and since
# issue 11 the standings' decisions (entrant kinds, poles), which an editor may take back.
EXPECTED = {
    "view_championship", "add_championship", "change_championship",
    "view_season", "add_season", "change_season",
    "view_circuit", "add_circuit", "change_circuit",
    "view_round", "add_round", "change_round",
    "view_carclass", "add_carclass", "change_carclass",
    "view_team", "add_team", "change_team",
    "view_driver", "add_driver", "change_driver",
    "view_entry", "add_entry", "change_entry",
    "view_entrydriver", "add_entrydriver", "change_entrydriver", "delete_entrydriver",
    "view_session", "add_session", "change_session",
    "view_lap", "add_lap", "change_lap", "delete_lap_time", "delete_lap",
    "view_penalty", "add_penalty", "change_penalty",
    "view_statusoverride", "add_statusoverride", "change_statusoverride", "delete_statusoverride",
    "view_resultrow",
    "view_officialresult", "change_officialresult",
    "view_seasonentrant", "add_seasonentrant", "change_seasonentrant", "delete_seasonentrant",
    "view_roundpole", "add_roundpole", "change_roundpole", "delete_roundpole",
}  # fmt: skip


def editors_codenames():
    group = Group.objects.get(name=EDITORS)
    assert {p.content_type.app_label for p in group.permissions.all()} == {"events"}
    return set(group.permissions.values_list("codename", flat=True))


def test_the_list_is_the_one_the_migrations_granted():
    assert len(EXPECTED) == 54
    assert EDITORS_PERMISSIONS == EXPECTED


def test_after_migrate_the_editors_group_has_exactly_the_list(db):
    assert editors_codenames() == EXPECTED


def test_migrate_brings_the_group_back_with_exactly_the_list(db):
    Group.objects.filter(name=EDITORS).delete()
    call_command("migrate", verbosity=0)
    assert editors_codenames() == EXPECTED


def test_migrate_takes_away_a_permission_granted_by_hand(db):
    group = Group.objects.get(name=EDITORS)
    group.permissions.add(Permission.objects.get(content_type__app_label="events", codename="delete_penalty"))
    group.permissions.remove(Permission.objects.get(content_type__app_label="events", codename="view_lap"))
    call_command("migrate", verbosity=0)
    assert editors_codenames() == EXPECTED


@pytest.mark.django_db(transaction=True)
def test_the_group_survives_a_flush():
    call_command("flush", interactive=False, verbosity=0)
    assert editors_codenames() == EXPECTED


def test_who_may_import_timing(editor, viewer, reader, admin_user):
    """Editors and superusers; not who may only change laps or look at them, nor an inactive editor."""
    assert [may_import(user) for user in (editor, admin_user, viewer, reader)] == [True, True, False, False]
    editor.is_active = False
    assert may_import(editor) is False
