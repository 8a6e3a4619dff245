"""Links and marks (issue 14): the results tables link each driver and team; the car page links its
team, marks the car's best valid lap and best valid sectors and says why a time was deleted, on a
phone too; the starting grid links each car to its page in the session that placed it. Embeds, CSVs
and the JSON stay plain text."""

import re
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import services
from events.enums import DeletionReason, SessionKind
from events.models import Driver, Entry, Lap, ResultRow, Session, Team
from tests.browser.conftest import ARTIFACTS, CHROMIUM, browser  # noqa: F401 - the browser fixture
from tests.helpers import table_rows

PAGE = "/wec/2021/portimao/qualifying/"
CAR = "/wec/2021/portimao/qualifying/car/7/"
SITE_CSS = Path(__file__).resolve().parents[2] / "static" / "events" / "css" / "site.css"


def cell(html: str, number: str, column: str) -> str:
    """The HTML inside one cell of a results table: car ``number``'s ``col-<column>``."""
    row = re.search(rf'<tr data-number="{number}">(.*?)</tr>', html, flags=re.S).group(1)
    return re.search(rf'<td class="col-{column}">(.*?)</td>', row, flags=re.S).group(1)


def lap_cells(html: str) -> list[list[str]]:
    """The lap table's body rows as the raw HTML of their cells."""
    body = html[html.index('<table class="laps"') :]
    body = body[body.index("<tbody") : body.index("</tbody>")]
    return [re.findall(r"<td\b[^>]*>.*?</td>", tr, flags=re.S) for tr in re.findall(r"<tr\b.*?</tr>", body, re.S)]


# --- Results tables -------------------------------------------------------------------------------


def test_session_table_links_each_team_and_driver_to_their_pages(client, demo_shared):
    for view in ("", "?view=overall"):
        html = client.get(PAGE + view).content.decode()
        assert cell(html, "36", "team") == '<a href="/teams/alpine-elf-matmut/">Alpine Elf Matmut</a>'
        assert cell(html, "36", "drivers") == (
            '<a href="/drivers/andre-negrao/"><span class="driver">Andre Negrao</span></a>, '
            '<a href="/drivers/nicolas-lapierre/"><span class="driver">Nicolas Lapierre</span></a>, '
            '<a href="/drivers/matthieu-vaxiviere/"><span class="lap-driver">Matthieu Vaxiviere</span></a>'
        )
        assert cell(html, "36", "number") == '<a href="/wec/2021/portimao/qualifying/car/36/">36</a>'
    assert client.get("/drivers/matthieu-vaxiviere/").status_code == 200
    assert client.get("/teams/alpine-elf-matmut/").status_code == 200


def test_links_in_the_table_are_escaped_with_the_names(client, session):
    team = Team.objects.create(name='Jack "<b>" & Co')
    Entry.objects.filter(number="7").update(team=team)
    driver = Driver.objects.get(last_name="Conway")
    driver.last_name = "O'Conway <i>"  # the address stays: a slug never changes
    driver.save()
    services.session_results_touch(session_ids=[session.pk])
    html = client.get(PAGE).content.decode()
    assert cell(html, "7", "team") == '<a href="/teams/jack-b-co/">Jack &quot;&lt;b&gt;&quot; &amp; Co</a>'
    assert cell(html, "7", "drivers") == (
        '<a href="/drivers/mike-conway/"><span class="lap-driver">Mike O&#x27;Conway &lt;i&gt;</span></a>'
    )
    assert "<b>" not in html and "<i>" not in html


def test_a_driver_gone_since_the_rows_were_computed_is_named_without_a_link(client, session):
    """A line-up is copied into the stored rows: a page read before they are recomputed names the driver."""
    html_before = client.get(PAGE + "?view=overall").content.decode()
    assert '<a href="/drivers/gianmaria-bruni/">' in cell(html_before, "91", "drivers")

    row = ResultRow.objects.get(entry__number="91")
    row.line_up = [[999_999, "Nobody", "Known"]]
    row.save()
    caches["results"].clear()
    html = client.get(PAGE + "?view=overall").content.decode()
    assert cell(html, "91", "drivers") == '<span class="driver">Nobody Known</span>'


def test_the_drivers_addresses_are_read_once_per_page_however_many_tables_and_cars(client, demo_shared):
    for url in (PAGE, PAGE + "?view=overall", PAGE + "?car_class=LMP2"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        slug_reads = [q["sql"] for q in queries if 'FROM "events_driver"' in q["sql"]]
        assert len(slug_reads) == 1, url


def test_the_embed_the_csv_and_the_json_stay_plain_text(client, demo_shared):
    embed = client.get("/embed/wec/2021/portimao/qualifying/?columns=full").content.decode()
    body = embed[embed.index("<tbody>") : embed.rindex("</tbody>")]
    assert "<a " not in body  # inside a frame a link would replace the table
    assert re.search(r'<td class="col-team">Alpine Elf Matmut</td>', body)
    assert '<td class="col-drivers"><span class="driver">Andre Negrao</span>, ' in body
    lines = client.get(PAGE + "?_export=csv").content.decode("utf-8").split("\r\n")
    assert lines[0] == "\ufeffPos;Cl;No;Class;Team;Drivers;Car;Best lap;Gap;Int;Laps;km/h"
    row = next(line for line in lines if line.split(";")[2:3] == ["36"])
    assert row.split(";")[4:6] == ["Alpine Elf Matmut", "Andre Negrao / Nicolas Lapierre / Matthieu Vaxiviere"]
    data = client.get("/api/v1/wec/2021/portimao/qualifying/classification").json()
    by_number = {row["number"]: row for row in data["overall"]}
    assert by_number["36"]["team"] == "Alpine Elf Matmut"
    assert by_number["36"]["drivers"] == ["Andre Negrao", "Nicolas Lapierre", "Matthieu Vaxiviere"]


# --- The car page ---------------------------------------------------------------------------------


@pytest.fixture
def seven_with_sectors(session, clock):
    """#7 of ``session``: lap 1 has the best S1, lap 2 the best time (1:30.573) and S2, lap 3 is faster
    in S1 and S2 but its time is deleted, lap 4 equals lap 2's time (later: not the best) and has the best S3."""
    sectors = {1: (29_950, 31_000, 30_250), 2: (30_073, 30_300, 30_200), 3: (29_000, 30_000, 31_640)}
    for lap_number, (s1, s2, s3) in sectors.items():
        Lap.objects.filter(entry__number="7", lap_number=lap_number).update(
            sector_1_ms=s1, sector_2_ms=s2, sector_3_ms=s3
        )
    entry = Entry.objects.get(number="7")
    Lap.objects.create(
        session=session, entry=entry, lap_number=4, lap_time_ms=90_573, sector_1_ms=30_100, sector_2_ms=30_373,
        sector_3_ms=30_100, driver=Driver.objects.get(last_name="Conway"),
    )  # fmt: skip
    services.lap_time_delete(lap=Lap.objects.get(entry=entry, lap_number=3), note="Turn 5 <all wheels>", user=None)
    return entry


def marked(html: str) -> list[tuple[str, str]]:
    """(lap, column header) of every cell of the lap table marked best."""
    headers = ["Lap", "Driver", "Time", "Deleted", "S1", "S2", "S3", "Pit", "Pit time", "Elapsed"]
    return [
        (re.sub(r"<[^>]+>", "", cells[0]), headers[index])
        for cells in lap_cells(html)
        for index, td in enumerate(cells)
        if td.startswith('<td class="best">')
    ]


def test_car_page_marks_the_best_valid_lap_and_each_best_valid_sector(client, seven_with_sectors):
    html = client.get(CAR).content.decode()
    assert marked(html) == [("1", "S1"), ("2", "Time"), ("2", "S2"), ("4", "S3")]
    second = lap_cells(html)[1]
    assert second[2] == (
        '<td class="best">1:30.573 <small class="best-mark">best<span class="visually-hidden"> lap</span></small></td>'
    )
    assert second[5] == (
        '<td class="best">30.300 <small class="best-mark">best<span class="visually-hidden"> sector 2</span></small>'
        "</td>"
    )
    rows = [row for row in table_rows(html[html.index('<table class="laps"') :]) if row and row[0].isdigit()]
    assert [row[:3] + row[4:7] for row in rows] == [
        ["1", "Mike Conway", "1:31.200", "29.950 best sector 1", "31.000", "30.250"],
        ["2", "Mike Conway", "1:30.573 best lap", "30.073", "30.300 best sector 2", "30.200"],
        ["3", "Mike Conway", "1:30.640", "29.000", "30.000", "31.640"],
        ["4", "Mike Conway", "1:30.573", "30.100", "30.373", "30.100 best sector 3"],
    ]
    assert "<del>1:30.640</del>" in html


def test_the_marks_stay_on_their_laps_when_the_table_is_sorted(client, seven_with_sectors):
    html = client.get(CAR + "?sort=-lap_number").content.decode()
    assert [re.sub(r"<[^>]+>", "", cells[0]) for cells in lap_cells(html)] == ["4", "3", "2", "1"]
    assert marked(html) == [("4", "S3"), ("2", "Time"), ("2", "S2"), ("1", "S1")]


def test_the_mark_moves_when_the_best_time_is_deleted_and_comes_back_when_reinstated(client, seven_with_sectors):
    best = Lap.objects.get(entry__number="7", lap_number=2)
    services.lap_time_delete(lap=best, note="Turn 1", user=None)
    assert marked(client.get(CAR).content.decode()) == [("1", "S1"), ("4", "Time"), ("4", "S2"), ("4", "S3")]
    services.lap_time_reinstate(lap=best, note="", user=None)
    assert marked(client.get(CAR).content.decode()) == [("1", "S1"), ("2", "Time"), ("2", "S2"), ("4", "S3")]


def test_a_car_with_every_time_deleted_has_no_mark(client, session):
    for lap in Lap.objects.filter(entry__number="91"):
        services.lap_time_delete(lap=lap, note="Pit lane speeding", user=None, kind=DeletionReason.OTHER)
    html = client.get("/wec/2021/portimao/qualifying/car/91/").content.decode()
    assert marked(html) == [] and 'class="best"' not in html


def test_car_page_links_its_team_escaped(client, session):
    Team.objects.filter(name="Toyota Gazoo Racing").update(name="Toyota <Gazoo> & Racing")
    html = client.get(CAR).content.decode()
    assert (
        '<h1>#7 <a href="/teams/toyota-gazoo-racing/">Toyota &lt;Gazoo&gt; &amp; Racing</a> '
        '<span class="muted">Qualifying</span></h1>'
    ) in html
    assert client.get("/teams/toyota-gazoo-racing/").status_code == 200


def test_a_deleted_time_says_why_in_words_in_its_own_cell(client, seven_with_sectors, editor):
    third = lap_cells(client.get(CAR).content.decode())[2]
    assert (
        third[3] == '<td class="deletion-reason">Track limits: Turn 5 &lt;all wheels&gt; on 2026-06-13 14:00 UTC</td>'
    )
    lap = Lap.objects.get(entry__number="7", lap_number=1)
    services.lap_time_delete(lap=lap, note="Turn 14", user=editor, kind=DeletionReason.OTHER)
    first = lap_cells(client.get(CAR).content.decode())[0]
    assert first[3] == '<td class="deletion-reason">Other: Turn 14 by edith on 2026-06-13 14:00 UTC</td>'


def test_a_deleted_time_without_a_note_says_its_reason_alone(client, seven_with_stints):
    """(A lap deleted by an import carries no note: no dangling colon.)"""
    third = lap_cells(client.get(CAR).content.decode())[2]
    assert third[3] == '<td class="deletion-reason">Track limits</td>'


def test_no_phone_rule_hides_why_a_time_was_deleted_or_the_best_marks():
    css = SITE_CSS.read_text()
    for block in re.findall(r"@media \(max-width: 40rem\) \{(.*?)\n\}", css, flags=re.S):
        for rule in re.findall(r"([^{}]+)\{([^}]*)\}", block):
            if "display: none" in rule[1]:
                assert "deletion" not in rule[0] and "best" not in rule[0] and ".laps" not in rule[0], rule


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed")
@pytest.mark.django_db(transaction=True)
def test_a_phone_sees_the_best_marks_and_why_a_time_was_deleted(browser, live_server, session, clock):  # noqa: F811
    Lap.objects.filter(entry__number="7", lap_number=2).update(sector_1_ms=29_000, sector_2_ms=31_000)
    services.lap_time_delete(lap=Lap.objects.get(entry__number="7", lap_number=3), note="Turn 5", user=None)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}{CAR}")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "car-marks-390.png", full_page=True)
    reason = page.locator("tr.lap-deleted td.deletion-reason")
    assert reason.inner_text() == "Track limits: Turn 5 on 2026-06-13 14:00 UTC"
    assert reason.is_visible()
    assert reason.evaluate("e => { const r = e.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth; }")
    best = page.locator("td.best").first
    assert best.inner_text().startswith("1:30.573 BEST")  # then "lap", hidden but for screen readers
    assert best.locator(".best-mark").is_visible()
    assert best.locator(".best-mark").evaluate("e => e.getBoundingClientRect().right <= innerWidth")
    assert page.locator(".crumbs [aria-current=page]").inner_text() == "#7"
    assert page.evaluate("document.documentElement.scrollWidth") == 390  # the sectors scroll in their box
    page.close()


# --- The starting grid ----------------------------------------------------------------------------


def test_the_grid_links_each_car_to_its_page_in_the_session_that_placed_it(client, session):
    hyperpole = Session.objects.create(
        round=session.round, kind=SessionKind.HYPERPOLE, name="Hyperpole", slug="hyperpole"
    )
    seven = Entry.objects.get(number="7")
    Lap.objects.create(session=hyperpole, entry=seven, lap_number=1, lap_time_ms=89_999, elapsed_ms=89_999)
    html = client.get("/wec/2021/portimao/grid/").content.decode()
    places = re.findall(r'<tr>\s*<th scope="row">.*?</tr>', html, flags=re.S)
    body = [re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", tr, flags=re.S) for tr in places]
    assert [cells[2:5] for cells in body] == [
        [
            '<a href="/wec/2021/portimao/hyperpole/car/7/">7</a>',
            '<a href="/teams/toyota-gazoo-racing/">Toyota Gazoo Racing</a>',
            '<a href="/drivers/mike-conway/">Mike Conway</a>',
        ],
        [
            '<a href="/wec/2021/portimao/qualifying/car/91/">91</a>',
            '<a href="/teams/porsche-gt-team/">Porsche GT Team</a>',
            '<a href="/drivers/gianmaria-bruni/">Gianmaria Bruni</a>',
        ],
    ]
    assert [cells[-1] for cells in body] == ["Hyperpole", ""]
    assert client.get("/wec/2021/portimao/hyperpole/car/7/").status_code == 200


def test_the_grid_escapes_what_it_links(client, session):
    Team.objects.filter(name="Porsche GT Team").update(name="Porsche <GT> & Team")
    html = client.get("/wec/2021/portimao/grid/").content.decode()
    assert '<a href="/teams/porsche-gt-team/">Porsche &lt;GT&gt; &amp; Team</a>' in html
    assert "<GT>" not in html
