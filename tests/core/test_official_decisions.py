"""An official classification (a historical race imported from its file) with decisions taken since:
editors' statuses, disqualifications and laps deducted apply on top of the file."""

from events.core.classification import CarClassInfo, EntryInput, OfficialRowInput, PenaltyInput, StatusOverride
from events.core.classification.official import classify_official
from events.core.vocab import PenaltyKind, ResultStatus, SessionKind

CLASSES = [CarClassInfo(code="HYPERCAR", name="Hypercar", display_order=1)]
ENTRIES = [EntryInput(entry_id=int(n), number=n, class_code="HYPERCAR") for n in ("5", "7", "8", "41")]
# As the file gives them: #5 won on 20 laps, #7 and #8 on 20 and 19 laps, #41 on 18 laps.
ROWS = [
    OfficialRowInput(entry_id=5, position=1, status=ResultStatus.CLASSIFIED, laps=20, total_time_ms=1_000_000),
    OfficialRowInput(entry_id=7, position=2, status=ResultStatus.CLASSIFIED, laps=20, total_time_ms=1_002_000),
    OfficialRowInput(entry_id=8, position=3, status=ResultStatus.CLASSIFIED, laps=19, total_time_ms=1_003_000),
    OfficialRowInput(entry_id=41, position=4, status=ResultStatus.CLASSIFIED, laps=18, total_time_ms=1_004_000),
]


def classified(**decisions):
    result = classify_official(kind=SessionKind.RACE, classes=CLASSES, entries=ENTRIES, rows=ROWS, **decisions)
    return [(row.number, row.class_position, row.status, row.laps) for row in result.rows]


def test_the_file_alone_is_the_result():
    assert classified() == [("5", 1, "classified", 20), ("7", 2, "classified", 20), ("8", 3, "classified", 19),
                            ("41", 4, "classified", 18)]  # fmt: skip


def test_not_classified_by_the_stewards_after_the_file():
    overrides = [StatusOverride(entry_id=41, status=ResultStatus.NOT_CLASSIFIED, reason="Stopped before the flag")]
    assert classified(overrides=overrides)[-1] == ("41", None, "not_classified", 18)


def test_a_disqualification_moves_the_others_up():
    rows = classified(penalties=[PenaltyInput(entry_id=5, kind=PenaltyKind.DISQUALIFICATION)])
    assert rows[:3] == [("7", 1, "classified", 20), ("8", 2, "classified", 19), ("41", 3, "classified", 18)]
    assert rows[3] == ("5", None, "disqualified", 20)


def test_laps_deducted_put_the_car_behind_those_on_more_laps():
    rows = classified(penalties=[PenaltyInput(entry_id=5, kind=PenaltyKind.LAPS, laps=2)])
    assert rows == [("7", 1, "classified", 20), ("8", 2, "classified", 19), ("5", 3, "classified", 18),
                    ("41", 4, "classified", 18)]  # fmt: skip
