"""What a newcomer saw first on the built-in themes, in a real browser: no stray bullets on
readthedocs, no empty table-of-contents box on `mkdocs`, a subtitle that reads as one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, serve, sync_api
from conftest import Site, build_site, theme, write_site

pytestmark = pytest.mark.browser

POST = """---
title: A post with a subtitle
description: The subtitle must read as a subtitle, not as the first paragraph.
categories: [Notes]
---
The first paragraph of the body, in the theme's body text.
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Site]:
    built = {}
    for name in ("mkdocs", "readthedocs"):
        root = tmp_path_factory.mktemp(name)
        cfg = {"theme": theme(name), "plugins": [{"mindset": {"timezone": "UTC", "feed": False}}]}
        built[name] = build_site(write_site(root, {"_posts/2020-01-01-post.md": POST}, cfg))
    return built


@pytest.fixture(scope="module")
def page(sites: dict[str, Site]) -> Iterator[Any]:
    """`page(theme, url)`: the built page open in Chromium, offline."""
    with ExitStack() as stack, sync_api.sync_playwright() as playwright:
        urls = {name: stack.enter_context(serve(site.site_dir)) for name, site in sites.items()}
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

        def open_page(name: str, url: str) -> Any:
            tab = browser.new_page(viewport={"width": 1200, "height": 900})
            base = urls[name]
            tab.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort()
            )
            tab.goto(base + url, wait_until="load")
            return tab

        try:
            yield open_page
        finally:
            browser.close()


def style(tab: Any, selector: str, prop: str) -> str:
    return str(tab.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}"))


def test_readthedocs_listing_has_no_bullets(page: Any) -> None:
    tab = page("readthedocs", "categories/notes/")
    assert style(tab, "ul.mindset-listing > li", "listStyleType") == "none"
    tab = page("readthedocs", "categories/")
    assert style(tab, "ul.mindset-index > li", "listStyleType") == "none"


@pytest.mark.parametrize("url", ["categories/notes/", "notes/2020/01/01/post/"])
def test_mkdocs_theme_shows_no_empty_toc_box(page: Any, url: str) -> None:
    tab = page("mkdocs", url)
    assert style(tab, ".bs-sidebar", "display") == "none"


@pytest.mark.parametrize("name", ["mkdocs", "readthedocs"])
def test_subtitle_stands_apart_from_body_text(page: Any, name: str) -> None:
    tab = page(name, "notes/2020/01/01/post/")
    body = "p:text-matches('^The first paragraph')"
    bigger = float(style(tab, ".mindset-subtitle", "fontSize")[:-2])
    assert bigger >= 1.2 * float(style(tab, body, "fontSize")[:-2])
    assert style(tab, ".mindset-subtitle", "color") != style(tab, body, "color")
