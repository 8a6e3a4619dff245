"""A season's standings from the database: the hand-made season of ``standings_season``,
computed through ``selectors.season_standings``, with every correction reaching the
tables on the next read, and the stored tables reused while nothing changed.

Cells read "<points> @<class position as raced>" (or the status when it has none), then
" P" for the class's pole; the expected values are worked out in each test's comments
(2025 rules: 25, 18, 15, 12, 10, 8, 6, 4, 2, 1; pole +1).
"""

from fractions import Fraction

import pytest

from events import selectors, services
from events.core.standings import points_display
from events.enums import PenaltyKind, PointsShare, ResultStatus, SessionStatus
from events.errors import NotFound
from events.interfaces.standings import STATUS_MARKS
from events.models import Lap, Penalty, RoundPole, SeasonStandings, StatusOverride
from events.results.versions import session_results_touch
from tests.results.standings_season import standings_season_build

F = Fraction


@pytest.fixture
def built(db):
    return standings_season_build()


def cell_text(cell) -> str | None:
    if cell is None:
        return None
    where = f"@{cell.position}" if cell.position is not None else STATUS_MARKS[cell.status]
    return f"{points_display(cell.points)} {where}" + (" P" if cell.pole else "")


def table_of(view, key):
    """(position, "=" when shared, name, car numbers, points, wins, cells) per row."""
    [table] = [table for table in view.tables if table.key == key]
    return [
        (row.position, "=" if row.shared else "", row.name, row.car_numbers, row.points, row.wins,
         [cell_text(cell) for cell in row.rounds])
        for row in table.rows
    ]  # fmt: skip


def standings(built, after=None):
    return selectors.season_standings(built.season, after=after)


# Hypercar drivers after Spa, as built. Guest #5 is invisible: #7 raced 3rd at Qatar and
# scores rank 2 (18). Spa gives half points (12.5, 9, 7.5, 6), the pole point whole (#8: 9 + 1).
# #50 and #7 both have 40.5: #50 won Spa, #7 won nothing, so countback puts #50 ahead; the
# co-drivers of a car stay equal after countback and share their position.
HYPERCAR_DRIVERS = [
    (1, "=", "Brendon Hartley", ("8",), F(61), 2, ["26 @1 P", "25 @1", "10 @2 P"]),
    (1, "=", "Sebastien Buemi", ("8",), F(61), 2, ["26 @1 P", "25 @1", "10 @2 P"]),
    (3, "=", "Antonio Fuoco", ("50",), F("40.5"), 1, ["15 @4", "13 @5 P", "12.5 @1"]),
    (3, "=", "Miguel Molina", ("50",), F("40.5"), 1, ["15 @4", "13 @5 P", "12.5 @1"]),
    (5, "=", "Kamui Kobayashi", ("7",), F("40.5"), 0, ["18 @3", "15 @4", "7.5 @3"]),
    (5, "=", "Nyck de Vries", ("7",), F("40.5"), 0, ["18 @3", "15 @4", "7.5 @3"]),
    (7, "=", "Robert Kubica", ("83",), F(36), 0, ["12 @5", "18 @2", "6 @4"]),
    (7, "=", "Yifei Ye", ("83",), F(36), 0, ["12 @5", "18 @2", "6 @4"]),
    # Conway missed Imola: no cell there, 18 + 7.5 instead of his team-mates' 40.5
    (9, "", "Mike Conway", ("7",), F("25.5"), 0, ["18 @3", None, "7.5 @3"]),
]


def test_drivers_after_the_last_round(built):
    view = standings(built)
    assert (view.after_round, [round_.key for round_ in view.rounds]) == ("spa", ["qatar", "imola", "spa"])
    assert [table.key for table in view.tables] == [
        "hypercar-drivers", "hypercar-manufacturers", "hypercar-teams", "lmgt3-drivers", "lmgt3-teams",
    ]  # fmt: skip
    assert view.rule_set.key == "wec-2025"
    assert table_of(view, "hypercar-drivers") == HYPERCAR_DRIVERS


def test_private_car_keeps_drivers_and_cup_points_but_is_out_of_the_manufacturers(built):
    view = standings(built)
    # Works cars only, ranked without #83: Qatar 8, 7, 50 (#50 raced 4th, ranked 3rd: 15),
    # Imola 8, 7, 50 (#50 raced 5th behind private #83 and guest #5, ranked 3rd: 15 + the pole),
    # Spa 50, 8, 7. The two best cars count: Toyota Qatar 25 + 18 + pole, Spa 9 + 7.5 + pole.
    assert table_of(view, "hypercar-manufacturers") == [
        (1, "", "Toyota", ("8", "7"), F("104.5"), 2, ["44 @1 P", "43 @1", "17.5 @2 P"]),
        (2, "", "Ferrari", ("50",), F("43.5"), 1, ["15 @4", "16 @5 P", "12.5 @1"]),
    ]
    # The private teams' cup ranks private cars only: #83 wins every round.
    assert table_of(view, "hypercar-teams") == [
        (1, "", "#83 AF Corse", ("83",), F("62.5"), 3, ["25 @5", "25 @2", "12.5 @4"]),
    ]
    drivers = {row[2]: row[4] for row in table_of(view, "hypercar-drivers")}
    assert (drivers["Robert Kubica"], drivers["Yifei Ye"]) == (36, 36)


def test_guest_car_is_in_no_table_and_costs_no_one_a_rank(built):
    view = standings(built)
    for table in view.tables:
        assert all("5" not in row.car_numbers and row.name != "Julien Andlauer" for row in table.rows), table.key
    # Imola: #5 raced 3rd in class, ahead of #7 (4th) and #50 (5th), who score ranks 3 and 4.
    ranks = {row.name: row.rounds[1].eligible_rank for row in view.tables[0].rows if row.rounds[1]}
    assert (ranks["Kamui Kobayashi"], ranks["Antonio Fuoco"]) == (3, 4)


def test_lmgt3_tables_with_a_shared_first_place_after_imola(built):
    assert table_of(standings(built), "lmgt3-teams") == [
        (1, "", "#92 Manthey 1st Phorm", ("92",), F(53), 1, ["26 @1 P", "18 @2", "9 @2"]),
        (2, "", "#33 TF Sport", ("33",), F("51.5"), 1, ["18 @2", "26 @1 P", "7.5 @3"]),
        (3, "", "#46 Team WRT", ("46",), F("43.5"), 1, ["15 @3", "15 @3", "13.5 @1 P"]),
    ]
    # After Imola #92 and #33 have 44 each, one win and one second each: still equal after
    # countback, they share first place (names order them), and #46 is third, not second.
    assert table_of(standings(built, after="imola"), "lmgt3-teams") == [
        (1, "=", "#33 TF Sport", ("33",), F(44), 1, ["18 @2", "26 @1 P"]),
        (1, "=", "#92 Manthey 1st Phorm", ("92",), F(44), 1, ["26 @1 P", "18 @2"]),
        (3, "", "#46 Team WRT", ("46",), F(30), 0, ["15 @3", "15 @3"]),
    ]
    assert [(row[0], row[1], row[2], row[4]) for row in table_of(standings(built, after="imola"), "lmgt3-drivers")] == [
        (1, "=", "Ben Keating", F(44)), (1, "=", "Jonny Edgar", F(44)), (1, "=", "Riccardo Pera", F(44)),
        (1, "=", "Richard Lietz", F(44)), (5, "=", "Ahmad Al Harthy", F(30)), (5, "=", "Valentino Rossi", F(30)),
    ]  # fmt: skip


def test_progressive_standings_after_a_round(built):
    after_qatar = standings(built, after="qatar")
    assert (after_qatar.after_round, [round_.key for round_ in after_qatar.rounds]) == ("qatar", ["qatar"])
    assert table_of(after_qatar, "hypercar-drivers") == [
        (1, "=", "Brendon Hartley", ("8",), F(26), 1, ["26 @1 P"]),
        (1, "=", "Sebastien Buemi", ("8",), F(26), 1, ["26 @1 P"]),
        (3, "=", "Kamui Kobayashi", ("7",), F(18), 0, ["18 @3"]),
        (3, "=", "Mike Conway", ("7",), F(18), 0, ["18 @3"]),
        (3, "=", "Nyck de Vries", ("7",), F(18), 0, ["18 @3"]),
        (6, "=", "Antonio Fuoco", ("50",), F(15), 0, ["15 @4"]),
        (6, "=", "Miguel Molina", ("50",), F(15), 0, ["15 @4"]),
        (8, "=", "Robert Kubica", ("83",), F(12), 0, ["12 @5"]),
        (8, "=", "Yifei Ye", ("83",), F(12), 0, ["12 @5"]),
    ]
    after_imola = standings(built, after="imola")
    assert [(row[0], row[2], row[4], row[6]) for row in table_of(after_imola, "hypercar-drivers")] == [
        (1, "Brendon Hartley", F(51), ["26 @1 P", "25 @1"]),
        (1, "Sebastien Buemi", F(51), ["26 @1 P", "25 @1"]),
        (3, "Kamui Kobayashi", F(33), ["18 @3", "15 @4"]),
        (3, "Nyck de Vries", F(33), ["18 @3", "15 @4"]),
        (5, "Robert Kubica", F(30), ["12 @5", "18 @2"]),
        (5, "Yifei Ye", F(30), ["12 @5", "18 @2"]),
        (7, "Antonio Fuoco", F(28), ["15 @4", "13 @5 P"]),
        (7, "Miguel Molina", F(28), ["15 @4", "13 @5 P"]),
        (9, "Mike Conway", F(18), ["18 @3", None]),
    ]
    assert table_of(after_imola, "hypercar-manufacturers") == [
        (1, "", "Toyota", ("8", "7"), F(87), 2, ["44 @1 P", "43 @1"]),
        (2, "", "Ferrari", ("50",), F(31), 0, ["15 @4", "16 @5 P"]),
    ]
    assert table_of(standings(built, after="spa"), "hypercar-drivers") == HYPERCAR_DRIVERS


def test_after_a_round_without_a_race_or_unknown_is_not_found(built):
    with pytest.raises(NotFound, match="^No round “le-mans” with a race in WEC 2025.$"):
        standings(built, after="le-mans")
    with pytest.raises(NotFound, match="^No round “monza” with a race in WEC 2025.$"):
        standings(built, after="monza")


def test_post_race_disqualification_moves_points_on_the_next_read(built, editor):
    assert table_of(standings(built), "hypercar-drivers") == HYPERCAR_DRIVERS
    services.penalty_apply(
        session=built.races["imola"], entry=built.entry("imola", "8"), kind=PenaltyKind.DISQUALIFICATION,
        reason="Skid block wear", user=editor,
    )  # fmt: skip
    view = standings(built)
    # Imola without #8: #83 ranks 1st (25), #7 2nd (18), #50 3rd (15 + the pole). #50 and #7
    # have 43.5 each: #50's Spa win puts it ahead.
    assert table_of(view, "hypercar-drivers") == [
        (1, "=", "Antonio Fuoco", ("50",), F("43.5"), 1, ["15 @4", "16 @4 P", "12.5 @1"]),
        (1, "=", "Miguel Molina", ("50",), F("43.5"), 1, ["15 @4", "16 @4 P", "12.5 @1"]),
        (3, "=", "Kamui Kobayashi", ("7",), F("43.5"), 0, ["18 @3", "18 @3", "7.5 @3"]),
        (3, "=", "Nyck de Vries", ("7",), F("43.5"), 0, ["18 @3", "18 @3", "7.5 @3"]),
        (5, "=", "Robert Kubica", ("83",), F(43), 1, ["12 @5", "25 @1", "6 @4"]),
        (5, "=", "Yifei Ye", ("83",), F(43), 1, ["12 @5", "25 @1", "6 @4"]),
        (7, "=", "Brendon Hartley", ("8",), F(36), 1, ["26 @1 P", "0 DSQ", "10 @2 P"]),
        (7, "=", "Sebastien Buemi", ("8",), F(36), 1, ["26 @1 P", "0 DSQ", "10 @2 P"]),
        (9, "", "Mike Conway", ("7",), F("25.5"), 0, ["18 @3", None, "7.5 @3"]),
    ]
    # Manufacturers: Toyota's two cars at Imola are #7 (25) and the disqualified #8 (0).
    assert table_of(view, "hypercar-manufacturers") == [
        (1, "", "Toyota", ("8", "7"), F("86.5"), 2, ["44 @1 P", "25 @3", "17.5 @2 P"]),
        (2, "", "Ferrari", ("50",), F("46.5"), 1, ["15 @4", "19 @4 P", "12.5 @1"]),
    ]


def test_half_and_no_points_rounds(built):
    # Spa (half): ranks 1 to 4 score 12.5, 9, 7.5 and 6; #8's pole point stays whole (9 + 1).
    spa = {row[2]: row[6][2] for row in table_of(standings(built), "hypercar-drivers")}
    assert [spa[name] for name in ("Antonio Fuoco", "Brendon Hartley", "Kamui Kobayashi", "Robert Kubica")] == [
        "12.5 @1", "10 @2 P", "7.5 @3", "6 @4",
    ]  # fmt: skip
    imola = built.rounds["imola"]
    imola.points_share = PointsShare.NONE
    imola.save()
    # A round that gives no points gives no pole point either.
    view = standings(built)
    assert [(row[2], row[4], row[6]) for row in table_of(view, "lmgt3-teams")] == [
        ("#92 Manthey 1st Phorm", F(35), ["26 @1 P", "0 @2", "9 @2"]),
        ("#46 Team WRT", F("28.5"), ["15 @3", "0 @3", "13.5 @1 P"]),
        ("#33 TF Sport", F("25.5"), ["18 @2", "0 @1 P", "7.5 @3"]),
    ]
    imola.points_share = PointsShare.HALF
    imola.save()
    assert [(row[2], row[4], row[6][1]) for row in table_of(standings(built), "lmgt3-teams")] == [
        ("#92 Manthey 1st Phorm", F(44), "9 @2"),
        ("#33 TF Sport", F(39), "13.5 @1 P"),
        ("#46 Team WRT", F(36), "7.5 @3"),
    ]


def test_pole_from_qualifying_unless_an_editor_gave_it(built):
    view = standings(built)
    poles = {(row[2], key): row[6] for key in ("hypercar-teams", "lmgt3-teams") for row in table_of(view, key)}
    drivers = {row[2]: row[6] for row in table_of(view, "hypercar-drivers")}
    # Qatar and Spa: qualifying P1 of the class (#8, #92 / #8, #46). Imola: #8 was P1 in
    # qualifying, but the editors' pole (#50) decides.
    assert [cell.endswith(" P") for cell in drivers["Sebastien Buemi"]] == [True, False, True]
    assert [cell.endswith(" P") for cell in drivers["Antonio Fuoco"]] == [False, True, False]
    assert [cell.endswith(" P") for cell in poles[("#33 TF Sport", "lmgt3-teams")]] == [False, True, False]
    RoundPole.objects.filter(round=built.rounds["imola"]).delete()
    # (RoundPole's own change signal is another change's work: say so here)
    session_results_touch(session_ids=[built.qualifyings["imola"].pk])
    drivers = {row[2]: row[4:] for row in table_of(standings(built), "hypercar-drivers")}
    assert drivers["Sebastien Buemi"] == (F(62), 2, ["26 @1 P", "26 @1 P", "10 @2 P"])
    assert drivers["Antonio Fuoco"] == (F("39.5"), 1, ["15 @4", "12 @5", "12.5 @1"])


def test_deleted_lap_changes_the_qualifying_pole_and_the_pole_point(built, editor):
    standings(built)
    lap = Lap.objects.get(session=built.qualifyings["spa"], entry__number="8", lap_number=2)
    services.lap_time_delete(lap=lap, note="Track limits at turn 9", user=editor)
    # #8's best time left is 1:43.000: #50 (1:40.250) is P1, and takes the pole point.
    drivers = {row[2]: row[4:] for row in table_of(standings(built), "hypercar-drivers")}
    assert drivers["Sebastien Buemi"] == (F(60), 2, ["26 @1 P", "25 @1", "9 @2"])
    assert drivers["Antonio Fuoco"] == (F("41.5"), 1, ["15 @4", "13 @5 P", "13.5 @1 P"])
    manufacturers = table_of(standings(built), "hypercar-manufacturers")
    assert [(row[2], row[4], row[6][2]) for row in manufacturers] == [
        ("Toyota", F("103.5"), "16.5 @2"),
        ("Ferrari", F("44.5"), "13.5 @1 P"),
    ]


def test_laps_deducted_drop_a_car_behind_those_on_more_laps(built, editor):
    standings(built)
    # penalty_apply takes no number of laps yet: the row is written as the admin would.
    penalty = Penalty(
        session=built.races["spa"], entry=built.entry("spa", "46"), kind=PenaltyKind.LAPS, laps=2,
        reason="Minimum drive time", created_by=editor,
    )  # fmt: skip
    penalty._history_user = editor
    penalty.save()
    # #46 took the flag first in class with 10 laps, keeps 8: behind #92 and #33 (10 laps).
    assert table_of(standings(built), "lmgt3-teams") == [
        (1, "", "#92 Manthey 1st Phorm", ("92",), F("56.5"), 2, ["26 @1 P", "18 @2", "12.5 @1"]),
        (2, "", "#33 TF Sport", ("33",), F(53), 1, ["18 @2", "26 @1 P", "9 @2"]),
        (3, "", "#46 Team WRT", ("46",), F("38.5"), 0, ["15 @3", "15 @3", "8.5 @3 P"]),
    ]


def test_status_override_not_classified_scores_nothing(built, editor):
    standings(built)
    override = StatusOverride(
        session=built.races["spa"], entry=built.entry("spa", "33"), status=ResultStatus.NOT_CLASSIFIED,
        reason="Did not cross the line under the chequered flag", created_by=editor,
    )  # fmt: skip
    override._history_user = editor
    override.save()
    assert table_of(standings(built), "lmgt3-teams") == [
        (1, "", "#92 Manthey 1st Phorm", ("92",), F(53), 1, ["26 @1 P", "18 @2", "9 @2"]),
        (2, "", "#33 TF Sport", ("33",), F(44), 1, ["18 @2", "26 @1 P", "0 NC"]),
        (3, "", "#46 Team WRT", ("46",), F("43.5"), 1, ["15 @3", "15 @3", "13.5 @1 P"]),
    ]


def test_provisional_while_a_counted_race_is_provisional(built):
    assert (standings(built).provisional, standings(built, after="imola").provisional) == (True, False)
    assert [round_.provisional for round_ in standings(built).rounds] == [False, False, True]
    race = built.races["spa"]
    race.status = SessionStatus.FINAL
    race.save()
    assert standings(built).provisional is False


def test_stored_standings_are_reused_until_something_changes(built, editor, django_assert_num_queries):
    first = standings(built)
    stored = SeasonStandings.objects.get(season=built.season)
    # The version (one query) and the stored tables (one query), nothing computed again.
    with django_assert_num_queries(2):
        again = standings(built, after="imola")
    with django_assert_num_queries(2):
        assert standings(built).tables == first.tables
    assert again.after_round == "imola"
    assert SeasonStandings.objects.get().computed_at == stored.computed_at
    services.penalty_apply(
        session=built.races["qatar"], entry=built.entry("qatar", "92"), kind=PenaltyKind.DISQUALIFICATION,
        reason="Ride height", user=editor,
    )  # fmt: skip
    changed = standings(built)
    recomputed = SeasonStandings.objects.get()
    assert (recomputed.pk, recomputed.version != stored.version) == (stored.pk, True)
    # #92 keeps its Qatar pole point (qualifying is not the race): 1 + 18 + 9.
    assert [(row[2], row[4], row[6][0]) for row in table_of(changed, "lmgt3-teams")] == [
        ("#33 TF Sport", F("58.5"), "25 @1"), ("#46 Team WRT", F("46.5"), "18 @2"),
        ("#92 Manthey 1st Phorm", F(28), "1 DSQ P"),
    ]  # fmt: skip
    with django_assert_num_queries(2):
        standings(built)
