"""Helpers the tests of several packages share: reading pages, logging in, fixture files."""

import re
from html import unescape
from pathlib import Path

from django.urls import reverse

from events.models import Lap

ALKAMEL_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "alkamel"


def alkamel_fixture(name: str) -> bytes:
    """One of our own small Al Kamel files (tests/fixtures/alkamel), as bytes."""
    return (ALKAMEL_FIXTURES / name).read_bytes()


def text_of(response) -> str:
    """The page's visible text with tags removed and white space folded."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def table_rows(html: str) -> list[list[str]]:
    """Each <tr> of the page's tables as a list of cell texts."""
    rows = []
    for tr in re.findall(r"<tr\b.*?</tr>", html, flags=re.S):
        cells = re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", tr, flags=re.S)
        rows.append([re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", c))).strip() for c in cells])
    return rows


def login(client, user):
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": "secret-password", "next": "/admin/"}
    )
    assert response.status_code == 302, "login failed"
    return client


def lap_of(session, number, lap_number) -> Lap:
    return Lap.objects.get(session=session, entry__number=number, lap_number=lap_number)
