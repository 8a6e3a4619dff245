"""The database refuses what can never be right."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.fields import LapTimeFormField
from events.models import CarClass, Entry, Lap, Season, Team
from tests.helpers import lap_of


def test_duplicate_lap_number_is_rejected(session):
    lap = lap_of(session, "91", 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Lap.objects.create(session=session, entry=lap.entry, lap_number=1, lap_time_ms=99000)
    assert Lap.objects.filter(session=session, entry=lap.entry).count() == 3


def test_duplicate_car_number_in_a_round_is_rejected(session):
    entry = Entry.objects.get(round=session.round, number="91")
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(round=session.round, number="91", car_class=entry.car_class, team=entry.team, car="Other")


def test_car_numbers_7_and_007_are_different_cars(session):
    entry = Entry.objects.get(round=session.round, number="7")
    Entry.objects.create(round=session.round, number="007", car_class=entry.car_class, team=entry.team, car="Valkyrie")
    assert sorted(Entry.objects.filter(round=session.round).values_list("number", flat=True)) == ["007", "7", "91"]


def test_lap_time_must_be_positive(session):
    entry = Entry.objects.get(round=session.round, number="91")
    with pytest.raises(IntegrityError), transaction.atomic():
        Lap.objects.create(session=session, entry=entry, lap_number=9, lap_time_ms=0)


def test_lap_number_starts_at_one(session):
    entry = Entry.objects.get(round=session.round, number="91")
    with pytest.raises(IntegrityError), transaction.atomic():
        Lap.objects.create(session=session, entry=entry, lap_number=0, lap_time_ms=99000)


def test_deleted_time_needs_a_reason(session):
    with pytest.raises(IntegrityError), transaction.atomic():
        Lap.objects.filter(pk=lap_of(session, "91", 1).pk).update(is_time_deleted=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Lap.objects.filter(pk=lap_of(session, "91", 1).pk).update(deletion_reason="track_limits")


def test_entry_class_must_belong_to_the_rounds_season(session):
    other_season = Season.objects.create(championship=session.round.season.championship, year=2022)
    other_class = CarClass.objects.create(season=other_season, code="LMP2", name="LMP2")
    entry = Entry(round=session.round, number="5", car_class=other_class, team=Team.objects.first(), car="Oreca")
    with pytest.raises(ValidationError) as raised:
        entry.full_clean()
    assert raised.value.message_dict == {"car_class": ["Choose a class of this round's season."]}


def test_session_path(session):
    assert session.path == "wec/2021/portimao/qualifying"


def test_lap_str_shows_the_time(session):
    assert str(lap_of(session, "91", 2)) == "Lap 2 of #91: 1:38.402"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1:30.364", 90364),
        ("1: 30.364", 90364),
        ("1'30.364", 90364),
        ("90.364", 90364),
        ("1:30,364", 90364),
        ("1:02:03.456", 3723456),
    ],
)
def test_lap_time_form_field_accepts(typed, stored):
    assert LapTimeFormField().clean(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1:60.000", "“1:60.000” has 60 seconds; seconds must be below 60."),
        ("abc", "“abc” is not a time; write it like 1:30.364."),
        ("-1:30.364", "“-1:30.364” is negative; a time cannot be negative."),
        ("", "This field is required."),
        ("   ", "This field is required."),
    ],
)
def test_lap_time_form_field_rejects(typed, message):
    with pytest.raises(ValidationError) as raised:
        LapTimeFormField().clean(typed)
    assert raised.value.messages == [message]


def test_lap_time_form_field_shows_milliseconds_as_a_time():
    field = LapTimeFormField()
    assert field.prepare_value(90364) == "1:30.364"
    assert 'value="1:30.364"' in field.widget.render("t", field.prepare_value(90364))


def test_optional_lap_time_form_field_allows_empty():
    assert LapTimeFormField(required=False).clean("") is None
