"""The JSON API v1 and its CSV: calendar, entries, grid, laps; CORS, caching, errors, schema and docs."""

import pytest

from events import selectors, services
from events.enums import DeletionReason
from events.errors import NotFound
from events.models import Entry, Lap, Session
from tests.services.test_penalties import run

API = "/api/v1"
ROUND = f"{API}/wec/2021/portimao"
SESSION = f"{ROUND}/qualifying"
SHARED = "public, max-age=60, s-maxage=300, stale-while-revalidate=600"


def csv_lines(response):
    return b"".join(response.streaming_content if response.streaming else [response.content]).decode().splitlines()


def demo_lap(number, lap_number):
    return Lap.objects.get(session__slug="qualifying", entry__number=number, lap_number=lap_number)


def test_championships_with_their_seasons(client, demo_shared):
    assert client.get(f"{API}/championships").json() == [
        {
            "slug": "wec",
            "name": "FIA World Endurance Championship",
            "short_name": "WEC",
            "seasons": [{"year": 2021, "url": "/api/v1/wec/2021/rounds"}],
        }
    ]


def test_seasons_with_classes_in_class_order(client, demo_shared):
    [season] = client.get(f"{API}/wec/seasons").json()
    assert season["year"] == 2021 and season["qualifying_rule"] == "best_lap"
    assert [(c["code"], c["display_order"]) for c in season["classes"]] == [
        ("HYPERCAR", 1),
        ("LMP2", 2),
        ("LMGTE Pro", 3),
        ("LMGTE Am", 4),
    ]


def test_rounds_and_sessions_lead_to_the_results(client, demo_shared):
    [round_] = client.get(f"{API}/wec/2021/rounds").json()
    assert round_ == {
        "order": 2,
        "slug": "portimao",
        "name": "8 Hours of Portimao",
        "circuit": {
            "name": "Autodromo Internacional do Algarve",
            "country": "Portugal",
            "length_m": 4653,
            "time_zone": "Europe/Lisbon",
        },
        "start_date": "2021-06-11",
        "end_date": "2021-06-13",
        "url": "/api/v1/wec/2021/portimao/sessions",
    }
    [session] = client.get(round_["url"]).json()
    assert {k: session[k] for k in ("slug", "path", "name", "kind", "status", "start", "time_zone")} == {
        "slug": "qualifying",
        "path": "wec/2021/portimao/qualifying",
        "name": "Qualifying",
        "kind": "qualifying",
        "status": "provisional",
        "start": "2021-06-12T15:00:00+01:00",  # ISO 8601 with the circuit's offset that day (WEST)
        "time_zone": "Europe/Lisbon",
    }
    assert session["links"] == {
        "page": "/wec/2021/portimao/qualifying/",
        "classification": f"{SESSION}/classification",
        "classification_csv": f"{SESSION}/classification.csv",
        "laps": f"{SESSION}/laps",
        "laps_csv": f"{SESSION}/laps.csv",
        "embed": "/embed/wec/2021/portimao/qualifying/",
    }
    assert client.get(session["links"]["classification"]).json()["overall"][0]["number"] == "36"


def test_entry_list_in_class_and_number_order_with_line_ups(client, demo_shared):
    entries = client.get(f"{ROUND}/entries").json()
    assert [e["number"] for e in entries][:6] == ["7", "8", "36", "709", "1", "22"]
    alpine = next(e for e in entries if e["number"] == "36")
    assert {k: v for k, v in alpine.items() if k != "drivers"} == {
        "number": "36",
        "class": "HYPERCAR",
        "group": "",
        "team": "Alpine Elf Matmut",
        "car": "Alpine A480 - Gibson",
        "manufacturer": "Alpine",
        "tyres": "Michelin",
    }
    assert [(d["name"], d["nationality"], d["fia_category"]) for d in alpine["drivers"]] == [
        ("Andre Negrao", "Brazil", "platinum"),
        ("Nicolas Lapierre", "France", "platinum"),
        ("Matthieu Vaxiviere", "France", "platinum"),
    ]


def test_entry_list_as_csv(client, demo_shared):
    response = client.get(f"{ROUND}/entries.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="wec-2021-portimao-entries.csv"'
    lines = csv_lines(response)
    assert (
        lines[0]
        == "\ufeffNUMBER;CLASS;GROUP;TEAM;DRIVER_1;DRIVER_2;DRIVER_3;DRIVER_4;DRIVER_5;VEHICLE;MANUFACTURER;TYRES;"
    )
    assert lines[3] == (
        "36;HYPERCAR;;Alpine Elf Matmut;Andre NEGRAO;Nicolas LAPIERRE;Matthieu VAXIVIERE;;;"
        "Alpine A480 - Gibson;Alpine;Michelin;"
    )


def test_starting_grid_grouped_by_class(client, demo_shared):
    grid = client.get(f"{ROUND}/grid").json()
    assert [(g["grid_position"], g["class_grid_position"], g["number"], g["qualifying_time"]) for g in grid[:6]] == [
        (1, 1, "36", "1:30.364"),
        (2, 2, "8", "1:30.458"),
        (3, 3, "7", "1:30.573"),
        (4, 4, "709", "1:32.167"),
        (5, 1, "28", "1:31.164"),
        (6, 2, "38", "1:31.209"),
    ]
    porsche = next(g for g in grid if g["number"] == "91")
    assert (porsche["grid_position"], porsche["class_grid_position"], porsche["qualifying_time_ms"]) == (17, 3, 98402)
    assert grid[0] == {
        "grid_position": 1,
        "class_grid_position": 1,
        "number": "36",
        "class": "HYPERCAR",
        "group": "",
        "team": "Alpine Elf Matmut",
        "car": "Alpine A480 - Gibson",
        "drivers": ["Andre Negrao", "Nicolas Lapierre", "Matthieu Vaxiviere"],
        "qualifying_time_ms": 90364,
        "qualifying_time": "1:30.364",
        "from_hyperpole": False,
        "grid_penalty_places": 0,
        "status": "classified",
        "note": "",
    }
    lines = csv_lines(client.get(f"{ROUND}/grid.csv"))
    header = "GRID;CLASS_GRID;NUMBER;CLASS;GROUP;TEAM;DRIVER_1;DRIVER_2;DRIVER_3;DRIVER_4;DRIVER_5;VEHICLE;TIME;NOTE;"
    assert lines[0] == "\ufeff" + header
    assert lines[2] == (
        "2;2;8;HYPERCAR;;Toyota Gazoo Racing;Sebastien BUEMI;Kazuki NAKAJIMA;Brendon HARTLEY;;;"
        "Toyota GR010 - Hybrid;1'30.458;;"
    )


def test_laps_are_paginated_in_class_car_and_lap_order(client, demo_shared):
    first = client.get(f"{SESSION}/laps?page_size=50").json()
    assert (first["count"], first["page"], first["page_size"], first["previous"]) == (130, 1, 50, None)
    assert first["next"] == f"{SESSION}/laps?page_size=50&page=2"
    assert [(lap["number"], lap["lap_number"]) for lap in first["items"][:7]] == [
        ("7", 1), ("7", 2), ("7", 3), ("7", 4), ("7", 5), ("8", 1), ("8", 2),
    ]  # fmt: skip
    last = client.get(first["next"].replace("page=2", "page=3")).json()
    assert (len(last["items"]), last["next"], last["previous"]) == (30, None, f"{SESSION}/laps?page_size=50&page=2")
    assert client.get(f"{SESSION}/laps").json()["page_size"] == 100


def test_laps_of_one_car_show_its_deleted_time(client, demo_shared):
    page = client.get(f"{SESSION}/laps?car=91").json()
    assert page["count"] == 5 and {lap["number"] for lap in page["items"]} == {"91"}
    assert page["items"][3] == {
        "number": "91",
        "class": "LMGTE Pro",
        "lap_number": 4,
        "driver": "Gianmaria Bruni",
        "lap_time_ms": 98127,
        "lap_time": "1:38.127",
        "time_deleted": True,
        "deletion_reason": "track_limits",
        "deletion_note": "Track limits on the car's best lap",
        "sector_1_ms": 30419,
        "sector_2_ms": 37288,
        "sector_3_ms": 30420,
        "elapsed_ms": 421540,
        "in_pit": False,
        "flag": "GF",
        "top_speed_kph": 270.0,
    }


def test_laps_csv_of_one_car(client, demo_shared):
    response = client.get(f"{SESSION}/laps.csv?car=36")
    assert response["Content-Disposition"] == 'attachment; filename="wec-2021-portimao-qualifying-laps-36.csv"'
    rows = [line.split(";") for line in csv_lines(response)[1:]]
    assert [(row[0], row[2], row[3], row[4]) for row in rows] == [
        ("36", "1", "1:58.214", "0"),
        ("36", "2", rows[1][3], "0"),
        ("36", "3", "1:30.364", "3"),  # the session's best lap
        ("36", "4", rows[3][3], "0"),
        ("36", "5", rows[4][3], "0"),
    ]


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        (f"{API}/nope/seasons", "No championship nope."),
        (f"{API}/wec/2030/rounds", "No season wec/2030."),
        (f"{API}/wec/2021/monza/entries", "No round wec/2021/monza."),
        (f"{API}/wec/2021/monza/grid.csv", "No round wec/2021/monza."),
        (f"{ROUND}/race/classification", "No session wec/2021/portimao/race."),
        (f"{SESSION}/laps?car=999", "No car #999 is entered in wec/2021/portimao/qualifying."),
        (f"{SESSION}/laps.csv?car=999", "No car #999 is entered in wec/2021/portimao/qualifying."),
        (f"{SESSION}/laps?page=4&page_size=50", "wec/2021/portimao/qualifying has no page 4 of laps: "
                                                 "130 laps make 3 page(s) of 50."),
        (f"{API}/no/such/address/at/all/here", "No such address in the API: /api/v1/no/such/address/at/all/here. "
                                                "See /api/v1/docs."),
    ],
)  # fmt: skip
def test_what_is_not_there_is_a_json_404_naming_it(client, demo_shared, url, detail):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": detail}


def test_bad_parameters_are_a_422_naming_them(client, demo_shared):
    response = client.get(f"{SESSION}/laps?page_size=5000")
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["query", "page_size"] and problem["type"] == "less_than_equal"
    assert client.get(f"{API}/wec/twenty/rounds").json()["detail"][0]["loc"] == ["path", "year"]


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/championships",
        f"{API}/wec/seasons",
        f"{ROUND}/entries",
        f"{ROUND}/entries.csv",
        f"{ROUND}/grid",
        f"{SESSION}/classification",
        f"{SESSION}/classification.csv",
        f"{SESSION}/laps",
        f"{SESSION}/laps.csv",
        f"{API}/openapi.json",
    ],
)
def test_every_read_is_open_to_any_site_and_cacheable(client, demo_shared, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Expose-Headers"] == "ETag, Content-Disposition"
    assert response["Cache-Control"] == SHARED
    assert "Vary" not in response or "Origin" not in response["Vary"]


def test_errors_are_open_to_any_site_but_not_cached_long(client, demo_shared):
    response = client.get(f"{API}/nope/seasons")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Cache-Control" not in response


def test_preflight_for_a_revalidating_fetch(client):
    response = client.options(
        f"{SESSION}/laps",
        headers={"Origin": "https://news.example", "Access-Control-Request-Method": "GET",
                 "Access-Control-Request-Headers": "if-none-match"},
    )  # fmt: skip
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD"
    assert response["Access-Control-Allow-Headers"] == "If-None-Match, If-Modified-Since"
    assert response["Access-Control-Max-Age"] == "86400"


def test_pages_outside_the_api_get_no_cors(client, demo_shared):
    assert "Access-Control-Allow-Origin" not in client.get("/wec/2021/portimao/")


def test_laps_conditional_get_and_new_etag_after_a_deletion(client, demo):
    url = f"{SESSION}/laps?car=36"
    first = client.get(url)
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    services.lap_time_delete(lap=demo_lap("36", 3), kind=DeletionReason.TRACK_LIMITS, note="T1", user=None)
    second = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200 and second["ETag"] != first["ETag"]
    assert second.json()["items"][2]["time_deleted"] is True


def test_grid_follows_a_deleted_pole_lap(client, demo):
    url = f"{ROUND}/grid"
    first = client.get(url)
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    services.lap_time_delete(lap=demo_lap("36", 3), kind=DeletionReason.TRACK_LIMITS, note="T1", user=None)
    second = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200
    grid = second.json()
    assert [(g["number"], g["qualifying_time_ms"]) for g in grid[:2]] == [
        ("8", 90458),
        ("36", grid[1]["qualifying_time_ms"]),
    ]
    assert grid[1]["qualifying_time_ms"] > 90458


def test_entries_follow_a_change_of_team_name(client, demo):
    url = f"{ROUND}/entries"
    first = client.get(url)
    team = Entry.objects.get(round__slug="portimao", number="36").team
    team.name = "Alpine <Elf> & Matmut"
    team.save()
    second = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200
    assert next(e for e in second.json() if e["number"] == "36")["team"] == "Alpine <Elf> & Matmut"


def test_openapi_schema_lists_every_operation(client):
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["openapi"] == "3.1.0" and schema["info"]["title"] == "wecresults API"
    assert sorted(schema["paths"]) == sorted(
        f"/api/v1/{path}"
        for path in (
            "championships",
            "drivers",
            "drivers/{slug}",
            "teams",
            "teams/{slug}",
            "{championship}/seasons",
            "{championship}/{year}/rounds",
            "{championship}/{year}/standings",
            "{championship}/{year}/standings.csv",
            "{championship}/{year}/{round}/sessions",
            "{championship}/{year}/{round}/entries",
            "{championship}/{year}/{round}/entries.csv",
            "{championship}/{year}/{round}/grid",
            "{championship}/{year}/{round}/grid.csv",
            "{championship}/{year}/{round}/{session}/classification",
            "{championship}/{year}/{round}/{session}/classification.csv",
            "{championship}/{year}/{round}/{session}/car/{number}/lap-times",
            "{championship}/{year}/{round}/{session}/feed",
            "{championship}/{year}/{round}/{session}/lap-chart",
            "{championship}/{year}/{round}/{session}/laps",
            "{championship}/{year}/{round}/{session}/laps.csv",
        )
    )
    csv = schema["paths"]["/api/v1/{championship}/{year}/{round}/{session}/laps.csv"]["get"]["responses"]["200"]
    assert list(csv["content"]) == ["text/csv"]


def test_docs_page_works_offline_under_the_strict_policy(client):
    response = client.get(f"{API}/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<script src="/static/ninja/swagger-ui-bundle.js"></script>' in html
    assert '"url": "/api/v1/openapi.json"' in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert response["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self'; style-src 'self'")
    assert response["X-Frame-Options"] == "DENY"


def test_site_footer_links_to_the_api_docs(client, demo_shared):
    assert '<a href="/api/v1/docs">API</a>' in client.get("/").content.decode()


def test_grid_penalty_note_is_the_same_in_json_csv_and_page(client, demo):
    run("wec/2021/portimao/qualifying", "--car", "36", "--grid-places", "2", "--reason", "Unsafe release")
    alpine = next(g for g in client.get(f"{ROUND}/grid").json() if g["number"] == "36")
    assert (alpine["grid_position"], alpine["grid_penalty_places"], alpine["note"]) == (3, 2, "2-place grid penalty")
    line = next(line for line in csv_lines(client.get(f"{ROUND}/grid.csv")) if line.startswith("3;3;36;"))
    assert line.endswith(";1'30.364;2-place grid penalty;")
    assert "<td>2-place grid penalty</td>" in client.get("/wec/2021/portimao/grid/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/wec/99999999999999999999999/",
        "/wec/99999999999999999999999/portimao/",
        "/wec/99999999999999999999999/portimao/grid/",
        "/wec/99999999999999999999999/portimao/qualifying/",
        "/embed/wec/99999999999999999999999/portimao/qualifying/",
        f"{API}/wec/99999999999999999999999/portimao/qualifying/classification",
        f"{API}/wec/99999999999999999999999/portimao/qualifying/laps",
        f"{API}/wec/1899/portimao/qualifying/laps.csv",
    ],
)
def test_a_year_no_season_can_have_is_refused_not_a_server_error(client, demo_shared, url):
    # found by schemathesis: a year too large for the database's integer used to reach it
    response = client.get(url)
    if url.startswith(API):
        assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["path", "year"]
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"{API}/w%00ec/seasons", 422),
        (f"{API}/wec/2021/port%00imao/entries", 422),
        (f"{API}/wec/2021/portimao/qualif%00ying/classification", 422),
        (f"{SESSION}/laps?car=3%006", 422),
        ("/w%00ec/2021/", 404),
        ("/wec/2021/portimao/quali%00fying/", 404),
        ("/embed/wec/2021/portimao/quali%00fying/", 404),
        ("/oembed?url=http://testserver/wec/2021/portimao/quali%00fying/", 404),
    ],
)
def test_a_nul_character_in_a_name_is_refused_not_a_server_error(client, demo_shared, url, status):
    # PostgreSQL refuses text with NUL in it: such names must never reach the database
    assert client.get(url).status_code == status


def test_selectors_refuse_names_that_cannot_be_ours(demo_shared):
    session = Session.objects.get(slug="qualifying")
    for call in (
        lambda: selectors.session_get_by_path("wec/2021/portimao/qu\x00alifying"),
        lambda: selectors.season_get(championship="w\x00ec", year=2021),
        lambda: selectors.round_get(championship="wec", year=2021, round_slug="port imao"),
        lambda: selectors.entry_get(session=session, number="3\x006"),
        lambda: selectors.entry_get(session=session, number="36000"),
    ):
        with pytest.raises(NotFound):
            call()


def test_the_published_schema_names_its_documents_and_operations(client, db):
    """A client generated from the schema keeps its class and method names: a change here is a contract change."""
    schema = client.get("/api/v1/openapi.json").json()
    assert sorted(schema["components"]["schemas"]) == [
        "CarClassOut", "CarDriverBestOut", "CarLapTimeOut", "CarLapTimesOut", "CarQuery", "CarStintOut",
        "ChampionshipOut", "CircuitOut", "ClassResultsOut", "ClassificationOut",
        "DriverDetailOut", "DriverOut", "DriverPageOut",
        "EntryDriverOut", "EntryOut", "ErrorOut", "FeedOut", "GridPlaceOut", "InvalidRequestOut", "LapChartCarOut",
        "LapChartCautionOut", "LapChartClassOut", "LapChartOut", "LapOut", "LapPageOut",
        "LapQuery", "PersonEntryOut", "PersonResultOut", "PersonSeasonOut",
        "ProblemOut", "ResultRowOut", "ResultStatus", "RoundOut", "SearchPageQuery", "SeasonOut", "SeasonRefOut",
        "SessionInfoOut", "SessionKind", "SessionLinksOut", "SessionStatus", "SessionSummaryOut",
        "StandingsOut", "StandingsQuery", "StandingsRoundOut", "StandingsRowOut", "StandingsTableOut",
        "StandingsTableQuery", "TeamDetailOut", "TeamOut", "TeamPageOut",
    ]  # fmt: skip
    assert sorted(operation["operationId"] for path in schema["paths"].values() for operation in path.values()) == [
        "events_api_car_lap_times", "events_api_championships", "events_api_classification",
        "events_api_classification_csv", "events_api_driver", "events_api_drivers",
        "events_api_entries", "events_api_entries_csv", "events_api_feed", "events_api_grid", "events_api_grid_csv",
        "events_api_lap_chart", "events_api_laps", "events_api_laps_csv", "events_api_rounds", "events_api_seasons",
        "events_api_sessions",
        "events_api_standings", "events_api_standings_csv", "events_api_team", "events_api_teams",
    ]  # fmt: skip
    assert schema["components"]["schemas"]["ResultStatus"]["description"] == "A car's status in a classification."


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/championships",
        "/api/v1/wec/2021/portimao/qualifying/classification",
        "/api/v1/wec/2021/portimao/qualifying/laps.csv",
    ],
)
def test_head_answers_as_get_without_the_body(client, demo_shared, path):
    get = client.get(path)
    head = client.head(path)
    body = b"".join(head.streaming_content) if head.streaming else head.content
    assert (head.status_code, body) == (200, b"")
    for header in ("Content-Type", "ETag", "Cache-Control", "Access-Control-Allow-Origin"):
        assert head.get(header) == get.get(header), header
    if not get.streaming:
        assert head["Content-Length"] == str(len(get.content))


def test_head_of_what_is_not_there_is_a_404_without_a_body(client, demo_shared):
    response = client.head("/api/v1/wec/2021/portimao/race/classification")
    assert (response.status_code, response.content) == (404, b"")
