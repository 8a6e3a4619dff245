"""The points progression chart as SVG: exact coordinates for a hand-made table, names escaped,
names moved apart where lines end together, the first ten rows only, no inline style."""

from dataclasses import replace
from fractions import Fraction

from events.core.standings import StandingsRow, StandingsTable
from events.interfaces.standings_chart import standings_chart_svg
from events.results.standings import RoundInfo
from tests.core.test_points_progression import cell

ROUNDS = (RoundInfo("qatar", "Qatar 1812 km", 1, False), RoundInfo("imola", "6 Hours of Imola", 2, False),
          RoundInfo("spa", "6 Hours of Spa", 3, True))  # fmt: skip


def row(position: int, key: str, name: str, *points: int | Fraction | None) -> StandingsRow:
    """A row scoring ``points`` in qatar, imola, spa (None: not there; fewer: the first rounds only)."""
    cells = tuple(
        None if scored is None else cell(round_.key, Fraction(scored))
        for round_, scored in zip(ROUNDS, points, strict=False)
    )
    total = sum((found.points for found in cells if found), Fraction(0))
    return StandingsRow(position, False, key, name, ("1",), total, 0, cells)


# The leader ends on 69 points: y = 16 + 276 - 4 * points; x = 44, 412, 780.
TABLE = StandingsTable("hypercar-drivers", "Drivers <Hypercar>", ("HYPERCAR",), "drivers", (
    row(1, "7", "Kamui Kobayashi", 25, 18, 26),
    row(2, "9", "O'Brien <b>", 18, Fraction(25, 2), None),  # half points, then not there
    row(3, "11", "Shared One", 15, 0, 12),  # disqualified at Imola: 0
    row(3, "12", "Shared Two", 15, 0, 12),
))  # fmt: skip


def test_each_row_is_a_line_of_its_totals_with_its_name_at_the_end():
    svg = standings_chart_svg(TABLE, ROUNDS)
    assert svg.startswith(
        '<svg class="chart points-chart" viewBox="0 0 960 320" role="img" '
        'aria-labelledby="points-chart-hypercar-drivers-title" xmlns="http://www.w3.org/2000/svg">'
        '<title id="points-chart-hypercar-drivers-title">Points progression, Drivers &lt;Hypercar&gt;: '
        "each driver&#x27;s points total after each of 3 rounds</title>"
    )
    assert (
        '<g class="car car-0" data-car="7"><title>Kamui Kobayashi: 69 points</title>'
        '<polyline points="44,192 412,120 780,16"/><text x="786" y="20">Kamui Kobayashi</text></g>'
    ) in svg
    assert (
        '<g class="car car-1" data-car="9"><title>O&#x27;Brien &lt;b&gt;: 30.5 points</title>'
        '<polyline points="44,220 412,170 780,170"/><text x="786" y="174">O&#x27;Brien &lt;b&gt;</text></g>'
    ) in svg
    # Equal lines: the second name goes 13 px under the first.
    assert '<polyline points="44,232 412,232 780,184"/><text x="786" y="188">Shared One</text>' in svg
    assert '<polyline points="44,232 412,232 780,184"/><text x="786" y="201">Shared Two</text>' in svg
    assert "<b>" not in svg and "style=" not in svg and "<script" not in svg


def test_axes_rounds_by_key_and_points_from_zero_at_the_bottom():
    svg = standings_chart_svg(TABLE, ROUNDS)
    assert '<line class="axis" x1="44" y1="292" x2="780" y2="292"/>' in svg
    assert [f'<text class="tick" x="{x}" y="308" text-anchor="middle">{key}</text>' in svg
            for x, key in ((44, "qatar"), (412, "imola"), (780, "spa"))] == [True] * 3  # fmt: skip
    ticks = ['<text class="tick" x="38" y="296" text-anchor="end">0</text>',
             '<text class="tick" x="38" y="216" text-anchor="end">20</text>',
             '<text class="tick" x="38" y="136" text-anchor="end">40</text>',
             '<text class="tick" x="38" y="56" text-anchor="end">60</text>']  # fmt: skip
    assert "".join(ticks) in svg
    assert '<line class="grid" x1="44" y1="52" x2="780" y2="52"/>' in svg


def test_only_the_first_ten_rows_and_the_summary_says_so():
    rows = tuple(row(index, f"d{index}", f"Driver {index}", 20 - index, 1, 1) for index in range(1, 13))
    svg = standings_chart_svg(replace(TABLE, kind="teams", rows=rows), ROUNDS)
    assert "each team&#x27;s points total after each of 3 rounds (the first 10 of 12 shown)</title>" in svg
    assert svg.count("<polyline") == 10
    assert '<g class="car car-9" data-car="d10">' in svg and 'data-car="d11"' not in svg


def test_long_names_are_cut_at_the_end_and_kept_whole_in_the_tooltip():
    name = "#311 Whelen Cadillac Racing & Friends"
    svg = standings_chart_svg(replace(TABLE, rows=(row(1, "t", name, 1, 2, 3),)), ROUNDS)
    assert "<title>#311 Whelen Cadillac Racing &amp; Friends: 6 points</title>" in svg
    assert '<text x="786" y="20">#311 Whelen Cadillac Raci…</text>' in svg


def test_one_round_is_a_dot_and_nothing_is_no_chart():
    svg = standings_chart_svg(replace(TABLE, rows=(row(1, "7", "Kamui Kobayashi", 26),)), ROUNDS[:1])
    assert "after round 1</title>" in svg
    assert '<polyline points="44,16"/><circle cx="44" cy="16" r="3"/>' in svg
    assert standings_chart_svg(replace(TABLE, rows=()), ROUNDS) == ""
    assert standings_chart_svg(TABLE, ()) == ""
