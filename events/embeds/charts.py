"""A session's charts for other sites to frame (the charts page's SVGs, with the embeds' theme),
and the options both read: classes, an hour range of the race and a reference car for the gaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from .. import selectors
from ..addresses import SessionAddress
from ..interfaces.charts import chart_range, gap_chart_svg, lap_chart_svg
from ..results.charts import ClassChart
from ..web.caching import results_cached, results_condition, shared_caching
from .options import EMBED_CSP, THEMES

CHARTS_PAGE_PARAMS = ("class", "hours", "ref")
CHARTS_EMBED_PARAMS = (*CHARTS_PAGE_PARAMS, "theme")
HOURS = re.compile(r"(\d{1,3})-(\d{1,3})")
# The embed's heights at the oEmbed width (640 px, two thirds of the charts' 960): a class is
# its two headings and margins, the lap chart (58 + 16 px a car in the viewBox) and the gap
# chart (320); the frame is the body's padding, the header line and the footer.
CLASS_HEIGHT_PX, FRAME_HEIGHT_PX = 2 * 34 + round((58 + 320) * 2 / 3), 16 + 24 + 20
CAR_HEIGHT_PX = 16 * 2 / 3


@dataclass(frozen=True)
class ChartOptions:
    """What the charts page and embed show: some classes (codes, any case; all without), race
    hours ``from-to`` (``hours=6-12``; the whole race without), the gaps to one car (``ref``)."""

    classes: tuple[str, ...] = ()
    hours: tuple[int, int] | None = None
    reference: str = ""
    theme: str = "auto"

    @classmethod
    def from_query(cls, query) -> ChartOptions:
        match = HOURS.fullmatch(query.get("hours", "").strip())
        hours = (int(match[1]), int(match[2])) if match and int(match[1]) < int(match[2]) else None
        return cls(
            classes=tuple(code.upper() for code in query.getlist("class") if code),
            hours=hours,
            reference=query.get("ref", "").strip()[:10],
            theme=query.get("theme") if query.get("theme") in THEMES else "auto",
        )

    def query(self, *, theme: bool = True) -> str:
        """These options as a URL's query, in one canonical order ("" for the defaults)."""
        pairs = [("class", code) for code in self.classes]
        if self.hours:
            pairs.append(("hours", f"{self.hours[0]}-{self.hours[1]}"))
        if self.reference:
            pairs.append(("ref", self.reference))
        if theme and self.theme != "auto":
            pairs.append(("theme", self.theme))
        return urlencode(pairs)


@dataclass(frozen=True)
class ChartSection:
    """One class's charts as drawn (empty when it has no laps in the hours asked for)."""

    chart: ClassChart
    lap_chart: str
    gap_chart: str
    reference: str = ""  # the car the gaps are to, "" for the class leader


def chart_sections(session, options: ChartOptions) -> tuple[tuple[ClassChart, ...], list[ChartSection]]:
    """(every class's chart, the sections of those shown): what the page and the embed draw."""
    charts = selectors.session_lap_chart(session)
    sections = []
    for chart in charts:
        if options.classes and chart.code.upper() not in options.classes:
            continue
        shown = chart_range(chart, options.hours)
        if shown is None:
            sections.append(ChartSection(chart, "", ""))
            continue
        reference = options.reference if any(car.number == options.reference for car in chart.series.cars) else ""
        gap_chart = gap_chart_svg(chart, shown, reference or None)
        sections.append(ChartSection(chart, lap_chart_svg(chart, shown), gap_chart, reference))
    return charts, sections


def charts_height(sections: list[ChartSection]) -> int:
    """The embed's height at 640 px wide, to start its frame at (embed.js corrects it on load)."""
    cars = sum(len(section.chart.series.cars) for section in sections)
    return FRAME_HEIGHT_PX + len(sections) * CLASS_HEIGHT_PX + round(cars * CAR_HEIGHT_PX)


@results_cached(params=CHARTS_EMBED_PARAMS)
@results_condition
@xframe_options_exempt
@csp_override(EMBED_CSP)
def charts_embed(request, championship, year, round, session):
    """The lap chart and gap chart of each class (or of ``?class=``), for other sites to frame."""
    session = selectors.session_get(SessionAddress(championship, year, round, session))
    options = ChartOptions.from_query(request.GET)
    _charts, sections = chart_sections(session, options)
    page = reverse("events:session_charts", kwargs=session.address.url_kwargs())
    query = options.query()
    return shared_caching(
        render(
            request,
            "events/charts_embed.html",
            {
                "session": session,
                "options": options,
                "sections": sections,
                "page_url": request.build_absolute_uri(f"{page}?{query}" if query else page),
            },
        )
    )
