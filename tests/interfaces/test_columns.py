"""One column registry drives the page's table, the embeds and the CSV of the page."""

import re
from html import unescape

import pytest

from events.interfaces.columns import (
    BOTH,
    NEITHER,
    RESULT_COLUMNS,
    VALUE,
    ResultColumn,
    check_columns,
    embed_columns,
    page_columns,
)
from events.models import Entry, Lap, Session

PAGE = "/wec/2021/portimao/qualifying/"


def headers_of(html: str) -> list[list[str]]:
    """The header cells of each table of a page, as text."""
    return [
        [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", cell))).strip() for cell in cells]
        for cells in (re.findall(r"<th\b[^>]*>(.*?)</th>", head, flags=re.S)
                      for head in re.findall(r"<thead>(.*?)</thead>", html, flags=re.S))
    ]  # fmt: skip


@pytest.fixture
def race(demo):
    """A short race in the demo round: three laps for two cars, one lap for a third."""
    qualifying = Session.objects.get(slug="qualifying")
    race = Session.objects.create(round=qualifying.round, kind="race", name="Race", slug="race")
    for number, lap_times in [("8", [99000] * 3), ("36", [100000] * 3), ("92", [110000])]:
        entry = Entry.objects.get(round=qualifying.round, number=number)
        for lap_number, lap_time in enumerate(lap_times, start=1):
            Lap.objects.create(
                session=race, entry=entry, lap_number=lap_number, lap_time_ms=lap_time, elapsed_ms=lap_time * lap_number
            )
    return race


def test_the_qualifying_page_table_has_the_registry_headers(client, demo):
    tables = headers_of(client.get(PAGE).content.decode())
    per_class = ["Pos", "Cl", "No", "Team", "Drivers", "Car", "Best lap", "Gap", "Int", "Laps", "km/h"]
    assert tables and all(headers == per_class for headers in tables)
    assert [column.header for column in page_columns("qualifying") if column.name != "car_class"] == per_class
    overall = headers_of(client.get(PAGE, {"view": "overall"}).content.decode())
    assert overall == [["Pos", "Cl", "No", "Class", "Team", "Drivers", "Car", "Best lap", "Gap", "Int", "Laps", "km/h"]]


def test_the_race_embed_compact_columns_come_from_the_registry(client, race):
    names = ["class_position", "number", "team", "laps", "gap", "status"]
    assert [column.name for column in embed_columns("race", "compact")] == names
    html = client.get("/embed/wec/2021/portimao/race/").content.decode()
    assert set(map(tuple, headers_of(html))) == {("Pos", "No", "Team", "Laps", "Gap", "Status")}
    assert re.findall(r'<th scope="col" class="col-([a-z_]+)"', html)[: len(names)] == names


def test_the_full_embeds_lead_with_the_class_position_and_say_ovr_for_overall(client, demo):
    assert [column.embed_label for column in embed_columns("qualifying", "full")] == [
        "Pos", "Ovr", "No", "Team", "Drivers", "Car", "Best lap", "Gap", "Int", "Laps",
    ]  # fmt: skip
    assert [column.embed_label for column in embed_columns("race", "full")] == [
        "Pos", "Ovr", "No", "Team", "Drivers", "Car", "Laps", "Time", "Gap", "Int", "Best lap", "Status",
    ]  # fmt: skip
    html = client.get("/embed/wec/2021/portimao/qualifying/", {"columns": "full"}).content.decode()
    assert headers_of(html)[0] == [column.embed_label for column in embed_columns("qualifying", "full")]


def test_the_csv_of_the_page_has_the_registry_headers(client, demo, race):
    qualifying = client.get(PAGE, {"_export": "csv"}).content.decode("utf-8").splitlines()[0]
    assert qualifying == "\ufeffPos;Cl;No;Class;Team;Drivers;Car;Best lap;Gap;Int;Laps;km/h"
    assert qualifying == "\ufeff" + ";".join(column.header for column in page_columns("qualifying"))
    race_csv = client.get("/wec/2021/portimao/race/", {"_export": "csv"}).content.decode("utf-8").splitlines()[0]
    assert race_csv == "\ufeffPos;Cl;No;Class;Team;Drivers;Car;Laps;Time;Gap;Int;Best lap;Status"
    assert race_csv == "\ufeff" + ";".join(column.header for column in page_columns("race"))


def test_a_registry_that_cannot_render_is_refused():
    speed_in_races = ResultColumn("speed", "km/h", VALUE, None, 12, BOTH, NEITHER, ())
    with pytest.raises(ValueError, match="speed column is embedded"):
        check_columns((*RESULT_COLUMNS[:-2], speed_in_races, RESULT_COLUMNS[-1]))
    with pytest.raises(ValueError, match="share a name"):
        check_columns((*RESULT_COLUMNS, RESULT_COLUMNS[0]))
