"""Embeds for news sites and oEmbed: options, framing, caching, escaping."""

import json
import re
from html import unescape

from django.contrib.staticfiles import finders
from django.urls import reverse

from events import services
from events.models import Driver, Lap, Round, Session, Team

EMBED = "/embed/wec/2021/portimao/qualifying/"
PAGE_URL = "http://testserver/wec/2021/portimao/qualifying/"


def rows_of(html):
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, flags=re.S)
        if cells:
            rows.append([unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


def test_embed_shows_the_classes_asked_for_top_n(client, demo_shared):
    html = client.get(EMBED, {"class": ["HYPERCAR", "LMGTE Pro"], "top": "3"}).content.decode()
    assert rows_of(html) == [
        ["1", "36", "Alpine Elf Matmut", "1:30.364", ""],
        ["2", "8", "Toyota Gazoo Racing", "1:30.458", "+0.094"],
        ["3", "7", "Toyota Gazoo Racing", "1:30.573", "+0.209"],
        ["1", "92", "Porsche GT Team", "1:37.986", ""],
        ["2", "51", "AF Corse", "1:38.291", "+0.305"],
        ["3", "91", "Porsche GT Team", "1:38.402", "+0.416"],
    ]
    assert '<html lang="en" data-theme="auto">' in html
    assert f'<a href="{PAGE_URL}" target="_blank" rel="noopener">Full results on wecresults</a>' in html
    assert "Provisional" in html


def test_embed_full_columns_and_theme(client, demo_shared):
    html = client.get(EMBED, {"class": "LMP2", "top": "1", "columns": "full", "theme": "dark"}).content.decode()
    assert '<html lang="en" data-theme="dark">' in html
    assert rows_of(html) == [
        ["1", "4", "28", "Jota", "Sean Gelael, Stoffel Vandoorne, Tom Blomqvist", "Oreca 07 - Gibson", "1:31.164", "",
         "", "5"],
    ]  # fmt: skip


def test_embed_may_be_framed_by_anyone_and_sets_no_cookie(client, demo_shared):
    response = client.get(EMBED)
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response.cookies == {} and "Set-Cookie" not in response
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=300, stale-while-revalidate=600"
    html = response.content.decode()
    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/events/js/embed-frame.js" defer>']
    assert "style=" not in html
    page = client.get("/wec/2021/portimao/qualifying/")
    assert page["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_embed_conditional_get_and_fresh_after_an_edit(client, demo):
    first = client.get(EMBED)
    assert client.get(EMBED, headers={"If-None-Match": first["ETag"]}).status_code == 304
    session = Session.objects.get(slug="qualifying")
    services.lap_time_delete(
        lap=Lap.objects.get(session=session, entry__number="36", lap_number=3), note="x", user=None
    )
    second = client.get(EMBED, headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200 and second["ETag"] != first["ETag"]
    assert rows_of(second.content.decode())[0][:2] == ["1", "8"]


def test_oembed_for_a_session_page(client, demo_shared):
    response = client.get("/oembed", {"url": PAGE_URL, "maxwidth": "500", "format": "json"})
    data = response.json()
    assert {k: data[k] for k in ("version", "type", "provider_name", "title", "width", "cache_age")} == {
        "version": "1.0", "type": "rich", "provider_name": "wecresults",
        "title": "8 Hours of Portimao 2021 – Qualifying", "width": 500, "cache_age": 300,
    }  # fmt: skip
    # The frame (60 px), 4 classes (59 px each) and 26 rows (27 px each): see embed.css.
    assert data["height"] == 60 + 4 * 59 + 26 * 27 == 998
    assert data["html"] == (
        f'<iframe src="http://testserver{EMBED}" width="500" height="{data["height"]}" '
        'title="8 Hours of Portimao 2021 – Qualifying" loading="lazy" scrolling="no" '
        'style="border:0;width:100%;max-width:500px" class="wecresults-embed"></iframe>'
        '<script src="http://testserver/static/events/js/embed.js" async></script>'
    )
    embed = client.get("/oembed", {"url": f"http://testserver{EMBED}?class=LMP2&top=3"}).json()
    assert f'src="http://testserver{EMBED}?class=LMP2&amp;top=3"' in embed["html"]
    assert embed["height"] == 60 + 59 + 3 * 27 == 200


def test_oembed_refuses_other_sites_and_formats(client, demo_shared):
    assert client.get("/oembed", {"url": "https://example.org/wec/2021/portimao/qualifying/"}).status_code == 404
    assert client.get("/oembed", {"url": "http://testserver/wec/2021/"}).status_code == 404
    assert client.get("/oembed", {"url": PAGE_URL, "format": "xml"}).status_code == 501


def test_session_page_offers_discovery_and_a_snippet(client, demo_shared):
    html = client.get("/wec/2021/portimao/qualifying/").content.decode()
    assert (
        '<link rel="alternate" type="application/json+oembed" href="http://testserver/oembed?url=http%3A%2F%2Ftestserver'
        '%2Fwec%2F2021%2Fportimao%2Fqualifying%2F&amp;format=json"'
    ) in html  # absolute: WordPress needs it
    assert (
        "&lt;div data-wecresults-embed=&quot;/embed/wec/2021/portimao/qualifying/&quot;&gt;&lt;/div&gt;\n"
        "&lt;script src=&quot;http://testserver/static/events/js/embed.js&quot; async&gt;&lt;/script&gt;"
    ) in html


def test_hostile_names_are_text_in_page_embed_and_oembed(client, demo):
    Team.objects.filter(name="Alpine Elf Matmut").update(name="<script>alert(1)</script>")
    Driver.objects.filter(last_name="Vaxiviere").update(last_name='"><img src=x onerror=alert(1)>')

    Round.objects.filter(slug="portimao").update(name='8 Hours of <b onmouseover="x">Portimao</b>')
    session = Session.objects.get(slug="qualifying")
    services.session_results_touch(session_ids=[session.pk])
    for url in (EMBED + "?columns=full", "/wec/2021/portimao/qualifying/"):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<img src=x" not in html and "<b onmouseover" not in html
    data = client.get("/oembed", {"url": PAGE_URL}).json()
    assert 'title="8 Hours of &lt;b onmouseover=&quot;x&quot;&gt;Portimao&lt;/b&gt; 2021 – Qualifying"' in data["html"]
    assert json.loads(json.dumps(data))["title"] == '8 Hours of <b onmouseover="x">Portimao</b> 2021 – Qualifying'


def test_host_script_and_frame_script_are_served(client, db):
    assert finders.find("events/js/embed.js") and finders.find("events/js/embed-frame.js")
    assert reverse("events:oembed") == "/oembed"


def test_numbers_that_are_not_decimal_are_ignored_not_an_error(client, demo_shared):
    """``"²".isdigit()`` is true but ``int("²")`` fails: such a top or maxwidth is no number at all."""
    html = client.get(EMBED, {"class": "HYPERCAR", "top": "²"}).content.decode()
    assert [row[1] for row in rows_of(html)] == ["36", "8", "7", "709"]  # the whole class, as without top
    data = client.get("/oembed", {"url": PAGE_URL, "maxwidth": "²", "format": "json"}).json()
    assert data["width"] == 640


def test_a_class_filtered_page_offers_an_embed_of_that_class(client, demo_shared):
    html = client.get("/wec/2021/portimao/qualifying/", {"car_class": "LMGTE Am", "x": "1"}).content.decode()
    assert (
        '<link rel="alternate" type="application/json+oembed" href="http://testserver/oembed?url=http%3A%2F%2Ftestserver'
        '%2Fwec%2F2021%2Fportimao%2Fqualifying%2F%3Fcar_class%3DLMGTE%2BAm&amp;format=json"'
    ) in html
    assert "data-wecresults-embed=&quot;/embed/wec/2021/portimao/qualifying/?class=LMGTE+Am&quot;" in html
    data = client.get("/oembed", {"url": f"{PAGE_URL}?car_class=LMGTE+Am&team=x", "format": "json"}).json()
    assert f'src="http://testserver{EMBED}?class=LMGTE+Am"' in data["html"]
    embed = client.get(f"{EMBED}?class=LMGTE+Am").content.decode()
    assert ">LMGTE Am</span></caption>" in embed and ">Hypercar</span></caption>" not in embed
    assert rows_of(embed)[0][:2] == ["1", "56"]  # the LMGTE Am pole
