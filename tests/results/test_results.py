"""The classification as fans and tools see it: pages, JSON, freshness after edits, query counts."""

import datetime as dt
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import services
from events.models import (
    CarClass,
    Championship,
    Circuit,
    Driver,
    Entry,
    EntryDriver,
    Lap,
    Round,
    Season,
    Session,
    StatusOverride,
    Team,
)
from events.selectors import session_result_rows
from tests.admin.test_admin import post_action
from tests.helpers import login, table_rows

PATH = "wec/2021/portimao/qualifying"
PAGE = f"/{PATH}/"
JSON_URL = f"/api/v1/{PATH}/classification"


def by_number(rows):
    return {row["number"]: row for row in rows}


@pytest.fixture
def demo_json(client, demo_shared):
    return client.get(JSON_URL).json()


def test_json_session_header(demo_json):
    session = demo_json["session"]
    assert {k: session[k] for k in ("path", "name", "kind", "status")} == {
        "path": PATH,
        "name": "Qualifying",
        "kind": "qualifying",
        "status": "provisional",
    }
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00", session["updated_at"])


def test_json_pole_and_reference_facts(demo_json):
    overall = demo_json["overall"]
    assert overall[0] == {
        "overall_position": 1,
        "class_position": 1,
        "number": "36",
        "class": "HYPERCAR",
        "group": "",
        "team": "Alpine Elf Matmut",
        "car": "Alpine A480 - Gibson",
        "drivers": ["Andre Negrao", "Nicolas Lapierre", "Matthieu Vaxiviere"],
        "status": "classified",
        "laps": 5,
        "best_lap_ms": 90364,
        "best_lap": "1:30.364",
        "best_lap_number": 3,
        "best_lap_driver": "Matthieu Vaxiviere",
        "total_time_ms": None,
        "gap_to_leader_ms": 0,
        "gap_to_leader_laps": 0,
        "gap_to_leader": "",
        "interval_ms": None,
        "interval_laps": 0,
        "interval": "",
    }
    rows = by_number(overall)
    assert (rows["8"]["overall_position"], rows["8"]["gap_to_leader_ms"], rows["8"]["gap_to_leader"]) == (
        2,
        94,
        "+0.094",
    )
    assert rows["7"]["overall_position"] == 3
    assert (rows["709"]["overall_position"], rows["709"]["best_lap"], rows["709"]["gap_to_leader"]) == (
        11,
        "1:32.167",
        "+1.803",
    )
    assert [row["number"] for row in overall] == [
        "36",
        "8",
        "7",
        "28",
        "38",
        "29",
        "22",
        "31",
        "34",
        "70",
        "709",
        "65",
        "1",
        "44",
        "92",
        "51",
        "91",
        "56",
        "77",
        "52",
        "47",
        "83",
        "33",
        "98",
        "85",
        "54",
    ]
    assert len(overall) == 26


def test_json_class_lists(demo_json):
    classes = {c["code"]: c for c in demo_json["classes"]}
    assert [c["code"] for c in demo_json["classes"]] == ["HYPERCAR", "LMP2", "LMGTE Pro", "LMGTE Am"]
    lmp2 = classes["LMP2"]["results"]
    assert [(r["class_position"], r["number"], r["gap_to_leader"]) for r in lmp2[:2]] == [
        (1, "28", ""),
        (2, "38", "+0.045"),
    ]
    assert lmp2[1]["gap_to_leader_ms"] == 45 and lmp2[1]["interval_ms"] == 45
    pro = classes["LMGTE Pro"]["results"]
    assert [(r["class_position"], r["number"], r["best_lap"]) for r in pro] == [
        (1, "92", "1:37.986"),
        (2, "51", "1:38.291"),
        (3, "91", "1:38.402"),
        (4, "52", "1:38.779"),
    ]
    am = classes["LMGTE Am"]["results"]
    assert (am[0]["number"], am[0]["class_position"], am[0]["best_lap"]) == ("56", 1, "1:38.655")
    assert next(r for r in lmp2 if r["number"] == "44")["group"] == "P/A"


def test_fourth_gte_is_the_am_pole(demo_json):
    gte = [r["number"] for r in demo_json["overall"] if r["class"].startswith("LMGTE")]
    assert gte[:4] == ["92", "51", "91", "56"]


def test_session_page_shows_the_same_rows(client, demo_shared):
    html = client.get(PAGE).content.decode()
    rows = [r for r in table_rows(html) if r and r[0].isdigit()]
    assert rows[0][:9] == [
        "1",
        "1",
        "36",
        "Alpine Elf Matmut",
        "Andre Negrao, Nicolas Lapierre, Matthieu Vaxiviere",
        "Alpine A480 - Gibson",
        "1:30.364",
        "",
        "",
    ]
    assert rows[1][:9] == [
        "2",
        "2",
        "8",
        "Toyota Gazoo Racing",
        "Sebastien Buemi, Kazuki Nakajima, Brendon Hartley",
        "Toyota GR010 - Hybrid",
        "1:30.458",
        "+0.094",
        "+0.094",
    ]
    by_no = {r[2]: r for r in rows}
    assert by_no["709"][:2] == ["11", "4"] and by_no["709"][6:8] == ["1:32.167", "+1.803"]
    assert by_no["38"][:2] == ["5", "2"] and by_no["38"][7] == "+0.045"
    assert by_no["92"][:2] == ["15", "1"] and by_no["92"][6] == "1:37.986"
    assert by_no["91"][:2] == ["17", "3"]
    assert by_no["56"][:2] == ["18", "1"]
    assert '<span class="lap-driver">Matthieu Vaxiviere</span>' in html
    assert "Provisional" in html and "results last changed" in html


def test_session_page_overall_view_has_overall_gaps(client, demo_shared):
    rows = [r for r in table_rows(client.get(PAGE + "?view=overall").content.decode()) if r and r[0].isdigit()]
    by_no = {r[2]: r for r in rows}
    # Overall view: class column, gaps to the overall leader.
    assert by_no["28"][:4] == ["4", "1", "28", "LMP2"]
    assert by_no["28"][8:10] == ["+0.800", "+0.591"]


def test_session_page_filters_by_class_team_and_driver(client, demo_shared):
    rows = [
        r for r in table_rows(client.get(PAGE, {"car_class": "LMGTE Pro"}).content.decode()) if r and r[0].isdigit()
    ]
    assert [r[2] for r in rows] == ["92", "51", "91", "52"]
    rows = [r for r in table_rows(client.get(PAGE, {"team": "Jota"}).content.decode()) if r and r[0].isdigit()]
    assert [(r[0], r[1], r[2]) for r in rows] == [("4", "1", "28"), ("5", "2", "38")]
    bruni = Driver.objects.get(last_name="Bruni")
    rows = [r for r in table_rows(client.get(PAGE, {"driver": bruni.pk}).content.decode()) if r and r[0].isdigit()]
    assert [r[2] for r in rows] == ["91"]
    rows = [
        r for r in table_rows(client.get(PAGE, {"manufacturer": "Ferrari"}).content.decode()) if r and r[0].isdigit()
    ]
    assert {r[2] for r in rows} == {"51", "52", "47", "83", "85", "54"}


def test_sorting_never_renumbers_positions(client, demo_shared):
    html = client.get(PAGE, {"hypercar-sort": "-best_lap"}).content.decode()
    hypercar = [r for r in table_rows(html) if r and r[0].isdigit()][:4]
    assert [(r[0], r[1], r[2]) for r in hypercar] == [
        ("11", "4", "709"),
        ("3", "3", "7"),
        ("2", "2", "8"),
        ("1", "1", "36"),
    ]


def test_csv_download_of_what_is_shown(client, demo_shared):
    response = client.get(PAGE, {"car_class": "LMGTE Pro", "_export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="wec-2021-portimao-qualifying-class.csv"'
    # the API's format: ";", UTF-8 with a byte-order mark, CRLF (without Al Kamel's trailing ";")
    lines = response.content.decode("utf-8").split("\r\n")
    assert lines[0] == "\ufeffPos;Cl;No;Class;Team;Drivers;Car;Best lap;Gap;Int;Laps;km/h"
    assert lines[1] == "15;1;92;LMGTE Pro;Porsche GT Team;Kevin Estre / Neel Jani;Porsche 911 RSR-19;1:37.986;;;5;171.0"
    assert (
        lines[3] == "17;3;91;LMGTE Pro;Porsche GT Team;Gianmaria Bruni / Richard Lietz;Porsche 911 RSR-19;"
        "1:38.402;+0.416;+0.111;5;170.2"
    )
    assert len(lines) == 6 and lines[5] == ""


def test_car_page_strikes_through_a_deleted_time_with_reason(client, demo_shared):
    html = client.get(f"/{PATH}/car/91/").content.decode()
    assert '<tr class="lap-deleted odd">' in html and "<del>1:38.127</del>" in html
    rows = table_rows(html)
    deleted = next(r for r in rows if r and r[0] == "4")
    # Why comes right after the time (a phone shows it without scrolling), then the sectors.
    assert deleted[:3] == ["4", "Gianmaria Bruni", "1:38.127"] and deleted[4:7] == ["30.419", "37.288", "30.420"]
    assert deleted[3].startswith("Track limits: Track limits on the car's best lap on ")
    assert '<td class="deletion-reason">Track limits: Track limits' in html
    assert client.get(f"/{PATH}/car/991/").status_code == 404


def test_deleting_a_lap_time_in_the_admin_changes_page_and_json_at_once(client, demo, editor):
    assert by_number(client.get(JSON_URL).json()["overall"])["36"]["overall_position"] == 1
    session = Session.objects.get(slug="qualifying")
    pole_lap = Lap.objects.get(session=session, entry__number="36", lap_number=3)
    login(client, editor)
    post_action(client, session, "delete_lap_time", [pole_lap], apply="1", reason="track_limits", note="Turn 1")
    rows = by_number(client.get(JSON_URL).json()["overall"])
    assert (rows["8"]["overall_position"], rows["36"]["overall_position"], rows["36"]["best_lap"]) == (1, 2, "1:30.512")
    assert rows["36"]["gap_to_leader"] == "+0.054"
    page_rows = [r for r in table_rows(client.get(PAGE).content.decode()) if r and r[0].isdigit()]
    assert [r[2] for r in page_rows[:2]] == ["8", "36"]
    post_action(client, session, "reinstate_lap_time", [pole_lap], apply="1", note="")
    assert client.get(JSON_URL).json()["overall"][0]["number"] == "36"


def test_deleting_a_lap_time_with_the_command_changes_the_json(client, demo):
    call_command("delete_lap_time", PATH, "--car", "92", "--lap", "3", "--reason", "Track limits")
    pro = next(c for c in client.get(JSON_URL).json()["classes"] if c["code"] == "LMGTE Pro")["results"]
    assert [(r["number"], r["best_lap"]) for r in pro[:2]] == [("92", "1:38.211"), ("51", "1:38.291")]
    call_command("delete_lap_time", PATH, "--car", "92", "--lap", "3", "--reinstate")
    pro = next(c for c in client.get(JSON_URL).json()["classes"] if c["code"] == "LMGTE Pro")["results"]
    assert pro[0]["best_lap"] == "1:37.986"


@pytest.mark.parametrize(
    "change",
    [
        "lap_time",
        "lap_deleted",
        "entry",
        "line_up",
        "team_name",
        "driver_name",
        "penalty",
        "override",
        "class",
        "season",
        "session_status",
    ],
)
def test_every_change_marks_the_results_stale(demo, change):
    session = Session.objects.get(slug="qualifying")
    list(session_result_rows(session))
    session.refresh_from_db()
    assert session.classified_version == session.results_version
    before = session.results_version
    entry = Entry.objects.get(round=session.round, number="36")
    lap = Lap.objects.get(session=session, entry=entry, lap_number=3)
    if change == "lap_time":
        services.lap_time_correct(lap=lap, lap_time_ms=90000, user=None)
    elif change == "lap_deleted":
        services.lap_time_delete(lap=lap, note="x", user=None)
    elif change == "entry":
        entry.car = "Alpine A480"
        entry.save()
    elif change == "line_up":
        entry.entry_drivers.first().delete()
    elif change == "team_name":
        Team.objects.filter(pk=entry.team_id).get().save()
    elif change == "driver_name":
        driver = Driver.objects.get(last_name="Vaxiviere")
        driver.first_name = "Matt"
        driver.save()
    elif change == "penalty":
        services.penalty_apply(session=session, entry=entry, kind="disqualification", reason="x", user=None)
    elif change == "override":
        StatusOverride.objects.create(session=session, entry=entry, status="did_not_start", reason="x")
    elif change == "class":
        car_class = entry.car_class
        car_class.name = "Hypercars"
        car_class.save()
    elif change == "season":
        season = session.round.season
        season.classification_threshold_percent = 75
        season.save()
    elif change == "session_status":
        session.status = "final"
        session.save()
    session.refresh_from_db()
    assert session.results_version > before
    assert session.classified_version < session.results_version


def test_a_changed_driver_name_shows_at_once(client, demo):
    client.get(JSON_URL)
    driver = Driver.objects.get(last_name="Vaxiviere")
    driver.first_name = "Matt"
    driver.save()
    assert client.get(JSON_URL).json()["overall"][0]["best_lap_driver"] == "Matt Vaxiviere"


def test_disqualification_by_command_moves_others_up(client, demo):
    call_command("apply_penalty", PATH, "--car", "36", "--disqualify", "--reason", "Technical infringement")
    overall = client.get(JSON_URL).json()["overall"]
    assert overall[0]["number"] == "8" and overall[0]["overall_position"] == 1
    assert (overall[-1]["number"], overall[-1]["status"], overall[-1]["overall_position"]) == (
        "36",
        "disqualified",
        None,
    )


def make_session(n_cars, laps_per_car=3):
    """A qualifying session of n cars in two classes, for query counts."""
    championship = Championship.objects.create(name=f"Series {n_cars}", short_name="S", slug=f"s{n_cars}")
    season = Season.objects.create(championship=championship, year=2024)
    circuit = Circuit.objects.create(name=f"Track {n_cars}", country="X", length_m=5000)
    round_ = Round.objects.create(
        season=season,
        order=1,
        name="R",
        slug="r",
        circuit=circuit,
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2024, 1, 1),
    )
    session = Session.objects.create(round=round_, kind="qualifying", name="Q", slug="q")
    classes = [CarClass.objects.create(season=season, code=c, name=c, display_order=i) for i, c in enumerate("AB")]
    team = Team.objects.create(name=f"Team {n_cars}")
    laps = []
    for i in range(n_cars):
        entry = Entry.objects.create(
            round=round_, number=str(i + 1), car_class=classes[i % 2], team=team, car="C", manufacturer=f"M{i % 3}"
        )
        driver = Driver.objects.create(first_name="D", last_name=f"{n_cars}-{i}")
        EntryDriver.objects.create(entry=entry, driver=driver, order=1)
        laps += [
            Lap(
                session=session,
                entry=entry,
                driver=driver,
                lap_number=n,
                lap_time_ms=100000 + i * 10 + n,
                elapsed_ms=n * 100000 + i,
            )
            for n in range(1, laps_per_car + 1)
        ]
    Lap.objects.bulk_create(laps)
    services.session_results_touch(session_ids=[session.pk])
    return session


def count_queries(client, url):
    client.get(url)  # classify once; the rows are stored
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_cars(client, db):
    make_session(10), make_session(60)
    small_driver, large_driver = Driver.objects.get(last_name="10-3"), Driver.objects.get(last_name="60-3")
    for small_suffix, large_suffix in [
        ("", ""),
        ("?view=overall", "?view=overall"),
        ("?car_class=A", "?car_class=A"),
        (f"?driver={small_driver.pk}", f"?driver={large_driver.pk}"),
    ]:
        assert count_queries(client, f"/s10/2024/r/q/{small_suffix}") == count_queries(
            client, f"/s60/2024/r/q/{large_suffix}"
        )
    assert count_queries(client, "/api/v1/s10/2024/r/q/classification") == count_queries(
        client, "/api/v1/s60/2024/r/q/classification"
    )


def test_stale_classification_is_recomputed_with_a_fixed_number_of_queries(client, db):
    make_session(10, laps_per_car=2), make_session(60, laps_per_car=20)
    with CaptureQueriesContext(connection) as small_queries:
        client.get("/api/v1/s10/2024/r/q/classification")
    with CaptureQueriesContext(connection) as large_queries:
        client.get("/api/v1/s60/2024/r/q/classification")
    assert len(small_queries) == len(large_queries)


def test_unknown_session_is_404(client, demo_shared):
    assert client.get("/wec/2021/portimao/race/").status_code == 404
    assert client.get("/api/v1/wec/2021/portimao/race/classification").status_code == 404


def test_round_season_grid_driver_and_team_pages(client, demo_shared):
    round_html = client.get("/wec/2021/portimao/").content.decode()
    assert '<a href="/wec/2021/portimao/qualifying/">Qualifying</a>' in round_html
    entry_rows = [r for r in table_rows(round_html) if len(r) == 6 and r[0].isdigit()]
    assert entry_rows[0] == [
        "7",
        "HYPERCAR",
        "Toyota Gazoo Racing",
        "Toyota GR010 - Hybrid",
        "Michelin",
        "Mike Conway, Kamui Kobayashi, Jose Maria Lopez",
    ]
    assert len(entry_rows) == 26
    season_html = client.get("/wec/2021/").content.decode()
    assert "8 Hours of Portimao" in season_html and "Autodromo Internacional do Algarve" in season_html
    grid_rows = [r for r in table_rows(client.get("/wec/2021/portimao/grid/").content.decode()) if r and r[0].isdigit()]
    assert [(r[0], r[1], r[2]) for r in grid_rows[:5]] == [
        ("1", "1", "36"),
        ("2", "2", "8"),
        ("3", "3", "7"),
        ("4", "4", "709"),
        ("5", "1", "28"),
    ]
    driver = Driver.objects.get(last_name="Bruni")
    driver_rows = [
        r for r in table_rows(client.get(f"/drivers/{driver.slug}/").content.decode()) if r and r[0] == "2021"
    ]
    assert driver_rows == [
        [
            "2021",
            "8 Hours of Portimao",
            "Qualifying",
            "91",
            "Porsche GT Team",
            "LMGTE Pro",
            "17",
            "3",
            "Classified",
            "1:38.402",
        ]
    ]
    team = Team.objects.get(name="Jota")
    team_rows = [r for r in table_rows(client.get(f"/teams/{team.slug}/").content.decode()) if r and r[0] == "2021"]
    assert [(r[3], r[5], r[6]) for r in team_rows] == [("28", "4", "1"), ("38", "5", "2")]


def test_class_colours_come_from_a_stylesheet(client, demo_shared):
    response = client.get("/wec/2021/classes.css")
    assert response["Content-Type"] == "text/css; charset=utf-8"

    hypercar = CarClass.objects.get(code="HYPERCAR")
    assert f".cls-{hypercar.pk}{{--class-colour:#d4001a}}" in response.content.decode()


def test_names_are_escaped_on_the_session_page(client, demo):
    Team.objects.filter(name="Jota").update(name="<script>alert(1)</script>")
    Driver.objects.filter(last_name="Blomqvist").update(last_name='"><img src=x onerror=alert(1)>')
    session = Session.objects.get(slug="qualifying")
    services.session_results_touch(session_ids=[session.pk])
    html = client.get(PAGE).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


def test_cached_response_costs_one_query_and_a_change_gives_a_fresh_body(client, demo):
    for url in (JSON_URL, PAGE, PAGE + "?view=overall"):
        first = client.get(url)  # teaches the cache which session the address shows
        client.get(url)  # kept
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        assert len(queries) == 1  # the session and its results version
        assert again.content == first.content
        for header in ("ETag", "Last-Modified", "Content-Type", "Content-Security-Policy", "X-Frame-Options"):
            assert again.get(header) == first.get(header), header
        assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    session = Session.objects.get(slug="qualifying")
    services.lap_time_delete(
        lap=Lap.objects.get(session=session, entry__number="36", lap_number=3), note="x", user=None
    )
    assert client.get(JSON_URL).json()["overall"][0]["number"] == "8"
    assert [r for r in table_rows(client.get(PAGE).content.decode()) if r and r[0].isdigit()][0][2] == "8"


def test_a_kept_answer_is_not_given_for_a_session_that_moved(client, demo):
    for _ in range(3):
        assert client.get(PAGE).status_code == 200
    Session.objects.filter(slug="qualifying").update(slug="qualifying-1")
    assert client.get(PAGE).status_code == 404
    assert client.get("/wec/2021/portimao/qualifying-1/").status_code == 200


def test_season_calendar_shows_the_class_winners_of_races(client, demo):
    qualifying = Session.objects.get(slug="qualifying")
    race = Session.objects.create(round=qualifying.round, kind="race", name="Race", slug="race")
    for number, lap_times in [
        ("36", [100000, 100000, 100000]),
        ("8", [99000, 99000, 99000]),
        ("92", [110000] * 3),
        ("51", [160000] * 2),
    ]:
        entry = Entry.objects.get(round=qualifying.round, number=number)
        elapsed = 0
        for lap_number, lap_time in enumerate(lap_times, start=1):
            elapsed += lap_time
            Lap.objects.create(
                session=race, entry=entry, lap_number=lap_number, lap_time_ms=lap_time, elapsed_ms=elapsed
            )
    html = client.get("/wec/2021/").content.decode()
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
    assert "HYPERCAR #8 Toyota Gazoo Racing (Sebastien Buemi, Kazuki Nakajima, Brendon Hartley)" in text
    assert "LMGTE Pro #92 Porsche GT Team (Kevin Estre, Neel Jani)" in text
    race_rows = by_number(client.get("/api/v1/wec/2021/portimao/race/classification").json()["overall"])
    assert (race_rows["8"]["overall_position"], race_rows["36"]["gap_to_leader"], race_rows["92"]["gap_to_leader"]) == (
        1,
        "+3.000",
        "+33.000",
    )
    assert (race_rows["51"]["status"], race_rows["51"]["overall_position"]) == ("not_classified", None)
    assert (race_rows["7"]["status"], race_rows["7"]["overall_position"]) == ("did_not_start", None)


def test_round_circuit_and_championship_edits_refresh_the_page(client, demo):
    client.get(JSON_URL)
    before = client.get(PAGE).content.decode()
    assert "171.0" in before
    circuit = Circuit.objects.get()
    circuit.length_m = 4684
    circuit.save()
    after = client.get(PAGE).content.decode()
    assert "172.1" in after and "171.0" not in after
    round_ = Round.objects.get()
    round_.name = "6 Hours of Portimao"
    round_.save()
    assert "6 Hours of Portimao" in client.get(PAGE).content.decode()


def test_sorting_by_number_is_numeric(client, demo_shared):
    rows = [r for r in table_rows(client.get(PAGE, {"lmp2-sort": "number"}).content.decode()) if r and r[0].isdigit()]
    lmp2 = [r[2] for r in rows if r[2] in {"1", "22", "28", "29", "31", "34", "38", "44", "65", "70"}]
    assert lmp2 == ["1", "22", "28", "29", "31", "34", "38", "44", "65", "70"]


def test_conditional_get_gives_304_and_a_change_gives_a_new_etag(client, demo):
    for url in (JSON_URL, PAGE, f"/api/v1/{PATH}/classification.csv"):
        first = client.get(url)
        etag, last_modified = first["ETag"], first["Last-Modified"]
        assert re.fullmatch(r'"\d+-\d+-\d+"', etag) and last_modified.endswith(" GMT")
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    etag = client.get(JSON_URL)["ETag"]
    session = Session.objects.get(slug="qualifying")
    services.lap_time_delete(
        lap=Lap.objects.get(session=session, entry__number="36", lap_number=3), note="x", user=None
    )
    response = client.get(JSON_URL, headers={"If-None-Match": etag})
    assert response.status_code == 200 and response["ETag"] != etag
    assert response.json()["overall"][0]["number"] == "8"


def test_json_and_csv_may_be_cached_by_anyone_for_a_minute(client, demo_shared):
    for url in (JSON_URL, f"/api/v1/{PATH}/classification.csv", f"/api/v1/{PATH}/laps.csv"):
        response = client.get(url)
        assert response["Cache-Control"] == "public, max-age=60, s-maxage=300, stale-while-revalidate=600"
        assert response["Access-Control-Allow-Origin"] == "*"
    assert "Cache-Control" not in client.get(PAGE)
