"""Real Jekyll posts from ../shared/corpus built with each site's own settings.

The posts are copied into a temporary `docs/_posts/` (never into the repository) and built with
the `mkdocs` theme and the `search` plugin only; the theme does not matter here. Expected URLs
are worked out by hand from JEKYLL.md and each site's `_config.yml` (see the corpus README).
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    CORPUS,
    CORPUS_SETTINGS,
    Site,
    build_site,
    corpus_posts,
    h1s,
    resolve,
    theme,
    write_site,
)


def build_corpus(name: str, root: Path) -> Site:
    posts = corpus_posts(name)
    target = root / "docs" / "_posts"
    target.mkdir(parents=True)
    for post in posts:
        shutil.copyfile(post, target / post.name)
    cfg = {"theme": theme("mkdocs"), "plugins": ["search", {"mindset": CORPUS_SETTINGS[name]}]}
    config_file = write_site(root, {}, cfg)
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)  # so info messages (merged names) are captured too
    try:
        return build_site(config_file)
    finally:
        logger.setLevel(level)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Any:
    built: dict[str, Site] = {}

    def get(name: str) -> Site:
        if name not in built:
            built[name] = build_corpus(name, tmp_path_factory.mktemp(name))
        return built[name]

    return get


def post_pages(site: Site) -> list[str]:
    """Every HTML file that is not the home page, 404, a listing (posts, category, tag) or a
    redirect (jekyll-docs keeps one old address with `redirect_from:`)."""
    pages = []
    for path in site.site_dir.rglob("*.html"):
        rel = path.relative_to(site.site_dir).as_posix()
        if rel in {"index.html", "404.html"} or rel.split("/")[0] in {"categories", "tags", "blog"}:
            continue
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            continue
        pages.append(rel)
    return sorted(pages)


def mindset_warnings(site: Site, *, liquid: bool = True) -> list[str]:
    """The plugin's warnings; `liquid=False` leaves out the unsupported-Liquid reports."""
    found = [w for w in site.warnings if w.startswith("mindset:")]
    return found if liquid else [w for w in found if ": Liquid " not in w]


def unpublished(name: str) -> list[Path]:
    return [p for p in corpus_posts(name) if "\npublished: false" in p.read_text("utf-8")[:2000]]


# -- jekyll/jekyll docs/_posts -----------------------------------------------------------------


def test_jekyll_docs_builds_every_post(corpus: Any) -> None:
    site = corpus("jekyll-docs")
    expected = len(corpus_posts("jekyll-docs")) - len(unpublished("jekyll-docs"))
    assert expected == 102
    pages = post_pages(site)
    assert len(pages) == expected
    assert all(p.startswith("news/") and p.endswith("/index.html") for p in pages)


@pytest.mark.parametrize(
    ("url", "title"),
    [
        # `date: "2013-05-06 02:12:52 +0200"` is May 5 in Los Angeles: Jekyll's real URL
        ("news/2013/05/05/jekyll-1-0-0-released/", "Jekyll 1.0.0 Released"),
        # front matter `2018-06-05 09:00:00 -0500` beats the file name's 2018-06-04
        ("news/2018/06/05/jekyll-3-8-3-released/", "Jekyll 3.8.3 Released"),
        # dated only by its file name
        ("news/2014/05/06/jekyll-turns-2-0-0/", "Jekyll turns 2.0.0"),
        # malformed `2023-01-29 18:30:22 2023 -0800`: read as Jekyll reads it
        ("news/2023/01/29/jekyll-3-9-3-released/", "Jekyll 3.9.3 Released"),
    ],
)
def test_jekyll_docs_known_urls(corpus: Any, url: str, title: str) -> None:
    site = corpus("jekyll-docs")
    assert site.exists(url), url
    assert h1s(site, url) == [title]


def test_jekyll_docs_malformed_date_warning_names_file_and_key(corpus: Any) -> None:
    site = corpus("jekyll-docs")
    warnings = mindset_warnings(site)
    dated = [w for w in warnings if "2023-01-29-jekyll-3-9-3-released.markdown" in w]
    dated = [w for w in dated if "'date'" in w]
    assert len(dated) == 1
    assert all("_posts/" in w for w in warnings), warnings


def test_jekyll_docs_singular_category_is_one_category(corpus: Any) -> None:
    site = corpus("jekyll-docs")
    assert site.exists("categories/release/")
    assert site.exists("categories/community/")
    index = site.soup("categories/").select("ul.mindset-index li")
    counts = {li.a.get_text(): int(li.select_one(".mindset-count").get_text()) for li in index}
    assert sum(counts.values()) >= 102  # every post has at least one category
    assert counts["release"] > 50


# -- geoserver.github.io _posts ----------------------------------------------------------------


def test_geoserver_builds_every_published_post(corpus: Any) -> None:
    site = corpus("geoserver")
    hidden = unpublished("geoserver")
    assert len(hidden) == 3
    assert len(post_pages(site)) == len(corpus_posts("geoserver")) - 3 == 520
    assert mindset_warnings(site, liquid=False) == []


@pytest.mark.parametrize(
    ("path", "title"),
    [
        # one category with a space: Jekyll's folder keeps the space
        ("developer notes/2006/12/21/geoserver-roadmap-updated.html", "GeoServer Roadmap updated"),
        (
            "announcements/developer notes/2010/01/26/"
            "securing-restful-services-with-geoserver-2-0-1.html",
            "Securing RESTful Services with GeoServer 2.0.1",
        ),
        # `slug:` front matter is `:title`
        (
            "announcements/2019/06/28/geoserver-2-15-1-released-2.html",
            "GeoServer 2.15.2 Released",
        ),
        # no `date:`; dated by the file name
        ("announcements/2017/08/29/geoserver-2-10-5-released.html", "GeoServer 2.10.5 Released"),
    ],
)
def test_geoserver_known_urls(corpus: Any, path: str, title: str) -> None:
    site = corpus("geoserver")
    assert (site.site_dir / path).is_file(), path
    assert h1s(site, path) == [title]


def test_geoserver_category_with_space_links_with_percent_20(corpus: Any) -> None:
    site = corpus("geoserver")
    url = "categories/developer-notes/"
    links = site.soup(url).select("a.mindset-entry__title")
    assert links
    hrefs = [a["href"] for a in links]
    assert all(" " not in h for h in hrefs)
    target = next(a for a in links if a.get_text() == "GeoServer Roadmap updated")
    assert target["href"] == "../../developer%20notes/2006/12/21/geoserver-roadmap-updated.html"
    for a in links:
        assert resolve(site, url, a["href"]).is_file(), a["href"]


def test_geoserver_unpublished_posts_are_absent_everywhere(corpus: Any) -> None:
    site = corpus("geoserver")
    everything = site.all_text()
    for marker in ("ro8kfbswmag", "freshmeat-screenshot", "Top 20 vitality for freshmeat.net"):
        assert marker not in everything, marker
    files = [p.as_posix() for p in site.site_dir.rglob("*")]
    assert not [f for f in files if "ro8kfbswmag" in f or "freshmeat-screenshot" in f]
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    assert not [d for d in index["docs"] if "ro8kfbswmag" in d["location"]]


def test_geoserver_case_variant_tags_merge(corpus: Any) -> None:
    site = corpus("geoserver")
    assert site.exists("tags/release/")
    assert not site.exists("tags/release-2/")
    assert [h for h in h1s(site, "tags/release/")] == ["Release"]
    assert any("merged" in m and "'release'" in m for m in site.infos)


# -- fastpages _posts --------------------------------------------------------------------------

ACTIONS_TITLE = "GitHub Actions: Providing Data Scientists With New Superpowers"
CODESPACES_TITLE = "nbdev + GitHub Codespaces: A New Literate Programming Environment"


@pytest.mark.parametrize(
    ("path", "title", "headings"),
    [
        # the body's one leading H1 (close to the title) is the page heading, shown once
        (
            "markdown/2020/01/14/test-markdown-post.html",
            "An Example Markdown Post",
            ["Example Markdown Post"],
        ),
        # H1s used as sections: the title comes first, the sections stay
        (
            "actions/markdown/2020/03/06/fastpages-actions.html",
            ACTIONS_TITLE,
            [
                ACTIONS_TITLE,
                "What Superpowers?",
                "A Gentle Introduction To GitHub Actions",
                "Conclusion",
            ],
        ),
        # `permalink: /codespaces` (no extension) is written as Jekyll wrote it
        ("codespaces.html", CODESPACES_TITLE, [CODESPACES_TITLE]),
    ],
)
def test_fastpages_known_urls_and_titles(
    corpus: Any, path: str, title: str, headings: list[str]
) -> None:
    site = corpus("fastpages")
    assert (site.site_dir / path).is_file(), sorted(post_pages(site))
    assert h1s(site, path) == headings
    assert site.soup(path).title.get_text().startswith(title)


def test_fastpages_builds_every_post_without_plugin_warnings(corpus: Any) -> None:
    site = corpus("fastpages")
    assert len(post_pages(site)) == 3
    assert mindset_warnings(site, liquid=False) == []
    index = site.soup("categories/").select("ul.mindset-index li a")
    assert {a.get_text() for a in index} == {"actions", "codespaces", "markdown", "nbdev"}


def test_corpus_folders_are_left_untouched() -> None:
    for name in CORPUS_SETTINGS:
        folder = CORPUS / name
        if folder.is_dir():
            assert not (folder / "site").exists()
            assert not (folder / "mkdocs.yml").exists()
