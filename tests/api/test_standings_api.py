"""The standings in the API: the JSON document and a table's CSV, exact, on the hand-made
season of ``tests.results.standings_season``; errors, caching and corrections."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import services
from events.enums import PenaltyKind
from tests.results.standings_season import standings_season_build

API = "/api/v1/wec/2025"
EVIL_TEAM = '=HYPERLINK("http://evil.example","x")'
EVIL_DRIVER = '=HYPERLINK("http://evil.example","y")'


@pytest.fixture
def built(db):
    return standings_season_build(
        team_names={"Team WRT": EVIL_TEAM}, driver_names={"Valentino Rossi": f"{EVIL_DRIVER} Rossi"}
    )


def row(position, name, numbers, points, wins, progression, *rounds):
    cells = [{"round": key, "points": scored, "position": where, "pole": pole} for key, scored, where, pole in rounds]
    return {"position": position, "name": name, "car_numbers": numbers, "points": points, "wins": wins,
            "rounds": cells, "progression": progression}  # fmt: skip


def table(key, title, class_, kind, rows, after=""):
    return {"key": key, "title": title, "class": class_, "kind": kind,
            "page_url": f"/wec/2025/standings/?table={key}{after}",
            "embed_url": f"/embed/wec/2025/standings/?table={key}{after}", "rows": rows}  # fmt: skip


def test_standings_document_after_the_first_round(client, built):
    response = client.get(f"{API}/standings", {"after": "qatar"})
    assert response.status_code == 200
    q = "qatar"
    assert response.json() == {
        "championship": "wec",
        "year": 2025,
        "after_round": "qatar",
        "rule_set": "wec-2025",
        "provisional": False,
        "live": False,
        "tables": [
            table("hypercar-drivers", "FIA World Endurance Drivers' Championship", "HYPERCAR", "drivers", [
                row(1, "Brendon Hartley", ["8"], 26, 1, [26], (q, 26, 1, True)),
                row(1, "Sebastien Buemi", ["8"], 26, 1, [26], (q, 26, 1, True)),
                row(3, "Kamui Kobayashi", ["7"], 18, 0, [18], (q, 18, 3, False)),
                row(3, "Mike Conway", ["7"], 18, 0, [18], (q, 18, 3, False)),
                row(3, "Nyck de Vries", ["7"], 18, 0, [18], (q, 18, 3, False)),
                row(6, "Antonio Fuoco", ["50"], 15, 0, [15], (q, 15, 4, False)),
                row(6, "Miguel Molina", ["50"], 15, 0, [15], (q, 15, 4, False)),
                row(8, "Robert Kubica", ["83"], 12, 0, [12], (q, 12, 5, False)),
                row(8, "Yifei Ye", ["83"], 12, 0, [12], (q, 12, 5, False)),
            ], after="&after=qatar"),
            table("hypercar-manufacturers", "FIA World Endurance Manufacturers' Championship", "HYPERCAR",
                  "manufacturers", [
                row(1, "Toyota", ["8", "7"], 44, 1, [44], (q, 44, 1, True)),
                row(2, "Ferrari", ["50"], 15, 0, [15], (q, 15, 4, False)),
            ], after="&after=qatar"),
            table("hypercar-teams", "FIA World Cup for Hypercar Teams", "HYPERCAR", "teams", [
                row(1, "#83 AF Corse", ["83"], 25, 1, [25], (q, 25, 5, False)),
            ], after="&after=qatar"),
            table("lmgt3-drivers", "FIA Endurance Trophy for LMGT3 Drivers", "LMGT3", "drivers", [
                row(1, "Riccardo Pera", ["92"], 26, 1, [26], (q, 26, 1, True)),
                row(1, "Richard Lietz", ["92"], 26, 1, [26], (q, 26, 1, True)),
                row(3, "Ben Keating", ["33"], 18, 0, [18], (q, 18, 2, False)),
                row(3, "Jonny Edgar", ["33"], 18, 0, [18], (q, 18, 2, False)),
                row(5, f"{EVIL_DRIVER} Rossi", ["46"], 15, 0, [15], (q, 15, 3, False)),
                row(5, "Ahmad Al Harthy", ["46"], 15, 0, [15], (q, 15, 3, False)),
            ], after="&after=qatar"),
            table("lmgt3-teams", "FIA Endurance Trophy for LMGT3 Teams", "LMGT3", "teams", [
                row(1, "#92 Manthey 1st Phorm", ["92"], 26, 1, [26], (q, 26, 1, True)),
                row(2, "#33 TF Sport", ["33"], 18, 0, [18], (q, 18, 2, False)),
                row(3, f"#46 {EVIL_TEAM}", ["46"], 15, 0, [15], (q, 15, 3, False)),
            ], after="&after=qatar"),
        ],
    }  # fmt: skip


def test_latest_standings_with_half_points_as_numbers_and_rounds_missed_left_out(client, built):
    data = client.get(f"{API}/standings").json()
    assert (data["after_round"], data["provisional"]) == ("spa", True)
    drivers = data["tables"][0]
    assert (drivers["page_url"], drivers["embed_url"]) == (
        "/wec/2025/standings/?table=hypercar-drivers", "/embed/wec/2025/standings/?table=hypercar-drivers",
    )  # fmt: skip
    # Conway missed Imola: his total stays at 18 after it; Spa gave half points.
    assert drivers["rows"][8] == row(
        9, "Mike Conway", ["7"], 25.5, 0, [18, 18, 25.5], ("qatar", 18, 3, False), ("spa", 7.5, 3, False)
    )
    assert drivers["rows"][2] == row(
        3, "Antonio Fuoco", ["50"], 40.5, 1, [15, 28, 40.5],
        ("qatar", 15, 4, False), ("imola", 13, 5, True), ("spa", 12.5, 1, False),
    )  # fmt: skip
    assert data["tables"][4]["rows"][0]["points"] == 53 and isinstance(data["tables"][4]["rows"][0]["points"], int)
    assert b'"points": 40.5' in client.get(f"{API}/standings").content


def test_table_as_csv_with_formulas_neutralised(client, built):
    response = client.get(f"{API}/standings.csv", {"table": "lmgt3-teams"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="wec-2025-lmgt3-teams-standings.csv"'
    assert response.content.decode() == (
        "\ufeffPOSITION;NAME;CAR_NUMBERS;POINTS;WINS;QATAR_POINTS;QATAR_POSITION;QATAR_POLE;"
        "IMOLA_POINTS;IMOLA_POSITION;IMOLA_POLE;SPA_POINTS;SPA_POSITION;SPA_POLE\r\n"
        "1;#92 Manthey 1st Phorm;92;53;1;26;1;1;18;2;;9;2;\r\n"
        "2;#33 TF Sport;33;51.5;1;18;2;;26;1;1;7.5;3;\r\n"
        '3;"#46 =HYPERLINK(""http://evil.example"",""x"")";46;43.5;1;15;3;;15;3;;13.5;1;1\r\n'
    )  # the team's formula follows "#46 ": no spreadsheet runs it
    response = client.get(f"{API}/standings.csv", {"table": "lmgt3-drivers", "after": "imola"})
    assert response.content.decode() == (
        "\ufeffPOSITION;NAME;CAR_NUMBERS;POINTS;WINS;QATAR_POINTS;QATAR_POSITION;QATAR_POLE;"
        "IMOLA_POINTS;IMOLA_POSITION;IMOLA_POLE\r\n"
        "1=;Ben Keating;33;44;1;18;2;;26;1;1\r\n"
        "1=;Jonny Edgar;33;44;1;18;2;;26;1;1\r\n"
        "1=;Riccardo Pera;92;44;1;26;1;1;18;2;\r\n"
        "1=;Richard Lietz;92;44;1;26;1;1;18;2;\r\n"
        '5=;"\'=HYPERLINK(""http://evil.example"",""y"") Rossi";46;30;0;15;3;;15;3;\r\n'
        "5=;Ahmad Al Harthy;46;30;0;15;3;;15;3;\r\n"
    )


def test_csv_marks_a_disqualification_and_a_round_not_driven(client, built, editor):
    services.penalty_apply(
        session=built.races["imola"], entry=built.entry("imola", "8"), kind=PenaltyKind.DISQUALIFICATION,
        reason="Skid block wear", user=editor,
    )  # fmt: skip
    lines = client.get(f"{API}/standings.csv", {"table": "hypercar-drivers"}).content.decode().splitlines()
    assert lines[8:] == ["7=;Sebastien Buemi;8;36;1;26;1;1;0;DSQ;;10;2;1", "9;Mike Conway;7;25.5;0;18;3;;;;;7.5;3;"]


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("/api/v1/wec/2030/standings", "No season wec/2030."),
        ("/api/v1/wec/2030/standings.csv?table=lmgt3-teams", "No season wec/2030."),
        ("/api/v1/elms/2025/standings", "No season elms/2025."),
        (f"{API}/standings?after=le-mans", "No round “le-mans” with a race in WEC 2025."),
        (f"{API}/standings?after=monza", "No round “monza” with a race in WEC 2025."),
        (f"{API}/standings.csv?table=lmgt3-teams&after=monza", "No round “monza” with a race in WEC 2025."),
        (f"{API}/standings.csv?table=lmp2-drivers", "No standings table “lmp2-drivers” in WEC 2025 (its tables: "
         "hypercar-drivers, hypercar-manufacturers, hypercar-teams, lmgt3-drivers, lmgt3-teams)."),
    ],
)  # fmt: skip
def test_what_is_not_there_is_a_json_404_naming_it(client, built, url, detail):
    response = client.get(url)
    assert (response.status_code, response["Content-Type"].split(";")[0]) == (404, "application/json")
    assert response.json() == {"detail": detail}


def test_a_query_too_long_is_a_json_400(client, built):
    response = client.get(f"{API}/standings?x={'a' * 3000}")
    assert response.status_code == 400
    assert response.json() == {"detail": "The query string is too long (at most 2048 characters)."}


def test_junk_parameters_are_ignored_and_share_the_kept_answer(client, built):
    first = client.get(f"{API}/standings", {"after": "imola", "utm_source": "x"})
    with CaptureQueriesContext(connection) as queries:
        second = client.get(f"{API}/standings", {"fbclid": "y", "after": "imola"})
    assert second.status_code == 200 and second.content == first.content and second["ETag"] == first["ETag"]
    assert len(queries) == 2  # the season and its version: the answer is the one kept
    assert second.json()["after_round"] == "imola"


def test_etag_304_and_a_new_answer_after_a_correction(client, built, editor):
    first = client.get(f"{API}/standings")
    etag = first["ETag"]
    assert first["Cache-Control"] == "public, max-age=60, s-maxage=300, stale-while-revalidate=600"
    unchanged = client.get(f"{API}/standings", headers={"If-None-Match": etag})
    assert (unchanged.status_code, unchanged["ETag"], unchanged.content) == (304, etag, b"")
    services.penalty_apply(
        session=built.races["spa"], entry=built.entry("spa", "50"), kind=PenaltyKind.DISQUALIFICATION,
        reason="Fuel flow", user=editor,
    )  # fmt: skip
    changed = client.get(f"{API}/standings", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    # Spa without #50: #8 wins it (12.5 + the pole), #7 and #83 move up to 9 and 7.5.
    drivers = changed.json()["tables"][0]["rows"]
    assert [(r["position"], r["name"], r["points"]) for r in drivers] == [
        (1, "Brendon Hartley", 64.5), (1, "Sebastien Buemi", 64.5), (3, "Kamui Kobayashi", 42),
        (3, "Nyck de Vries", 42), (5, "Robert Kubica", 37.5), (5, "Yifei Ye", 37.5),
        (7, "Antonio Fuoco", 28), (7, "Miguel Molina", 28), (9, "Mike Conway", 27),
    ]  # fmt: skip
    assert drivers[6]["rounds"][2] == {"round": "spa", "points": 0, "position": None, "pole": False}
    # The disqualification adds nothing to Fuoco's total; half points at Spa stay exact.
    assert [drivers[0]["progression"], drivers[6]["progression"]] == [[26, 51, 64.5], [15, 28, 28]]


def test_the_progression_is_documented_in_the_schema(client):
    row_schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["StandingsRowOut"]
    assert "progression" in row_schema["required"]
    assert row_schema["properties"]["progression"]["items"] == {"type": "number"}
    assert row_schema["properties"]["progression"]["description"].startswith(
        "progression[k-1]: its points total after the k-th counted round"
    )
