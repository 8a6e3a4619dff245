"""Addresses are parsed once and turned back into URL arguments and lookups."""

import pytest

from events.addresses import RoundAddress, SeasonAddress, SessionAddress
from events.errors import NotFound

PORTIMAO = SessionAddress("wec", 2021, "portimao", "qualifying")


def test_a_typed_path_is_parsed_once():
    assert SessionAddress.parse(" /wec/2021/portimao/qualifying/ ") == PORTIMAO
    assert PORTIMAO.path == "wec/2021/portimao/qualifying"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "wec/2021/portimao",
            "“wec/2021/portimao” is not a session path; write it as championship/year/round/session, "
            "e.g. wec/2021/portimao/qualifying.",
        ),
        ("wec/20x1/portimao/qualifying", "“wec/20x1/portimao/qualifying”: the year “20x1” is not a number."),
        ("wec/99999999999/portimao/qualifying", "No session wec/99999999999/portimao/qualifying."),
        ("wec/2021/porti mao/qualifying", "No session wec/2021/porti mao/qualifying."),
        ("wec/2021/portimao/qu\x00alifying", "No session wec/2021/portimao/qu\x00alifying."),
    ],
)
def test_a_path_that_names_nothing_says_why(path, message):
    with pytest.raises(NotFound) as error:
        SessionAddress.parse(path)
    assert str(error.value) == message


def test_from_url_arguments_and_back():
    kwargs = {"championship": "wec", "year": 2021, "round": "portimao", "session": "qualifying"}
    assert SessionAddress.from_kwargs(**kwargs, number="36") == PORTIMAO
    assert SessionAddress.from_kwargs(**{**kwargs, "year": "2021"}) == PORTIMAO  # the API passes text
    assert PORTIMAO.url_kwargs() == kwargs
    assert PORTIMAO.round_address == RoundAddress("wec", 2021, "portimao")
    assert PORTIMAO.round_address.season == SeasonAddress("wec", 2021)
    assert PORTIMAO.round_address.path == "wec/2021/portimao"


def test_lookups_find_the_session():
    assert PORTIMAO.lookups() == {
        "round__season__championship__slug": "wec",
        "round__season__year": 2021,
        "round__slug": "portimao",
        "slug": "qualifying",
    }
    assert PORTIMAO.round_address.lookups() == {
        "season__championship__slug": "wec",
        "season__year": 2021,
        "slug": "portimao",
    }
    assert SeasonAddress("wec", 2021).lookups() == {"championship__slug": "wec", "year": 2021}


@pytest.mark.parametrize(
    "address",
    [
        SessionAddress("wec", 1899, "portimao", "qualifying"),
        SessionAddress("wec", "2021x", "portimao", "qualifying"),
        SessionAddress("wec", True, "portimao", "qualifying"),
        SessionAddress("w/ec", 2021, "portimao", "qualifying"),
        SessionAddress("wec", 2021, "portimao", ""),
    ],
)
def test_names_that_cannot_be_ours_are_not_valid(address):
    assert not address.is_valid()
