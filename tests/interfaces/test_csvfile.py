"""The one CSV writer: every export quotes fields and neutralises free text, and keeps our own values exact."""

import pytest

from events.importers.alkamel import open_lines, parse_analysis
from events.importers.loader import import_alkamel
from events.interfaces.csvfile import csv_lines, text, value
from events.models import Entry, Lap, Session
from tests.interfaces.test_exporters import laps_of

ROUND = "wec/2021/portimao"
PATH = f"{ROUND}/qualifying"
TEAM = '=HYPERLINK("http://x","y")'
TEAM_CELL = '"\'=HYPERLINK(""http://x"",""y"")"'  # the quote of OWASP, then the quotes of CSV


def body(response):
    return b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8")


def test_the_writer_neutralises_text_columns_only_and_quotes_as_csv_requires():
    columns = [*value("GAP", "TIME"), *text("TEAM", "NOTE")]
    rows = [["+0.094", "1:30.364", TEAM, "a; b"], ["1 Lap", None, "-2+3", "\tline\nbreak"]]
    assert "".join(csv_lines(columns, rows)) == (
        f'\ufeffGAP;TIME;TEAM;NOTE\r\n+0.094;1:30.364;{TEAM_CELL};"a; b"\r\n1 Lap;;\'-2+3;"\'\tline\nbreak"\r\n'
    )
    assert "".join(csv_lines(columns[:1], [["+1 Lap"]], trailing_delimiter=True)) == "\ufeffGAP;\r\n+1 Lap;\r\n"
    with pytest.raises(ValueError, match="A row of 1 fields where the CSV has 4 columns."):
        list(csv_lines(columns, [["+0.094"]]))


@pytest.fixture
def hostile(demo):
    """Car #36 of the demo round with a team, a driver and a car that a spreadsheet would run; #91's deleted
    lap with a note that begins with a tab."""
    entry = Entry.objects.get(round__slug="portimao", number="36")
    entry.team.name = TEAM
    entry.team.save()
    driver = entry.entry_drivers.get(order=1).driver
    driver.first_name = "@SUM(1+1)"
    driver.save()
    entry.car = "-2+3"
    entry.save()
    lap = Lap.objects.get(session__slug="qualifying", entry__number="91", lap_number=4)
    lap.deletion_note = "\tTrack limits"
    lap.save()
    return entry


def test_the_classification_csv_neutralises_names_and_keeps_times_and_gaps(client, hostile):
    lines = body(client.get(f"/api/v1/{PATH}/classification.csv")).split("\r\n")
    assert lines[1] == (
        f"1;36;{TEAM_CELL};'@SUM(1+1) NEGRAO;Nicolas LAPIERRE;Matthieu VAXIVIERE;;;'-2+3;Michelin;HYPERCAR;;;"
        "Classified;5;;;;3;1'30.364;185.4;"
    )
    assert lines[2].endswith(";Classified;5;;0.094;0.094;3;1'30.458;185.2;")


def test_the_entry_list_and_grid_csv_neutralise_names(client, hostile):
    entries = body(client.get(f"/api/v1/{ROUND}/entries.csv")).split("\r\n")
    assert entries[3] == (
        f"36;HYPERCAR;;{TEAM_CELL};'@SUM(1+1) NEGRAO;Nicolas LAPIERRE;Matthieu VAXIVIERE;;;'-2+3;Alpine;Michelin;"
    )
    grid = body(client.get(f"/api/v1/{ROUND}/grid.csv")).split("\r\n")
    assert grid[1] == (
        f"1;1;36;HYPERCAR;;{TEAM_CELL};'@SUM(1+1) NEGRAO;Nicolas LAPIERRE;Matthieu VAXIVIERE;;;'-2+3;1'30.364;;"
    )


def test_the_laps_csv_neutralises_the_team_and_the_note(client, hostile):
    lines = body(client.get(f"/api/v1/{PATH}/laps.csv?car=36")).split("\r\n")
    assert lines[3] == (
        "36;3;3;1:30.364;3;;28.012;0;34.338;0;28.014;0;185.4;29:59.455;15:29:59.455;0:28.012;0:34.338;0:28.014;"
        f"300.0;Matthieu VAXIVIERE;;HYPERCAR;;{TEAM_CELL};Alpine;GF;28.012;34.338;28.014;;;;"
    )
    deleted = body(client.get(f"/api/v1/{PATH}/laps.csv?car=91")).split("\r\n")[4]
    assert deleted.endswith(";Porsche GT Team;Porsche;GF;30.419;37.288;30.420;1;track_limits;'\tTrack limits;")


def test_the_page_csv_neutralises_names_and_keeps_gaps(client, hostile):
    response = client.get(f"/{PATH}/", {"_export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="wec-2021-portimao-qualifying-class.csv"'
    lines = body(response).split("\r\n")
    assert lines[1] == (
        f"1;1;36;HYPERCAR;{TEAM_CELL};'@SUM(1+1) Negrao / Nicolas Lapierre / Matthieu Vaxiviere;'-2+3;1:30.364;"
        ";;5;185.4"
    )
    assert lines[2] == (
        "2;2;8;HYPERCAR;Toyota Gazoo Racing;Sebastien Buemi / Kazuki Nakajima / Brendon Hartley;"
        "Toyota GR010 - Hybrid;1:30.458;+0.094;+0.094;5;185.2"
    )


def test_the_page_tsv_is_neutralised_and_its_json_exact(client, hostile):
    tsv = client.get(f"/{PATH}/", {"_export": "tsv"})
    assert tsv["Content-Type"] == "text/tsv; charset=utf-8"
    assert body(tsv).split("\r\n")[1] == (
        f"1\t1\t36\tHYPERCAR\t{TEAM_CELL}\t'@SUM(1+1) Negrao / Nicolas Lapierre / Matthieu Vaxiviere\t'-2+3\t"
        "1:30.364\t\t\t5\t185.4"
    )
    first = client.get(f"/{PATH}/", {"_export": "json"}).json()[0]
    assert (first["Team"], first["Drivers"], first["Car"]) == (
        TEAM,
        "@SUM(1+1) Negrao / Nicolas Lapierre / Matthieu Vaxiviere",
        "-2+3",
    )


def test_a_gap_in_laps_stays_exact_in_the_page_csv(client, hostile):
    qualifying = Session.objects.get(slug="qualifying")
    race = Session.objects.create(round=qualifying.round, kind="race", name="Race", slug="race")
    for number, laps, lap_ms in [("8", 10, 99000), ("36", 9, 111000)]:  # #36 sees the flag a lap down
        entry = Entry.objects.get(round=qualifying.round, number=number)
        for lap_number in range(1, laps + 1):
            Lap.objects.create(
                session=race, entry=entry, lap_number=lap_number, lap_time_ms=lap_ms, elapsed_ms=lap_ms * lap_number
            )
    lines = body(client.get(f"/{ROUND}/race/", {"_export": "csv", "view": "overall"})).split("\r\n")
    assert lines[2] == (
        f"2;2;36;HYPERCAR;{TEAM_CELL};'@SUM(1+1) Negrao / Nicolas Lapierre / Matthieu Vaxiviere;'-2+3;9;16:39.000;"
        "1 Lap;1 Lap;1:51.000;Classified"
    )
    alkamel = body(client.get(f"/api/v1/{ROUND}/race/classification.csv")).split("\r\n")
    assert alkamel[2].endswith(";HYPERCAR;;;Classified;9;16'39.000;1 Laps;1 Laps;1;1'51.000;150.9;")


def test_the_importer_reads_our_neutralised_text_back():
    header = "NUMBER;LAP_NUMBER;LAP_TIME;DRIVER_NAME;CLASS;TEAM;\r\n"
    lines = (
        f"{header}36;1;1:30.364;Matthieu VAXIVIERE;HYPERCAR;{TEAM_CELL};\r\n7;1;1:30.573;'Mike CONWAY;'+X;'Toyota;\r\n"
    )
    first, second = parse_analysis(open_lines(lines.encode()))
    assert first.team == TEAM
    assert (second.class_code, second.team) == ("+X", "'Toyota")


def test_the_laps_export_with_neutralised_cells_imports_back(client, hostile):
    note = "=cmd|' /C calc'!A0"
    Lap.objects.filter(session__slug="qualifying", entry__number="91", lap_number=4).update(deletion_note=note)
    exported = b"".join(client.get(f"/api/v1/{PATH}/laps.csv").streaming_content)
    assert f";track_limits;'{note};".encode() in exported
    summary = import_alkamel(data=exported, session_path=f"{ROUND}/qualifying-copy", kind="qualifying")
    assert (summary.laps_created, summary.entries_created, summary.times_not_counted) == (130, 0, 0)
    original, copy = Session.objects.get(slug="qualifying"), Session.objects.get(slug="qualifying-copy")
    assert laps_of(copy) == laps_of(original)
    assert Lap.objects.get(session=copy, entry__number="91", lap_number=4).deletion_note == note
    elsewhere = import_alkamel(data=exported, session_path="wec/2021/elsewhere/qualifying", kind="qualifying")
    assert elsewhere.laps_created == 130
    assert Entry.objects.get(round__slug="elsewhere", number="36").team.name == TEAM


@pytest.mark.parametrize("export_format", ["xlsx", "xls", "ods", "pdf"])
def test_an_export_format_that_cannot_be_written_shows_the_page(client, demo_shared, export_format):
    response = client.get(f"/{PATH}/", {"_export": export_format})
    assert (response.status_code, response["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert "Content-Disposition" not in response
