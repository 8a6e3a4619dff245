"""What the API's operations share besides their documents: path parameters, queries, errors and CSV answers.

Path parameters carry the patterns of ``events.addresses``: a name that cannot be ours
is refused with 422 before it reaches a selector (or the database).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse
from ninja import Path, Schema
from pydantic import Field

from ..addresses import CAR_NUMBER_PATTERN, SLUG_PATTERN, YEARS
from . import schemas

CHAMPIONSHIP = Path(..., description="The championship's slug.", pattern=SLUG_PATTERN, example="wec")
YEAR = Path(..., description="The season's year.", ge=YEARS[0], le=YEARS[-1], example=2021)
ROUND = Path(..., description="The round's slug.", pattern=SLUG_PATTERN, example="portimao")
SESSION = Path(..., description="The session's slug.", pattern=SLUG_PATTERN, example="qualifying")
PERSON = Path(..., description="Its address on the site (slug).", pattern=SLUG_PATTERN, example="antonio-fuoco")
NUMBER = Path(
    ..., description="The car's number (7 and 007 are different cars).", pattern=CAR_NUMBER_PATTERN, example="36"
)

ERRORS = {404: schemas.ErrorOut, 422: schemas.InvalidRequestOut}
CSV = {"text/csv": {"schema": {"type": "string"}}}
CSV_RESPONSE = {"responses": {200: {"description": "CSV", "content": CSV}}}


class CarQuery(Schema):
    car: str | None = Field(
        None,
        description="Only this car's laps, by its number.",
        # addresses.CAR_NUMBER, anchored for the schema
        pattern=CAR_NUMBER_PATTERN,
        json_schema_extra={"example": "36"},
    )


class LapQuery(CarQuery):
    page: int = Field(1, ge=1, description="1 for the first page.")
    page_size: int = Field(100, ge=1, le=1000, description="Laps per page, at most 1,000.")


class StandingsQuery(Schema):
    after: str | None = Field(
        None,
        description="The standings after this round (its slug); the latest raced round by default.",
        pattern=SLUG_PATTERN,
        json_schema_extra={"example": "qatar"},
    )


class StandingsTableQuery(StandingsQuery):
    table: str = Field(
        ..., description="The table's key, as the JSON gives it.", pattern=SLUG_PATTERN,
        json_schema_extra={"example": "hypercar-drivers"},
    )  # fmt: skip


def csv_response(lines: Iterable[str], name: str, *, streaming: bool = False) -> HttpResponse | StreamingHttpResponse:
    """``lines`` as a CSV attachment named ``<name>.csv``; streamed for long tables (laps)."""
    if streaming:
        response = StreamingHttpResponse((line.encode() for line in lines), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse("".join(lines).encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


class SearchPageQuery(Schema):
    search: str | None = Field(
        None,
        max_length=100,
        description="Every word of it in the name, accents and case ignored (`vaxiviere`, `matt vax`); all if none.",
        json_schema_extra={"example": "fuoco"},
    )
    page: int = Field(1, ge=1, description="1 for the first page.")
    page_size: int = Field(50, ge=1, le=200, description="Items per page, at most 200.")
