"""The standings decisions' commands (a contract for other tools): set_entrant, set_pole,
set_round_scoring, set_status and apply_penalty --laps. Each confirms in one line or
refuses naming what is wrong, changing nothing; each decision shows in the season's
standings on the next read."""

from io import StringIO

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from events import selectors
from events.models import Penalty, Round, RoundPole, Season, SeasonEntrant, StatusOverride
from tests.standings_season import RACE, ROUND, SEASON, add_round, build_season, points, snapshot

DRIVERS = {"Driver 7": "25", "Driver 51": "18", "Driver 83": "15", "Driver 8": "12"}


@pytest.fixture
def season(db):
    return build_season()


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def standings(season, table="hypercar-drivers"):
    return points(selectors.season_standings(Season.objects.get(pk=season.pk)), table)


def refused(command, *args):
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        run(command, *args)
    assert snapshot() == before
    return str(raised.value)


# --- set_entrant ---------------------------------------------------------------------------


def test_set_entrant_guest_re_ranks_the_others(season, editor):
    out = run("set_entrant", SEASON, "--car", "7", "--kind", "guest", "--reason", "One-off", "--user", "edith")
    assert out == "Car #7 is a guest entry in every round of wec/2025.\n"
    assert standings(season) == {"Driver 51": "25", "Driver 83": "18", "Driver 8": "15"}
    record = SeasonEntrant.history.get()
    assert (record.car_number, record.kind, record.history_user, record.history_change_reason) == (
        "7",
        "guest",
        editor,
        "Entrant kind set to guest: One-off",
    )


def test_set_entrant_private_holds_in_rounds_imported_later_and_works_undoes_it(season):
    assert run("set_entrant", SEASON, "--car", "83", "--kind", "private") == (
        "Car #83 is a private entry in every round of wec/2025.\n"
    )
    add_round(season, slug="imola", order=2, cars=[("83", "HYPERCAR", 10, 99_000), ("51", "HYPERCAR", 10, 100_000)])
    assert standings(season, "hypercar-teams") == {"#83 AF Corse": "50"}
    assert standings(season, "hypercar-manufacturers") == {"Ferrari": "43", "Toyota": "40"}
    assert run("set_entrant", SEASON, "--car", "83", "--kind", "works") == (
        "Car #83 is a works entry in every round of wec/2025.\n"
    )
    assert SeasonEntrant.objects.count() == 0
    assert standings(season, "hypercar-teams") == {}
    assert standings(season, "hypercar-manufacturers") == {"Ferrari": "76", "Toyota": "37"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["wec/2024", "--car", "7", "--kind", "guest"], "No season wec/2024."),
        (
            ["wec", "--car", "7", "--kind", "guest"],
            "“wec” is not a season path; write it as championship/year, e.g. wec/2025.",
        ),
        ([SEASON, "--car", "99", "--kind", "guest"], "No car #99 is entered in any round of wec/2025."),
        (
            [SEASON, "--car", "7", "--kind", "customer"],
            "“customer” is not an entrant kind; use one of works, private, guest.",
        ),
        ([SEASON, "--car", "7", "--kind", "guest", "--user", "nobody"], "No user “nobody”."),
    ],
)
def test_set_entrant_refusals_name_the_problem_and_change_nothing(season, args, message):
    assert refused("set_entrant", *args) == message
    assert standings(season) == DRIVERS


# --- set_pole ------------------------------------------------------------------------------


def test_set_pole_moves_the_pole_point(season, editor):
    out = run("set_pole", ROUND, "--car", "51", "--reason", "Qualifying cancelled", "--user", "edith")
    assert out == "Car #51 has the HYPERCAR pole of wec/2025/qatar: Qualifying cancelled\n"
    assert standings(season) == {"Driver 7": "25", "Driver 51": "19", "Driver 83": "15", "Driver 8": "12"}
    assert run("set_pole", ROUND, "--car", "8") == "Car #8 has the HYPERCAR pole of wec/2025/qatar.\n"
    assert standings(season) == {"Driver 7": "25", "Driver 51": "18", "Driver 83": "15", "Driver 8": "13"}
    pole = RoundPole.objects.get()
    assert (pole.entry.number, pole.reason, pole.created_by) == ("8", "", None)
    first = RoundPole.history.order_by("history_id").first()
    assert (first.history_user, first.reason, first.history_change_reason) == (
        editor,
        "Qualifying cancelled",
        "Pole set to car #51: Qualifying cancelled",
    )


def test_set_pole_clear_by_class_or_by_car(season):
    run("set_pole", ROUND, "--car", "51")
    run("set_pole", ROUND, "--car", "27")
    assert run("set_pole", ROUND, "--clear", "--class", "HYPERCAR", "--reason", "Wrong car") == (
        "Removed the HYPERCAR pole of wec/2025/qatar (car #51).\n"
    )
    assert standings(season) == DRIVERS
    assert run("set_pole", ROUND, "--clear", "--car", "92") == "Removed the LMGT3 pole of wec/2025/qatar (car #27).\n"
    assert standings(season, "lmgt3-drivers") == {"Driver 92": "25", "Driver 27": "18"}
    assert RoundPole.objects.count() == 0
    assert RoundPole.history.order_by("history_id").values_list("history_change_reason", flat=True)[2] == (
        "Pole removed: Wrong car"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["wec/2025/imola", "--car", "51"], "No round wec/2025/imola."),
        (
            ["wec/2025", "--car", "51"],
            "“wec/2025” is not a round path; write it as championship/year/round, e.g. wec/2025/qatar.",
        ),
        ([ROUND, "--car", "99"], "No car #99 is entered in wec/2025/qatar."),
        ([ROUND], "Name the pole car with --car."),
        ([ROUND, "--class", "HYPERCAR"], "--class is for --clear; to set a pole, name the pole car with --car."),
        ([ROUND, "--clear"], "With --clear, name the class with --class or a car of it with --car (one of them)."),
        (
            [ROUND, "--clear", "--class", "HYPERCAR", "--car", "51"],
            "With --clear, name the class with --class or a car of it with --car (one of them).",
        ),
        ([ROUND, "--clear", "--class", "LMP2"], "No class “LMP2” in wec/2025."),
        ([ROUND, "--clear", "--class", "LMGT3"], "No pole of class LMGT3 is set for wec/2025/qatar."),
        ([ROUND, "--clear", "--car", "99"], "No car #99 is entered in wec/2025/qatar."),
        ([ROUND, "--car", "51", "--user", "nobody"], "No user “nobody”."),
    ],
)
def test_set_pole_refusals_name_the_problem_and_change_nothing(season, args, message):
    run("set_pole", ROUND, "--car", "7")
    assert refused("set_pole", *args) == message
    assert standings(season)["Driver 7"] == "26"


# --- set_round_scoring ---------------------------------------------------------------------


def test_set_round_scoring_half_points_halve(season, editor):
    out = run("set_round_scoring", ROUND, "--half-points", "--reason", "Red flag", "--user", "edith")
    assert out == "Scoring of wec/2025/qatar: scale from the race's length, half points.\n"
    assert standings(season) == {"Driver 7": "25/2", "Driver 51": "9", "Driver 83": "15/2", "Driver 8": "6"}
    record = Round.history.order_by("-history_id").first()
    assert (record.points_share, record.history_user, record.history_change_reason) == (
        "half",
        editor,
        "Scoring set to scale default, half points: Red flag",
    )


def test_set_round_scoring_scale_no_points_and_back(season):
    assert run("set_round_scoring", ROUND, "--scale", "long") == "Scoring of wec/2025/qatar: long scale, full points.\n"
    assert standings(season) == {"Driver 7": "38", "Driver 51": "27", "Driver 83": "23", "Driver 8": "18"}
    assert run("set_round_scoring", ROUND, "--no-points") == "Scoring of wec/2025/qatar: long scale, no points.\n"
    assert set(standings(season).values()) == {"0"}
    out = run("set_round_scoring", ROUND, "--scale", "default", "--full-points")
    assert out == "Scoring of wec/2025/qatar: scale from the race's length, full points.\n"
    assert (Round.objects.get().points_scale, standings(season)) == ("", DRIVERS)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["wec/2025/imola", "--scale", "long"], "No round wec/2025/imola."),
        ([ROUND, "--scale", "huge"], "“huge” is not a points scale; use one of standard, long, le-mans, or default."),
        ([ROUND], "Give --scale, or one of --full-points, --half-points, --no-points."),
        (
            [ROUND, "--half-points", "--no-points"],
            "Error: argument --no-points: not allowed with argument --half-points",
        ),
        ([ROUND, "--half-points", "--user", "nobody"], "No user “nobody”."),
    ],
)
def test_set_round_scoring_refusals_name_the_problem_and_change_nothing(season, args, message):
    assert refused("set_round_scoring", *args) == message
    assert standings(season) == DRIVERS


# --- set_status ----------------------------------------------------------------------------


def test_set_status_not_classified_removes_the_car_s_points(season, editor):
    out = run(
        "set_status", RACE, "--car", "51", "--status", "not_classified", "--reason", "Decision 12", "--user", "edith"
    )
    assert out == "Car #51 in wec/2025/qatar/race is now not_classified: Decision 12\n"
    assert standings(season) == {"Driver 7": "25", "Driver 83": "18", "Driver 8": "15", "Driver 51": "0"}
    override = StatusOverride.objects.get()
    assert (override.status, override.reason, override.created_by) == ("not_classified", "Decision 12", editor)
    assert (override.history.get().history_user, override.history.get().history_change_reason) == (
        editor,
        "Status set to not_classified: Decision 12",
    )
    out = run("set_status", RACE, "--car", "51", "--clear", "--reason", "Appeal won")
    assert out == "Removed the status override of car #51 in wec/2025/qatar/race (not_classified).\n"
    assert (StatusOverride.objects.count(), standings(season)) == (0, DRIVERS)
    assert StatusOverride.history.order_by("-history_id").first().history_change_reason == (
        "Status override removed: Appeal won"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["wec/2025/qatar/hyperpole", "--car", "51", "--status", "retired", "--reason", "x"],
            "No session wec/2025/qatar/hyperpole.",
        ),
        (
            [RACE, "--car", "99", "--status", "retired", "--reason", "x"],
            "No car #99 is entered in wec/2025/qatar/race.",
        ),
        (
            [RACE, "--car", "51", "--status", "lapped", "--reason", "x"],
            "“lapped” is not a result status; use one of classified, no_time, not_classified, retired, "
            "disqualified, did_not_start.",
        ),
        ([RACE, "--car", "51", "--status", "retired"], "Give a reason with --reason to set a status."),
        ([RACE, "--car", "51"], "Give the status with --status, or --clear to remove the override (one of them)."),
        (
            [RACE, "--car", "51", "--status", "retired", "--clear"],
            "Give the status with --status, or --clear to remove the override (one of them).",
        ),
        ([RACE, "--car", "7", "--clear"], "Car #7 has no status override in wec/2025/qatar/race."),
        ([RACE, "--car", "51", "--status", "retired", "--reason", "x", "--user", "nobody"], "No user “nobody”."),
    ],
)
def test_set_status_refusals_name_the_problem_and_change_nothing(season, args, message):
    assert refused("set_status", *args) == message
    assert standings(season) == DRIVERS


# --- apply_penalty --laps ------------------------------------------------------------------


def test_apply_penalty_laps_drops_the_car_and_moves_its_points(season, editor):
    out = run("apply_penalty", RACE, "--car", "7", "--laps", "2", "--reason", "Yellow flag", "--user", "edith")
    assert out == "Gave car #7 in wec/2025/qatar/race a 2-lap penalty: Yellow flag\n"
    penalty = Penalty.objects.get()
    assert (penalty.kind, penalty.laps, penalty.created_by, penalty.history.get().history_user) == (
        "laps",
        2,
        editor,
        editor,
    )
    race = selectors.session_get_by_path(RACE)
    assert [(row.entry.number, row.overall_position, row.laps) for row in selectors.session_result_rows(race)] == [
        ("51", 1, 10),
        ("83", 2, 10),
        ("8", 3, 10),
        ("92", 4, 9),
        ("27", 5, 9),
        ("7", 6, 8),
    ]
    assert standings(season) == {"Driver 51": "25", "Driver 83": "18", "Driver 8": "15", "Driver 7": "12"}
    assert refused("apply_penalty", RACE, "--car", "7", "--laps", "3", "--revoke") == (
        "There is no 3-lap penalty of car #7 in wec/2025/qatar/race to revoke."
    )
    out = run("apply_penalty", RACE, "--car", "7", "--laps", "2", "--revoke", "--reason", "Appeal")
    assert out == "Revoked the 2-lap penalty of car #7 in wec/2025/qatar/race.\n"
    assert standings(season) == DRIVERS


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([RACE, "--car", "7", "--laps", "0", "--reason", "x"], "--laps must be 1 or more."),
        ([RACE, "--car", "7", "--laps", "2"], "Give a reason with --reason to give a penalty."),
        (
            [RACE, "--car", "7", "--laps", "2", "--grid-places", "1", "--reason", "x"],
            "Error: argument --grid-places: not allowed with argument --laps",
        ),
        (
            [RACE, "--car", "7", "--laps", "2", "--revoke"],
            "There is no 2-lap penalty of car #7 in wec/2025/qatar/race to revoke.",
        ),
    ],
)
def test_apply_penalty_laps_refusals_change_nothing(season, args, message):
    assert refused("apply_penalty", *args) == message
    assert standings(season) == DRIVERS


@pytest.mark.parametrize(
    "argv",
    [
        ["set_entrant", "wec/2024", "--car", "7", "--kind", "guest"],
        ["set_pole", ROUND, "--car", "99"],
        ["set_round_scoring", ROUND, "--scale", "huge"],
        ["set_status", RACE, "--car", "51", "--status", "retired"],
    ],
)
def test_refusals_exit_non_zero_from_the_shell(season, argv):
    with pytest.raises(SystemExit) as raised:
        ManagementUtility(["manage.py", *argv]).execute()
    assert raised.value.code == 1
