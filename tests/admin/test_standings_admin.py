"""The editors' decisions for the championship standings, in the admin: a season's points
rules and entrant kinds, a round's points and poles, and laps penalties.

Pages are posted as a browser would post them (``form_of``), hidden ``initial-`` inputs
included, by a member of the Editors group who is no superuser.
"""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from events import selectors
from events.data import standings_rule_sets
from events.enums import SessionKind
from events.models import (
    CarClass,
    Driver,
    Entry,
    EntryDriver,
    Lap,
    Penalty,
    Round,
    RoundPole,
    Season,
    SeasonEntrant,
    Team,
)
from events.models import Session as SessionModel
from tests.helpers import form_of, login, table_rows, text_of


@pytest.fixture
def race(session):
    """An 8-hour race after the ``session`` fixture's qualifying, with a second Hypercar (#36).

    Hypercar: #7 (Conway) wins, #36 (Negrao) second; #7 has the pole from qualifying. On the
    2021-2023 long scale: Conway 38 + 1 = 39, Negrao 27.
    """
    round_ = session.round
    hypercar = CarClass.objects.get(code="HYPERCAR")
    alpine = Entry.objects.create(
        round=round_,
        number="36",
        car_class=hypercar,
        team=Team.objects.create(name="Alpine Elf Matmut"),
        car="Alpine A480",
        manufacturer="Alpine",
    )
    EntryDriver.objects.create(
        entry=alpine, driver=Driver.objects.create(first_name="Andre", last_name="Negrao"), order=1
    )
    Entry.objects.filter(number="7").update(manufacturer="Toyota")
    Entry.objects.filter(number="91").update(manufacturer="Porsche")
    race = SessionModel.objects.create(
        round=round_, kind=SessionKind.RACE, name="Race", slug="race", duration_ms=8 * 3600 * 1000
    )
    for number, lap_time_ms in [("7", 91000), ("36", 92000), ("91", 99000)]:
        entry = Entry.objects.get(number=number)
        driver = entry.entry_drivers.get().driver
        for lap_number in (1, 2, 3):
            Lap.objects.create(
                session=race,
                entry=entry,
                driver=driver,
                lap_number=lap_number,
                lap_time_ms=lap_time_ms,
                elapsed_ms=lap_time_ms * lap_number,
            )
    return race


@pytest.fixture
def bob(db):
    user = get_user_model().objects.create_user("bob", password="secret-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def standings_of(season, table="hypercar-drivers"):
    view = selectors.season_standings(season)
    rows = next(t.rows for t in view.tables if t.key == table)
    return [(row.position, row.name, str(row.points)) for row in rows]


def options_of(response, name):
    """The (value, label) of each option of the page's <select name="...">."""
    html = response.content.decode()
    select = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, flags=re.S)
    assert select is not None, f"no select {name}"
    return [
        (unescape(value), unescape(re.sub(r"\s+", " ", label)).strip())
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', select.group(1), flags=re.S)
    ]


def with_new_rows(data, prefix, rows):
    """``data`` (a posted form) with ``rows`` (field → value) added to the inline ``prefix``."""
    start = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(start + len(rows))]
    for index, row in enumerate(rows, start=start):
        for field, value in row.items():
            data[f"{prefix}-{index}-{field}"] = [str(value)]
    return data


def row_index(data, prefix, pk):
    return next(
        key.split("-")[1] for key, value in data.items() if key.startswith(f"{prefix}-") and key.endswith("-id")
        and value == [str(pk)]
    )  # fmt: skip


def season_url(season):
    return reverse("admin:events_season_change", args=[season.pk])


def round_url(round_):
    return reverse("admin:events_round_change", args=[round_.pk])


def errors_of(response):
    return [
        text_of_html(error)
        for error in re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), flags=re.S)
    ]


def text_of_html(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


# The season's page: points rules


def test_rule_set_choices_are_exactly_the_rule_sets_of_the_data_files(client, editor, session):
    login(client, editor)

    options = options_of(client.get(season_url(session.round.season)), "rule_set")

    assert options == [
        ("", "By the season's year: FIA World Endurance Championship 2021-2023 (wec-2021-2023)"),
        ("wec-2012", "FIA World Endurance Championship 2012 (wec-2012)"),
        ("wec-2013", "FIA World Endurance Championship 2013 (wec-2013)"),
        ("wec-2014-2017", "FIA World Endurance Championship 2014-2017 (wec-2014-2017)"),
        ("wec-2018", "FIA World Endurance Championship 2018-19 (wec-2018)"),
        ("wec-2019", "FIA World Endurance Championship 2019-20 (wec-2019)"),
        ("wec-2021-2023", "FIA World Endurance Championship 2021-2023 (wec-2021-2023)"),
        ("wec-2024", "FIA World Endurance Championship 2024 (wec-2024)"),
        ("wec-2025", "FIA World Endurance Championship 2025- (wec-2025)"),
    ]
    assert [value for value, _ in options[1:]] == [rule_set.key for rule_set in standings_rule_sets()]


def test_a_new_season_offers_the_rule_sets_and_says_the_empty_one_goes_by_year(client, editor, db):
    login(client, editor)

    options = options_of(client.get(reverse("admin:events_season_add")), "rule_set")

    assert options[0] == ("", "By the season's year")
    assert len(options) == 1 + len(standings_rule_sets())


def test_a_year_no_rule_set_covers_is_said_on_the_empty_choice(client, editor, session):
    season = Season.objects.create(championship=session.round.season.championship, year=2011)
    login(client, editor)

    options = options_of(client.get(season_url(season)), "rule_set")

    assert options[0] == ("", "By the season's year: no standings rule set applies to 2011")


def test_a_rule_set_no_file_has_is_kept_and_named_as_missing(client, editor, session):
    season = session.round.season
    Season.objects.filter(pk=season.pk).update(rule_set="wec-1999")
    login(client, editor)
    page = client.get(season_url(season))

    assert options_of(page, "rule_set")[-1] == ("wec-1999", "wec-1999 (no such file in events/data/standings)")
    response = client.post(season_url(season), form_of(page, "season_form", year="2021", _save="Save"))
    assert response.status_code == 302
    assert Season.objects.get(pk=season.pk).rule_set == "wec-1999"


def test_choosing_a_rule_set_is_in_the_history_and_in_the_next_standings(client, editor, race):
    season = race.round.season
    assert selectors.season_standings(season).rule_set.key == "wec-2021-2023"
    login(client, editor)
    page = client.get(season_url(season))

    response = client.post(
        season_url(season),
        form_of(page, "season_form", rule_set="wec-2024", change_reason="Test the 2024 titles", _save="Save"),
    )

    assert response.status_code == 302
    season.refresh_from_db()
    assert season.rule_set == "wec-2024"
    record = season.history.first()
    assert (record.history_user, record.history_change_reason, record.rule_set) == (
        editor,
        "Test the 2024 titles",
        "wec-2024",
    )
    view = selectors.season_standings(season)
    assert (view.rule_set.key, [table.key for table in view.tables]) == (
        "wec-2024",
        ["hypercar-drivers", "hypercar-manufacturers", "hypercar-teams"],
    )


def test_a_rule_set_that_does_not_exist_is_refused(client, editor, session):
    season = session.round.season
    login(client, editor)
    page = client.get(season_url(season))

    response = client.post(season_url(season), form_of(page, "season_form", rule_set="wec-1999", _save="Save"))

    assert response.status_code == 200
    assert "Select a valid choice. wec-1999 is not one of the available choices." in text_of(response)
    assert Season.objects.get(pk=season.pk).rule_set == ""


# The season's page: entrant kinds


def test_editor_adds_an_entrant_kind_in_the_seasons_inline_with_who_and_why(client, editor, session):
    assert editor.is_superuser is False
    season = session.round.season
    login(client, editor)
    page = client.get(season_url(season))
    assert options_of(page, "entrants-__prefix__-kind") == [
        ("works", "Works (manufacturer)"),
        ("private", "Private"),
        ("guest", "Guest (one-off)"),
    ]
    data = form_of(page, "season_form", change_reason="Entry list of 2021", _save="Save")

    response = client.post(
        season_url(season), with_new_rows(data, "entrants", [{"car_number": "7", "kind": "private"}])
    )

    assert response.status_code == 302
    entrant = SeasonEntrant.objects.get()
    assert (entrant.season, entrant.car_number, entrant.kind) == (season, "7", "private")
    record = entrant.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        editor,
        "Entry list of 2021",
    )


def test_an_entrant_kind_removed_in_the_inline_keeps_who_and_why(client, editor, session):
    season = session.round.season
    entrant = SeasonEntrant.objects.create(season=season, car_number="7", kind="guest")
    login(client, editor)
    page = client.get(season_url(season))
    data = form_of(page, "season_form", change_reason="Not a guest after all", _save="Save")
    data[f"entrants-{row_index(data, 'entrants', entrant.pk)}-DELETE"] = ["on"]

    response = client.post(season_url(season), data)

    assert response.status_code == 302
    assert SeasonEntrant.objects.count() == 0
    record = SeasonEntrant.history.filter(id=entrant.pk).first()
    assert (record.history_type, record.history_user, record.history_change_reason, record.kind) == (
        "-",
        editor,
        "Not a guest after all",
        "guest",
    )


def test_a_car_number_twice_in_a_season_is_refused(client, editor, session):
    season = session.round.season
    SeasonEntrant.objects.create(season=season, car_number="7", kind="guest")
    login(client, editor)
    data = form_of(client.get(season_url(season)), "season_form", _save="Save")

    response = client.post(
        season_url(season), with_new_rows(data, "entrants", [{"car_number": "7", "kind": "private"}])
    )

    assert response.status_code == 200
    assert "Entrant kind with this Season and Car number already exists." in text_of(response)
    assert list(SeasonEntrant.objects.values_list("car_number", "kind")) == [("7", "guest")]


def test_an_entrant_kind_changed_on_an_older_page_keeps_the_rules_changed_meanwhile(client, editor, bob, session):
    season = session.round.season
    entrant = SeasonEntrant.objects.create(season=season, car_number="7", kind="works")
    edith, bobs = client, login(Client(), bob)
    login(edith, editor)
    page = edith.get(season_url(season))
    bobs.post(
        season_url(season), form_of(bobs.get(season_url(season)), "season_form", rule_set="wec-2024", _save="Save")
    )
    data = form_of(page, "season_form", _save="Save")
    data[f"entrants-{row_index(data, 'entrants', entrant.pk)}-kind"] = ["guest"]

    response = edith.post(season_url(season), data)

    assert response.status_code == 302
    assert (Season.objects.get(pk=season.pk).rule_set, SeasonEntrant.objects.get().kind) == ("wec-2024", "guest")


def test_an_entrant_kind_changed_by_both_shows_both_and_saves_nothing(client, editor, bob, session):
    season = session.round.season
    entrant = SeasonEntrant.objects.create(season=season, car_number="7", kind="works")
    login(client, editor)
    page = client.get(season_url(season))
    bobs = login(Client(), bob)
    bob_data = form_of(bobs.get(season_url(season)), "season_form", change_reason="Customer car", _save="Save")
    bob_data[f"entrants-{row_index(bob_data, 'entrants', entrant.pk)}-kind"] = ["private"]
    assert bobs.post(season_url(season), bob_data).status_code == 302
    data = form_of(page, "season_form", _save="Save")
    data[f"entrants-{row_index(data, 'entrants', entrant.pk)}-kind"] = ["guest"]

    response = client.post(season_url(season), data)

    assert response.status_code == 200
    assert (
        "Changed meanwhile by bob to Private (you saw Works (manufacturer)); nothing was saved. "
        "Keep yours or take theirs."
    ) in text_of(response)
    assert SeasonEntrant.objects.get().kind == "private"


def test_an_entrant_kind_saved_shows_in_the_next_standings(client, editor, race):
    # The standings are stored under the season's results version; the receiver for
    # SeasonEntrant (events/results/signals.py) makes the next read recompute.
    season = race.round.season
    assert standings_of(season) == [(1, "Mike Conway", "39"), (2, "Andre Negrao", "27")]
    login(client, editor)
    data = form_of(client.get(season_url(season)), "season_form", _save="Save")

    client.post(season_url(season), with_new_rows(data, "entrants", [{"car_number": "7", "kind": "guest"}]))

    assert standings_of(season) == [(1, "Andre Negrao", "38")]


# The round's page: points


def test_rounds_page_offers_its_points_with_help(client, editor, session):
    login(client, editor)

    page = client.get(round_url(session.round))

    assert options_of(page, "points_scale") == [
        ("", "From the race's length"),
        ("standard", "Standard (up to 6 hours)"),
        ("long", "Long (8 h, 10 h, 1812 km, 1000 miles)"),
        ("le-mans", "Le Mans (24 hours)"),
    ]
    assert options_of(page, "points_share") == [
        ("full", "Full points"),
        ("half", "Half points (stopped before 75% of its time)"),
        ("none", "No points"),
    ]
    text = text_of(page)
    assert "Empty: from the race's length (20 h or more: Le Mans; 7 h or more: long; else standard)." in text
    assert "Half points when the race stopped before 75% of its time; none when it gave no points." in text


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"points_share": "half"}, [(1, "Mike Conway", "20"), (2, "Andre Negrao", "27/2")]),
        ({"points_scale": "standard"}, [(1, "Mike Conway", "26"), (2, "Andre Negrao", "18")]),
    ],
)
def test_a_rounds_points_changed_show_in_the_next_standings(client, editor, race, changes, expected):
    season, round_ = race.round.season, race.round
    assert standings_of(season) == [(1, "Mike Conway", "39"), (2, "Andre Negrao", "27")]
    login(client, editor)
    page = client.get(round_url(round_))

    response = client.post(
        round_url(round_), form_of(page, "round_form", **changes, change_reason="Stewards' decision", _save="Save")
    )

    assert response.status_code == 302
    record = Round.objects.get(pk=round_.pk).history.first()
    assert (record.history_user, record.history_change_reason) == (editor, "Stewards' decision")
    assert standings_of(season) == expected


# The round's page: poles


def test_pole_cars_are_the_rounds_and_classes_the_seasons(client, editor, session):
    other_round = Round.objects.create(season=session.round.season, order=3, name="6 Hours of Monza", slug="monza")
    Entry.objects.create(
        round=other_round, number="8", car_class=CarClass.objects.get(code="HYPERCAR"), team=Team.objects.first()
    )
    login(client, editor)

    page = client.get(round_url(session.round))

    assert options_of(page, "poles-__prefix__-entry") == [
        ("", "- Select an option -"),
        (str(Entry.objects.get(number="7").pk), "#7 Toyota Gazoo Racing (Hypercar)"),
        (str(Entry.objects.get(number="91").pk), "#91 Porsche GT Team (LMGTE Pro)"),
    ]
    assert [label for _, label in options_of(page, "poles-__prefix__-car_class")] == [
        "- Select an option -",
        "Hypercar",
        "LMGTE Pro",
    ]


def test_editor_decides_a_pole_in_the_rounds_inline_with_who_and_why(client, editor, race):
    round_ = race.round
    alpine = Entry.objects.get(number="36")
    login(client, editor)
    data = form_of(client.get(round_url(round_)), "round_form", change_reason="Qualifying cancelled", _save="Save")
    row = {"car_class": CarClass.objects.get(code="HYPERCAR").pk, "entry": alpine.pk, "reason": "Fastest in FP3"}

    response = client.post(round_url(round_), with_new_rows(data, "poles", [row]))

    assert response.status_code == 302
    pole = RoundPole.objects.get()
    assert (pole.round, pole.car_class.code, pole.entry, pole.reason, pole.created_by) == (
        round_,
        "HYPERCAR",
        alpine,
        "Fastest in FP3",
        editor,
    )
    record = pole.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        editor,
        "Qualifying cancelled",
    )


def test_a_pole_for_a_car_of_another_class_is_refused(client, editor, session):
    login(client, editor)
    data = form_of(client.get(round_url(session.round)), "round_form", _save="Save")
    row = {
        "car_class": CarClass.objects.get(code="HYPERCAR").pk,
        "entry": Entry.objects.get(number="91").pk,
        "reason": "x",
    }

    response = client.post(round_url(session.round), with_new_rows(data, "poles", [row]))

    assert response.status_code == 200
    assert errors_of(response) == [
        "Car #91 runs in LMGTE Pro, not in Hypercar; choose a Hypercar car.",
    ]
    assert RoundPole.objects.count() == 0


def test_a_pole_for_a_car_of_another_round_is_refused(client, editor, session):
    other_round = Round.objects.create(season=session.round.season, order=3, name="6 Hours of Monza", slug="monza")
    hypercar = CarClass.objects.get(code="HYPERCAR")
    elsewhere = Entry.objects.create(round=other_round, number="8", car_class=hypercar, team=Team.objects.first())
    login(client, editor)
    data = form_of(client.get(round_url(session.round)), "round_form", _save="Save")
    row = {"car_class": hypercar.pk, "entry": elsewhere.pk, "reason": "x"}

    response = client.post(round_url(session.round), with_new_rows(data, "poles", [row]))

    assert response.status_code == 200
    assert errors_of(response) == [
        "Car #8 is entered in 2021 6 Hours of Monza, not in 2021 8 Hours of Portimao; choose a car of this round.",
    ]
    assert RoundPole.objects.count() == 0


def test_a_pole_without_a_reason_is_refused(client, editor, session):
    login(client, editor)
    data = form_of(client.get(round_url(session.round)), "round_form", _save="Save")
    row = {
        "car_class": CarClass.objects.get(code="HYPERCAR").pk,
        "entry": Entry.objects.get(number="7").pk,
        "reason": " ",
    }

    response = client.post(round_url(session.round), with_new_rows(data, "poles", [row]))

    assert response.status_code == 200
    assert errors_of(response) == ["This field is required."]
    assert RoundPole.objects.count() == 0


def test_a_pole_removed_in_the_inline_keeps_who_and_why(client, editor, session):
    pole = RoundPole.objects.create(
        round=session.round,
        car_class=CarClass.objects.get(code="HYPERCAR"),
        entry=Entry.objects.get(number="7"),
        reason="Fastest in FP3",
    )
    login(client, editor)
    data = form_of(client.get(round_url(session.round)), "round_form", change_reason="Qualifying counted", _save="Save")
    data[f"poles-{row_index(data, 'poles', pole.pk)}-DELETE"] = ["on"]

    response = client.post(round_url(session.round), data)

    assert response.status_code == 302
    assert RoundPole.objects.count() == 0
    record = RoundPole.history.filter(id=pole.pk).first()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "-",
        editor,
        "Qualifying counted",
    )


def test_a_poles_car_changed_on_an_older_page_keeps_its_reason_changed_meanwhile(client, editor, bob, race):
    round_ = race.round
    pole = RoundPole.objects.create(
        round=round_, car_class=CarClass.objects.get(code="HYPERCAR"), entry=Entry.objects.get(number="7"), reason="x"
    )
    login(client, editor)
    page = client.get(round_url(round_))
    bobs = login(Client(), bob)
    bob_data = form_of(bobs.get(round_url(round_)), "round_form", _save="Save")
    bob_data[f"poles-{row_index(bob_data, 'poles', pole.pk)}-reason"] = ["Qualifying cancelled (rain)"]
    assert bobs.post(round_url(round_), bob_data).status_code == 302
    data = form_of(page, "round_form", change_reason="Wrong car", _save="Save")
    data[f"poles-{row_index(data, 'poles', pole.pk)}-entry"] = [str(Entry.objects.get(number="36").pk)]

    response = client.post(round_url(round_), data)

    assert response.status_code == 302
    pole.refresh_from_db()
    assert (pole.entry.number, pole.reason) == ("36", "Qualifying cancelled (rain)")
    assert [(h.history_user.username, h.history_change_reason) for h in pole.history.all()[:2]] == [
        ("edith", "Wrong car"),
        ("bob", ""),
    ]


def test_a_pole_saved_shows_in_the_next_standings(client, editor, race):
    # Stored standings are recomputed on the next read thanks to the receiver for RoundPole
    # (events/results/signals.py).
    season, round_ = race.round.season, race.round
    assert standings_of(season) == [(1, "Mike Conway", "39"), (2, "Andre Negrao", "27")]
    login(client, editor)
    data = form_of(client.get(round_url(round_)), "round_form", _save="Save")
    row = {"car_class": CarClass.objects.get(code="HYPERCAR").pk, "entry": Entry.objects.get(number="36").pk}

    client.post(round_url(round_), with_new_rows(data, "poles", [{**row, "reason": "Fastest in FP3"}]))

    assert standings_of(season) == [(1, "Mike Conway", "38"), (2, "Andre Negrao", "28")]


def test_a_poles_own_page_offers_the_rounds_cars_and_its_history(client, editor, race):
    pole = RoundPole.objects.create(
        round=race.round,
        car_class=CarClass.objects.get(code="HYPERCAR"),
        entry=Entry.objects.get(number="7"),
        reason="x",
    )
    login(client, editor)
    url = reverse("admin:events_roundpole_change", args=[pole.pk])
    page = client.get(url)
    assert [label for _, label in options_of(page, "entry")] == [
        "- Select an option -",
        "#36 Alpine Elf Matmut (Hypercar)",
        "#7 Toyota Gazoo Racing (Hypercar)",
        "#91 Porsche GT Team (LMGTE Pro)",
    ]

    response = client.post(
        url,
        form_of(
            page,
            "roundpole_form",
            entry=str(Entry.objects.get(number="36").pk),
            change_reason="Wrong car",
            _save="Save",
        ),
    )

    assert response.status_code == 302
    history = text_of(client.get(reverse("admin:events_roundpole_history", args=[pole.pk])))
    assert "edith" in history and "Wrong car" in history
    assert client.get(reverse("admin:events_roundpole_add")).status_code == 403


# Penalties: laps deducted


def penalty_data(race, number, **changes):
    return {
        "session": race.pk,
        "entry": Entry.objects.get(number=number).pk,
        "kind": "laps",
        "time_ms": "",
        "grid_places": "",
        "laps": "",
        "reason": "Causing a collision",
        "_save": "Save",
        **changes,
    }


def test_a_laps_penalty_is_given_with_who_and_shown_in_the_list(client, editor, race):
    login(client, editor)

    response = client.post(reverse("admin:events_penalty_add"), penalty_data(race, "91", laps="2"))

    assert response.status_code == 302
    penalty = Penalty.objects.get()
    assert (penalty.kind, penalty.laps, penalty.time_ms, penalty.grid_places, penalty.created_by) == (
        "laps",
        2,
        None,
        None,
        editor,
    )
    record = penalty.history.get()
    assert (record.history_user, record.history_change_reason) == (editor, "Penalty given: Causing a collision")
    rows = table_rows(client.get(reverse("admin:events_penalty_changelist")).content.decode())[-2:]
    assert rows[0][1:7] == ["2 Entry", "1 Session", "Kind", "Time added", "Grid places", "Laps deducted"]
    assert rows[1][1:7] == ["#91 Porsche GT Team", "2021 8 Hours of Portimao – Race", "Laps deducted", "-", "-", "2"]


@pytest.mark.parametrize("laps", ["", "0"])
def test_a_laps_penalty_without_laps_is_refused(client, editor, race, laps):
    login(client, editor)

    response = client.post(reverse("admin:events_penalty_add"), penalty_data(race, "91", laps=laps))

    assert response.status_code == 200
    assert errors_of(response) == [
        "A laps penalty needs one lap or more (car #91 in wec/2021/portimao/race).",
    ]
    assert Penalty.objects.count() == 0


def test_laps_on_another_kind_of_penalty_are_refused(client, editor, race):
    login(client, editor)

    response = client.post(
        reverse("admin:events_penalty_add"), penalty_data(race, "91", kind="time", time_ms="30.000", laps="1")
    )

    assert response.status_code == 200
    assert errors_of(response) == [
        "Only a “Laps deducted” penalty takes laps, not “Time added”; "
        "leave it empty (car #91 in wec/2021/portimao/race).",
    ]
    assert Penalty.objects.count() == 0


def test_a_laps_penalty_changed_keeps_who_and_why(client, editor, race):
    login(client, editor)
    client.post(reverse("admin:events_penalty_add"), penalty_data(race, "91", laps="2"))
    penalty = Penalty.objects.get()
    url = reverse("admin:events_penalty_change", args=[penalty.pk])

    response = client.post(
        url, form_of(client.get(url), "penalty_form", laps="1", change_reason="Appeal", _save="Save")
    )

    assert response.status_code == 302
    penalty.refresh_from_db()
    assert penalty.laps == 1
    record = penalty.history.first()
    assert (record.history_user, record.history_change_reason, record.laps) == (editor, "Appeal", 1)
