"""Old readers and old links keep working: redirect pages, as jekyll-redirect-from wrote them.

`redirect_from:` (a path or a list) on a post or page writes a small page at each old path
that sends readers on; `redirect_to:` turns the page itself into one; the
`redirect_old_permalinks` option redirects every post's URL under the blog's old permalink
style to its current one. Every site here is built by MkDocs' real `build()`; where Jekyll 4.3
and jekyll-redirect-from 0.16 are installed, the same blog is built by them too and the set of
redirect files and their targets must be equal.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import Site, build_site, resolve, theme, write_site
from jekyll_oracle import (
    Blog,
    build_jekyll,
    build_jekyll_redirects,
    build_mindset_with,
    corpus_blog,
    record,
    redirect_targets,
    require_jekyll,
)
from mkdocs.exceptions import Abort

from mkdocs_mindset.jekyll.redirects import (
    old_post_url,
    redirect_dest_path,
    redirect_from_paths,
    redirect_to_value,
    safe_url_text,
)
from mkdocs_mindset.site.redirects import redirect_html

SITE_URL = "https://example.org/blog/"


def front(data: dict[str, Any], body: str = "Words of the post.\n") -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body


def build(
    root: Path,
    files: dict[str, str],
    *,
    strict: bool = False,
    plugins: list[Any] | None = None,
    **options: Any,
) -> Site:
    """A site with the plugin (and `plugins` before it); MkDocs settings as `mkdocs_*` options."""
    mkdocs = {k[len("mkdocs_") :]: options.pop(k) for k in list(options) if k.startswith("mkdocs_")}
    plugin = {"timezone": "UTC", "permalink": "date", **options}
    cfg = {
        "theme": theme("mkdocs"),
        "plugins": ["search", *(plugins or []), {"mindset": plugin}],
        **mkdocs,
    }
    return build_site(write_site(root, files, cfg), strict=strict)


def redirect_warnings(site: Site) -> list[str]:
    return [w for w in site.warnings if "redirect" in w]


def target_of(site: Site, file: str) -> str:
    """Where the redirect page written at `file` sends readers (its refresh URL)."""
    found = redirect_targets(site.site_dir)
    assert file in found, f"no redirect page at {file}; redirect pages: {sorted(found)}"
    return found[file]


def lands_on(site: Site, file: str, target: str | None = None) -> str:
    """The file (relative to the site) a relative redirect at `file` leads to; it must exist."""
    path = resolve(site, file, target_of(site, file) if target is None else target)
    assert path.is_file(), f"{file} redirects to {path}, which does not exist"
    return path.relative_to(site.site_dir).as_posix()


# -- the rules, without a build -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "file"),
    [
        ("/old/", "old/index.html"),
        ("old/", "old/index.html"),
        ("/old", "old.html"),
        ("old", "old.html"),
        ("/old.html", "old.html"),
        ("/old/index.html", "old/index.html"),
        ("/feed.xml", "feed.xml"),  # jekyll-redirect-from keeps an extension
        ("/x.php", "x.php"),
        ("/v1.2", "v1.2"),
        ("/.htaccess", ".htaccess.html"),
        ("/caf%C3%A9/", "café/index.html"),
        ("/café/", "café/index.html"),
        ("/a/../b/", "a/b/index.html"),  # Jekyll turns `..` into `/` as well
        ("/../../../etc/passwd", "etc/passwd.html"),
        ("/q?x=1", "q.html"),  # Jekyll writes `q?x=1.html`, which no browser asks for
        ("/", "index.html"),
    ],
)
def test_an_old_path_is_written_where_jekyll_redirect_from_writes_it(path: str, file: str) -> None:
    assert redirect_dest_path(path) == file


@pytest.mark.parametrize(
    ("value", "paths", "problems"),
    [
        ("/old/", ["/old/"], 0),
        ("old", ["/old"], 0),
        (["/a/", "b.html", None, "/a/"], ["/a/", "/b.html"], 0),
        ([], [], 0),
        (None, [], 0),
        (2019, ["/2019"], 0),
        ([{"a": 1}, "/ok/"], ["/ok/"], 1),
        (["", "/ok/"], ["/ok/"], 1),
    ],
)
def test_redirect_from_is_a_path_or_a_list_of_paths(
    value: Any, paths: list[str], problems: int
) -> None:
    found, wrong = redirect_from_paths(value)
    assert (found, len(wrong)) == (paths, problems)


@pytest.mark.parametrize(
    ("value", "url", "refused"),
    [
        ("https://example.com/new", "https://example.com/new", False),
        ("/other/page/", "/other/page/", False),
        (["https://a.example/", "https://b.example/"], "https://a.example/", False),
        ([None, "/x/"], "/x/", False),
        ("javascript:alert(1)", None, True),
        ("java\nscript:alert(1)", None, True),
        ("data:text/html,<script>alert(1)</script>", None, True),
        ({"a": 1}, None, True),
        ("", None, True),
        (None, None, False),
    ],
)
def test_redirect_to_is_a_safe_url(value: Any, url: str | None, refused: bool) -> None:
    found, problem = redirect_to_value(value)
    assert (found, problem is not None) == (url, refused)


def test_old_permalinks_follow_the_same_rules_as_new_ones() -> None:
    import datetime as dt

    when = dt.datetime(2020, 5, 20, 10, tzinfo=dt.timezone.utc)
    old = {"date": when, "title": "first-post", "categories": ["Developer notes"]}
    assert old_post_url(template="date", permalink=None, **old) == (
        "/developer%20notes/2020/05/20/first-post.html"
    )
    assert old_post_url(template="/:year/:title/", permalink=None, **old) == "/2020/first-post/"
    # A post's own permalink was its URL under every site style: nothing moved.
    assert old_post_url(template="date", permalink="/about/:title/", **old) is None
    # An unusable own permalink fell back to the site's, then as now.
    assert old_post_url(template="date", permalink="/:nope/", **old) is not None


def test_the_redirect_page_escapes_everything_it_is_given() -> None:
    hostile = 'https://e.example/"><script>alert(1)</script>&x=<b>'
    page = redirect_html(safe_url_text(hostile), lang='en"><script>')
    soup = BeautifulSoup(page, "html.parser")
    [script] = soup.find_all("script")
    assert "<" not in script.get_text() and "alert(1)</" not in page
    assert "<b>" not in page and len(soup.find_all("meta")) == 3
    # Even unencoded, a quote cannot leave the attribute, nor `</script>` the script.
    raw = redirect_html('"><script>alert(1)</script>')
    assert raw.count("<script>") == 1 and raw.count("</script>") == 1


# -- redirect_from, in real builds ----------------------------------------------------------------

FORMS = {
    "/old/": "old/index.html",
    "no-leading-slash/": "no-leading-slash/index.html",
    "/old-page.html": "old-page.html",
    "/old-folder/index.html": "old-folder/index.html",
    "/bare": "bare.html",
    "/legacy.php": "legacy.php",
    "/deep/er/path/": "deep/er/path/index.html",
    "/caf%C3%A9/": "café/index.html",
    "/notes.md": "notes.md",  # written as it is, like jekyll-redirect-from, not rendered
}


def test_every_redirect_from_form_lands_on_the_post(tmp_path: Path) -> None:
    files = {
        "_posts/2020-05-20-first.md": front({"title": "First", "redirect_from": list(FORMS)}),
        "_posts/2021-01-09-second.md": front({"title": "Second", "redirect_from": "/single/"}),
    }
    site = build(tmp_path, files)
    assert redirect_warnings(site) == []
    for file in FORMS.values():
        assert lands_on(site, file) == "2020/05/20/first.html", file
    assert lands_on(site, "single/index.html") == "2021/01/09/second.html"
    assert set(redirect_targets(site.site_dir)) == {*FORMS.values(), "single/index.html"}


def test_ordinary_pages_redirect_too(tmp_path: Path) -> None:
    files = {
        "about.md": front({"redirect_from": ["/about-me/", "/about.html"]}, "# About\n"),
        "guide/intro.md": front({"redirect_from": "old-intro.html"}, "# Intro\n"),
        "plain.md": "# No front matter\n",
    }
    site = build(tmp_path, files)
    assert lands_on(site, "about-me/index.html") == "about/index.html"
    assert lands_on(site, "about.html") == "about/index.html"
    # A path is from the site root, not from the page's folder (jekyll-redirect-from's rule).
    assert lands_on(site, "old-intro.html") == "guide/intro/index.html"


def test_with_site_url_the_target_is_absolute(tmp_path: Path) -> None:
    files = {
        "_posts/2020-05-20-first.md": front({"redirect_from": "/old/"}),
        "_posts/2020-05-21-dev.md": front({"categories": ["Dev notes"], "redirect_from": "/d/"}),
    }
    site = build(tmp_path, files, permalink="pretty", mkdocs_site_url=SITE_URL)
    assert target_of(site, "old/index.html") == SITE_URL + "2020/05/20/first/"
    assert target_of(site, "d/index.html") == SITE_URL + "dev%20notes/2020/05/21/dev/"


def test_the_redirect_page_refreshes_links_and_asks_not_to_be_indexed(tmp_path: Path) -> None:
    files = {"_posts/2020-05-20-first.md": front({"redirect_from": "/old/"})}
    site = build(tmp_path, files)
    soup = site.soup("old/")
    href = "../2020/05/20/first.html"
    assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={href}"
    assert soup.find("link", rel="canonical")["href"] == href
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert [a["href"] for a in soup.find_all("a")] == [href]
    # An old link to a section keeps its `#fragment`.
    assert "location.hash" in soup.script.get_text()
    # Not a page of the site: no theme around it, not in the search index.
    assert "Words of the post" not in site.html("old/")
    assert "old/" not in (site.site_dir / "search" / "search_index.json").read_text("utf-8")


def test_without_directory_urls_targets_are_html_files(tmp_path: Path) -> None:
    files = {"about.md": front({"redirect_from": "/about-me/"}, "# About\n")}
    site = build(tmp_path, files, mkdocs_use_directory_urls=False)
    assert target_of(site, "about-me/index.html") == "../about.html"


def test_a_dirty_rebuild_keeps_the_redirects(tmp_path: Path) -> None:
    files = {"_posts/2020-05-20-first.md": front({"redirect_from": "/old/"})}
    config_file = write_site(tmp_path, files, {"plugins": [{"mindset": {"timezone": "UTC"}}]})
    build_site(config_file)
    site = build_site(config_file, dirty=True)
    assert lands_on(site, "old/index.html") == "2020/05/20/first/index.html"


# -- redirect_to ----------------------------------------------------------------------------------


def test_redirect_to_makes_the_post_a_redirect_that_listings_still_link(tmp_path: Path) -> None:
    files = {
        "_posts/2020-05-20-moved.md": front(
            {
                "title": "Moved away",
                "categories": ["News"],
                "redirect_to": "https://elsewhere.example/post/",
                "redirect_from": "/moved-old/",
            },
            "Secret words that stay behind.\n",
        ),
        "_posts/2020-05-21-stays.md": front({"title": "Stays", "categories": ["News"]}),
    }
    site = build(tmp_path, files)
    moved = "news/2020/05/20/moved.html"  # `permalink: date` puts categories in the URL
    assert target_of(site, moved) == "https://elsewhere.example/post/"
    assert "Secret words" not in site.html(moved)
    assert "Secret words" not in (site.site_dir / "search" / "search_index.json").read_text()
    # Jekyll keeps the excerpt it read before the body was dropped; listings show it.
    # Listed where it was, as in Jekyll: the link leads to the redirect.
    listing = site.soup("categories/news/")
    links = [a["href"] for a in listing.select("a.mindset-entry__title")]
    assert any(link.endswith(moved) for link in links)
    # An old path of the post redirects to the post's URL, which redirects on (as in Jekyll).
    assert lands_on(site, "moved-old/index.html") == moved
    assert redirect_warnings(site) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/other/", "../../../../other/"),
        ("other/#part", "../../../../other/#part"),  # a site path, as in Jekyll
        ("../target.md", "../../../../target/"),  # a source file, as MkDocs links
        ("/target.md#part", "../../../../target/#part"),
    ],
)
def test_redirect_to_a_site_path_or_a_source_file(
    tmp_path: Path, value: str, expected: str
) -> None:
    files = {
        "_posts/2020-05-20-moved.md": front({"redirect_to": value}),
        "target.md": "# Target\n",
        "other/index.md": "# Other\n",
    }
    site = build(tmp_path, files, permalink="pretty")
    assert target_of(site, "2020/05/20/moved/index.html") == expected
    assert redirect_warnings(site) == []


def test_redirect_to_on_a_page_with_site_url(tmp_path: Path) -> None:
    files = {"old-home.md": front({"redirect_to": "/new-home/"}, "# Old\n\nGone.\n")}
    site = build(tmp_path, files, mkdocs_site_url=SITE_URL)
    assert target_of(site, "old-home/index.html") == SITE_URL + "new-home/"
    assert "Gone." not in site.html("old-home/")


@pytest.mark.parametrize(
    ("value", "complaint"),
    [
        ("javascript:alert(document.cookie)", "only http(s) URLs"),
        ("missing.md", "names no page"),
        ("/2020/05/20/moved.html", "own address"),
    ],
)
def test_an_unusable_redirect_to_is_a_warning_and_the_post_stays(
    tmp_path: Path, value: str, complaint: str
) -> None:
    files = {"_posts/2020-05-20-moved.md": front({"redirect_to": value}, "Still here.\n")}
    site = build(tmp_path, files)
    [warning] = redirect_warnings(site)
    assert "_posts/2020-05-20-moved.md" in warning and "'redirect_to'" in warning
    assert complaint in warning
    assert "Still here." in site.html("2020/05/20/moved.html")
    assert redirect_targets(site.site_dir) == {}


# -- old permalinks -------------------------------------------------------------------------------


def test_old_permalinks_redirect_to_the_new_urls(tmp_path: Path) -> None:
    files = {
        "_posts/2020-05-20-first.md": front({"categories": ["Dev notes"]}),
        "travel/_posts/2021-07-04-trains.md": front({"title": "Trains"}),
        "_posts/2022-01-01-fixed.md": front({"permalink": "/fixed/"}),
    }
    site = build(tmp_path, files, permalink="pretty", redirect_old_permalinks="date")
    found = redirect_targets(site.site_dir)
    assert set(found) == {
        "dev notes/2020/05/20/first.html",
        "travel/2021/07/04/trains.html",
    }
    assert lands_on(site, "dev notes/2020/05/20/first.html") == (
        "dev notes/2020/05/20/first/index.html"
    )
    assert lands_on(site, "travel/2021/07/04/trains.html") == "travel/2021/07/04/trains/index.html"


def test_an_old_permalink_template(tmp_path: Path) -> None:
    files = {"_posts/2020-05-20-first.md": front({})}
    site = build(tmp_path, files, permalink="pretty", redirect_old_permalinks="/news/:title.html")
    assert lands_on(site, "news/first.html") == "2020/05/20/first/index.html"


def test_an_unchanged_permalink_writes_nothing(tmp_path: Path) -> None:
    files = {"_posts/2020-05-20-first.md": front({})}
    site = build(tmp_path, files, permalink="date", redirect_old_permalinks="date")
    assert redirect_targets(site.site_dir) == {}


def test_an_unknown_old_permalink_stops_the_build(tmp_path: Path) -> None:
    from mkdocs.exceptions import ConfigurationError

    with pytest.raises((Abort, ConfigurationError)):
        build(tmp_path, {"index.md": "# Home\n"}, redirect_old_permalinks="fancy")


def corpus_old_urls(site: Site) -> dict[str, str]:
    """Every redirect page of a corpus build -> the post page it lands on."""
    found = redirect_targets(site.site_dir)
    return {file: lands_on(site, file, target) for file, target in found.items()}


def test_geoserver_moves_from_date_to_pretty_without_breaking_a_link(tmp_path: Path) -> None:
    blog = corpus_blog("geoserver")
    options = {"liquid": "off", "redirect_old_permalinks": "date", "permalink": "pretty"}
    blog = Blog(blog.files, blog.config, options)
    site = build_mindset_with(blog, tmp_path, site_url=None)
    assert redirect_warnings(site) == []
    landed = corpus_old_urls(site)
    posts = {
        path.relative_to(site.site_dir).as_posix()
        for path in site.site_dir.rglob("index.html")
        if 'class="mindset-post-header"' in path.read_text("utf-8")
    }
    assert len(posts) == 520  # 523 posts, 3 unpublished
    assert set(landed.values()) == posts, "every post is reached from its old URL"
    assert len(landed) == len(posts)
    assert all(old.endswith(".html") and not old.endswith("/index.html") for old in landed)


def test_geoserver_old_urls_are_the_ones_jekyll_wrote(tmp_path: Path) -> None:
    """Jekyll decides both ends: its `date` build wrote the old files, `pretty` the new ones."""
    require_jekyll()
    blog = corpus_blog("geoserver")
    old = build_jekyll(blog, tmp_path / "old")
    new = build_jekyll(Blog(blog.files, {**blog.config, "permalink": "pretty"}), tmp_path / "new")
    old_files = {p["path"]: old.file_of(p["url"]) for p in old.posts}
    new_files = {p["path"]: new.file_of(p["url"]) for p in new.posts}
    options = {"liquid": "off", "redirect_old_permalinks": "date", "permalink": "pretty"}
    site = build_mindset_with(Blog(blog.files, blog.config, options), tmp_path, site_url=None)
    landed = corpus_old_urls(site)
    matched = [path for path, file in old_files.items() if landed.get(file) == new_files[path]]
    record("geoserver", "old URLs", len(old_files), len(matched))
    assert sorted(set(old_files) - set(matched)) == []


# -- collisions -----------------------------------------------------------------------------------


def test_a_redirect_never_overwrites_a_real_page(tmp_path: Path) -> None:
    files = {
        "about.md": "# About\n\nThe real about page.\n",
        "_posts/2020-05-20-first.md": front({"redirect_from": ["/about/", "/404.html"]}),
    }
    site = build(tmp_path, files, mkdocs_site_url=SITE_URL)
    about, not_found = redirect_warnings(site)
    assert "_posts/2020-05-20-first.md" in about and "'about.md'" in about
    assert "'/about/'" in about and "'about/index.html'" in about
    assert "404.html" in not_found
    assert "The real about page." in site.html("about/")
    assert redirect_targets(site.site_dir) == {}
    with pytest.raises(Abort):
        build(tmp_path, files, strict=True, mkdocs_site_url=SITE_URL)


def test_two_redirects_from_one_path_to_different_pages_warn(tmp_path: Path) -> None:
    files = {
        "_posts/2020-05-20-first.md": front({"redirect_from": "/old/"}),
        "_posts/2020-05-21-second.md": front({"redirect_from": ["/old/", "/old/"]}),
        "page.md": front({"redirect_from": "/elsewhere/"}, "# Page\n"),
        "_posts/2020-05-22-third.md": front({"redirect_from": "/third-old/"}),
    }
    site = build(tmp_path, files, mkdocs_site_url=SITE_URL)
    [warning] = redirect_warnings(site)
    assert "_posts/2020-05-20-first.md" in warning and "_posts/2020-05-21-second.md" in warning
    assert target_of(site, "old/index.html").endswith("2020/05/20/first.html")
    with pytest.raises(Abort):
        build(tmp_path, files, strict=True, mkdocs_site_url=SITE_URL)


def test_an_explicit_redirect_and_an_old_permalink_to_one_page_are_one_redirect(
    tmp_path: Path,
) -> None:
    files = {"_posts/2020-05-20-first.md": front({"redirect_from": "/2020/05/20/first.html"})}
    site = build(
        tmp_path,
        files,
        strict=True,
        permalink="pretty",
        redirect_old_permalinks="date",
        mkdocs_site_url=SITE_URL,
    )
    assert redirect_targets(site.site_dir) == {
        "2020/05/20/first.html": SITE_URL + "2020/05/20/first/"
    }


def test_a_redirect_to_the_page_itself_is_a_warning(tmp_path: Path) -> None:
    files = {"_posts/2020-05-20-first.md": front({"redirect_from": "/2020/05/20/first.html"})}
    site = build(tmp_path, files)
    [warning] = redirect_warnings(site)
    assert "own address" in warning and "'redirect_from'" in warning


def test_nothing_is_written_outside_the_site(tmp_path: Path) -> None:
    files = {"_posts/2020-05-20-first.md": front({"redirect_from": "/../../../escaped/"})}
    site = build(tmp_path, files)
    assert lands_on(site, "escaped/index.html") == "2020/05/20/first.html"
    assert not (tmp_path / "escaped").exists() and not (tmp_path.parent / "escaped").exists()


# -- escaping -------------------------------------------------------------------------------------

HOSTILE = '"><script>alert(1)</script>'


def test_hostile_paths_and_targets_are_escaped(tmp_path: Path) -> None:
    files = {
        "_posts/2020-05-20-first.md": front({"redirect_from": f"/x{HOSTILE}/"}),
        "_posts/2020-05-21-away.md": front({"redirect_to": f"https://e.example/{HOSTILE}"}),
        "_posts/2020-05-22-near.md": front({"redirect_to": f"/near/{HOSTILE}"}),
    }
    site = build(tmp_path, files, mkdocs_site_url=SITE_URL)
    found = redirect_targets(site.site_dir)
    assert len(found) == 3
    for file in found:
        text = (site.site_dir / file).read_text("utf-8")
        soup = BeautifulSoup(text, "html.parser")
        assert len(soup.find_all("script")) == 1 and "alert(1)</script>" not in text
        for tag in soup.find_all(["a", "link", "meta"]):
            for value in tag.attrs.values():
                assert "<" not in str(value) and '"' not in str(value)
    assert found["2020/05/21/away.html"] == (
        "https://e.example/%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
    )
    assert found[f"x{HOSTILE}/index.html"] == SITE_URL + "2020/05/20/first.html"


# -- mkdocs-redirects -----------------------------------------------------------------------------


def test_mkdocs_redirects_keeps_the_paths_it_handles(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pytest.importorskip("mkdocs_redirects")
    files = {
        "about.md": "# About\n",
        "_posts/2020-05-20-first.md": front({"redirect_from": ["/old/", "/mine/"]}),
    }
    redirects = {"redirects": {"redirect_maps": {"old.md": "about.md"}}}
    with caplog.at_level(logging.INFO, logger="mkdocs"):  # so the info line is captured
        site = build(tmp_path, files, plugins=[redirects], mkdocs_site_url=SITE_URL)
    assert redirect_warnings(site) == []
    [note] = [i for i in site.infos if "mkdocs-redirects" in i]
    assert "'/old/'" in note and "'old.md'" in note and "_posts/2020-05-20-first.md" in note
    assert target_of(site, "old/index.html") == "../about/"  # mkdocs-redirects' page
    assert target_of(site, "mine/index.html") == SITE_URL + "2020/05/20/first.html"


# -- jekyll-redirect-from decides -----------------------------------------------------------------

ORACLE_FILES = {
    "_posts/2020-05-20-first.md": front(
        {
            "title": "First",
            "redirect_from": [
                "/old/",
                "old2",
                "/old3.html",
                "/old4/index.html",
                "/old5",
                "/legacy.php",
                "/a/../b/",
                "/deep/er/",
                "/notes.md",
            ],
        }
    ),
    "_posts/2020-05-21-second.md": front(
        {"title": "Second", "redirect_from": "/single", "redirect_to": "https://example.com/new"}
    ),
    "_posts/2020-05-22-third.md": front({"title": "Third", "redirect_to": "/about.html"}),
    "_posts/2020-05-23-fourth.md": front(
        {"title": "Fourth", "categories": ["Developer notes"], "redirect_from": ["/dev/"]}
    ),
    "_posts/2020-05-24-fifth.md": front({"title": "Fifth", "redirect_to": ["other/page/"]}),
    # The post's own file stays the post in both (the real page wins; here with a warning).
    "about.md": front(
        {"title": "About", "redirect_from": ["/about-old/", "/2020/05/20/first.html"]}, "# About\n"
    ),
    "guide/intro.md": front({"title": "Intro", "redirect_from": "old-intro.html"}, "# Intro\n"),
}


def compare_redirects(name: str, blog: Blog, root: Path, **mkdocs: Any) -> Site:
    """Jekyll with jekyll-redirect-from and the plugin write the same redirect files to the same
    targets."""
    theirs = redirect_targets(build_jekyll_redirects(blog, root).site_dir)
    site = build_mindset_with(blog, root, **mkdocs)
    mine = redirect_targets(site.site_dir)
    same = {file for file in theirs if mine.get(file) == theirs[file]}
    record(name, "redirects", len(theirs), len(same))
    assert mine == theirs, {
        "only Jekyll": {f: theirs[f] for f in theirs.keys() - mine.keys()},
        "only mindset": {f: mine[f] for f in mine.keys() - theirs.keys()},
        "different": {f: (theirs[f], mine[f]) for f in theirs.keys() & mine.keys() - same},
    }
    return site


def test_redirects_equal_jekyll_redirect_froms(tmp_path: Path) -> None:
    require_jekyll()
    blog = Blog(ORACLE_FILES, {"permalink": "date", "timezone": "UTC"})
    # Ordinary pages where Jekyll writes them (`about.md` -> `about.html`).
    site = compare_redirects("redirect blog", blog, tmp_path, use_directory_urls=False)
    [warning] = redirect_warnings(site)
    assert "about.md" in warning and "_posts/2020-05-20-first.md" in warning


def test_jekyll_docs_redirects_equal_jekylls(tmp_path: Path) -> None:
    require_jekyll()
    site = compare_redirects("jekyll-docs", corpus_blog("jekyll-docs"), tmp_path)
    assert len(redirect_targets(site.site_dir)) >= 1


def test_a_redirect_needing_a_folder_where_a_file_is_written_is_refused(tmp_path: Path) -> None:
    """`sitemap.xml` is MkDocs' file and `notes.txt/` a page's folder: writing a redirect inside
    the one or over the other would stop the build; it is refused, with a warning naming it.
    Found by the property tests (a `redirect_from` beside a folder of the same name)."""
    post = (
        "---\ntitle: A\nredirect_from:\n  - /sitemap.xml/old/\n  - /notes.txt\n  - /fine/\n---\nx\n"
    )
    files = {"_posts/2020-01-01-a.md": post, "notes.txt/page.md": "# Page\n"}
    site = build(tmp_path, files)
    assert site.exists("sitemap.xml") and site.exists("notes.txt/page/")
    assert site.exists("fine/")  # the other redirect is written
    refused = [w for w in site.warnings if "no redirect is written" in w]
    assert len(refused) == 2, site.warnings
    assert "would be written as a folder inside the theme's 'sitemap.xml'" in refused[0]
    assert "would be written as a file where the site has a folder ('notes.txt')" in refused[1]
