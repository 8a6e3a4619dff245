"""Shared fixtures: a small hand-built session, the demo round, and users."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from events.demo import load_demo
from events.enums import SessionKind
from events.models import CarClass, Championship, Circuit, Driver, Entry, EntryDriver, Lap, Round, Season, Session, Team


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (ids and versions repeat from test to test)."""
    from django.core.cache import caches

    for alias in ("default", "results"):
        caches[alias].clear()
    yield
    for alias in ("default", "results"):
        caches[alias].clear()


@pytest.fixture
def session(db):
    """wec/2021/portimao/qualifying with two cars (#91, #7) and three laps each."""
    championship = Championship.objects.create(name="FIA World Endurance Championship", short_name="WEC", slug="wec")
    season = Season.objects.create(championship=championship, year=2021)
    circuit = Circuit.objects.create(name="Portimao", country="Portugal", length_m=4653)
    round_ = Round.objects.create(
        season=season,
        order=2,
        name="8 Hours of Portimao",
        slug="portimao",
        circuit=circuit,
        start_date=dt.date(2021, 6, 11),
        end_date=dt.date(2021, 6, 13),
    )
    session = Session.objects.create(round=round_, kind=SessionKind.QUALIFYING, name="Qualifying", slug="qualifying")
    gte = CarClass.objects.create(season=season, code="LMGTE Pro", name="LMGTE Pro", display_order=3)
    hypercar = CarClass.objects.create(season=season, code="HYPERCAR", name="Hypercar", display_order=1)
    cars = [
        ("91", gte, "Porsche GT Team", ("Gianmaria", "Bruni"), [98893, 98402, 98127]),
        ("7", hypercar, "Toyota Gazoo Racing", ("Mike", "Conway"), [91200, 90573, 90640]),
    ]
    for number, car_class, team_name, (first, last), times in cars:
        team = Team.objects.create(name=team_name)
        entry = Entry.objects.create(round=round_, number=number, car_class=car_class, team=team, car="Car")
        driver = Driver.objects.create(first_name=first, last_name=last)
        EntryDriver.objects.create(entry=entry, driver=driver, order=1)
        elapsed = 0
        for lap_number, lap_time_ms in enumerate(times, start=1):
            elapsed += lap_time_ms
            Lap.objects.create(
                session=session,
                entry=entry,
                driver=driver,
                lap_number=lap_number,
                lap_time_ms=lap_time_ms,
                elapsed_ms=elapsed,
            )
    return session


def lap_of(session, number, lap_number):
    return Lap.objects.get(session=session, entry__number=number, lap_number=lap_number)


@pytest.fixture
def demo(db):
    load_demo()


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("edith", password="secret-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def viewer(db):
    """Staff who may look at and even correct laps, but not delete or reinstate times."""
    user = get_user_model().objects.create_user("victor", password="secret-password", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="events", codename__in=["view_lap", "change_lap"])
    )
    return user


@pytest.fixture
def reader(db):
    """Staff who may only look at laps."""
    user = get_user_model().objects.create_user("rita", password="secret-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="events", codename="view_lap"))
    return user
