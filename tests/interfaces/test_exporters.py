"""Exports in the Al Kamel layouts, and the round trip: export, import, the same session back."""

from django.urls import reverse

from events.importers.loader import import_alkamel
from events.models import Lap, Session
from tests.helpers import alkamel_fixture

PATH = "wec/2021/portimao/qualifying"
COMPARED = ["entry_id", "lap_number", "lap_time_ms", "driver_id", "sector_1_ms", "sector_2_ms", "sector_3_ms",
            "crossed_line_in_pit", "pit_time_ms", "top_speed_kph", "elapsed_ms", "time_of_day", "flag_at_line",
            "is_time_deleted", "deletion_reason", "deletion_note"]  # fmt: skip


def laps_of(session):
    return list(Lap.objects.filter(session=session).order_by("entry_id", "lap_number").values_list(*COMPARED))


def without_session(data):
    data["session"].pop("path"), data["session"].pop("updated_at"), data["session"].pop("name")
    return data


def test_classification_csv_in_the_alkamel_layout(client, demo_shared):
    response = client.get(f"/api/v1/{PATH}/classification.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="wec-2021-portimao-qualifying-classification.csv"'
    lines = response.content.decode("utf-8").split("\r\n")
    assert lines[0] == (
        "\ufeffPOSITION;NUMBER;TEAM;DRIVER_1;DRIVER_2;DRIVER_3;DRIVER_4;DRIVER_5;VEHICLE;TYRES;CLASS;GROUP;DIVISION;"
        "STATUS;LAPS;TOTAL_TIME;GAP_FIRST;GAP_PREVIOUS;FL_LAPNUM;FL_TIME;FL_KPH;"
    )
    assert lines[2] == (
        "2;8;Toyota Gazoo Racing;Sebastien BUEMI;Kazuki NAKAJIMA;Brendon HARTLEY;;;Toyota GR010 - Hybrid;Michelin;"
        "HYPERCAR;;;Classified;5;;0.094;0.094;3;1'30.458;185.2;"
    )


def test_laps_csv_marks_bests_and_deleted_times(client, demo_shared):
    response = client.get(f"/api/v1/{PATH}/laps.csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = [line.split(";") for line in text.split("\r\n")[1:] if line]
    by_key = {(row[0], row[2]): row for row in rows}
    assert by_key[("36", "3")][3:5] == ["1:30.364", "3"]  # the session's best
    assert by_key[("92", "3")][3:5] == ["1:37.986", "2"]  # a car's best
    assert by_key[("91", "4")][3:5] == ["1:38.127", "0"]
    assert by_key[("91", "4")][-4:-1] == ["1", "track_limits", "Track limits on the car's best lap"]
    assert by_key[("36", "5")][5] == "B"
    assert len(rows) == 130


def test_laps_export_imports_back_to_the_same_session(client, demo):
    response = client.get(f"/api/v1/{PATH}/laps.csv")
    exported = b"".join(response.streaming_content)
    summary = import_alkamel(data=exported, session_path="wec/2021/portimao/qualifying-copy", kind="qualifying")
    assert (summary.laps_created, summary.entries_created, summary.times_not_counted) == (130, 0, 0)
    original, copy = Session.objects.get(slug="qualifying"), Session.objects.get(slug="qualifying-copy")
    assert laps_of(copy) == laps_of(original)
    original_json = client.get(f"/api/v1/{PATH}/classification").json()
    copy_json = client.get("/api/v1/wec/2021/portimao/qualifying-copy/classification").json()
    assert without_session(copy_json) == without_session(original_json)


def test_classification_export_imports_back_to_the_same_rows(client, db):
    import_alkamel(data=alkamel_fixture("classification.csv"), session_path="elms/2014/imola/race")
    exported = client.get("/api/v1/elms/2014/imola/race/classification.csv").content
    import_alkamel(data=exported, session_path="elms/2014/imola/race-copy", kind="race")
    original = client.get("/api/v1/elms/2014/imola/race/classification").json()
    copy = client.get("/api/v1/elms/2014/imola/race-copy/classification").json()
    assert without_session(copy) == without_session(original)


def test_session_page_links_the_exports(client, demo_shared):
    html = client.get(reverse("events:session", args=["wec", 2021, "portimao", "qualifying"])).content.decode()
    assert f'href="/api/v1/{PATH}/classification.csv">classification</a>' in html
    assert f'href="/api/v1/{PATH}/laps.csv">laps</a>' in html
