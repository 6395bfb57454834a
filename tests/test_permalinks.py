"""Jekyll permalink styles, placeholders, escaping and safe output paths."""

from __future__ import annotations

import datetime
import posixpath
from zoneinfo import ZoneInfo

import pytest

from mkdocs_mindset.jekyll.permalinks import (
    STYLES,
    PermalinkError,
    expand,
    is_valid_site_permalink,
    url_to_dest_path,
    validate_template,
)

LA = ZoneInfo("America/Los_Angeles")
# A Wednesday, day 141 of a leap year, ISO week 21.
WHEN = datetime.datetime(2020, 5, 20, 9, 5, 7, tzinfo=LA)
CATS = ["Developer notes", "GIS"]


def test_styles_are_jekylls() -> None:
    assert STYLES == {
        "date": "/:categories/:year/:month/:day/:title:output_ext",
        "pretty": "/:categories/:year/:month/:day/:title/",
        "ordinal": "/:categories/:year/:y_day/:title:output_ext",
        "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none": "/:categories/:title:output_ext",
    }


@pytest.mark.parametrize(
    ("style", "categories", "expected"),
    [
        ("date", CATS, "/developer%20notes/gis/2020/05/20/some-title.html"),
        ("pretty", CATS, "/developer%20notes/gis/2020/05/20/some-title/"),
        ("ordinal", CATS, "/developer%20notes/gis/2020/141/some-title.html"),
        ("weekdate", CATS, "/developer%20notes/gis/2020/W21/Wed/some-title.html"),
        ("none", CATS, "/developer%20notes/gis/some-title.html"),
        ("date", [], "/2020/05/20/some-title.html"),
        ("pretty", [], "/2020/05/20/some-title/"),
        ("none", [], "/some-title.html"),
    ],
)
def test_styles(style: str, categories: list[str], expected: str) -> None:
    assert expand(style, date=WHEN, title="some-title", categories=categories) == expected


def test_style_names_only_when_allowed() -> None:
    """Front matter ``permalink: pretty`` is not a style in Jekyll: it is a relative path."""
    url = expand("pretty", date=WHEN, title="t", categories=[], allow_styles=False)
    assert url == "/pretty"


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (":year", "2020"),
        (":short_year", "20"),
        (":month", "05"),
        (":i_month", "5"),
        (":short_month", "May"),
        (":long_month", "May"),
        (":day", "20"),
        (":i_day", "20"),
        (":y_day", "141"),
        (":w_year", "2020"),
        (":week", "21"),
        (":w_day", "3"),
        (":short_day", "Wed"),
        (":long_day", "Wednesday"),
        (":hour", "09"),
        (":minute", "05"),
        (":second", "07"),
        (":title", "Some-Title"),
        (":slug", "some-title"),
        (":categories", "developer%20notes/gis"),
        (":output_ext", ".html"),
        (":collection", "posts"),
        # longest name wins, neighbours do not bleed into each other
        (":i_month-:month", "5-05"),
        (":title:output_ext", "Some-Title.html"),
        (":slug:title", "some-titleSome-Title"),
        (":short_day:long_day", "WedWednesday"),
        (":year_:month", "2020_05"),  # Jekyll's trailing-underscore rule
        (":year-:month-:day", "2020-05-20"),
        ("W:week", "W21"),
    ],
)
def test_each_placeholder(template: str, expected: str) -> None:
    url = expand("/" + template, date=WHEN, title="Some Title", categories=CATS)
    assert url == "/" + expected


@pytest.mark.parametrize(
    ("when", "template", "expected"),
    [
        (datetime.datetime(2021, 1, 3), "/:year/W:week/:w_year/:w_day", "/2021/W53/2020/7"),
        (datetime.datetime(2019, 12, 30), "/:year/W:week/:w_year", "/2019/W01/2020"),
        (datetime.datetime(2021, 11, 8), "/:i_month/:i_day/:y_day", "/11/8/312"),
        (datetime.datetime(2005, 1, 2), "/:short_year/:short_month", "/05/Jan"),
        (datetime.datetime(2020, 12, 31, 23, 59, 59), "/:y_day/:hour:minute:second", "/366/235959"),
    ],
)
def test_date_edges(when: datetime.datetime, template: str, expected: str) -> None:
    assert expand(template, date=when, title="x", categories=[]) == expected


@pytest.mark.parametrize(
    ("categories", "expected"),
    [
        (["Developer notes", "GIS"], "/developer%20notes/gis/x/"),
        (["GIS", "gis", "Gis"], "/gis/x/"),  # Jekyll lowercases into a set
        (["", "a", ""], "/a/x/"),  # empty categories collapse
        (["C#"], "/c%23/x/"),
        (["C++"], "/c++/x/"),
        (["what?"], "/what%3F/x/"),
        (["日本語"], "/%E6%97%A5%E6%9C%AC%E8%AA%9E/x/"),
        (["CI/CD"], "/ci/cd/x/"),  # Jekyll does not escape "/" inside a category
        (["..", "."], "/x/"),
        (["100%"], "/100%25/x/"),
    ],
)
def test_categories(categories: list[str], expected: str) -> None:
    assert expand("/:categories/:title/", date=WHEN, title="x", categories=categories) == expected


@pytest.mark.parametrize(
    ("title", "template", "expected"),
    [
        ("Mixed Case", "/:title/", "/Mixed-Case/"),
        ("Mixed Case", "/:slug/", "/mixed-case/"),
        ("v1.2-notes", "/:title:output_ext", "/v1.2-notes.html"),
        ("Q&A: what's new?", "/:title/", "/Q&A-what's-new/"),
        ("日本語", "/:title/", "/%E6%97%A5%E6%9C%AC%E8%AA%9E/"),
        ("..", "/:title/", "/"),
        ("../../etc/passwd", "/:title/", "/..-..-etc-passwd/"),
        ("🚀", "/:slug/", "/"),  # empty slug collapses; callers pick a fallback first
    ],
)
def test_title_and_slug(title: str, template: str, expected: str) -> None:
    assert expand(template, date=WHEN, title=title, categories=[]) == expected


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("/news/:year/:month/:day/:title/", "/news/2020/05/20/t/"),
        ("news/:title/", "/news/t/"),  # leading slash added
        ("//a///:title//", "/a/t/"),  # repeated slashes collapse, trailing kept
        ("/:categories/:title", "/t"),  # no trailing slash added
        ("/blog posts/:title/", "/blog%20posts/t/"),  # literal text escaped too
        ("/my%20blog/:title/", "/my%20blog/t/"),  # existing escapes kept
        ("/a/../../:title/", "/a/t/"),
        ("/", "/"),
        ("/Archive/:TITLE/", "/Archive/:TITLE/"),  # only lowercase names are placeholders
    ],
)
def test_templates(template: str, expected: str) -> None:
    got = expand(template, date=WHEN, title="t", categories=[], allow_styles=False)
    assert got == expected


@pytest.mark.parametrize("template", ["/:year/:titel/", "/:foo", "/:short/", "/:title_x/"])
def test_unknown_placeholder_raises(template: str) -> None:
    with pytest.raises(PermalinkError, match="unknown placeholder"):
        expand(template, date=WHEN, title="t", categories=[])
    with pytest.raises(PermalinkError):
        validate_template(template)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("date", True),
        ("pretty", True),
        ("ordinal", True),
        ("weekdate", True),
        ("none", True),
        ("/:year/:title/", True),
        ("/blog/:categories/:title:output_ext", True),
        ("/static/", True),
        ("Pretty", False),
        ("fancy", False),
        (":year/:title/", True),  # Jekyll adds the leading slash
        ("news/:year/:title/", True),
        ("", False),
        ("/:year/:nope/", False),
    ],
)
def test_is_valid_site_permalink(value: str, valid: bool) -> None:
    assert is_valid_site_permalink(value) is valid


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", "index.html"),
        ("", "index.html"),
        ("/a/b/", "a/b/index.html"),
        ("/a/b.html", "a/b.html"),
        ("/feed.xml", "feed.xml"),
        ("/a/b", "a/b.html"),  # Jekyll adds the output extension
        ("/2020/05/20/v1.2", "2020/05/20/v1.2"),  # `.2` is an extension to Jekyll
        (
            "/developer%20notes/gis/2020/05/20/some-title.html",
            "developer notes/gis/2020/05/20/some-title.html",
        ),
        ("/%E6%97%A5%E6%9C%AC%E8%AA%9E/", "日本語/index.html"),
        ("/c%23/x/", "c#/x/index.html"),
        ("/a/b/?q=1#top", "a/b/index.html"),
        ("//a//b//", "a/b/index.html"),
        ("/./a/./b/", "a/b/index.html"),
        ("/.htaccess", ".htaccess.html"),  # a dot file has no extension
    ],
)
def test_url_to_dest_path(url: str, expected: str) -> None:
    assert url_to_dest_path(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "/../../etc/passwd",
        "../../etc/passwd",
        "/a/../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc/passwd",
        "/..%5C..%5Cetc%5Cpasswd",
        "\\..\\..\\etc\\passwd",
        "/.../....//etc/passwd",
        "/%00/../etc/passwd",
        "/C:/Windows/win.ini",
        "C:\\Windows\\win.ini",
        "/..",
        "/../",
        "..",
    ],
)
def test_url_to_dest_path_never_escapes(url: str) -> None:
    dest = url_to_dest_path(url)
    assert not dest.startswith("/")
    assert "\\" not in dest
    assert "\x00" not in dest
    parts = dest.split("/")
    assert all(part and part.strip(".") for part in parts)
    assert ":" not in parts[0]
    normalized = posixpath.normpath(posixpath.join("/site", dest))
    assert normalized.startswith("/site/")


def test_expanded_traversal_stays_inside() -> None:
    url = expand("/:categories/:title/", date=WHEN, title="x", categories=["..", "../..", "%2e%2e"])
    # "%2e%2e" is text, escaped to "%252e%252e": a harmless folder literally named "%2e%2e".
    assert url_to_dest_path(url) == "%2e%2e/x/index.html"


@pytest.mark.parametrize("style", sorted(STYLES))
def test_dest_path_of_a_dest_path_is_itself(style: str) -> None:
    """Cleaning is idempotent: no second pass changes where a post is written."""
    dest = url_to_dest_path(expand(style, date=WHEN, title="Some Title", categories=CATS))
    assert url_to_dest_path(dest) == dest


def test_values_are_percent_escaped() -> None:
    assert expand("/:title/", date=WHEN, title="Ünïcode & spaces", categories=[]) == (
        "/%C3%9Cn%C3%AFcode-&-spaces/"
    )
