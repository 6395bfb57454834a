"""The Python post header and listing give the packaged templates' exact bytes; overrides win."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import build_site, content, write_site
from markupsafe import Markup

from mkdocs_mindset import default_html
from mkdocs_mindset.pages import PACKAGED_TEMPLATES, Entry, Header, Link, Renderer

WHEN = dt.datetime(2020, 5, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-7)))
NASTY = """<script>alert("x")</script> & 'quotes' "double" >"""

HEADER_CASES: list[dict[str, Any]] = [
    {},
    {"show_title": True},
    {"show_title": True, "title": NASTY},
    {"subtitle": Markup('A <a href="x/">link</a> &amp; <em>more</em>')},
    {"subtitle": Markup("")},
    {"author": "Ana & Bo <ab@example.org>"},
    {"author": ""},
    {"categories": [Link("Mindset", "../../categories/mindset/")]},
    {"categories": [Link(NASTY, 'a"b/'), Link("Two", "two/")], "tags": [Link("t<1>", "t/")]},
    {"tags": [Link("x", "x/"), Link("y & z", "y-z/")]},
    {"date_text": NASTY},
    {
        "show_title": True,
        "title": "All of it",
        "subtitle": Markup("<code>&lt;b&gt;</code>"),
        "author": "Me",
        "categories": [Link("A", "a/")],
        "tags": [Link("B", "b/")],
    },
]


def _header_values(case: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": "Title",
        "show_title": False,
        "date": WHEN,
        "date_text": "May 20, 2020",
        "categories": [],
        "tags": [],
        "subtitle": None,
        "author": None,
    }
    return {**values, **case}


@pytest.fixture(scope="module")
def jinja() -> Renderer:
    return Renderer([PACKAGED_TEMPLATES])


@pytest.mark.parametrize("case", HEADER_CASES, ids=range(len(HEADER_CASES)))
def test_post_header_matches_the_template(jinja: Renderer, case: dict[str, Any]) -> None:
    values = _header_values(case)
    expected = jinja.render("mindset/post_header.html", **values)
    assert default_html.post_header(Header(**values)) == expected
    assert jinja.post_header(Header(**values)) == expected  # the route the plugin takes


LISTING_CASES: list[list[Entry]] = [
    [],
    [Entry("One", "../../one/", WHEN, "May 20, 2020", "A description.")],
    [
        Entry(NASTY, 'u"rl/', WHEN, NASTY, NASTY),
        Entry("No description", "two/", WHEN.replace(tzinfo=None), "May", ""),
    ],
]


@pytest.mark.parametrize("entries", LISTING_CASES, ids=range(len(LISTING_CASES)))
@pytest.mark.parametrize("kind", ["categories", "tags", 'odd"kind'])
def test_listing_matches_the_template(jinja: Renderer, entries: list[Entry], kind: str) -> None:
    expected = jinja.render("mindset/listing.html", kind=kind, name="Name", entries=entries)
    assert default_html.listing(kind=kind, name="Name", entries=entries) == expected
    assert jinja.listing(kind=kind, name="Name", entries=entries) == expected


def test_an_override_is_not_the_packaged_template(tmp_path: Path) -> None:
    (tmp_path / "mindset").mkdir()
    (tmp_path / "mindset" / "post_header.html").write_text("<p>mine</p>", encoding="utf-8")
    renderer = Renderer([str(tmp_path), PACKAGED_TEMPLATES])
    assert not renderer.is_packaged("mindset/post_header.html")
    assert renderer.is_packaged("mindset/listing.html")
    assert Renderer([PACKAGED_TEMPLATES]).is_packaged("mindset/post_header.html")


def test_a_custom_dir_override_is_used_in_a_real_build(tmp_path: Path) -> None:
    """A theme's `custom_dir` copy of either template replaces the built-in HTML."""
    overrides = tmp_path / "overrides" / "mindset"
    overrides.mkdir(parents=True)
    (overrides / "post_header.html").write_text(
        '<div class="my-header">{{ title }} on {{ date_text }}</div>', encoding="utf-8"
    )
    (overrides / "listing.html").write_text(
        '<ol class="my-listing">{% for e in entries %}<li>{{ e.title }}</li>{% endfor %}</ol>',
        encoding="utf-8",
    )
    config = write_site(
        tmp_path,
        {
            "_posts/2020-05-20-hello.md": """
                ---
                title: Hello <there>
                categories: [Mindset]
                ---
                Body text.
            """
        },
        {
            "theme": {"name": "material", "custom_dir": "overrides"},
            "plugins": ["mindset"],
        },
    )
    site = build_site(config)
    post = content(site, "mindset/2020/05/20/hello/")
    header = post.select_one("div.my-header")
    assert header is not None and header.get_text() == "Hello <there> on May 20, 2020"
    assert post.select_one("header.mindset-post-header") is None
    listing = content(site, "categories/mindset/")
    assert [li.get_text() for li in listing.select("ol.my-listing li")] == ["Hello <there>"]
    assert listing.select_one("ul.mindset-listing") is None
