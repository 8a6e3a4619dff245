"""The API from a browser: the docs page works under our content security policy with
nothing from the internet, and a page on another origin may read the JSON."""

import json
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, CHROMIUM, NEWS_ORIGIN

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"),
    pytest.mark.django_db(transaction=True),
]


def test_docs_page_lists_and_runs_the_operations(browser, live_server, demo):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems, outside = [], []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: request.url.startswith(live_server.url) or outside.append(request.url))
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() == 21
    operation = page.locator(".opblock", has_text="/api/v1/{championship}/{year}/{round}/grid").first
    operation.locator(".opblock-summary").click()
    operation.locator("button.execute").click()  # the examples name the demo round
    operation.locator(".live-responses-table .response-col_status").first.wait_for()
    body = operation.locator(".live-responses-table .response-col_description pre").first.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "api-docs.png")
    assert json.loads(body)[0]["number"] == "36"
    assert problems == [] and outside == []
    page.close()


def test_a_page_on_another_origin_reads_the_json(browser, live_server, demo):
    page = browser.new_page()
    page.route(
        f"{NEWS_ORIGIN}/**", lambda route: route.fulfill(body="<!doctype html><p>News</p>", content_type="text/html")
    )
    page.goto(f"{NEWS_ORIGIN}/article")
    url = f"{live_server.url}/api/v1/wec/2021/portimao/qualifying/classification"
    first = page.evaluate(
        """async url => {
            const response = await fetch(url);
            const data = await response.json();
            const [pole, second] = data.overall;
            return [response.status, response.headers.get("ETag"), pole.number, second.gap_to_leader];
        }""",
        url,
    )
    assert first[0] == 200 and first[1] and first[2:] == ["36", "+0.094"]
    # A page revalidating by hand sends If-None-Match, which needs a preflight.
    status = page.evaluate(
        "async ([url, etag]) => (await fetch(url, {headers: {'If-None-Match': etag}, cache: 'no-store'})).status",
        [url, first[1]],
    )
    assert status == 304
    page.close()
