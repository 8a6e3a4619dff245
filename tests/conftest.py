"""Shared fixtures: a small hand-built session, the demo round, and users; a marker per layer."""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.db import connection, transaction
from django.utils import timezone

from events.demo import load_demo
from events.enums import DeletionReason, SessionKind
from events.models import CarClass, Championship, Circuit, Driver, Entry, EntryDriver, Lap, Round, Season, Session, Team
from events.results.versions import live_stamps_clear

TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """A test in tests/<layer>/ carries the marker <layer> (``pytest -m services``, ``-m "not browser"``)."""
    for item in items:
        folder = item.path.relative_to(TESTS).parts[0]
        if folder != item.path.name:
            item.add_marker(getattr(pytest.mark, folder))


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (ids and versions repeat from test to test)."""
    for alias in ("default", "results"):
        caches[alias].clear()
    live_stamps_clear()
    yield
    for alias in ("default", "results"):
        caches[alias].clear()
    live_stamps_clear()


@pytest.fixture
def session(db):
    """wec/2021/portimao/qualifying with two cars (#91, #7) and three laps each."""
    championship = Championship.objects.create(name="FIA World Endurance Championship", short_name="WEC", slug="wec")
    season = Season.objects.create(championship=championship, year=2021)
    circuit = Circuit.objects.create(name="Portimao", country="Portugal", length_m=4653, time_zone="Europe/Lisbon")
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


@pytest.fixture
def seven_with_stints(session):
    """#7 of ``session`` in three stints: Mike Conway's 91.200 and in-lap 90.573 under a safety car,
    then Jack O'Brien <b>'s deleted 90.640 (a driver change at the stop), then a 92.000 of a driver
    timing does not name (a stint of its own)."""
    entry = Entry.objects.get(number="7")
    obrien = Driver.objects.create(first_name="Jack", last_name="O'Brien <b>")
    EntryDriver.objects.create(entry=entry, driver=obrien, order=2)
    Lap.objects.filter(entry=entry, lap_number=2).update(crossed_line_in_pit=True, flag_at_line="SF")
    Lap.objects.filter(entry=entry, lap_number=3).update(
        driver=obrien, is_time_deleted=True, deletion_reason=DeletionReason.TRACK_LIMITS
    )
    Lap.objects.create(session=session, entry=entry, lap_number=4, lap_time_ms=92_000, flag_at_line="GF")
    return entry


@pytest.fixture
def demo(db):
    """The demo round, loaded for this test alone: for tests that change it or commit (transactional ones)."""
    load_demo()


class SharedDemo:
    """The demo round loaded once in a transaction left open, inside which each test that asks
    for ``demo_shared`` runs its own (a savepoint, rolled back at its end like any test's).

    The transaction is rolled back, and the database empty again, before any other test: one
    that asks for no demo, for its own ``demo``, or that commits (transactional tests flush the
    database). ``pytest_runtest_setup`` below opens and closes it before the test's fixtures,
    so that it is always the outermost transaction. pytest-django runs the tests that roll
    back first, in file order, then the transactional ones and those without a database: the
    ``demo_shared`` tests of a module share one load, unless another kind of test comes between.
    """

    def __init__(self):
        self.blocker = None  # pytest-django's database blocker, once the test database exists
        self.atomic = None

    @property
    def is_open(self) -> bool:
        return self.atomic is not None

    def open(self) -> None:
        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            try:
                load_demo()
            except BaseException:
                self.close()
                raise

    def close(self) -> None:
        atomic, self.atomic = self.atomic, None
        if connection.atomic_blocks != [atomic]:
            raise RuntimeError("A test left a transaction open inside the shared demo's")
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)  # (drops the connection if a test closed it meanwhile)

    def usable(self) -> bool:
        """Nothing left behind by the last test: no connection closed (by a command's run_from_argv ...)."""
        return not connection.needs_rollback and not connection.closed_in_transaction


_shared_demo = SharedDemo()


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = item.fixturenames
    return bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in names or "live_server" in names


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Open or close the shared demo before any fixture of the test is set up."""
    wants = "demo_shared" in item.fixturenames and not _is_transactional(item)
    if _shared_demo.is_open and (not wants or not _shared_demo.usable()):
        _shared_demo.close()
    if wants and not _shared_demo.is_open and _shared_demo.blocker is not None:
        _shared_demo.open()


@pytest.fixture(scope="session")
def _shared_demo_database(django_db_setup, django_db_blocker):
    _shared_demo.blocker = django_db_blocker
    yield _shared_demo
    if _shared_demo.is_open:
        _shared_demo.close()
    _shared_demo.blocker = None


@pytest.fixture
def demo_shared(_shared_demo_database, request, db):
    """The demo round, for tests that only read it: loaded once for the tests that follow each other.

    A test may still change it (its changes roll back with its transaction), but one that
    means to should ask for ``demo``, which says so.
    """
    if _is_transactional(request.node):
        pytest.fail("demo_shared is for tests in a transaction that rolls back; ask for demo")
    if not _shared_demo.is_open:  # the first of the session: the test database did not exist yet
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


class Clock:
    """What ``django.utils.timezone.now()`` answers while a test holds it: ``now``, until moved on."""

    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


@pytest.fixture
def clock(monkeypatch):
    """Time stands at 13 June 2026 14:00 UTC until the test moves it on (``clock.advance(seconds=59)``)."""
    held = Clock(dt.datetime(2026, 6, 13, 14, 0, tzinfo=dt.UTC))
    monkeypatch.setattr(timezone, "now", held)
    return held
