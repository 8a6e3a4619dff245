"""A car's charts as SVG: exact marks for a hand-built race, no inline style, names escaped."""

from events.core.charts import car_lap_series
from events.interfaces.car_charts import driver_best_rows, lap_times_svg, stint_rows, stint_timeline_svg
from tests.core.test_car_chart import RACE, lap

SERIES = car_lap_series("7", RACE)


def test_lap_times_scale_from_the_valid_laps_and_say_the_slow_ones_are_cut():
    svg = lap_times_svg(SERIES)
    # Valid times 98.000 ... 101.000 (the fastest, 97.500, is deleted): 97 s at the bottom (y 300), and
    # 115 % of 98 s, 112.7, up to 113 s at the top (y 60) over 240 px; the in-lap and the out-lap are slower.
    assert svg.startswith(
        '<svg class="chart lap-times" viewBox="0 0 960 328" role="img" aria-labelledby="lap-times-7-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="lap-times-7-title">Lap times of car #7 over 10 laps, a point '
        "a lap coloured by driver (Mike Conway, Kamui Kobayashi, O&#x27;Brien &lt;b&gt;, Unknown driver); deleted "
        "times hollow, in-laps square; times over 1:53 (safety car, pit stops) drawn at the top edge</title>"
    )
    assert '<text class="tick" x="38" y="255" text-anchor="end">1:40</text>' in svg
    assert '<circle cx="140.9" cy="285" r="3"><title>Lap 2: 1:38.000, Mike Conway</title></circle>' in svg
    assert '<circle cx="431.6" cy="60" r="3"><title>Lap 5: 2:10.000, Kamui Kobayashi, out-lap</title></circle>' in svg
    assert "style=" not in svg and "<script" not in svg


def test_each_driver_points_in_their_colour_deleted_hollow_and_the_in_lap_square():
    svg = lap_times_svg(SERIES)
    assert (
        '<g class="driver driver-1"><circle cx="431.6" cy="60" r="3">'
        "<title>Lap 5: 2:10.000, Kamui Kobayashi, out-lap</title></circle>"
        '<circle class="deleted" cx="528.4" cy="292.5" r="3"><title>Lap 6: 1:37.500, Kamui Kobayashi, deleted</title>'
        '</circle><circle cx="625.3" cy="270" r="3"><title>Lap 7: 1:39.000, Kamui Kobayashi, safety car</title>'
        "</circle></g>"  # lap 8 has no time: no point
    ) in svg
    assert (
        '<rect class="pit" x="331.2" y="56.5" width="7" height="7"><title>Lap 4: 2:00.000, Mike Conway, in-lap</title>'
        "</rect></g>"
    ) in svg
    assert (
        '<g class="driver driver-2"><circle cx="819.1" cy="262.5" r="3"><title>Lap 9: 1:39.500, O&#x27;Brien &lt;b&gt;'
        "</title></circle></g>"
    ) in svg
    # Lap 7 under the safety car: a band half a lap either side of its point at x 625.3.
    assert (
        '<rect class="caution caution-sf" x="576.9" y="60" width="96.9" height="240">'
        "<title>Lap 7: Safety car</title></rect>" in svg
    )


def test_the_legend_names_the_drivers_escaped_then_the_marks_five_to_a_row():
    svg = lap_times_svg(SERIES)
    assert (
        '<g class="driver driver-2"><circle cx="393" cy="20" r="4"/><text x="403" y="24">O&#x27;Brien &lt;b&gt;'
        '</text></g><g class="driver driver-3"><circle cx="565" cy="20" r="4"/>'
        '<text x="575" y="24">Unknown driver</text></g><g class="key"><circle class="deleted" cx="737" cy="20" r="4"/>'
        '<text x="747" y="24">Deleted time</text></g><g class="key"><rect class="pit" x="44.5" y="33.5" '
        'width="9" height="9"/><text x="59" y="42">In-lap</text></g>'
    ) in svg
    assert "<b>" not in svg


def test_no_slow_lap_no_cut_and_no_marks_missing_from_the_legend():
    svg = lap_times_svg(car_lap_series("7", [lap(1, 91_200), lap(2, 90_573)]))
    # 89 s to 92 s over 240 px: one row of legend, the plot from y 42 to 282; 1:30.573 at 282 - 1.573 * 80.
    assert "drawn at the top edge" not in svg and "Deleted time" not in svg and "In-lap" not in svg
    assert '<circle cx="916" cy="156.2" r="3"><title>Lap 2: 1:30.573, Mike Conway</title></circle>' in svg
    assert '<text class="tick" x="38" y="202" text-anchor="end">1:30</text>' in svg


def test_a_car_without_a_lap_time_says_so():
    svg = lap_times_svg(car_lap_series("7", [lap(1, None)]))
    assert '<title id="lap-times-7-title">Lap times of car #7: no lap times</title>' in svg
    assert "<circle" not in svg.split("</g>", 2)[-1]  # no point past the legend


def test_stint_bars_along_the_laps_labelled_where_they_fit_with_the_pit_stop_between():
    svg = stint_timeline_svg(SERIES)
    # 10 laps over 872 px: 87.2 px a lap.
    assert svg.startswith(
        '<svg class="chart stints" viewBox="0 0 960 86" role="img" aria-labelledby="stints-7-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="stints-7-title">Stints of car #7: Mike Conway laps 1–4; '
        "Kamui Kobayashi laps 5–8; O&#x27;Brien &lt;b&gt; lap 9; Unknown driver lap 10; 1 pit stop between them</title>"
    )
    assert (
        '<g class="stint driver-0"><rect x="44" y="22" width="348.8" height="28"><title>Stint 1: Mike Conway, '
        "laps 1–4 (4 laps), best lap 1:38.000 on lap 2, ends in the pits</title></rect>"
        '<text x="218.4" y="40" text-anchor="middle">Mike Conway · 4 laps</text></g>'
    ) in svg
    assert (
        '<g class="stint driver-1"><rect x="392.8" y="22" width="348.8" height="28"><title>Stint 2: Kamui Kobayashi, '
        "laps 5–8 (4 laps), best lap 1:39.000 on lap 7</title></rect>"
    ) in svg
    # One lap is too narrow for the name: the bar says its length.
    assert (
        '<g class="stint driver-2"><rect x="741.6" y="22" width="87.2" height="28"><title>Stint 3: O&#x27;Brien '
        "&lt;b&gt;, lap 9 (1 lap), best lap 1:39.500 on lap 9</title></rect>"
        '<text x="785.2" y="40" text-anchor="middle">1</text></g>'
    ) in svg
    # A pit stop after lap 4; none at the driver change after lap 8.
    assert svg.count('class="pit-stop"') == 1
    assert (
        '<line class="pit-stop" x1="392.8" y1="17" x2="392.8" y2="55"><title>Pit stop after lap 4</title></line>'
    ) in svg
    assert "style=" not in svg and "<b>" not in svg


def test_a_stint_without_a_valid_lap_says_so_in_its_title():
    svg = stint_timeline_svg(car_lap_series("7", [lap(1, 95_000, deleted=True), lap(2, None)]))
    assert "<title>Stint 1: Mike Conway, laps 1–2 (2 laps), no valid lap time</title>" in svg
    assert "0 pit stops between them" in svg


def test_the_tables_rows_of_stints_and_best_laps():
    assert [
        (row.place, row.driver, row.laps, row.length, row.best_lap, row.best_lap_number, row.pit_in)
        for row in stint_rows(SERIES)
    ] == [
        (1, "Mike Conway", "1–4", 4, "1:38.000", 2, True),
        (2, "Kamui Kobayashi", "5–8", 4, "1:39.000", 7, False),
        (3, "O'Brien <b>", "9", 1, "1:39.500", 9, False),
        (4, "Unknown driver", "10", 1, "1:41.000", 10, False),
    ]
    assert driver_best_rows(car_lap_series("7", [lap(1, 95_000, deleted=True)])) == [("Mike Conway", "", None)]
