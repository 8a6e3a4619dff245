"""A round's entry list: every car with its team, class and drivers, as JSON and as CSV."""

from __future__ import annotations

from ninja import Router

from .. import selectors
from ..interfaces import exporters
from ..models import Entry
from . import schemas
from .params import CHAMPIONSHIP, CSV_RESPONSE, ERRORS, ROUND, YEAR, csv_response

router = Router(tags=["entries"])


def _entry_dict(entry: Entry) -> dict:
    return {
        "number": entry.number,
        "class": entry.car_class.code,
        "group": entry.group,
        "team": entry.team.name,
        "car": entry.car,
        "manufacturer": entry.manufacturer,
        "tyres": entry.tyres,
        "drivers": [
            {
                "id": ed.driver.pk,
                "first_name": ed.driver.first_name,
                "last_name": ed.driver.last_name,
                "name": ed.driver.full_name,
                "nationality": ed.driver.nationality,
                "fia_category": ed.driver.fia_category,
            }
            for ed in entry.entry_drivers.all()
        ],
    }


@router.get(
    "/{championship}/{year}/{round}/entries",
    response={200: list[schemas.EntryOut], **ERRORS},
    url_name="entries",
    summary="Entry list",
    by_alias=True,
)
def entries(request, championship: str = CHAMPIONSHIP, year: int = YEAR, round: str = ROUND):
    """The round's entry list, by class order and car number, each car with its drivers in order."""
    round_ = selectors.round_get(championship=championship, year=year, round_slug=round)
    return [_entry_dict(entry) for entry in selectors.round_entries(round_)]


@router.get(
    "/{championship}/{year}/{round}/entries.csv",
    response={200: None, **ERRORS},
    url_name="entries_csv",
    summary="Entry list as CSV",
    openapi_extra=CSV_RESPONSE,
)
def entries_csv(request, championship: str = CHAMPIONSHIP, year: int = YEAR, round: str = ROUND):
    """The entry list as CSV: NUMBER;CLASS;GROUP;TEAM;DRIVER_1..DRIVER_5;VEHICLE;MANUFACTURER;TYRES."""
    round_ = selectors.round_get(championship=championship, year=year, round_slug=round)
    lines = exporters.entries_csv(selectors.round_entries(round_))
    return csv_response(lines, f"{championship}-{year}-{round}-entries")
