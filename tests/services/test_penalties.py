"""Penalties and status overrides: the apply_penalty command, the admin, and their effect."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from events.models import Entry, Penalty, Session, StatusOverride
from tests.helpers import login, table_rows, text_of

PATH = "wec/2021/portimao/qualifying"
JSON_URL = f"/api/v1/{PATH}/classification"


def run(*args):
    out = StringIO()
    call_command("apply_penalty", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return list(Penalty.objects.order_by("pk").values()), Penalty.history.count()


def test_time_penalty_given_and_revoked(demo, editor):
    out = run(PATH, "--car", "92", "--time-seconds", "30", "--reason", "Pit lane speeding", "--user", "edith")
    assert out == f"Gave car #92 in {PATH} a 30.000 time penalty: Pit lane speeding\n"
    penalty = Penalty.objects.get()
    assert (penalty.kind, penalty.time_ms, penalty.grid_places, penalty.reason, penalty.created_by) == (
        "time",
        30000,
        None,
        "Pit lane speeding",
        editor,
    )
    assert penalty.history.first().history_user == editor
    out = run(PATH, "--car", "92", "--time-seconds", "30", "--revoke", "--reason", "Appeal upheld")
    assert out == f"Revoked the 30.000 time penalty of car #92 in {PATH}.\n"
    penalty.refresh_from_db()
    assert (penalty.revoked_at is not None, penalty.revoke_reason) == (True, "Appeal upheld")
    assert penalty.history.first().history_change_reason == "Penalty revoked: Appeal upheld"


def test_grid_penalty_moves_the_car_back_on_the_grid(client, demo):
    run(PATH, "--car", "36", "--grid-places", "2", "--reason", "Unsafe release")
    grid = client.get("/wec/2021/portimao/grid/").content.decode()
    hypercar = [
        line for line in text_of_rows(grid) if line[0] in {"1", "2", "3", "4"} and line[2] in {"36", "8", "7", "709"}
    ]
    assert [(row[0], row[2]) for row in hypercar] == [("1", "8"), ("2", "7"), ("3", "36"), ("4", "709")]
    assert "2-place grid penalty" in grid


def text_of_rows(html):
    return [row for row in table_rows(html) if row]


def test_disqualification_and_its_revocation(client, demo):
    run(PATH, "--car", "36", "--disqualify", "--reason", "Technical infringement")
    rows = {row["number"]: row for row in client.get(JSON_URL).json()["overall"]}
    assert (rows["36"]["status"], rows["36"]["overall_position"], rows["8"]["overall_position"]) == (
        "disqualified",
        None,
        1,
    )
    run(PATH, "--car", "36", "--disqualify", "--revoke")
    rows = {row["number"]: row for row in client.get(JSON_URL).json()["overall"]}
    assert (rows["36"]["status"], rows["36"]["overall_position"]) == ("classified", 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["wec/2021/portimao/race", "--car", "92", "--disqualify", "--reason", "x"],
            "No session wec/2021/portimao/race.",
        ),
        ([PATH, "--car", "99", "--disqualify", "--reason", "x"], f"No car #99 is entered in {PATH}."),
        ([PATH, "--car", "92", "--disqualify"], "Give a reason with --reason to give a penalty."),
        ([PATH, "--car", "92", "--time-seconds", "0", "--reason", "x"], "--time-seconds must be above zero."),
        ([PATH, "--car", "92", "--grid-places", "0", "--reason", "x"], "--grid-places must be 1 or more."),
        (
            [PATH, "--car", "92", "--time-seconds", "30", "--revoke"],
            f"There is no 30.000 time penalty of car #92 in {PATH} to revoke.",
        ),
        ([PATH, "--car", "92", "--disqualify", "--reason", "x", "--user", "nobody"], "No user “nobody”."),
    ],
)
def test_apply_penalty_errors_name_the_problem_and_change_nothing(demo, args, message):
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        run(*args)
    assert str(raised.value) == message
    assert snapshot() == before


def test_disqualifying_twice_is_refused(demo):
    run(PATH, "--car", "92", "--disqualify", "--reason", "x")
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        run(PATH, "--car", "92", "--disqualify", "--reason", "again")
    assert str(raised.value) == f"Car #92 is already disqualified in {PATH}."
    assert snapshot() == before


def test_penalty_needs_exactly_one_kind(demo):
    with pytest.raises(CommandError):
        run(PATH, "--car", "92", "--reason", "x")
    with pytest.raises(CommandError):
        run(PATH, "--car", "92", "--disqualify", "--grid-places", "3", "--reason", "x")
    assert Penalty.objects.count() == 0


def test_editor_revokes_a_penalty_in_the_admin(client, demo, editor):
    run(PATH, "--car", "36", "--disqualify", "--reason", "Technical infringement")
    penalty = Penalty.objects.get()
    login(client, editor)
    url = reverse("admin:events_penalty_changelist")
    confirm = client.post(url, {"action": "revoke_penalty", "_selected_action": [penalty.pk]})
    assert "Revoke penalties" in text_of(confirm)
    response = client.post(
        url, {"action": "revoke_penalty", "_selected_action": [penalty.pk], "apply": "1", "revoke_reason": "Appeal"}
    )
    assert response.status_code == 302
    penalty.refresh_from_db()
    assert (penalty.revoke_reason, penalty.revoked_by) == ("Appeal", editor)
    assert client.get(JSON_URL).json()["overall"][0]["number"] == "36"


def test_admin_refuses_a_second_disqualification_with_a_message(client, demo, editor):
    run(PATH, "--car", "36", "--disqualify", "--reason", "Technical infringement")
    session = Session.objects.get(slug="qualifying")
    entry = Entry.objects.get(round=session.round, number="36")
    login(client, editor)
    response = client.post(
        reverse("admin:events_penalty_add"),
        {
            "session": session.pk,
            "entry": entry.pk,
            "kind": "disqualification",
            "time_ms": "",
            "grid_places": "",
            "reason": "Again",
            "_save": "Save",
        },
    )
    assert response.status_code == 200
    assert f"Car #36 is already disqualified in {PATH}." in text_of(response)
    assert Penalty.objects.count() == 1


def test_editor_overrides_a_status_with_a_reason(client, demo, editor):
    session = Session.objects.get(slug="qualifying")
    entry = Entry.objects.get(round=session.round, number="8")
    login(client, editor)
    response = client.post(
        reverse("admin:events_statusoverride_add"),
        {
            "session": session.pk,
            "entry": entry.pk,
            "status": "did_not_start",
            "reason": "Withdrawn after the crash",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    override = StatusOverride.objects.get()
    assert (override.created_by, override.history.first().history_user) == (editor, editor)
    rows = {row["number"]: row for row in client.get(JSON_URL).json()["overall"]}
    assert (rows["8"]["status"], rows["8"]["overall_position"], rows["7"]["overall_position"]) == (
        "did_not_start",
        None,
        2,
    )
