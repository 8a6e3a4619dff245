"""Helpers the tests of several packages share: reading pages, logging in, fixture files."""

import re
from html import unescape
from html.parser import HTMLParser
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


class _FormReader(HTMLParser):
    """What a browser would post from one form of a page (submit buttons left out)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.pairs = form_id, False, []
        self.select = self.textarea = None
        self.options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        if tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            unchecked = kind in ("checkbox", "radio") and "checked" not in attrs
            if kind in ("submit", "button", "image", "file") or unchecked:
                return
            self.pairs.append((attrs["name"], attrs.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and attrs.get("name"):
            self.select, self.options = attrs["name"], []
        elif tag == "option" and self.select is not None:
            self.options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and attrs.get("name"):
            self.textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            chosen = [value for value, selected in self.options if selected] or [v for v, _ in self.options[:1]]
            self.pairs += [(self.select, value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.pairs.append(tuple(self.textarea))
            self.textarea = None


def form_of(response, form_id: str, **changes) -> dict:
    """The fields of the page's form ``form_id`` as a browser posts them, then ``changes``
    (input name → value; None removes the input), ready for ``client.post``."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in reader.pairs:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = [value]
    return data
