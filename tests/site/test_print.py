"""Every page carries the print stylesheet (for paper only), which leaves out the navigation,
search, filters, views and embed box and lets tables print whole."""

import re
from pathlib import Path

import pytest

PRINT_CSS = Path(__file__).resolve().parents[2] / "static" / "events" / "css" / "print.css"


@pytest.mark.parametrize(
    "url", ["/", "/wec/2021/", "/wec/2021/portimao/", "/wec/2021/portimao/qualifying/", "/wec/2021/standings/"]
)
def test_every_page_links_the_print_stylesheet_for_paper(client, demo_shared, url):
    html = client.get(url).content.decode()
    assert html.count('<link rel="stylesheet" href="/static/events/css/print.css" media="print">') == 1


def test_the_print_stylesheet_leaves_out_all_but_the_tables():
    css = PRINT_CSS.read_text()
    hidden = re.search(r"^([^{}]+)\{ display: none !important; \}", css, re.M).group(1)
    assert [name.strip() for name in hidden.split(",")] == [
        ".crumbs",
        ".site-search",
        ".site-footer",
        ".filters",
        ".views",
        ".embed-dialog",
        ".chart-options",
        ".search-page",
    ]
    assert ".table-scroll { overflow: visible; }" in css
    assert "thead { display: table-header-group; }" in css
