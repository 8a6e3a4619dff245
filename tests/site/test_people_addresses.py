"""Drivers and teams at readable addresses (``/drivers/antonio-fuoco/``): made once from the
name, unique, stable; the old numeric addresses move there for good (301)."""

import re

import pytest

from events.models import Driver, Team
from events.models.slugs import slug_base


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Antonio Fuoco", "antonio-fuoco"),
        ("Matthieu Vaxivière", "matthieu-vaxiviere"),
        ("  José María LÓPEZ ", "jose-maria-lopez"),
        ("AF Corse", "af-corse"),
        ("Team WRT / Belgium", "team-wrt-belgium"),
        ("周冠宇", "driver"),  # nothing to keep: the kind's word
        ("2024", "driver-2024"),  # never digits alone: that is an id's address
    ],
)
def test_slug_from_a_name(text, slug):
    assert slug_base(text, "driver") == slug


def test_a_slug_is_made_once_from_the_name_and_stays(db):
    driver = Driver.objects.create(first_name="Antonio", last_name="Fuoco")
    assert driver.slug == "antonio-fuoco"
    driver.last_name = "Fuocco"
    driver.save()
    driver.refresh_from_db()
    assert driver.slug == "antonio-fuoco"  # links stay good


def test_a_name_taken_gets_the_first_free_number_also_in_bulk(db):
    Driver.objects.create(first_name="Ye", last_name="Yifei")
    Driver.objects.create(first_name="Ye", last_name="Yifei", nationality="CHN")
    made = Driver.objects.bulk_create(
        [
            Driver(first_name="Ye", last_name="Yifei"),
            Driver(first_name="Yifei", last_name="Ye"),
            Driver(first_name="周", last_name=""),
        ]
    )
    assert [driver.slug for driver in made] == ["ye-yifei-3", "yifei-ye", "driver"]
    assert sorted(Driver.objects.values_list("slug", flat=True)) == [
        "driver",
        "ye-yifei",
        "ye-yifei-2",
        "ye-yifei-3",
        "yifei-ye",
    ]
    team = Team.objects.create(name="Team WRT")
    assert (team.slug, Team.objects.bulk_create([Team(name="Team-WRT")])[0].slug) == ("team-wrt", "team-wrt-2")


def test_a_longer_slug_that_starts_alike_is_not_taken_for_the_name(db):
    Driver.objects.create(first_name="Ye", last_name="Yifei Junior")  # ye-yifei-junior
    assert Driver.objects.create(first_name="Ye", last_name="Yifei").slug == "ye-yifei"


def test_driver_and_team_pages_at_their_slugs_and_old_ids_redirect_for_good(client, demo_shared):
    driver = Driver.objects.get(last_name="Bruni")
    team = Team.objects.get(name="Jota")
    assert (driver.slug, team.slug) == ("gianmaria-bruni", "jota")
    page = client.get("/drivers/gianmaria-bruni/")
    assert page.status_code == 200
    assert "<h1>Gianmaria Bruni</h1>" in page.content.decode()
    assert "<h1>Jota</h1>" in client.get("/teams/jota/").content.decode()
    moved = client.get(f"/drivers/{driver.pk}/")
    assert (moved.status_code, moved["Location"]) == (301, "/drivers/gianmaria-bruni/")
    moved = client.get(f"/teams/{team.pk}/")
    assert (moved.status_code, moved["Location"]) == (301, "/teams/jota/")


def test_pages_link_drivers_and_teams_by_their_slugs(client, demo_shared):
    round_page = client.get("/wec/2021/portimao/").content.decode()
    assert '<a href="/teams/jota/">Jota</a>' in round_page
    assert '<a href="/drivers/gianmaria-bruni/">Gianmaria Bruni</a>' in round_page
    car_page = client.get("/wec/2021/portimao/qualifying/car/91/").content.decode()
    assert '<a href="/drivers/gianmaria-bruni/">Gianmaria Bruni</a>' in car_page


def test_the_admin_adds_a_driver_without_typing_an_address_and_shows_it(client, editor, db):
    client.force_login(editor)
    response = client.post(
        "/admin/events/driver/add/", {"first_name": "Matthieu", "last_name": "Vaxivière", "nationality": "FRA"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    driver = Driver.objects.get(last_name="Vaxivière")
    assert driver.slug == "matthieu-vaxiviere"
    page = client.get(f"/admin/events/driver/{driver.pk}/change/").content.decode()
    assert '<div class="readonly">matthieu-vaxiviere</div>' in page
    view_on_site = re.search(r'<a href="([^"]+)" class="viewsitelink">', page).group(1)
    assert client.get(view_on_site)["Location"].endswith("/drivers/matthieu-vaxiviere/")
