"""Race charts as SVG: exact coordinates for a hand-built class, no inline style, names escaped."""

from events.core.charts import CarSeries, ClassSeries
from events.interfaces.charts import gap_chart_svg, lap_chart_svg
from events.results.charts import ClassChart

CHART = ClassChart(
    code="HYPERCAR",
    name="Hyper<car>",
    series=ClassSeries(
        "HYPERCAR",
        (
            CarSeries("8", (1, 2, 1), (0, 100, 0)),
            CarSeries("36", (2, 1, 2), (94, 0, 100)),
            CarSeries("7", (3, 3, None), (300, 600, None)),
        ),
    ),
)


def test_lap_chart_draws_each_car_by_position_with_its_number_at_both_ends():
    svg = lap_chart_svg(CHART)
    # 3 laps across 44..916 (x = 44, 480, 916); position p at y = 16 + (p - 0.5) * 16.
    assert svg.startswith(
        '<svg class="chart lap-chart" viewBox="0 0 960 92" role="img" aria-labelledby="lap-chart-hypercar-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="lap-chart-hypercar-title">Lap chart, Hyper&lt;car&gt;: '
        "each car&#x27;s position in class at the end of each of 3 laps</title>"
    )
    assert (
        '<g class="car car-0" data-car="8"><polyline points="44,24 480,40 916,24"/>'
        '<text x="38" y="28" text-anchor="end">8</text><text x="922" y="28">8</text></g>'
    ) in svg
    assert '<g class="car car-2" data-car="7"><polyline points="44,56 480,56"/>' in svg
    assert '<text x="486" y="60">7</text>' in svg  # its last lap is lap 2
    assert '<text class="axis-label" x="930" y="80">lap</text>' in svg  # clear of the last tick, "3" at x 916
    assert "style=" not in svg and "<script" not in svg


def test_gap_chart_draws_gaps_in_seconds_from_the_top():
    svg = gap_chart_svg(CHART)
    # The largest gap is 600 ms: the axis runs to 1 s over 320 - 16 - 28 = 276 px.
    assert '<g class="car car-1" data-car="36"><polyline points="44,41.9 480,16 916,43.6"/></g>' in svg
    assert '<text class="tick" x="38" y="292" text-anchor="end">+1s</text>' in svg
    assert "Gap chart, Hyper&lt;car&gt;" in svg and "style=" not in svg


def test_a_gap_over_five_minutes_is_drawn_at_the_bottom_edge_and_said():
    far = ClassChart(
        "LMP2", "LMP2", ClassSeries("LMP2", (CarSeries("1", (1, 1), (0, 0)), CarSeries("2", (2, 2), (1, 400_000))))
    )
    svg = gap_chart_svg(far)
    assert '<g class="car car-1" data-car="2"><polyline points="44,16 916,292"/></g>' in svg
    assert "(gaps over 5 minutes drawn at the bottom)" in svg
