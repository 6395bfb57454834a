"""The plugin in real MkDocs builds: dates, titles, publishing flags, permalinks, nav, errors,
`--dirty` rebuilds and escaping. Every site is written into a temporary folder and built with
MkDocs' own `build()`; the HTML is read back with BeautifulSoup."""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import Site, build_site, content, h1s, resolve, theme, write_site
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

THEMES = ["material", "mkdocs", "readthedocs"]


def config(theme_name: str = "mkdocs", **options: Any) -> dict[str, Any]:
    plugin = {"timezone": "UTC", **options}
    return {"theme": theme(theme_name), "plugins": ["search", {"mindset": plugin}]}


def build(root: Path, files: dict[str, str], cfg: dict[str, Any], **kwargs: Any) -> Site:
    return build_site(write_site(root, files, cfg), **kwargs)


def listed(site: Site, url: str) -> list[str]:
    return [a.get_text() for a in content(site, url).select("a.mindset-entry__title")]


def html_files(site: Site) -> set[str]:
    return {str(p.relative_to(site.site_dir)) for p in site.site_dir.rglob("*.html")}


def search_locations(site: Site) -> list[str]:
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    return [doc["location"] for doc in index["docs"]]


def front(data: dict[str, Any], body: str = "Body.\n") -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body


# -- dates -------------------------------------------------------------------------------------


DATE_FILES = {
    "_posts/2020-05-20-from-filename.md": "Dated by its name.\n",
    "_posts/2020-05-20-as-date.md": "---\ndate: 2021-01-02\n---\nx\n",
    "_posts/2020-05-20-aware.md": "---\ndate: 2020-05-20T23:30:00+00:00\n---\nx\n",
    "_posts/2020-05-20-naive.md": "---\ndate: 2020-05-20 23:30:00\n---\nx\n",
    "_posts/2013-05-06-jekyll-string.md": "---\ndate: 2013-05-06 02:12:52 +0200\n---\nx\n",
    "_posts/2020-05-20-utc-string.md": "---\ndate: 2020-05-20 23:30:00 +0000\n---\nx\n",
    "_posts/2020-05-20-short-string.md": "---\ndate: 2020-05-20 10:00\n---\nx\n",
    "_posts/2019-02-03-bad-date.md": "---\ndate: 2023-01-29 18:30:22 2023 -0800\n---\nx\n",
    "_posts/2019-02-03-impossible.md": "---\ntitle: Impossible\ndate: 2020-13-45\n---\nx\n",
    "_posts/2021-1-2-one-digit.md": "x\n",
    "_posts/2021-11-8-one-digit-day.markdown": "x\n",
    "_posts/undated.md": "---\ntitle: Never shown undated\n---\nx\n",
    "_posts/dated-by-front-matter.md": "---\ntitle: Never shown dated\ndate: 2022-02-02\n---\nx\n",
    "_posts/README.md": "# Never shown README\n\nfastpages ships one of these.\n",
    "_posts/2021-04-05-kramdown-ext.mkd": "---\ntitle: A .mkd post\n---\nx\n",
}


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("dates")
    return build(root, DATE_FILES, config(timezone="Asia/Tokyo"))


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("2020/05/20/from-filename/", "May 20, 2020"),
        ("2021/01/02/as-date/", "Jan 2, 2021"),
        # aware times move into the site zone: 23:30 UTC is the next morning in Tokyo
        ("2020/05/21/aware/", "May 21, 2020"),
        # naive times are wall time in the site zone
        ("2020/05/20/naive/", "May 20, 2020"),
        ("2013/05/06/jekyll-string/", "May 6, 2013"),
        ("2020/05/21/utc-string/", "May 21, 2020"),
        ("2020/05/20/short-string/", "May 20, 2020"),
        ("2021/01/02/one-digit/", "Jan 2, 2021"),
        ("2021/11/08/one-digit-day/", "Nov 8, 2021"),
        # unparseable dates fall back to the filename date
        ("2023/01/29/bad-date/", "Jan 29, 2023"),  # read as Jekyll reads it, in the site zone
        ("2019/02/03/impossible/", "Feb 3, 2019"),
    ],
)
def test_post_dates_decide_url_and_shown_day(dated: Site, url: str, shown: str) -> None:
    assert dated.exists(url), sorted(html_files(dated))
    time_tag = content(dated, url).select_one("header.mindset-post-header time")
    assert time_tag.get_text() == shown


def test_date_time_and_offset_in_datetime_attribute(dated: Site) -> None:
    time_tag = content(dated, "2020/05/21/utc-string/").select_one("time.mindset-date")
    assert time_tag["datetime"] == "2020-05-21T08:30:00+09:00"
    time_tag = content(dated, "2013/05/06/jekyll-string/").select_one("time.mindset-date")
    assert time_tag["datetime"] == "2013-05-06T09:12:52+09:00"


def test_no_other_date_urls(dated: Site) -> None:
    assert not dated.exists("2020/05/20/aware/")
    assert not dated.exists("2020/05/20/utc-string/")
    assert not dated.exists("2019/02/03/bad-date/")  # its front matter date wins, as in Jekyll


def test_unparseable_dates_warn_naming_file_and_key(dated: Site) -> None:
    for name in ("_posts/2019-02-03-bad-date.md", "_posts/2019-02-03-impossible.md"):
        found = [w for w in dated.warnings if name in w]
        assert len(found) == 1, dated.warnings
        assert "'date'" in found[0]
    assert h1s(dated, "2019/02/03/impossible/") == ["Impossible"]  # other keys are kept


@pytest.mark.parametrize("name", ["undated", "dated-by-front-matter", "README"])
def test_files_without_a_dated_name_are_skipped_with_an_info_line(dated: Site, name: str) -> None:
    """Jekyll skips them, even with a front matter `date`; `--strict` must not fail on them."""
    assert [i for i in dated.infos if f"_posts/{name}.md" in i and "skipped" in i]
    assert not [w for w in dated.warnings if f"_posts/{name}.md" in w]
    assert not any(name in p for p in html_files(dated))
    assert "Never shown" not in dated.all_text()


def test_timezone_decides_the_url_day(tmp_path: Path) -> None:
    files = {"_posts/2020-05-20-late.md": "---\ndate: 2020-05-20 23:30:00 +0000\n---\nx\n"}
    tokyo = build(tmp_path / "tokyo", files, config(timezone="Asia/Tokyo"))
    assert tokyo.exists("2020/05/21/late/") and not tokyo.exists("2020/05/20/late/")
    utc = build(tmp_path / "utc", files, config(timezone="UTC"))
    assert utc.exists("2020/05/20/late/") and not utc.exists("2020/05/21/late/")
    la = build(tmp_path / "la", files, config(timezone="America/Los_Angeles"))
    assert la.exists("2020/05/20/late/")
    # filename-only dates are midnight in the site zone: the day never moves
    files = {"_posts/2020-05-20-plain.md": "x\n"}
    for zone in ("Asia/Tokyo", "America/Los_Angeles"):
        site = build(tmp_path / zone.replace("/", "-"), files, config(timezone=zone))
        assert site.exists("2020/05/20/plain/")


# -- titles ------------------------------------------------------------------------------------


TITLE_FILES = {
    "_posts/2021-03-01-front.md": "---\ntitle: Front Matter Title\n---\nPara.\n\n## Sub\n",
    "_posts/2021-03-02-heading.md": "# Heading Title\n\nPara.\n",
    "_posts/2021-03-09-no-title.md": "Just text.\n",
    "_posts/2021-03-10-fastpages.md": (
        "---\ntitle: Fastpages Title\ntoc: true\nlayout: post\ncomments: true\n---\n"
        "# Fastpages Title\n> The summary lede.\n\nText.\n\n## Section\n"
    ),
    "_posts/2021-03-11-differs.md": "---\ntitle: Short\n---\n# A Different Heading\n\nText.\n",
    "_posts/2021-03-12-later.md": "Intro.\n\n# Later Heading\n\nText.\n",
    "_posts/2021-03-13-setext.md": "Setext Title\n============\n\nText.\n",
    "_posts/2021-03-14-sections.md": "---\ntitle: Sectioned\n---\n# Part one\n\nx\n\n# Part two\n",
}

TITLES = {
    "2021/03/01/front/": ("Front Matter Title", "Front Matter Title"),
    "2021/03/02/heading/": ("Heading Title", "Heading Title"),
    "2021/03/09/no-title/": ("No Title", "No Title"),
    "2021/03/10/fastpages/": ("Fastpages Title", "Fastpages Title"),
    "2021/03/11/differs/": ("Short", "A Different Heading"),
    "2021/03/12/later/": ("Later Heading", "Later Heading"),
    "2021/03/13/setext/": ("Setext Title", "Setext Title"),
}


@pytest.fixture(scope="module", params=THEMES)
def titled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp(f"titles-{request.param}")
    return build(root, TITLE_FILES, config(request.param), strict=True)


@pytest.mark.parametrize("url", sorted(TITLES))
def test_every_post_page_has_exactly_one_h1(titled: Site, url: str) -> None:
    title, heading = TITLES[url]
    assert h1s(titled, url) == [heading]
    assert titled.soup(url).title.get_text().startswith(title)


def test_h1_sections_keep_the_title_first(titled: Site) -> None:
    """fastpages posts also use `# H1` for sections: the title must still be shown."""
    assert h1s(titled, "2021/03/14/sections/") == ["Sectioned", "Part one", "Part two"]


def test_fastpages_title_is_not_repeated_in_the_body(titled: Site) -> None:
    main = content(titled, "2021/03/10/fastpages/")
    assert main.get_text().count("Fastpages Title") == 1
    header = main.select_one("header.mindset-post-header")
    assert header.h1.get_text() == "Fastpages Title"
    assert "The summary lede." in main.get_text()


def test_date_and_links_follow_a_body_heading(titled: Site) -> None:
    main = content(titled, "2021/03/11/differs/")
    heading = main.find("h1")
    header = main.select_one("header.mindset-post-header")
    assert header.find("h1") is None
    assert heading.find_next("header") is header


# -- publishing flags --------------------------------------------------------------------------


FLAG_FILES = {
    "_posts/2020-01-01-visible.md": "---\ntitle: Visible post\ncategories: [news]\n---\nx\n",
    "_posts/2020-01-02-draft-false.md": (
        "---\ntitle: Xylophone draft one\npublished: false\ncategories: [news, secretcat]\n"
        "tags: [secrettag]\n---\nquokkaunique1 text.\n"
    ),
    "_posts/2020-01-03-draft-no.md": (
        "---\ntitle: Xylophone draft two\npublished: no\ncategories: [news]\n---\nquokkaunique2\n"
    ),
    "_posts/2020-01-04-draft-off.md": (
        "---\ntitle: Xylophone draft three\npublished: off\n---\nquokkaunique3\n"
    ),
    "_posts/2020-01-05-hidden.md": (
        "---\ntitle: Hidden fastpages post\nhide: true\ncategories: [news]\ntags: [t]\n---\n"
        "Hidden body.\n\n## Hidden section one\n\nx\n\n## Hidden section two\n\ny\n"
    ),
    "_posts/2020-01-06-unsearchable.md": (
        "---\ntitle: Unsearchable post\nsearch_exclude: true\ncategories: [news]\n---\n"
        "zebrafinch words.\n\n## Unsearchable section\n\nz\n"
    ),
    "_posts/2020-01-07-material-hide.md": (
        "---\ntitle: Material hide list\nhide: [toc]\n---\nx\n\n## Section\n\ny\n"
    ),
}


@pytest.fixture(scope="module", params=["material", "mkdocs"])
def flagged(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp(f"flags-{request.param}")
    cfg = config(request.param)
    cfg["site_url"] = "https://blog.example.org/"  # so sitemap.xml lists real URLs
    return build(root, FLAG_FILES, cfg, strict=True)


def test_unpublished_posts_reach_no_output(flagged: Site) -> None:
    everything = flagged.all_text()
    assert "Visible post" in everything
    for n in (1, 2, 3):
        assert f"quokkaunique{n}" not in everything
    for word in ("Xylophone", "draft-false", "draft-no", "draft-off", "secretcat", "secrettag"):
        assert word not in everything
    assert not any("draft" in p for p in html_files(flagged))
    assert (flagged.site_dir / "sitemap.xml").is_file()
    sitemap = (flagged.site_dir / "sitemap.xml").read_text("utf-8")
    assert "visible" in sitemap and "draft" not in sitemap
    assert (flagged.site_dir / "search" / "search_index.json").is_file()
    assert listed(flagged, "categories/news/") == [
        "Unsearchable post",
        "Visible post",
    ]


def test_hidden_post_is_built_but_listed_nowhere(flagged: Site) -> None:
    url = "news/2020/01/05/hidden/"
    assert flagged.exists(url)
    assert h1s(flagged, url) == ["Hidden fastpages post"]
    for page in ("categories/news/", "categories/", "", "news/2020/01/01/visible/"):
        assert "Hidden fastpages post" not in flagged.html(page), page
    assert not flagged.exists("tags/t/")  # its only tag lists nothing, so no page for it
    assert "No tags yet." in flagged.html("tags/")  # the index is there, empty
    # still searchable (hide is not search_exclude)
    assert "news/2020/01/05/hidden/" in search_locations(flagged)


def test_boolean_hide_does_not_reach_material(flagged: Site) -> None:
    soup = flagged.soup("news/2020/01/05/hidden/")
    if soup.select_one(".md-sidebar") is None:
        pytest.skip("Material only")
    primary = soup.select_one(".md-sidebar--primary")
    toc = soup.select_one(".md-sidebar--secondary")
    assert primary is not None and not primary.has_attr("hidden")
    assert toc is not None and not toc.has_attr("hidden")
    assert "Hidden section one" in toc.get_text()
    # a Material list still works as Material defines it
    soup = flagged.soup("2020/01/07/material-hide/")
    assert soup.select_one(".md-sidebar--secondary").has_attr("hidden")


def test_search_exclude_keeps_the_post_out_of_the_search_index(flagged: Site) -> None:
    url = "news/2020/01/06/unsearchable/"
    assert flagged.exists(url)
    assert h1s(flagged, url) == ["Unsearchable post"]
    locations = search_locations(flagged)
    assert not [loc for loc in locations if loc.startswith(url)]
    assert "news/2020/01/01/visible/" in locations
    index = (flagged.site_dir / "search" / "search_index.json").read_text("utf-8")
    assert "Unsearchable section" not in index
    # generated listings are not indexed either, so nothing in search holds the post's words
    holders = [doc["location"] for doc in json.loads(index)["docs"] if "zebrafinch" in doc["text"]]
    assert holders == []
    assert "Unsearchable post" in listed(flagged, "categories/news/")


def test_hidden_post_stays_out_of_nav_with_posts_in_nav(tmp_path: Path) -> None:
    site = build(tmp_path, FLAG_FILES, config("mkdocs", posts_in_nav=True))
    nav = site.soup("").select_one("nav, .navbar")
    nav_text = nav.get_text(" ")
    assert "Visible post" in nav_text
    assert "Hidden fastpages post" not in nav_text
    assert "Xylophone" not in nav_text


# -- permalinks --------------------------------------------------------------------------------


PERMALINK_FILES = {
    "_posts/2020-05-20-my-title.md": "---\ntitle: My Title\ncategories: [Dev]\n---\nx\n",
}


@pytest.mark.parametrize(
    ("permalink", "written", "url"),
    [
        (None, "dev/2020/05/20/my-title/index.html", "dev/2020/05/20/my-title/"),
        ("pretty", "dev/2020/05/20/my-title/index.html", "dev/2020/05/20/my-title/"),
        ("date", "dev/2020/05/20/my-title.html", "dev/2020/05/20/my-title.html"),
        ("ordinal", "dev/2020/141/my-title.html", "dev/2020/141/my-title.html"),
        ("weekdate", "dev/2020/W21/Wed/my-title.html", "dev/2020/W21/Wed/my-title.html"),
        ("none", "dev/my-title.html", "dev/my-title.html"),
        (
            "/news/:year/:month/:day/:title/",
            "news/2020/05/20/my-title/index.html",
            "news/2020/05/20/my-title/",
        ),
        ("/:categories/:slug:output_ext", "dev/my-title.html", "dev/my-title.html"),
    ],
)
def test_permalink_styles(tmp_path: Path, permalink: str | None, written: str, url: str) -> None:
    options = {} if permalink is None else {"permalink": permalink}
    site = build(tmp_path, PERMALINK_FILES, config(**options), strict=True)
    posts = {p for p in html_files(site) if "my-title" in p}
    assert posts == {written}
    assert h1s(site, written) == ["My Title"]
    link = content(site, "categories/dev/").select_one("a.mindset-entry__title")
    assert resolve(site, "categories/dev/", link["href"]) == site.site_dir / written
    assert link["href"] == "../../" + url


@pytest.mark.parametrize(
    ("permalink", "written"),
    [
        ("/custom/:title/", "custom/my-title/index.html"),
        ("/about-me.html", "about-me.html"),
        ("/:year/:categories/:slug/", "2020/dev/my-title/index.html"),
        ("/../../outside/", "outside/index.html"),
        ("/..%2F..%2Fescaped/", "escaped/index.html"),
    ],
)
def test_front_matter_permalink_wins_and_stays_inside_site(
    tmp_path: Path, permalink: str, written: str
) -> None:
    files = {
        "_posts/2020-05-20-my-title.md": front(
            {"title": "Mine", "permalink": permalink, "categories": ["Dev"]}
        )
    }
    site = build(tmp_path, files, config(permalink="date"), strict=True)
    assert site.path(written).is_file(), sorted(html_files(site))
    assert h1s(site, written) == ["Mine"]
    site_dir = site.site_dir.resolve()
    for path in tmp_path.rglob("*.html"):
        assert site_dir in path.resolve().parents, path
    assert not (tmp_path / "outside").exists()
    assert not (tmp_path.parent / "outside").exists()


def test_categories_placeholder_keeps_spaces(tmp_path: Path) -> None:
    files = {
        "_posts/2010-06-03-notes.md": "---\ntitle: Notes\ncategories: [Developer notes]\n---\nx\n",
    }
    site = build(tmp_path, files, config(permalink="date"), strict=True)
    assert (site.site_dir / "developer notes" / "2010" / "06" / "03" / "notes.html").is_file()
    link = content(site, "categories/developer-notes/").select_one("a.mindset-entry__title")
    assert "developer%20notes/2010/06/03/notes.html" in link["href"]
    assert " " not in link["href"]
    assert resolve(site, "categories/developer-notes/", link["href"]).is_file()
    back = content(site, "developer notes/2010/06/03/notes.html").select_one("a.mindset-category")
    assert resolve(site, "developer notes/2010/06/03/notes.html", back["href"]).is_file()


@pytest.mark.parametrize("permalink", ["pretty", "date"])
def test_use_directory_urls_false(tmp_path: Path, permalink: str) -> None:
    files = {
        "_posts/2020-05-20-my-title.md": front(
            {"title": "My Title", "categories": ["Dev"], "tags": ["t"]}
        ),
        "about.md": "# About\n",
    }
    cfg = {**config("mkdocs", permalink=permalink), "use_directory_urls": False}
    site = build(tmp_path, files, cfg, strict=True)
    post = {
        "pretty": "dev/2020/05/20/my-title/index.html",
        "date": "dev/2020/05/20/my-title.html",
    }[permalink]
    assert site.path(post).is_file()
    assert site.path("about.html").is_file()
    assert site.path("categories/dev.html").is_file()
    assert site.path("categories.html").is_file()  # the index is `categories.md`
    assert site.path("tags/t.html").is_file()
    link = content(site, "categories/dev.html").select_one("a.mindset-entry__title")
    assert resolve(site, "categories/dev.html", link["href"]) == site.path(post)
    for a in content(site, post).select("header.mindset-post-header a"):
        assert resolve(site, post, a["href"]).is_file(), a["href"]
    for a in content(site, "categories.html").select("ul.mindset-index a"):
        assert resolve(site, "categories.html", a["href"]).is_file(), a["href"]


def test_two_posts_with_one_url_warn(tmp_path: Path) -> None:
    files = {
        "_posts/2020-05-20-one.md": "---\npermalink: /same/\n---\nx\n",
        "_posts/2020-05-21-two.md": "---\npermalink: /same/\n---\nx\n",
        "_posts/2020-05-22-clash.md": "---\npermalink: /about/\n---\nx\n",
        "about.md": "# About\n",
    }
    site = build(tmp_path, files, config())
    same = [w for w in site.warnings if "same/index.html" in w]
    assert len(same) == 1
    assert "_posts/2020-05-20-one.md" in same[0] and "_posts/2020-05-21-two.md" in same[0]
    about = [w for w in site.warnings if "about/index.html" in w]
    assert len(about) == 1 and "about.md" in about[0] and "2020-05-22-clash.md" in about[0]
    with pytest.raises(Abort):
        build(tmp_path, files, config(), strict=True)


def test_unknown_placeholder_in_front_matter_warns_and_uses_site_permalink(
    tmp_path: Path,
) -> None:
    files = {"_posts/2020-05-20-x.md": "---\npermalink: /:nope/:title/\n---\nx\n"}
    site = build(tmp_path, files, config(permalink="/posts/:title/"))
    assert site.exists("posts/x/")
    found = [w for w in site.warnings if "_posts/2020-05-20-x.md" in w]
    assert len(found) == 1 and "'permalink'" in found[0] and ":nope" in found[0]


# -- nav ---------------------------------------------------------------------------------------


NAV_FILES = {
    "_posts/2020-01-01-alpha-post.md": "---\ntitle: Alpha post\ncategories: [A]\ntags: [x]\n---\n",
    "_posts/2020-01-02-beta-post.md": "---\ntitle: Beta post\ncategories: [B]\n---\n",
    "about.md": "# About\n",
}


def nav_links(site: Site, url: str = "") -> dict[str, str]:
    soup = site.soup(url)
    nav = (
        soup.select_one("nav.md-nav--primary")  # material
        or soup.select_one(".wy-menu")  # readthedocs
        or soup.select_one("ul.navbar-nav")  # mkdocs
    )
    return {a.get_text(" ", strip=True): a.get("href", "") for a in nav.find_all("a")}


@pytest.mark.parametrize("theme_name", ["material", "readthedocs"])
def test_posts_are_not_in_the_automatic_nav_but_the_indexes_are(
    tmp_path: Path, theme_name: str
) -> None:
    site = build(tmp_path, NAV_FILES, config(theme_name), strict=True)
    links = nav_links(site)
    assert "Categories" in links and "Tags" in links and "About" in links
    assert resolve(site, "", links["Categories"]) == site.path("categories/")
    assert "Alpha post" not in links and "Beta post" not in links
    assert not any(name in links for name in ("A", "B", "x"))  # one page per group: no nav
    assert site.exists("a/2020/01/01/alpha-post/") and site.exists("categories/a/")


def test_posts_in_nav_lists_them(tmp_path: Path) -> None:
    site = build(tmp_path, NAV_FILES, config("readthedocs", posts_in_nav=True), strict=True)
    links = nav_links(site)
    assert "Alpha post" in links and "Beta post" in links and "Categories" in links
    assert resolve(site, "", links["Alpha post"]) == site.path("a/2020/01/01/alpha-post/")


def test_explicit_user_nav_with_the_category_index(tmp_path: Path) -> None:
    cfg = {
        **config("material"),
        "nav": [{"Home": "index.md"}, {"All categories": "categories.md"}, "about.md"],
    }
    site = build(tmp_path, NAV_FILES, cfg, strict=True)
    links = nav_links(site)
    assert "All categories" in links
    assert resolve(site, "", links["All categories"]) == site.path("categories/")
    assert "Tags" not in links and "Alpha post" not in links
    assert {a.get_text() for a in content(site, "categories/").select("ul.mindset-index a")} == {
        "A",
        "B",
    }


# -- errors ------------------------------------------------------------------------------------


BAD_YAML = "---\ntitle: [unclosed\nsecret_front_matter_value: 1\n---\nThe body survives.\n"


@pytest.mark.parametrize("theme_name", ["material", "mkdocs"])
def test_invalid_yaml_warns_and_the_post_is_still_built(tmp_path: Path, theme_name: str) -> None:
    files = {"_posts/2020-05-20-bad-yaml.md": BAD_YAML}
    site = build(tmp_path, files, config(theme_name))
    found = [w for w in site.warnings if "_posts/2020-05-20-bad-yaml.md" in w]
    assert len(found) == 1 and "YAML" in found[0]
    url = "2020/05/20/bad-yaml/"
    assert "The body survives." in content(site, url).get_text()
    assert "secret_front_matter_value" not in site.html(url)
    assert "unclosed" not in site.html(url)
    assert h1s(site, url) == ["Bad Yaml"]


def test_invalid_yaml_fails_a_strict_build(tmp_path: Path) -> None:
    files = {"_posts/2020-05-20-bad-yaml.md": BAD_YAML}
    with pytest.raises(Abort):
        build(tmp_path, files, config(), strict=True)


@pytest.mark.parametrize(
    ("front_matter", "key"),
    [
        ("categories: {a: 1}", "categories"),
        ("category: {a: 1}", "category"),
        ("tags: {a: 1}", "tags"),
        ("title: [a, b]", "title"),
        ("date: yesterday", "date"),
    ],
)
def test_bad_values_warn_naming_file_and_key(tmp_path: Path, front_matter: str, key: str) -> None:
    files = {"_posts/2020-05-20-odd.md": f"---\n{front_matter}\n---\nx\n"}
    site = build(tmp_path, files, config())
    found = [w for w in site.warnings if "_posts/2020-05-20-odd.md" in w]
    assert len(found) == 1 and f"'{key}'" in found[0], site.warnings
    assert site.exists("2020/05/20/odd/")


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"permalink": "nonsense"}, "permalink"),
        ({"permalink": "/x/:nope/"}, "permalink"),
        ({"permalink": 3}, "permalink"),
        ({"timezone": "Mars/Base"}, "timezone"),
        ({"categories_dir": "../up"}, "categories_dir"),
        ({"posts_in_nav": "sometimes"}, "posts_in_nav"),
    ],
)
def test_bad_plugin_options_fail_at_load_config(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, options: dict[str, Any], option: str
) -> None:
    cfg = {"theme": theme("mkdocs"), "plugins": [{"mindset": options}]}
    config_file = write_site(tmp_path, {"index.md": "# Home\n"}, cfg)
    with (
        caplog.at_level(logging.WARNING, logger="mkdocs"),
        pytest.raises((Abort, ConfigurationError)),
    ):
        load_config(config_file=str(config_file))  # an error even without --strict
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "mindset" in messages and option in messages


def test_unknown_plugin_option_warns_and_fails_strict(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cfg = {"theme": theme("mkdocs"), "plugins": [{"mindset": {"no_such_option": True}}]}
    config_file = write_site(tmp_path, {"index.md": "# Home\n"}, cfg)
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        load_config(config_file=str(config_file))
    assert any("no_such_option" in r.getMessage() for r in caplog.records)
    with pytest.raises((Abort, ConfigurationError)):
        load_config(config_file=str(config_file), strict=True)


# -- rebuilds ----------------------------------------------------------------------------------


def _touch_later(path: Path) -> None:
    later = time.time() + 100
    os.utime(path, (later, later))


def test_dirty_rebuild_moves_a_post_between_categories(tmp_path: Path) -> None:
    files = {
        "_posts/2020-01-01-mover.md": "---\ntitle: Mover\ncategories: [alpha]\n---\nx\n",
        "_posts/2020-01-02-stayer.md": "---\ntitle: Stayer\ncategories: [alpha]\n---\ny\n",
    }
    cfg = config(permalink="/:year/:month/:day/:title/")
    config_file = write_site(tmp_path / "dirty", files, cfg)
    first = build_site(config_file)
    assert listed(first, "categories/alpha/") == ["Stayer", "Mover"]
    assert not first.exists("categories/beta/")

    moved = "---\ntitle: Mover\ncategories: [beta]\n---\nx\n"
    post = tmp_path / "dirty" / "docs" / "_posts" / "2020-01-01-mover.md"
    post.write_text(moved, encoding="utf-8")
    _touch_later(post)
    second = build_site(config_file, dirty=True)

    assert listed(second, "categories/alpha/") == ["Stayer"]
    assert listed(second, "categories/beta/") == ["Mover"]
    index = content(second, "categories/").select("ul.mindset-index li")
    assert {li.a.get_text(): li.select_one(".mindset-count").get_text() for li in index} == {
        "alpha": "1",
        "beta": "1",
    }
    cats = content(second, "2020/01/01/mover/").select("a.mindset-category")
    assert [a.get_text() for a in cats] == ["beta"]
    assert resolve(second, "2020/01/01/mover/", cats[0]["href"]) == second.path("categories/beta/")

    # the dirty result has exactly the pages of a clean build of the same sources
    clean = build(tmp_path / "clean", {**files, "_posts/2020-01-01-mover.md": moved}, cfg)
    assert html_files(second) == html_files(clean)
    for url in ("categories/", "categories/alpha/", "categories/beta/"):
        assert str(content(second, url)) == str(content(clean, url))


def test_rebuild_in_the_same_process_keeps_no_state(tmp_path: Path) -> None:
    root = tmp_path / "site"
    first = build(root, {"_posts/2020-01-01-one.md": "---\ncategories: [first]\n---\n"}, config())
    assert first.exists("categories/first/")

    (root / "docs" / "_posts" / "2020-01-01-one.md").unlink()
    second = build(root, {"_posts/2020-02-02-two.md": "---\ncategories: [second]\n---\n"}, config())
    assert second.exists("categories/second/")
    assert not second.exists("categories/first/")
    assert not second.exists("first/2020/01/01/one/")
    assert "first" not in content(second, "categories/").get_text()

    # MkDocs keeps the instance (it defines on_startup, for serve); only the content-addressed
    # read cache survives, and it forgets the deleted post.
    plugin = load_config(config_file=str(root / "mkdocs.yml")).plugins["mindset"]
    assert "_posts/2020-01-01-one.md" not in plugin.read_cache.entries
    assert set(plugin.blog.posts) == {"_posts/2020-02-02-two.md"}


# -- escaping ----------------------------------------------------------------------------------


EVIL_TITLE = '5 > 3 & <script>alert(1)</script> "x"'
EVIL_CATEGORY = "<b>bold</b>"


@pytest.fixture(scope="module", params=THEMES)
def evil(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    files = {
        "_posts/2020-05-20-evil.md": front(
            {"title": EVIL_TITLE, "categories": [EVIL_CATEGORY], "tags": ["<i>it</i>"]}
        ),
    }
    root = tmp_path_factory.mktemp(f"evil-{request.param}")
    return build(root, files, config(request.param, permalink="/:title/", posts_in_nav=True))


def _no_live_markup(soup: BeautifulSoup) -> None:
    for script in soup.find_all("script"):  # JSON in scripts holds it escaped, never live
        assert (script.string or "").strip() != "alert(1)", script
        assert "<script>alert" not in (script.string or ""), script
    assert not [b for b in soup.find_all("b") if "bold" in b.get_text()]
    assert not [i for i in soup.find_all("i") if i.get_text() == "it"]


def test_title_and_category_are_text_on_the_post_page(evil: Site) -> None:
    url = "evil/"
    soup = evil.soup(url)
    _no_live_markup(soup)
    assert soup.title.get_text().startswith(EVIL_TITLE)
    assert h1s(evil, url) == [EVIL_TITLE]
    header = soup.select_one("header.mindset-post-header")
    assert [a.get_text() for a in header.select("a.mindset-category")] == [EVIL_CATEGORY]
    assert [a.get_text() for a in header.select("a.mindset-tag")] == ["#<i>it</i>"]
    for a in header.select("a"):
        assert resolve(evil, url, a["href"]).is_file()


def test_title_and_category_are_text_in_nav_and_listings(evil: Site) -> None:
    for url in ("", "categories/", "categories/b-bold-b/", "tags/", "tags/i-it-i/"):
        soup = evil.soup(url)
        _no_live_markup(soup)
    assert EVIL_TITLE in nav_links(evil, "")
    assert listed(evil, "categories/b-bold-b/") == [EVIL_TITLE]
    assert h1s(evil, "categories/b-bold-b/") == [EVIL_CATEGORY]
    assert evil.soup("categories/b-bold-b/").title.get_text().startswith(EVIL_CATEGORY)
    index = content(evil, "categories/").select("ul.mindset-index a")
    assert [a.get_text() for a in index] == [EVIL_CATEGORY]


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_search_exclude_with_escaped_urls(tmp_path: Path, use_directory_urls: bool) -> None:
    files = {
        "_posts/2020-05-21-hush.md": front(
            {"title": "Hush", "search_exclude": True, "categories": ["Dev notes"]},
            "quietword\n\n## Sub\n",
        ),
        "_posts/2020-05-22-loud.md": front({"title": "Loud", "categories": ["Dev notes"]}),
    }
    cfg = {**config("mkdocs"), "use_directory_urls": use_directory_urls}
    site = build(tmp_path, files, cfg, strict=True)
    suffix = "" if use_directory_urls else "index.html"
    locations = search_locations(site)
    assert f"dev%20notes/2020/05/22/loud/{suffix}" in locations
    assert not [loc for loc in locations if "hush" in loc]
    assert site.path(f"dev notes/2020/05/21/hush/{suffix}").is_file()


@pytest.mark.parametrize("theme_name", ["material", "mkdocs"])
def test_search_indexes_the_post_not_its_header(tmp_path: Path, theme_name: str) -> None:
    """Date, category chips and tags are page furniture: search finds the post's own words."""
    files = {
        "_posts/2020-05-20-a.md": front(
            {"title": "Findable post", "categories": ["Zanzibar"], "tags": ["quokka"]}
        )
        + "Body words here.\n"
    }
    cfg = {"theme": theme(theme_name), "plugins": ["search", {"mindset": {"timezone": "UTC"}}]}
    site = build_site(write_site(tmp_path, files, cfg))
    assert "#quokka" in content(site, "zanzibar/2020/05/20/a/").get_text()
    index = json.loads(site.html("search/search_index.json"))
    entries = [d for d in index["docs"] if d["location"].startswith("zanzibar/2020/05/20/a/")]
    assert entries and entries[0]["title"] == "Findable post"
    text = " ".join(d["text"] for d in entries)
    assert "Body words here." in text
    assert "quokka" not in text and "May 20, 2020" not in text
