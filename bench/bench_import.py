"""Benchmark: importing the 2026 Le Mans analysis file (20,163 laps) into an empty SQLite database.

    WEC_SAMPLE_DATA=../shared/data/alkamel .venv/bin/python bench/bench_import.py [--runs 5] [--copies 15]

For each run: a fresh database (a copy of one migrated once), then
* first import: ``import_alkamel`` of the whole file (parse, create everything, laps with
  history records), in one transaction;
* re-import: the same file again (everything unchanged);
* bare bulk_create: in another fresh database with the same championship, entries and
  drivers already there, ``Lap.objects.bulk_create`` of the same rows, already parsed,
  with no history, no checks: the floor to compare with.
Prints medians. Then, once (``--copies 0`` skips it), a large import: a synthetic file of the
Le Mans file's rows ``--copies`` times (15: 302,445 laps), each copy's lap numbers shifted by
1000 and elapsed times by 24 hours, written in the bench's temporary folder, imported into
a fresh database; its per-lap cost beside the Le Mans first import's (close to 1.0x: linear).
"""

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="wecresults-bench-import-"))
TEMPLATE = TMP / "template.sqlite3"
DB = TMP / "run.sqlite3"
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "wecresults.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-bench-only-secret-key-0123456789",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{DB}",
    }
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from events.core.laptime import parse_time_ms  # noqa: E402
from events.importers.alkamel import open_lines, parse_analysis  # noqa: E402
from events.importers.loader import import_alkamel  # noqa: E402
from events.models import Entry, Lap, Session  # noqa: E402

PATH = "wec/2026/le-mans/race"


def fresh_database():
    connection.close()
    shutil.copyfile(TEMPLATE, DB)


def large_file(data: bytes, copies: int) -> Path:
    """The Le Mans file's laps ``copies`` times in one analysis file, as if the race went on."""
    header, *rows = data.decode("utf-8-sig").splitlines()
    columns = [name.strip() for name in header.split(";")]
    lap_at, elapsed_at = columns.index("LAP_NUMBER"), columns.index("ELAPSED")
    lines = [header]
    for copy in range(copies):
        for row in rows:
            cells = row.split(";")
            cells[lap_at] = str(int(cells[lap_at]) + copy * 1000)
            elapsed = parse_time_ms(cells[elapsed_at]) + copy * 24 * 3_600_000
            seconds, millis = divmod(elapsed, 1000)
            cells[elapsed_at] = f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.{millis:03d}"
            lines.append(";".join(cells))
    path = TMP / "large-analysis.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed(fn):
    # As in a fresh worker: what earlier runs allocated is not rescanned by the garbage collector.
    gc.collect()
    gc.freeze()
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=15, help="copies of the file in the large import; 0: none")
    args = parser.parse_args()
    folder = os.environ.get("WEC_SAMPLE_DATA")
    if not folder:
        sys.exit("Set WEC_SAMPLE_DATA to the folder of the Al Kamel sample files.")
    data = (Path(folder) / "wec-2026-le-mans-24h-race-analysis.csv").read_bytes()

    call_command("migrate", verbosity=0)
    connection.close()
    shutil.copyfile(DB, TEMPLATE)

    first, second, bare = [], [], []
    for _ in range(args.runs):
        fresh_database()
        ms, summary = timed(lambda: import_alkamel(data=data, session_path=PATH))
        assert summary.laps_created == 20163
        first.append(ms)
        ms, summary = timed(lambda: import_alkamel(data=data, session_path=PATH))
        assert summary.laps_unchanged == 20163
        second.append(ms)

        # The floor: the same rows, parsed beforehand, written by a bare bulk_create.
        session = Session.objects.get()
        entries = {e.number: e.pk for e in Entry.objects.filter(round=session.round)}
        drivers = dict(Lap.objects.filter(session=session).values_list("entry_id", "driver_id").distinct())
        rows = [
            Lap(session_id=session.pk, entry_id=entries[lap.number], driver_id=drivers.get(entries[lap.number]),
                lap_number=lap.lap_number, lap_time_ms=lap.lap_time_ms, imported_lap_time_ms=lap.lap_time_ms,
                sector_1_ms=lap.sector_1_ms, sector_2_ms=lap.sector_2_ms, sector_3_ms=lap.sector_3_ms,
                crossed_line_in_pit=lap.crossed_line_in_pit, pit_time_ms=lap.pit_time_ms,
                top_speed_kph=lap.top_speed_kph, elapsed_ms=lap.elapsed_ms, time_of_day=lap.time_of_day,
                flag_at_line=lap.flag_at_line)
            for lap in parse_analysis(open_lines(data))
        ]  # fmt: skip
        with transaction.atomic():
            Lap.objects.filter(session=session).delete()  # same rows into the same (now empty) session
        with transaction.atomic():
            ms, _ = timed(lambda rows=rows: Lap.objects.bulk_create(rows, batch_size=2000))
        bare.append(ms)

    first_ms, second_ms, bare_ms = (statistics.median(values) for values in (first, second, bare))
    print(f"median of {args.runs} runs, 20,163 laps, SQLite")
    print(f"{'first import into an empty database':<40} {first_ms:9.0f} ms")
    print(f"{'re-import, everything unchanged':<40} {second_ms:9.0f} ms")
    print(f"{'bare bulk_create of the same rows':<40} {bare_ms:9.0f} ms")
    print(f"{'first import / bare bulk_create':<40} {first_ms / bare_ms:9.2f}x")
    print(f"{'re-import / bare bulk_create':<40} {second_ms / bare_ms:9.2f}x")
    if args.copies <= 0:
        return

    large = large_file(data, args.copies).read_bytes()
    fresh_database()
    large_ms, summary = timed(lambda: import_alkamel(data=large, session_path=PATH))
    laps = 20163 * args.copies
    assert summary.laps_created == laps
    per_lap, per_lap_large = first_ms / 20163, large_ms / laps
    print(f"once, {laps:,} laps (the file {args.copies} times), SQLite")
    print(f"{'first import into an empty database':<40} {large_ms:9.0f} ms")
    print(f"{'per lap: Le Mans / large':<40} {per_lap * 1000:6.0f} us / {per_lap_large * 1000:.0f} us")
    print(f"{'per-lap cost, large / Le Mans':<40} {per_lap_large / per_lap:9.2f}x")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)  # the databases and the large file: hundreds of MB
