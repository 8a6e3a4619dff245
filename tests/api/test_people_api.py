"""Drivers and teams in the API: found by name (accents and case ignored), paged like the
laps, and each one's entries and results by season."""

import pytest

from events.models import Driver

API = "/api/v1"
FUOCO = {
    "slug": "antonio-fuoco",
    "first_name": "Antonio",
    "last_name": "Fuoco",
    "nationality": "Italy",
    "url": "/drivers/antonio-fuoco/",
}


def person(slug, first, last, nationality="Italy"):
    return {
        "slug": slug,
        "first_name": first,
        "last_name": last,
        "nationality": nationality,
        "url": f"/drivers/{slug}/",
    }


def test_drivers_found_by_name_a_page_at_a_time(client, demo_shared):
    response = client.get(f"{API}/drivers", {"search": "ANTONIO", "page_size": 1})
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=300, stale-while-revalidate=600"
    assert response.json() == {
        "count": 2,
        "page": 1,
        "page_size": 1,
        "next": "/api/v1/drivers?search=ANTONIO&page_size=1&page=2",
        "previous": None,
        "items": [person("antonio-felix-da-costa", "Antonio", "Felix da Costa", "Portugal")],
    }
    second = client.get(f"{API}/drivers", {"search": "ANTONIO", "page_size": 1, "page": 2}).json()
    assert (second["items"], second["next"], second["previous"]) == (
        [FUOCO],
        None,
        "/api/v1/drivers?search=ANTONIO&page_size=1&page=1",
    )


def test_a_driver_is_found_without_the_accents_of_their_name(client, demo_shared):
    Driver.objects.create(first_name="Zoé", last_name="Ténière", nationality="France")
    items = client.get(f"{API}/drivers", {"search": "zoe teniere"}).json()["items"]
    assert items == [person("zoe-teniere", "Zoé", "Ténière", "France")]


def test_without_search_every_driver_by_name_and_a_page_too_far_is_404(client, demo_shared):
    first = client.get(f"{API}/drivers").json()
    assert (first["count"], first["page_size"], len(first["items"])) == (74, 50, 50)
    assert first["items"][0]["slug"] == "filipe-albuquerque"
    response = client.get(f"{API}/drivers", {"page": 3})
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "There is no page 3 of drivers: 74 drivers make 2 page(s) of 50."},
    )


def test_a_driver_with_entries_and_results_by_season(client, demo_shared):
    response = client.get(f"{API}/drivers/antonio-fuoco")
    assert response.status_code == 200
    assert response.json() == {
        **FUOCO,
        "fia_category": "platinum",
        "seasons": [
            {
                "championship": "wec",
                "year": 2021,
                "entries": [
                    {
                        "round": "portimao",
                        "round_name": "8 Hours of Portimao",
                        "number": "47",
                        "class": "LMGTE Am",
                        "team": "Cetilar Racing",
                        "team_slug": "cetilar-racing",
                        "car": "Ferrari 488 GTE Evo",
                        "drivers": [
                            person("roberto-lacorte", "Roberto", "Lacorte"),
                            person("giorgio-sernagiotto", "Giorgio", "Sernagiotto"),
                            FUOCO,
                        ],
                        "results": [
                            {
                                "session": "qualifying",
                                "session_name": "Qualifying",
                                "kind": "qualifying",
                                "status": "classified",
                                "overall_position": 21,
                                "class_position": 3,
                                "laps": 5,
                                "best_lap_ms": 99102,
                                "best_lap": "1:39.102",
                                "url": "/wec/2021/portimao/qualifying/car/47/",
                            }
                        ],
                    }
                ],
            }
        ],
    }


def test_teams_found_by_name_and_a_team_with_its_entries(client, demo_shared):
    found = client.get(f"{API}/teams", {"search": "jota"}).json()
    assert found["items"] == [{"slug": "jota", "name": "Jota", "country": "", "url": "/teams/jota/"}]
    team = client.get(f"{API}/teams/jota").json()
    assert (team["slug"], team["name"], team["url"]) == ("jota", "Jota", "/teams/jota/")
    entries = team["seasons"][0]["entries"]
    assert [(e["number"], e["class"], [r["class_position"] for r in e["results"]]) for e in entries] == [
        ("28", "LMP2", [1]),
        ("38", "LMP2", [2]),
    ]


@pytest.mark.parametrize(
    ("url", "status", "detail"),
    [
        (f"{API}/drivers/nobody", 404, "No driver “nobody”."),
        (f"{API}/teams/no-team", 404, "No team “no-team”."),
    ],
)
def test_unknown_people_are_404_naming_them(client, db, url, status, detail):
    response = client.get(url)
    assert (response.status_code, response.json()) == (status, {"detail": detail})


def test_a_bad_slug_or_page_size_is_422(client, db):
    assert client.get(f"{API}/drivers/Not%20A%20Slug").status_code == 422
    assert client.get(f"{API}/drivers", {"page_size": 201}).status_code == 422


def test_the_driver_items_are_documented(client, db):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert set(schemas["DriverOut"]["required"]) == {"slug", "first_name", "last_name", "nationality", "url"}
