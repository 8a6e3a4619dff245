"""The standings decisions' services: entrant kinds, poles, a round's scoring, status
overrides and laps deducted; each audited, refused with a message naming what, and
shown in the season's standings on the next read."""

import pytest

from events import selectors, services
from events.addresses import RoundAddress, SeasonAddress
from events.errors import InvalidChange, NotFound
from events.models import (
    CarClass,
    Entry,
    Round,
    RoundPole,
    Season,
    SeasonEntrant,
    Session,
    StatusOverride,
)
from tests.standings_season import ROUND, add_round, build_season, points, snapshot

DRIVERS = {"Driver 7": "25", "Driver 51": "18", "Driver 83": "15", "Driver 8": "12"}


@pytest.fixture
def season(db):
    return build_season()


@pytest.fixture
def qatar(season):
    return selectors.round_get_by_path(ROUND)


@pytest.fixture
def race(season):
    return selectors.session_get_by_path("wec/2025/qatar/race")


def car(number, round_order=1):
    return Entry.objects.select_related("car_class").get(round__order=round_order, number=number)


def drivers(season):
    return points(selectors.season_standings(season), "hypercar-drivers")


def sessions_versions():
    return dict(Session.objects.values_list("slug", "results_version").order_by())


# --- Paths ---------------------------------------------------------------------------


def test_season_and_round_paths_are_parsed_once():
    assert SeasonAddress.parse(" /wec/2025/ ") == SeasonAddress("wec", 2025)
    assert RoundAddress.parse("wec/2025/qatar") == RoundAddress("wec", 2025, "qatar")


@pytest.mark.parametrize(
    ("parse", "path", "message"),
    [
        (
            SeasonAddress.parse,
            "wec",
            "“wec” is not a season path; write it as championship/year, e.g. wec/2025.",
        ),
        (
            SeasonAddress.parse,
            "wec/2025/qatar",
            "“wec/2025/qatar” is not a season path; write it as championship/year, e.g. wec/2025.",
        ),
        (SeasonAddress.parse, "wec/20x5", "“wec/20x5”: the year “20x5” is not a number."),
        (SeasonAddress.parse, "wec/99999", "No season wec/99999."),
        (SeasonAddress.parse, "w ec/2025", "No season w ec/2025."),
        (
            RoundAddress.parse,
            "wec/2025",
            "“wec/2025” is not a round path; write it as championship/year/round, e.g. wec/2025/qatar.",
        ),
        (
            RoundAddress.parse,
            "wec//qatar",
            "“wec//qatar” is not a round path; write it as championship/year/round, e.g. wec/2025/qatar.",
        ),
        (RoundAddress.parse, "wec/y2025/qatar", "“wec/y2025/qatar”: the year “y2025” is not a number."),
        (RoundAddress.parse, "wec/2025/qa\x00tar", "No round wec/2025/qa\x00tar."),
    ],
)
def test_a_season_or_round_path_that_names_nothing_says_why(parse, path, message):
    with pytest.raises(NotFound) as error:
        parse(path)
    assert str(error.value) == message


def test_selectors_find_seasons_rounds_and_cars_by_path(season, qatar):
    assert selectors.season_get_by_path("wec/2025") == season
    assert (qatar.slug, qatar.season) == ("qatar", season)
    assert selectors.round_entry_get(qatar, "51") == car("51")
    for call, message in [
        (lambda: selectors.season_get_by_path("wec/2024"), "No season wec/2024."),
        (lambda: selectors.season_get_by_path("elms/2025"), "No season elms/2025."),
        (lambda: selectors.round_get_by_path("wec/2025/imola"), "No round wec/2025/imola."),
        (lambda: selectors.round_get_by_path("wec/2024/qatar"), "No round wec/2024/qatar."),
        (lambda: selectors.round_entry_get(qatar, "99"), "No car #99 is entered in wec/2025/qatar."),
        (lambda: selectors.round_entry_get(qatar, "051"), "No car #051 is entered in wec/2025/qatar."),
        (lambda: selectors.round_entry_get(qatar, "5 1"), "No car #5 1 is entered in wec/2025/qatar."),
    ]:
        with pytest.raises(NotFound) as error:
            call()
        assert str(error.value) == message


# --- Entrant kinds -------------------------------------------------------------------------


def test_the_season_as_built_scores_every_car_as_works(season):
    assert drivers(season) == DRIVERS
    assert points(selectors.season_standings(season), "hypercar-manufacturers") == {"Toyota": "37", "Ferrari": "33"}
    assert points(selectors.season_standings(season), "hypercar-teams") == {}


def test_a_guest_scores_nothing_and_the_cars_behind_it_move_up(season, editor):
    entrant = services.entrant_kind_set(
        season=season, car_number="7", kind="guest", user=editor, reason="One-off entry"
    )
    assert (entrant.car_number, entrant.kind) == ("7", "guest")
    assert drivers(season) == {"Driver 51": "25", "Driver 83": "18", "Driver 8": "15"}
    assert points(selectors.season_standings(season), "hypercar-manufacturers") == {"Ferrari": "43", "Toyota": "15"}
    record = entrant.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        editor,
        "Entrant kind set to guest: One-off entry",
    )


def test_a_private_car_leaves_the_manufacturers_and_enters_the_teams_cup(season):
    services.entrant_kind_set(season=season, car_number="83", kind="private", user=None)
    standings = selectors.season_standings(season)
    assert points(standings, "hypercar-drivers") == DRIVERS
    assert points(standings, "hypercar-manufacturers") == {"Toyota": "40", "Ferrari": "18"}
    assert points(standings, "hypercar-teams") == {"#83 AF Corse": "25"}
    assert SeasonEntrant.history.get().history_change_reason == "Entrant kind set to private"


def test_an_entrant_kind_holds_in_rounds_imported_later(season):
    services.entrant_kind_set(season=season, car_number="83", kind="guest", user=None)
    add_round(season, slug="imola", order=2, cars=[("83", "HYPERCAR", 10, 99_000), ("51", "HYPERCAR", 10, 100_000)])
    assert drivers(season) == {"Driver 51": "43", "Driver 7": "25", "Driver 8": "15"}
    after_qatar = selectors.season_standings(season, after="qatar")
    assert points(after_qatar, "hypercar-drivers") == {"Driver 7": "25", "Driver 51": "18", "Driver 8": "15"}


def test_changing_the_kind_updates_the_row_and_works_removes_it_on_record(season, editor):
    services.entrant_kind_set(season=season, car_number="7", kind="guest", user=None)
    services.entrant_kind_set(season=season, car_number="7", kind="private", user=editor, reason="Entry list v2")
    assert list(SeasonEntrant.objects.values_list("car_number", "kind")) == [("7", "private")]
    assert drivers(season) == DRIVERS
    assert services.entrant_kind_set(season=season, car_number="7", kind="works", user=editor, reason="Works") is None
    assert SeasonEntrant.objects.count() == 0
    history = list(
        SeasonEntrant.history.order_by("history_id").values_list("history_type", "kind", "history_change_reason")
    )
    assert history == [
        ("+", "guest", "Entrant kind set to guest"),
        ("~", "private", "Entrant kind set to private: Entry list v2"),
        ("-", "private", "Entrant kind set to works: Works"),
    ]
    assert SeasonEntrant.history.order_by("-history_id").first().history_user == editor
    assert points(selectors.season_standings(season), "hypercar-manufacturers") == {"Toyota": "37", "Ferrari": "33"}


def test_setting_the_same_kind_again_writes_nothing(season):
    services.entrant_kind_set(season=season, car_number="7", kind="guest", user=None)
    versions = sessions_versions()
    services.entrant_kind_set(season=season, car_number="7", kind="guest", user=None)
    services.entrant_kind_set(season=season, car_number="8", kind="works", user=None)
    assert (SeasonEntrant.history.count(), sessions_versions()) == (1, versions)


@pytest.mark.parametrize(
    ("car_number", "kind", "message"),
    [
        ("83", "customer", "“customer” is not an entrant kind; use one of works, private, guest."),
        ("99", "private", "No car #99 is entered in any round of wec/2025."),
        ("083", "private", "No car #083 is entered in any round of wec/2025."),
        ("8 3", "private", "No car #8 3 is entered in any round of wec/2025."),
    ],
)
def test_an_entrant_kind_that_makes_no_sense_is_refused(season, car_number, kind, message):
    before = snapshot()
    with pytest.raises((InvalidChange, NotFound)) as error:
        services.entrant_kind_set(season=season, car_number=car_number, kind=kind, user=None)
    assert str(error.value) == message
    assert snapshot() == before


def test_an_entrant_touches_every_session_of_its_season_only(season):
    add_round(season, slug="imola", order=2, cars=[("7", "HYPERCAR", 10, 99_000)])
    other = Season.objects.create(championship=season.championship, year=2024)
    Session.objects.create(
        round=Round.objects.create(season=other, order=1, name="Qatar", slug="qatar"), kind="race", name="R", slug="r"
    )
    before = dict(Session.objects.values_list("pk", "results_version"))
    services.entrant_kind_set(season=season, car_number="7", kind="private", user=None)
    after = dict(Session.objects.values_list("pk", "results_version"))
    assert {pk for pk in after if after[pk] != before[pk]} == set(
        Session.objects.filter(round__season=season).values_list("pk", flat=True)
    )
    before = after
    SeasonEntrant.objects.get().delete()
    after = dict(Session.objects.values_list("pk", "results_version"))
    assert sum(after[pk] - before[pk] for pk in after) == 2


# --- Poles ---------------------------------------------------------------------------------


def test_a_pole_gives_its_car_the_pole_point(season, qatar, editor):
    pole = services.round_pole_set(round_=qatar, entry=car("51"), user=editor, reason="Qualifying cancelled")
    assert (pole.car_class.code, pole.entry.number, pole.reason, pole.created_by) == (
        "HYPERCAR",
        "51",
        "Qualifying cancelled",
        editor,
    )
    assert drivers(season) == {"Driver 7": "25", "Driver 51": "19", "Driver 83": "15", "Driver 8": "12"}
    record = pole.history.get()
    assert (record.history_user, record.history_change_reason) == (editor, "Pole set to car #51: Qualifying cancelled")


def test_a_new_pole_of_the_class_replaces_the_earlier_one(season, qatar):
    services.round_pole_set(round_=qatar, entry=car("51"), user=None, reason="Qualifying cancelled")
    services.round_pole_set(round_=qatar, entry=car("83"), user=None)
    services.round_pole_set(round_=qatar, entry=car("27"), user=None)
    assert list(RoundPole.objects.values_list("car_class__code", "entry__number", "reason")) == [
        ("HYPERCAR", "83", ""),
        ("LMGT3", "27", ""),
    ]
    assert drivers(season) == {"Driver 7": "25", "Driver 51": "18", "Driver 83": "16", "Driver 8": "12"}
    assert points(selectors.season_standings(season), "lmgt3-drivers") == {"Driver 92": "25", "Driver 27": "19"}
    assert list(RoundPole.history.order_by("history_id").values_list("history_type", "history_change_reason")) == [
        ("+", "Pole set to car #51: Qualifying cancelled"),
        ("~", "Pole set to car #83"),
        ("+", "Pole set to car #27"),
    ]


def test_clearing_a_pole_takes_the_point_back_and_keeps_it_on_record(season, qatar, editor):
    services.round_pole_set(round_=qatar, entry=car("51"), user=None)
    assert drivers(season)["Driver 51"] == "19"
    hypercar = CarClass.objects.get(code="HYPERCAR")
    removed = services.round_pole_clear(round_=qatar, car_class=hypercar, user=editor, reason="Wrong car")
    assert removed.entry.number == "51"
    assert (RoundPole.objects.count(), drivers(season)) == (0, DRIVERS)
    record = RoundPole.history.order_by("-history_id").first()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "-",
        editor,
        "Pole removed: Wrong car",
    )


def test_a_pole_refused_changes_nothing(season, qatar):
    imola = add_round(season, slug="imola", order=2, cars=[("51", "HYPERCAR", 10, 99_000)])
    before = snapshot()
    with pytest.raises(InvalidChange) as error:
        services.round_pole_set(round_=qatar, entry=car("51", round_order=2), user=None)
    assert str(error.value) == "Car #51 is not entered in wec/2025/qatar."
    with pytest.raises(InvalidChange) as error:
        services.round_pole_clear(round_=imola, car_class=CarClass.objects.get(code="LMGT3"), user=None)
    assert str(error.value) == "No pole of class LMGT3 is set for wec/2025/imola."
    assert snapshot() == before


def test_a_pole_touches_the_sessions_of_its_round_only(season, qatar):
    add_round(season, slug="imola", order=2, cars=[("51", "HYPERCAR", 10, 99_000)])
    before = dict(Session.objects.values_list("round__slug", "results_version"))
    services.round_pole_set(round_=qatar, entry=car("51"), user=None)
    after = dict(Session.objects.values_list("round__slug", "results_version"))
    assert (after["qatar"] - before["qatar"], after["imola"] - before["imola"]) == (1, 0)
    services.round_pole_clear(round_=qatar, car_class=car("51").car_class, user=None)
    assert dict(Session.objects.values_list("round__slug", "results_version"))["qatar"] == after["qatar"] + 1


# --- A round's scoring ---------------------------------------------------------------------


def test_half_points_halve_the_round(season, qatar, editor):
    changed = services.round_scoring_set(round_=qatar, share="half", user=editor, reason="Red flag at 60%")
    assert (changed.points_scale, changed.points_share) == ("", "half")
    assert drivers(season) == {"Driver 7": "25/2", "Driver 51": "9", "Driver 83": "15/2", "Driver 8": "6"}
    record = changed.history.order_by("-history_id").first()
    assert (record.history_user, record.history_change_reason) == (
        editor,
        "Scoring set to scale default, half points: Red flag at 60%",
    )


def test_a_scale_and_back_to_the_race_length(season, qatar):
    services.round_scoring_set(round_=qatar, scale="long", user=None)
    assert drivers(season) == {"Driver 7": "38", "Driver 51": "27", "Driver 83": "23", "Driver 8": "18"}
    services.round_scoring_set(round_=qatar, scale="le-mans", share="none", user=None)
    assert drivers(season) == {"Driver 7": "0", "Driver 51": "0", "Driver 83": "0", "Driver 8": "0"}
    changed = services.round_scoring_set(round_=qatar, scale="default", share="full", user=None)
    assert (changed.points_scale, changed.points_share) == ("", "full")
    assert drivers(season) == DRIVERS
    assert changed.history.order_by("-history_id").first().history_change_reason == (
        "Scoring set to scale default, full points"
    )


@pytest.mark.parametrize(
    ("scale", "share", "message"),
    [
        ("huge", None, "“huge” is not a points scale; use one of standard, long, le-mans, or default."),
        ("", None, "“” is not a points scale; use one of standard, long, le-mans, or default."),
        (None, "double", "“double” is not a share of the points; use one of full, half, none."),
        (None, None, "Give a points scale or a share of the points for wec/2025/qatar."),
    ],
)
def test_a_scoring_that_makes_no_sense_is_refused(season, qatar, scale, share, message):
    before = snapshot()
    with pytest.raises(InvalidChange) as error:
        services.round_scoring_set(round_=qatar, scale=scale, share=share, user=None)
    assert str(error.value) == message
    assert snapshot() == before


# --- Status overrides --------------------------------------------------------------------


def test_not_classified_takes_the_car_s_points_away(season, race, editor):
    override = services.status_override_set(
        session=race, entry=car("51"), status="not_classified", reason="Stewards' decision 12", user=editor
    )
    assert (override.status, override.reason, override.created_by) == (
        "not_classified",
        "Stewards' decision 12",
        editor,
    )
    assert drivers(season) == {"Driver 7": "25", "Driver 83": "18", "Driver 8": "15", "Driver 51": "0"}
    record = override.history.get()
    assert (record.history_user, record.history_change_reason) == (
        editor,
        "Status set to not_classified: Stewards' decision 12",
    )


def test_setting_a_status_again_replaces_it_and_clearing_gives_the_computed_one_back(season, race, editor):
    services.status_override_set(session=race, entry=car("51"), status="not_classified", reason="First", user=None)
    services.status_override_set(session=race, entry=car("51"), status="disqualified", reason="Appeal lost", user=None)
    assert list(StatusOverride.objects.values_list("entry__number", "status", "reason")) == [
        ("51", "disqualified", "Appeal lost")
    ]
    removed = services.status_override_clear(session=race, entry=car("51"), user=editor, reason="Appeal won")
    assert removed.status == "disqualified"
    assert (StatusOverride.objects.count(), drivers(season)) == (0, DRIVERS)
    assert list(StatusOverride.history.order_by("history_id").values_list("history_type", "history_change_reason")) == [
        ("+", "Status set to not_classified: First"),
        ("~", "Status set to disqualified: Appeal lost"),
        ("-", "Status override removed: Appeal won"),
    ]
    assert StatusOverride.history.order_by("-history_id").first().history_user == editor


def test_a_status_override_that_makes_no_sense_is_refused(season, race):
    imola = add_round(season, slug="imola", order=2, cars=[("51", "HYPERCAR", 10, 99_000)])
    imola_race = Session.objects.with_path_parts().get(round=imola)
    before = snapshot()
    for call, message in [
        (
            lambda: services.status_override_set(
                session=race, entry=car("51"), status="not_classified", reason="  ", user=None
            ),
            "Give a reason for the status of car #51 in wec/2025/qatar/race.",
        ),
        (
            lambda: services.status_override_set(session=race, entry=car("51"), status="lapped", reason="x", user=None),
            "“lapped” is not a result status; use one of classified, no_time, not_classified, retired, "
            "disqualified, did_not_start.",
        ),
        (
            lambda: services.status_override_set(
                session=imola_race, entry=car("7"), status="not_classified", reason="x", user=None
            ),
            "Car #7 is not entered in wec/2025/imola/race.",
        ),
        (
            lambda: services.status_override_clear(session=race, entry=car("7"), user=None),
            "Car #7 has no status override in wec/2025/qatar/race.",
        ),
    ]:
        with pytest.raises(InvalidChange) as error:
            call()
        assert str(error.value) == message
    assert snapshot() == before


# --- Laps deducted -------------------------------------------------------------------------


def test_laps_deducted_drop_the_car_behind_cars_on_more_laps(season, race, editor):
    penalty = services.penalty_apply(
        session=race, entry=car("7"), kind="laps", laps=2, reason="Overtaking under yellow", user=editor
    )
    assert (penalty.kind, penalty.laps, penalty.time_ms, penalty.grid_places) == ("laps", 2, None, None)
    assert penalty.history.get().history_user == editor
    rows = [
        (row.entry.number, row.overall_position, row.class_position, row.laps)
        for row in selectors.session_result_rows(race)
    ]
    assert rows == [
        ("51", 1, 1, 10),
        ("83", 2, 2, 10),
        ("8", 3, 3, 10),
        ("92", 4, 1, 9),
        ("27", 5, 2, 9),
        ("7", 6, 4, 8),
    ]
    assert drivers(season) == {"Driver 51": "25", "Driver 83": "18", "Driver 8": "15", "Driver 7": "12"}
    services.penalty_revoke(penalty=penalty, user=editor, reason="Appeal")
    assert drivers(season) == DRIVERS


@pytest.mark.parametrize("laps", [None, 0, -1])
def test_a_laps_penalty_needs_one_lap_or_more(season, race, laps):
    before = snapshot()
    with pytest.raises(InvalidChange) as error:
        services.penalty_apply(session=race, entry=car("7"), kind="laps", laps=laps, reason="x", user=None)
    assert str(error.value) == "A laps penalty needs one lap or more (car #7 in wec/2025/qatar/race)."
    assert snapshot() == before


def test_laps_are_kept_only_on_a_laps_penalty(season, race):
    penalty = services.penalty_apply(
        session=race, entry=car("7"), kind="time", time_ms=5000, laps=3, reason="x", user=None
    )
    assert (penalty.time_ms, penalty.laps) == (5000, None)
