"""Race charts as SVG: exact coordinates for a hand-built class, no inline style, names escaped."""

from events.core.charts import CarSeries, CautionLaps, ClassSeries
from events.interfaces.charts import ChartRange, chart_range, gap_chart_svg, lap_chart_svg
from events.results.charts import ClassChart

CHART = ClassChart(
    code="HYPERCAR",
    name="Hyper<car>",
    series=ClassSeries(
        "HYPERCAR",
        (
            CarSeries("8", (1, 2, 1), (0, 100, 0)),
            CarSeries("36", (2, 1, 2), (94, 0, 100), pit_laps=(2,)),
            CarSeries("7", (3, 3, None), (300, 600, None)),
        ),
        leader_elapsed_ms=(100_000, 200_400, 300_900),
    ),
)

# A 3-hour race at 1 h a lap, 5 laps (the 4th and 5th slower), a safety car over laps 2 and 3.
HOURS = ClassChart(
    code="LMP2",
    name="LMP2",
    series=ClassSeries(
        "LMP2",
        (
            CarSeries("22", (1, 1, 1, 1, 1), (0, 0, 0, 0, 0)),
            CarSeries("23", (2, 2, 2, 2, 2), (1_000, 3_000, 2_000, 30_000, 40_000), pit_laps=(4,)),
        ),
        leader_elapsed_ms=(3_600_000, 7_200_000, 10_800_000, 12_600_000, 14_400_000),
        cautions=(CautionLaps("SF", 2, 3),),
    ),
)


def test_lap_chart_draws_each_car_by_position_with_its_number_at_both_ends():
    svg = lap_chart_svg(CHART)
    # 3 laps across 44..916 (x = 44, 480, 916); position p at y = 16 + 14 + (p - 0.5) * 16.
    assert svg.startswith(
        '<svg class="chart lap-chart" viewBox="0 0 960 106" role="img" aria-labelledby="lap-chart-hypercar-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="lap-chart-hypercar-title">Lap chart, Hyper&lt;car&gt;: '
        "each car&#x27;s position in class at the end of each of 3 laps</title>"
    )
    assert (
        '<g class="car car-0" data-car="8"><polyline points="44,38 480,54 916,38"/>'
        '<text x="38" y="42" text-anchor="end">8</text><text x="922" y="42">8</text></g>'
    ) in svg
    assert '<g class="car car-2" data-car="7"><polyline points="44,70 480,70"/>' in svg
    assert '<text x="486" y="74">7</text>' in svg  # its last lap is lap 2
    assert '<text class="axis-label" x="930" y="94">lap</text>' in svg  # clear of the last tick, "3" at x 916
    assert "style=" not in svg and "<script" not in svg


def test_gap_chart_draws_gaps_in_seconds_from_the_top_and_dots_pit_stops():
    svg = gap_chart_svg(CHART)
    # The largest gap is 600 ms: the axis runs to 1 s over 320 - 30 - 28 = 262 px from y 30.
    assert (
        '<g class="car car-1" data-car="36"><polyline points="44,54.6 480,30 916,56.2"/>'
        '<circle class="pit" cx="480" cy="30" r="2.5"/></g>'
    ) in svg
    assert '<text class="tick" x="38" y="292" text-anchor="end">+1s</text>' in svg
    assert '<text class="tick" x="38" y="30" text-anchor="end">0s</text>' in svg
    assert "Gap chart, Hyper&lt;car&gt;" in svg and "dots at pit stops" in svg and "style=" not in svg


def test_a_gap_over_five_minutes_is_drawn_at_the_bottom_edge_and_said():
    far = ClassChart(
        "LMP2", "LMP2", ClassSeries("LMP2", (CarSeries("1", (1, 1), (0, 0)), CarSeries("2", (2, 2), (1, 400_000))))
    )
    svg = gap_chart_svg(far)
    assert '<g class="car car-1" data-car="2"><polyline points="44,30 916,292"/></g>' in svg
    assert "(gaps over 5 minutes drawn at the edge)" in svg


def test_race_hours_along_the_top_and_laps_under_caution_shaded_with_their_flag():
    svg = lap_chart_svg(HOURS)
    # 5 laps across 44..916: 218 px a lap. 1 h ends lap 1 (x 44), 2 h lap 2 (262), 3 h lap 3 (480),
    # 4 h at the end of lap 5 (916), 3.5 h into nothing round. The safety car from the end of lap 1 to that of lap 3.
    assert (
        '<rect class="caution caution-sf" x="44" y="30" width="436" height="32">'
        "<title>Safety car: laps 2–3</title></rect>"
    ) in svg
    assert '<line class="grid hour" x1="262" y1="30" x2="262" y2="62"/>' in svg
    assert '<text class="tick" x="262" y="26" text-anchor="middle">2h</text>' in svg
    assert '<text class="tick" x="916" y="26" text-anchor="middle">4h</text>' in svg
    assert '<text class="axis-label" x="930" y="26">race</text>' in svg


def test_an_hour_range_shows_only_its_laps_and_says_so():
    shown = chart_range(HOURS, (2, 4))
    assert shown == ChartRange(2, 5)  # lap 2 ends at 2 h, lap 5 at 4 h
    svg = lap_chart_svg(HOURS, shown)
    # Laps 2..5 across 44..916: 290.7 px a lap.
    assert '<g class="car car-0" data-car="22"><polyline points="44,38 334.7,38 625.3,38 916,38"/>' in svg
    assert '<text x="38" y="42" text-anchor="end">22</text>' in svg
    assert "at the end of laps 2 to 5</title>" in svg
    # The caution (laps 2-3) from lap 2's start, clipped at the left edge, to the end of lap 3.
    assert '<rect class="caution caution-sf" x="44" y="30" width="290.7" height="32">' in svg
    assert chart_range(HOURS, (5, 6)) is None  # the class had finished
    assert chart_range(HOURS) == ChartRange(1, 5)


def test_gaps_to_a_chosen_car_put_it_at_zero_with_cars_ahead_above():
    svg = gap_chart_svg(HOURS, reference="23")
    # Gaps to #23: #22 from -1 s to -40 s; the axis runs from -40 s (top, y 30) to +1 s (y 292).
    assert (
        '<g class="car car-1" data-car="23"><polyline points="44,285.6 262,285.6 480,285.6 698,285.6 916,285.6"/>'
        in svg
    )
    assert '<circle class="pit" cx="698" cy="285.6" r="2.5"/>' in svg
    assert '<text class="tick" x="38" y="30" text-anchor="end">−40s</text>' in svg
    assert "gap to car #23 (negative: ahead of it)" in svg
    # An unknown car: gaps to the class leader.
    assert "gap to the class leader" in gap_chart_svg(HOURS, reference="99")


def test_lap_ticks_name_each_lap_once():
    svg = lap_chart_svg(CHART)
    assert svg.count('text-anchor="middle">1</text>') == 1
