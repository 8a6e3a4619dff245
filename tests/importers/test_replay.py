"""A timing file cut into the feed batches ``replay_alkamel`` posts: rows in race-time order,
a batch a slice of race time, each with the file's header."""

import pytest
from django.core.management import CommandError, call_command

from events.importers.replay import replay_batches

HEADER = (
    "\ufeffNUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; LAP_IMPROVEMENT; CROSSING_FINISH_LINE_IN_PIT; ELAPSED;"
    "DRIVER_NAME;CLASS;TEAM;\n"
)


def row(number, lap, lap_time, elapsed):
    return f"{number};1;{lap};{lap_time};0;;{elapsed};Ann DRIVER;HYPERCAR;Team {number};\n"


def test_rows_go_in_race_time_order_a_batch_a_slice_each_with_the_header():
    data = (
        HEADER
        + row(7, 1, "1:40.000", "1:40.000")
        + row(7, 2, "1:35.000", "3:15.000")
        + row(8, 1, "1:50.000", "1:50.000")  # written after #7's lap 2, crossed before it
        + row(8, 2, "2:30.000", "4:20.000")
    )
    batches = replay_batches(data.encode(), slice_ms=120_000)
    # 100 s and 110 s fall in the slice to 2:00, 195 s in that to 4:00, 260 s in that to 6:00.
    assert [(batch.until_ms, batch.rows) for batch in batches] == [(120_000, 2), (240_000, 1), (360_000, 1)]
    header = HEADER.removeprefix("\ufeff")
    assert batches[0].text == header + row(7, 1, "1:40.000", "1:40.000") + row(8, 1, "1:50.000", "1:50.000")
    assert batches[2].text == header + row(8, 2, "2:30.000", "4:20.000")


def test_replay_says_what_is_missing_before_posting_anything(tmp_path):
    with pytest.raises(CommandError, match="No token: pass --token or set WECRESULTS_TOKEN"):
        call_command("replay_alkamel", str(tmp_path / "race.csv"), "--session", "wec/2026/le-mans/race", "--token", "")
    with pytest.raises(CommandError, match="--session: "):
        call_command("replay_alkamel", str(tmp_path / "race.csv"), "--session", "wec/le-mans", "--token", "x")
    with pytest.raises(CommandError, match="race.csv: No such file or directory."):
        call_command("replay_alkamel", str(tmp_path / "race.csv"), "--session", "wec/2026/le-mans/race", "--token", "x")
    (tmp_path / "bad.csv").write_text(HEADER + row(7, 1, "1:3x.364", "1:40.000"))
    with pytest.raises(CommandError, match="bad.csv: line 2"):
        call_command("replay_alkamel", str(tmp_path / "bad.csv"), "--session", "wec/2026/le-mans/race", "--token", "x")
