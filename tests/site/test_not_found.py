"""A page for something that does not exist is the 404 page, from the selector's NotFound."""

import pytest

from events import selectors
from events.errors import NotFound


def test_unknown_driver_and_team_are_404_with_a_message_naming_them(client, db):
    for url in ("/drivers/999999/", "/teams/999999/", "/drivers/nobody/", "/teams/no-team/"):
        assert client.get(url).status_code == 404, url
    with pytest.raises(NotFound, match="No driver 999999"):
        selectors.driver_slug(999999)
    with pytest.raises(NotFound, match="No team 999999"):
        selectors.team_slug(999999)
    with pytest.raises(NotFound, match="No driver “nobody”"):
        selectors.driver_get("nobody")
    with pytest.raises(NotFound, match="No team “no-team”"):
        selectors.team_get("no-team")


def test_unknown_season_round_session_car_and_embed_are_404(client, demo):
    for url in ("/wec/1999/", "/wec/2021/nowhere/", "/wec/2021/nowhere/grid/", "/wec/2021/portimao/nothing/",
                "/wec/2021/portimao/qualifying/car/999/", "/embed/wec/2021/portimao/nothing/",
                "/wec/1999/classes.css"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert client.get("/oembed", {"url": "http://testserver/wec/2021/portimao/nothing/"}).status_code == 404
