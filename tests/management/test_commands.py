"""Management commands: delete_lap_time (a contract for other tools), load_demo, create_local_editor."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, ManagementUtility, call_command

from events import services
from events.models import Driver, Entry, Lap, Session, Team
from tests.helpers import lap_of

PATH = "wec/2021/portimao/qualifying"


def run(*args):
    out = StringIO()
    call_command("delete_lap_time", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Every lap's values and the number of history records: what must not change."""
    laps = list(Lap.objects.order_by("pk").values())
    return laps, Lap.history.count()


def test_delete_lap_time_deletes_and_confirms(session, editor):
    out = run(PATH, "--car", "91", "--lap", "3", "--reason", "Track limits at turn 5", "--user", "edith")
    assert out == f"Deleted the time of lap 3 of car #91 in {PATH} (1:38.127): Track limits at turn 5\n"
    lap = lap_of(session, "91", 3)
    assert (lap.is_time_deleted, lap.deletion_reason, lap.deletion_note, lap.deleted_by) == (
        True,
        "track_limits",
        "Track limits at turn 5",
        editor,
    )
    assert lap.history.first().history_user == editor


def test_delete_lap_time_with_kind_other(session):
    run(PATH, "--car", "91", "--lap", "3", "--reason", "Timing loop fault", "--kind", "other")
    lap = lap_of(session, "91", 3)
    assert (lap.deletion_reason, lap.deleted_by) == ("other", None)


def test_reinstate_lap_time_restores_and_confirms(session):
    run(PATH, "--car", "91", "--lap", "3", "--reason", "Track limits")
    out = run(PATH, "--car", "91", "--lap", "3", "--reinstate")
    assert out == f"Reinstated the time of lap 3 of car #91 in {PATH} (1:38.127).\n"
    assert lap_of(session, "91", 3).is_time_deleted is False


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["wec/2021/portimao/race", "--car", "91", "--lap", "3", "--reason", "x"],
            "No session wec/2021/portimao/race.",
        ),
        (  # in the words the editor typed
            [" wec/02021/portimao/sprint/", "--car", "91", "--lap", "3", "--reason", "x"],
            "No session  wec/02021/portimao/sprint/.",
        ),
        (
            ["wec/2021/portimao", "--car", "91", "--lap", "3", "--reason", "x"],
            "“wec/2021/portimao” is not a session path; write it as championship/year/round/session, "
            "e.g. wec/2021/portimao/qualifying.",
        ),
        (
            ["wec/twenty/portimao/qualifying", "--car", "91", "--lap", "3", "--reason", "x"],
            "“wec/twenty/portimao/qualifying”: the year “twenty” is not a number.",
        ),
        ([PATH, "--car", "99", "--lap", "3", "--reason", "x"], f"No car #99 is entered in {PATH}."),
        ([PATH, "--car", "091", "--lap", "3", "--reason", "x"], f"No car #091 is entered in {PATH}."),
        ([PATH, "--car", "91", "--lap", "30", "--reason", "x"], f"Car #91 has no lap 30 in {PATH}."),
        ([PATH, "--car", "91", "--lap", "3"], "Give a reason with --reason to delete a lap time."),
        ([PATH, "--car", "91", "--lap", "3", "--reinstate"], f"The time of lap 3 of car #91 in {PATH} is not deleted."),
        ([PATH, "--car", "91", "--lap", "3", "--reason", "x", "--user", "nobody"], "No user “nobody”."),
    ],
)
def test_delete_lap_time_errors_name_the_problem_and_change_nothing(session, editor, args, message):
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        run(*args)
    assert str(raised.value) == message
    assert snapshot() == before


def test_delete_lap_time_already_deleted_changes_nothing(session):
    run(PATH, "--car", "91", "--lap", "3", "--reason", "Track limits")
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        run(PATH, "--car", "91", "--lap", "3", "--reason", "Again")
    assert str(raised.value) == f"The time of lap 3 of car #91 in {PATH} is already deleted."
    assert snapshot() == before


def test_delete_lap_time_exits_non_zero_from_the_shell(session):
    with pytest.raises(SystemExit) as raised:
        ManagementUtility(
            ["manage.py", "delete_lap_time", PATH, "--car", "99", "--lap", "1", "--reason", "x"]
        ).execute()
    assert raised.value.code == 1


def test_load_demo_builds_the_portimao_qualifying(demo):
    session = Session.objects.get(round__slug="portimao", slug="qualifying")
    assert session.path == PATH
    assert Entry.objects.filter(round=session.round).count() == 26
    best = {
        number: min(
            Lap.objects.filter(session=session, entry__number=number, is_time_deleted=False).values_list(
                "lap_time_ms", flat=True
            )
        )
        for number in ["36", "8", "709", "28", "38", "92", "91", "51", "52", "56"]
    }
    assert best == {
        "36": 90364,
        "8": 90458,
        "709": 92167,
        "28": 91164,
        "38": 91209,
        "92": 97986,
        "91": 98402,
        "51": 98291,
        "52": 98779,
        "56": 98655,
    }
    deleted = Lap.objects.filter(session=session, is_time_deleted=True).order_by("entry__number")
    assert [(lap.entry.number, lap.lap_number, lap.lap_time_ms, lap.deletion_reason) for lap in deleted] == [
        ("52", 3, 98350, "track_limits"),
        ("91", 4, 98127, "track_limits"),
    ]
    vaxiviere_lap = Lap.objects.get(session=session, entry__number="36", lap_time_ms=90364)
    assert (vaxiviere_lap.lap_number, str(vaxiviere_lap.driver)) == (3, "Matthieu Vaxiviere")
    assert Entry.objects.get(round=session.round, number="44").group == "P/A"


def test_load_demo_deletes_times_as_the_service_does(demo):
    """The demo's deleted laps look exactly like a deletion through services.lap_time_delete."""
    lap = Lap.objects.get(entry__number="91", lap_number=4)
    assert (lap.is_time_deleted, lap.deletion_reason, lap.deletion_note, lap.deleted_by) == (
        True,
        "track_limits",
        "Track limits on the car's best lap",
        None,
    )
    assert lap.deleted_at is not None
    assert [
        (h.history_type, h.history_change_reason, h.history_user, h.is_time_deleted) for h in lap.history.all()
    ] == [
        ("~", "Time deleted (track limits): Track limits on the car's best lap", None, True),
        ("+", "Demo data", None, False),
    ]
    kept = Lap.objects.get(entry__number="91", lap_number=3)
    assert [(h.history_type, h.history_change_reason) for h in kept.history.all()] == [("+", "Demo data")]
    session = Session.objects.get(round__slug="portimao", slug="qualifying")
    assert session.results_version > session.classified_version  # the results are computed on the next read


def test_load_demo_is_idempotent_and_keeps_editors_changes(demo):
    lap = Lap.objects.get(entry__number="36", lap_number=3)
    services.lap_time_correct(lap=lap, lap_time_ms=90365, user=None, reason="test")
    counts = (
        Entry.objects.count(),
        Lap.objects.count(),
        Driver.objects.count(),
        Team.objects.count(),
        Lap.history.count(),
    )
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert out.getvalue() == f"Demo {PATH}: created 0 entries, 0 laps, 0 deleted lap times.\n"
    assert (
        Entry.objects.count(),
        Lap.objects.count(),
        Driver.objects.count(),
        Team.objects.count(),
        Lap.history.count(),
    ) == counts
    assert Lap.objects.get(pk=lap.pk).lap_time_ms == 90365


def test_create_local_editor_makes_a_non_superuser_editor(db, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("create_local_editor", stdout=out)
    user = get_user_model().objects.get(username="editor")
    assert (user.is_staff, user.is_superuser, user.check_password("editor")) == (True, False, True)
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert out.getvalue() == (
        "Editor account created: log in to the admin at http://127.0.0.1:8000/admin/ "
        "as user “editor” with password “editor”.\n"
    )


def test_create_local_editor_refuses_outside_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_local_editor")
    assert not get_user_model().objects.filter(username="editor").exists()


def test_create_local_editor_again_keeps_the_password_and_the_logged_in_editor(client, db, settings):
    settings.DEBUG = True
    call_command("create_local_editor", stdout=StringIO())
    user = get_user_model().objects.get(username="editor")
    client.force_login(user)
    password_hash = user.password
    out = StringIO()
    call_command("create_local_editor", "--url", "http://127.0.0.1:8123/admin/", stdout=out)
    assert get_user_model().objects.get(username="editor").password == password_hash
    assert client.get("/admin/").status_code == 200  # still logged in
    assert out.getvalue() == (
        "Editor account ready: log in to the admin at http://127.0.0.1:8123/admin/ "
        "as user “editor” with password “editor”.\n"
    )


def test_create_local_editor_leaves_a_changed_password_alone_unless_asked(db, settings):
    settings.DEBUG = True
    call_command("create_local_editor", stdout=StringIO())
    user = get_user_model().objects.get(username="editor")
    user.set_password("my-own-secret")
    user.save()
    out = StringIO()
    call_command("create_local_editor", stdout=out)
    assert get_user_model().objects.get(username="editor").check_password("my-own-secret")
    assert out.getvalue().endswith(
        "as user “editor” with the password set for it (manage.py create_local_editor --reset-password sets it back).\n"
    )
    call_command("create_local_editor", "--reset-password", stdout=StringIO())
    assert get_user_model().objects.get(username="editor").check_password("editor")
