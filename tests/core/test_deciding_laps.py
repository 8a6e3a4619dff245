"""The engine given only the laps that decide, with each car's lap totals, classifies as it does with every lap."""

from hypothesis import given
from hypothesis import strategies as st

from events.core.classification import LapInput, LapTotals, PenaltyInput, Rules, classify
from events.core.vocab import PenaltyKind, QualifyingRule, SessionKind

from .test_classification import CLASSES, SETTINGS, car, lap, sessions


def deciding(laps: list[LapInput], *, per_driver: bool) -> tuple[list[LapInput], dict[int, LapTotals]]:
    """What the database gives the engine (events/results/inputs.py), worked out from every lap:
    each car's last lap, its valid laps as fast as its best, and with ``per_driver`` each
    driver's valid laps as fast as the driver's best; and each car's count and time sum."""
    counts: dict[int, list[int]] = {}
    last: dict[int, int] = {}
    best: dict = {}
    for item in laps:
        count = counts.setdefault(item.entry_id, [0, 0])
        count[0] += 1
        count[1] += item.lap_time_ms
        last[item.entry_id] = max(last.get(item.entry_id, 0), item.lap_number)
        if not item.is_time_deleted:
            keys = [item.entry_id] + ([(item.entry_id, item.driver_id)] if per_driver and item.driver_id else [])
            for key in keys:
                best[key] = min(best.get(key, item.lap_time_ms), item.lap_time_ms)
    kept = [
        item
        for item in laps
        if item.lap_number == last[item.entry_id]
        or (
            not item.is_time_deleted
            and (
                item.lap_time_ms == best[item.entry_id] or item.lap_time_ms == best.get((item.entry_id, item.driver_id))
            )
        )
    ]
    totals = {entry_id: LapTotals(count=count, time_sum_ms=time_sum) for entry_id, (count, time_sum) in counts.items()}
    return kept, totals


RULES = [
    (SessionKind.QUALIFYING, Rules(qualifying_rule=QualifyingRule.BEST_LAP)),
    (SessionKind.QUALIFYING, Rules(qualifying_rule=QualifyingRule.AVERAGE_TWO_DRIVERS)),
    (SessionKind.RACE, Rules()),
    (SessionKind.RACE, Rules(threshold_of_class_winner=True)),
]


@SETTINGS
@given(session=sessions(), penalty_ms=st.lists(st.integers(0, 3), max_size=6))
def test_deciding_laps_and_totals_classify_as_every_lap_does(session, penalty_ms):
    entries, laps = session
    penalties = [PenaltyInput(entry_id=i + 1, kind=PenaltyKind.TIME, time_ms=ms) for i, ms in enumerate(penalty_ms)]
    for kind, rules in RULES:
        kept, totals = deciding(laps, per_driver=kind != SessionKind.RACE)
        given_all = classify(kind=kind, classes=CLASSES, entries=entries, laps=laps, penalties=penalties, rules=rules)
        given_deciding = classify(
            kind=kind, classes=CLASSES, entries=entries, laps=kept, penalties=penalties, rules=rules, lap_totals=totals
        )
        assert given_deciding == given_all


def test_totals_give_the_laps_and_the_crossing_the_deciding_laps_do_not_show():
    """Two laps kept of #7's five (its best, lap 2, and its last, lap 5 without an elapsed time):
    five laps, and the finish at the sum of the five times."""
    entries = [car("7", entry_id=1), car("8", entry_id=2)]
    kept = [lap(1, 2, 90_000, 180_500), lap(1, 5, 91_000), lap(2, 4, 90_500, 460_000)]
    totals = {1: LapTotals(count=5, time_sum_ms=455_000), 2: LapTotals(count=4, time_sum_ms=365_000)}
    race = classify(kind=SessionKind.RACE, classes=CLASSES, entries=entries, laps=kept, lap_totals=totals)
    assert [(row.number, row.laps, row.total_time_ms, row.best_lap_number) for row in race.rows] == [
        ("7", 5, 455_000, 2),
        ("8", 4, 460_000, 4),
    ]
    assert (race.rows[1].gap_to_leader_ms, race.rows[1].gap_to_leader_laps) == (None, 1)


def test_a_car_missing_from_the_totals_has_no_laps():
    entries = [car("7", entry_id=1), car("8", entry_id=2)]
    race = classify(
        kind=SessionKind.RACE,
        classes=CLASSES,
        entries=entries,
        laps=[lap(1, 1, 90_000, 90_000)],
        lap_totals={1: LapTotals(count=1, time_sum_ms=90_000)},
    )
    assert [(row.number, row.laps, row.status) for row in race.rows] == [
        ("7", 1, "classified"),
        ("8", 0, "did_not_start"),
    ]
