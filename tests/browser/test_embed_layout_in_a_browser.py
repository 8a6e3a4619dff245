"""The embed's layout in a real browser (Debian's Chromium through Playwright): the oEmbed
``height`` is the embed's real height at the oEmbed width, and a narrow embed never breaks a
word in two. Screenshots go to tests/artifacts/."""

import json
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, CHROMIUM

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"),
    pytest.mark.django_db(transaction=True),
]

PAGE = "/wec/2021/portimao/qualifying/"
# The words of every cell the browser laid out on more than one line (a line may end after a
# hyphen, as in "Dempsey-Proton": each part counts as a word).
SPLIT_WORDS = """() => {
  const split = [];
  for (const cell of document.querySelectorAll('th, td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s-]+-?/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
        if (tops.size > 1) split.push(match[0]);
      }
    }
  }
  return split;
}"""


def oembed_height(live_server, query: str) -> int:
    url = urllib.parse.quote(f"{live_server.url}{PAGE}{query}", safe="")
    with urllib.request.urlopen(f"{live_server.url}/oembed?url={url}&format=json") as response:
        data = json.load(response)
    assert data["width"] == 640
    return data["height"]


@pytest.mark.parametrize(
    "query", ["", "?class=HYPERCAR", "?top=3", "?columns=full", "?columns=full&class=LMP2", "?class=LMP2&top=1"]
)
def test_the_oembed_height_is_the_embeds_height_at_640_px(browser, live_server, demo, query):
    height = oembed_height(live_server, query)
    # A short viewport, so that the document's scroll height is its content's, not the window's.
    page = browser.new_page(viewport={"width": 640, "height": 100})
    page.goto(f"{live_server.url}/embed{PAGE}{query}")
    content = page.evaluate("document.documentElement.scrollHeight")
    page.close()
    assert abs(height - content) <= 4, (height, content)


@pytest.mark.parametrize("columns", ["compact", "full"])
def test_a_320_px_embed_breaks_no_word(browser, live_server, demo, columns):
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto(f"{live_server.url}/embed{PAGE}?columns={columns}")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"embed-320-{columns}.png", full_page=True)
    assert page.evaluate(SPLIT_WORDS) == []
    styles = page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('td.col-team'));"
        " return [s.wordBreak, s.overflowWrap, s.hyphens]; })()"
    )
    assert styles == ["normal", "normal", "manual"]
    # The compact table fits (names wrap at spaces); the full one, wider, scrolls sideways in its
    # own box rather than past the frame's edge.
    overflows = page.evaluate(
        "[...document.querySelectorAll('.table-scroll')].map(box => box.scrollWidth > box.clientWidth)"
    )
    assert overflows == ([False] * 4 if columns == "compact" else [True, True, False, True])
    assert page.evaluate("document.documentElement.scrollWidth") == 320
    assert page.evaluate("getComputedStyle(document.querySelector('.table-scroll')).overflowX") == "auto"
    page.close()
