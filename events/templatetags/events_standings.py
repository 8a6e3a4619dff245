"""A standings table's rows written in Python (escaped with the standard library's ``html.escape``,
which Django's ``escape`` wraps): a season page holds some 2,000 round cells,
and the template language spent most of the page's time on them (see bench/standings.py)."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _cell(cell) -> str:
    if not cell.took_part:
        return '<td class="col-round absent">–</td>'
    classes = "col-round"
    if cell.pole:
        classes += " pole"
    if not cell.position:
        classes += f" unplaced result-{escape(cell.status)}"
    pole = '<sup class="pole-mark">P</sup>' if cell.pole else ""
    return (
        f'<td class="{classes}">{escape(cell.points_text)}{pole} '
        f'<small class="round-position">{escape(cell.position_text)}</small></td>'
    )


@register.simple_tag
def standings_rows(lines) -> SafeString:
    """Every line of a table as ``<tr>``: position (``shared`` when ``2=``), name, cars, one cell
    per round (points, pole mark, class position or DSQ/NC/RET/DNS; ``–`` when it did not take
    part), total points. Every text from people is escaped."""
    rows = []
    for line in lines:
        shared = " shared" if line.position_text.endswith("=") else ""
        cars = " ".join(f"#{escape(number)}" for number in line.car_numbers)
        rows.append(
            "<tr>"
            f'<td class="col-position{shared}">{escape(line.position_text)}</td>'
            f'<th scope="row" class="col-name">{escape(line.name)}</th>'
            f'<td class="col-cars">{cars}</td>'
            + "".join(_cell(cell) for cell in line.rounds)
            + f'<td class="col-points">{escape(line.points_text)}</td>'
            "</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value above is escaped
