"""Categories and tags: pure grouping rules, then the generated pages in real builds."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import Site, build_site, content, h1s, resolve, theme, write_site

from mkdocs_mindset.jekyll.posts import Post
from mkdocs_mindset.jekyll.taxonomy import Group, build_taxonomy, newest_first

UTC = dt.timezone.utc


def make_post(name: str, day: int, categories: list[str], *, listed: bool = True) -> Post:
    return Post(
        src_uri=f"_posts/2020-01-{day:02d}-{name}.md",
        slug=name,
        title=name.title(),
        date=dt.datetime(2020, 1, day, tzinfo=UTC),
        meta={},
        categories=categories,
        tags=[],
        listed=listed,
    )


def taxonomy_of(*posts: Post, kind: str = "categories") -> Any:
    return build_taxonomy(kind, posts, lambda p: p.categories)


def summary(groups: list[Group]) -> list[tuple[str, str, list[str]]]:
    return [(g.name, g.slug, [p.slug for p in g.posts]) for g in groups]


# -- pure: grouping ----------------------------------------------------------------------------


def test_groups_sorted_by_name_posts_newest_first() -> None:
    tax = taxonomy_of(
        make_post("a", 1, ["beta", "Alpha"]),
        make_post("b", 3, ["beta"]),
        make_post("c", 2, ["beta", "gamma"]),
    )
    assert summary(tax.groups) == [
        ("Alpha", "alpha", ["a"]),
        ("beta", "beta", ["b", "c", "a"]),
        ("gamma", "gamma", ["c"]),
    ]
    assert tax.warnings == [] and tax.notes == []


def test_a_post_naming_one_category_in_two_cases_is_listed_once() -> None:
    """`categories: Go go` is one group (names equal ignoring case), so one entry, not two.

    Found by the property tests (test_properties_pure.py).
    """
    tax = taxonomy_of(make_post("a", 1, ["Go", "go"]), make_post("b", 2, ["go"]))
    assert summary(tax.groups) == [("go", "go", ["b", "a"])]


def test_same_day_posts_have_a_stable_order() -> None:
    posts = [make_post(n, 5, ["x"]) for n in ("b", "a", "c")]
    assert [p.slug for p in newest_first(posts)] == ["c", "b", "a"]
    assert summary(taxonomy_of(*posts).groups) == [("x", "x", ["c", "b", "a"])]


@pytest.mark.parametrize(
    ("spellings", "shown"),
    [
        (["Mindset", "mindset", "mindset"], "mindset"),  # the most used spelling wins
        (["Mindset", "Mindset", "mindset"], "Mindset"),
        (["mindset", "Mindset"], "Mindset"),  # tie: the spelling that sorts first
        (["Mindset", "mindset"], "Mindset"),  # ...whatever the post order
        (["GIS", "gis", "Gis"], "GIS"),
    ],
)
def test_names_equal_ignoring_case_are_merged(spellings: list[str], shown: str) -> None:
    posts = [make_post(f"p{i}", i + 1, [name]) for i, name in enumerate(spellings)]
    tax = taxonomy_of(*posts)
    assert len(tax.groups) == 1
    group = tax.groups[0]
    assert group.name == shown
    assert group.slug == shown.lower()
    assert len(group.posts) == len(spellings)
    assert len(tax.notes) == 1
    assert "merged" in tax.notes[0] and repr(shown) in tax.notes[0]
    assert tax.warnings == []
    # every spelling links to the one group
    assert all(tax.groups_of([s]) == [group] for s in spellings)


def test_slug_collisions_stay_apart_with_numbered_suffix_and_a_warning() -> None:
    tax = taxonomy_of(
        make_post("a", 1, ["C++"]),
        make_post("b", 2, ["C#"]),
        make_post("c", 3, ["c"]),
    )
    # name order: "c" < "c#" < "c++"; the first keeps the slug
    assert summary(tax.groups) == [("c", "c", ["c"]), ("C#", "c-2", ["b"]), ("C++", "c-3", ["a"])]
    assert len(tax.warnings) == 1
    warning = tax.warnings[0]
    assert "'C#' -> c-2" in warning and "'C++' -> c-3" in warning and "'c'" in warning


def test_two_colliding_names_c_sharp_first() -> None:
    tax = taxonomy_of(make_post("a", 1, ["C++"]), make_post("b", 2, ["C#"]))
    assert [(g.name, g.slug) for g in tax.groups] == [("C#", "c"), ("C++", "c-2")]
    assert len(tax.warnings) == 1


def test_suffix_skips_a_slug_already_taken() -> None:
    tax = taxonomy_of(
        make_post("a", 1, ["C++"]),
        make_post("b", 2, ["C#"]),
        make_post("c", 3, ["c-2"]),
    )
    slugs = {g.name: g.slug for g in tax.groups}
    assert slugs == {"C#": "c", "C++": "c-3", "c-2": "c-2"}
    assert len(set(slugs.values())) == 3


@pytest.mark.parametrize(
    ("kind", "names", "slugs"),
    [
        ("categories", ["🚀"], ["category"]),
        ("tags", ["🚀"], ["tag"]),
        ("categories", ["🚀", "✨"], ["category", "category-2"]),
        ("categories", ["🚀", "category"], ["category", "category-2"]),
    ],
)
def test_empty_slug_falls_back_with_a_warning(
    kind: str, names: list[str], slugs: list[str]
) -> None:
    posts = [make_post(f"p{i}", i + 1, [n]) for i, n in enumerate(names)]
    tax = taxonomy_of(*posts, kind=kind)
    assert sorted(g.slug for g in tax.groups) == sorted(slugs)
    assert any("🚀" in w and "no letters or digits" in w for w in tax.warnings)


def test_reserved_index_slug_is_never_used() -> None:
    tax = taxonomy_of(make_post("a", 1, ["Index"]))
    assert tax.groups[0].slug != "index"
    assert tax.groups[0].slug.startswith("index-")


def test_hidden_posts_are_not_grouped() -> None:
    tax = taxonomy_of(
        make_post("a", 1, ["x", "only-hidden"], listed=False), make_post("b", 2, ["x"])
    )
    assert summary(tax.groups) == [("x", "x", ["b"])]


def test_groups_of_keeps_the_posts_order_and_skips_unknown() -> None:
    tax = taxonomy_of(make_post("a", 1, ["b", "a", "c"]))
    assert [g.name for g in tax.groups_of(["c", "A", "missing", "a", "b"])] == ["c", "a", "b"]


def test_empty_taxonomy() -> None:
    tax = taxonomy_of()
    assert tax.groups == [] and tax.warnings == [] and tax.notes == []


# -- real builds: category and tag pages -------------------------------------------------------

THEMES = ["material", "mkdocs", "readthedocs"]

GIS_INTRO = "# GIS things\n\nIntro text about *GIS*, written by the user.\n"
INDEX_INTRO = "Intro to every category, written by the user.\n"

SITE_FILES: dict[str, str] = {
    "_posts/2020-01-01-old.md": """
        ---
        title: Old post
        categories: [Machine Learning]
        tags: [python, ml]
        description: The old one.
        ---
        Old body.
        """,
    "_posts/2020-03-01-new.md": """
        ---
        title: New post
        categories: [Machine Learning, GIS]
        description: The new one.
        ---
        New body.
        """,
    "_posts/2020-02-01-middle.md": """
        ---
        title: Middle post
        category: Machine Learning
        tag: deep work
        ---
        Middle body, its own excerpt.
        """,
    "_posts/2020-04-01-case.md": """
        ---
        title: Lowercase spelling
        categories: [machine learning]
        ---
        Case body.
        """,
    "_posts/2020-04-02-split.md": """
        ---
        title: Split string
        categories: deep learning
        ---
        Split body.
        """,
    "_posts/2020-05-01-cpp.md": "---\ntitle: Plus plus\ncategories: [C++]\n---\nx\n",
    "_posts/2020-05-02-csharp.md": "---\ntitle: Sharp\ncategories: ['C#']\n---\nx\n",
    "_posts/2020-05-03-rocket.md": "---\ntitle: Rocket\ncategories: ['🚀']\n---\nx\n",
    "_posts/2020-07-01-spaces.md": "---\ntitle: Spaced\ncategories: [Developer notes]\n---\nx\n",
    "travel/asia/_posts/2019-12-31-trip.md": "---\ntitle: Trip\ncategories: food\n---\nx\n",
    "_posts/2020-06-01-hidden.md": """
        ---
        title: Hidden from listings
        hide: true
        categories: [Machine Learning, Secret]
        tags: [python]
        ---
        Hidden body.
        """,
    "_posts/2020-06-02-draft.md": """
        ---
        title: Unpublished draft
        published: false
        categories: [Drafty]
        ---
        Draft body.
        """,
    "categories/gis.md": GIS_INTRO,
    "categories/index.md": INDEX_INTRO,
}

EXPECTED_COUNTS = {
    "🚀": 1,
    "asia": 1,
    "C#": 1,
    "C++": 1,
    "deep": 1,
    "Developer notes": 1,
    "food": 1,
    "GIS": 1,
    "learning": 1,
    "Machine Learning": 4,
    "travel": 1,
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module", params=THEMES)
def cat_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp(f"cats-{request.param}")
    cfg = {
        "theme": theme(request.param),
        "plugins": ["search", {"mindset": {"timezone": "UTC"}}],
    }
    config_file = write_site(root, SITE_FILES, cfg)
    docs_before = snapshot(root / "docs")
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)  # so info messages (case merges) are captured
    try:
        site = build_site(config_file)
    finally:
        logger.setLevel(level)
    return site, docs_before, request.param


def test_category_index_lists_every_category_with_count_and_link(cat_site: Any) -> None:
    site, _, _ = cat_site
    items = content(site, "categories/").select("ul.mindset-index li")
    found = {li.a.get_text(): int(li.select_one(".mindset-count").get_text()) for li in items}
    assert found == EXPECTED_COUNTS
    names = [li.a.get_text() for li in items]
    assert names == sorted(names, key=lambda n: (n.casefold(), n))
    for li in items:
        page = resolve(site, "categories/", li.a["href"])
        assert page.is_file(), li.a["href"]
        shown = "GIS things" if li.a.get_text() == "GIS" else li.a.get_text()
        assert [h.get_text(strip=True) for h in soup_of(page).find_all("h1")] == [shown]


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def entries(site: Site, url: str) -> list[Any]:
    return content(site, url).select("ul.mindset-listing li.mindset-entry")


def test_category_page_lists_posts_newest_first_with_link_date_description(
    cat_site: Any,
) -> None:
    site, _, _ = cat_site
    url = "categories/machine-learning/"
    rows = entries(site, url)
    titles = [r.select_one("a.mindset-entry__title").get_text() for r in rows]
    assert titles == ["Lowercase spelling", "New post", "Middle post", "Old post"]
    dates = [r.select_one("time.mindset-date") for r in rows]
    assert [d.get_text() for d in dates] == [
        "Apr 1, 2020",
        "Mar 1, 2020",
        "Feb 1, 2020",
        "Jan 1, 2020",
    ]
    assert dates[-1]["datetime"].startswith("2020-01-01T00:00:00")
    descriptions = [
        d.get_text() if (d := r.select_one(".mindset-entry__description")) else None for r in rows
    ]
    assert descriptions == [
        "Case body.",
        "The new one.",
        "Middle body, its own excerpt.",
        "The old one.",
    ]
    for row in rows:
        link = row.select_one("a.mindset-entry__title")
        target = resolve(site, url, link["href"])
        assert target.is_file(), link["href"]
        assert link.get_text() in [h.get_text(strip=True) for h in soup_of(target).find_all("h1")]


def test_category_pages_have_exactly_one_h1(cat_site: Any) -> None:
    site, _, _ = cat_site
    assert h1s(site, "categories/machine-learning/") == ["Machine Learning"]
    assert h1s(site, "categories/travel/") == ["travel"]
    assert h1s(site, "categories/gis/") == ["GIS things"]  # the user's own heading
    assert h1s(site, "categories/") == ["Categories"]
    assert h1s(site, "tags/") == ["Tags"]
    assert h1s(site, "tags/deep-work/") == ["deep work"]


def test_user_intro_is_shown_above_the_list_and_kept_in_docs(cat_site: Any) -> None:
    site, docs_before, _ = cat_site
    html = str(content(site, "categories/gis/"))
    intro = html.find("Intro text about <em>GIS</em>, written by the user.")
    listing = html.find("mindset-listing")
    assert 0 <= intro < listing
    assert [r.a.get_text() for r in entries(site, "categories/gis/")] == ["New post"]

    index = str(content(site, "categories/"))
    intro = index.find("Intro to every category, written by the user.")
    assert 0 <= intro < index.find("mindset-index")

    docs = site.root / "docs"
    assert (docs / "categories" / "gis.md").read_text(encoding="utf-8") == GIS_INTRO
    assert (docs / "categories" / "index.md").read_text(encoding="utf-8") == INDEX_INTRO
    assert snapshot(docs) == docs_before, "a build must write nothing into docs/"


def test_string_categories_are_split_list_and_singular_are_not(cat_site: Any) -> None:
    site, _, _ = cat_site
    assert [r.a.get_text() for r in entries(site, "categories/deep/")] == ["Split string"]
    assert [r.a.get_text() for r in entries(site, "categories/learning/")] == ["Split string"]
    assert not site.exists("categories/deep-learning/")
    assert "Middle post" in [r.a.get_text() for r in entries(site, "categories/machine-learning/")]
    assert not site.exists("categories/machine/")


def test_case_variants_merge_with_an_info_message(cat_site: Any) -> None:
    site, _, _ = cat_site
    assert not site.exists("categories/machine-learning-2/")
    notes = [m for m in site.infos if "merged" in m]
    assert len(notes) == 1
    assert "'machine learning'" in notes[0] and "'Machine Learning'" in notes[0]
    assert not any("merged" in w for w in site.warnings)


def test_colliding_slugs_get_distinct_pages_and_a_warning(cat_site: Any) -> None:
    site, _, _ = cat_site
    assert h1s(site, "categories/c/") == ["C#"]
    assert [r.a.get_text() for r in entries(site, "categories/c/")] == ["Sharp"]
    assert h1s(site, "categories/c-2/") == ["C++"]
    assert [r.a.get_text() for r in entries(site, "categories/c-2/")] == ["Plus plus"]
    collisions = [w for w in site.warnings if "share the URL slug" in w]
    assert len(collisions) == 1
    assert "'C#' -> c" in collisions[0] and "'C++' -> c-2" in collisions[0]


def test_emoji_only_category_falls_back_with_a_warning(cat_site: Any) -> None:
    site, _, _ = cat_site
    assert h1s(site, "categories/category/") == ["🚀"]
    assert [r.a.get_text() for r in entries(site, "categories/category/")] == ["Rocket"]
    assert any("🚀" in w and "no letters or digits" in w for w in site.warnings)


def test_folder_categories_come_first_on_the_post(cat_site: Any) -> None:
    site, _, _ = cat_site
    url = "travel/asia/food/2019/12/31/trip/"
    links = content(site, url).select("a.mindset-category")
    assert [a.get_text() for a in links] == ["travel", "asia", "food"]
    for name in ("travel", "asia", "food"):
        assert [r.a.get_text() for r in entries(site, f"categories/{name}/")] == ["Trip"]


def test_hidden_and_unpublished_posts_are_in_no_listing(cat_site: Any) -> None:
    site, _, _ = cat_site
    assert not site.exists("categories/secret/")
    assert not site.exists("categories/drafty/")
    listings = [
        p for p in site.site_dir.rglob("index.html") if p.parts[-3] in {"categories", "tags"}
    ]
    listings += [site.path("categories/"), site.path("tags/")]
    for page in listings:
        text = page.read_text(encoding="utf-8")
        assert "Hidden from listings" not in text
        assert "Unpublished draft" not in text
    assert "Unpublished draft" not in site.all_text()
    # the hidden post itself is built and still links its categories
    assert site.exists("machine learning/secret/2020/06/01/hidden/")


def test_each_post_links_its_category_and_tag_pages(cat_site: Any) -> None:
    site, _, _ = cat_site
    url = "machine learning/2020/01/01/old/"
    header = content(site, url).select_one("header.mindset-post-header")
    cats = header.select("a.mindset-category")
    tags = header.select("a.mindset-tag")
    assert [a.get_text() for a in cats] == ["Machine Learning"]
    assert [a.get_text() for a in tags] == ["#python", "#ml"]
    for link, heading in [(cats[0], "Machine Learning"), (tags[0], "python"), (tags[1], "ml")]:
        target = resolve(site, url, link["href"])
        assert target.is_file(), link["href"]
        assert [h.get_text(strip=True) for h in soup_of(target).find_all("h1")] == [heading]

    url = "machine learning/gis/2020/03/01/new/"
    cats = content(site, url).select("header.mindset-post-header a.mindset-category")
    assert [a.get_text() for a in cats] == ["Machine Learning", "GIS"]
    assert all(resolve(site, url, a["href"]).is_file() for a in cats)


def test_tag_index_and_tag_pages(cat_site: Any) -> None:
    site, _, _ = cat_site
    items = content(site, "tags/").select("ul.mindset-index li")
    found = {li.a.get_text(): int(li.select_one(".mindset-count").get_text()) for li in items}
    assert found == {"deep work": 1, "ml": 1, "python": 1}  # the hidden post is not counted
    for li in items:
        assert resolve(site, "tags/", li.a["href"]).is_file()
    assert [r.a.get_text() for r in entries(site, "tags/python/")] == ["Old post"]
    assert [r.a.get_text() for r in entries(site, "tags/deep-work/")] == ["Middle post"]
    # tags never appear in post URLs
    assert site.exists("machine learning/2020/02/01/middle/")


def test_folder_categories_off(tmp_path: Path) -> None:
    files = {
        "travel/asia/_posts/2020-01-02-trip.md": "---\ntitle: Trip\ncategories: food\n---\nx\n"
    }
    cfg = {
        "theme": theme("mkdocs"),
        "plugins": ["search", {"mindset": {"timezone": "UTC", "folder_categories": False}}],
    }
    site = build_site(write_site(tmp_path, files, cfg))
    assert site.exists("food/2020/01/02/trip/")
    assert site.exists("categories/food/")
    assert not site.exists("categories/travel/")
    assert not site.exists("categories/asia/")
    items = content(site, "categories/").select("ul.mindset-index li a")
    assert [a.get_text() for a in items] == ["food"]


def test_categories_and_tags_can_be_turned_off(tmp_path: Path) -> None:
    files = {"_posts/2020-01-02-x.md": "---\ntitle: X\ncategories: [a]\ntags: [t]\n---\nx\n"}
    options = {"timezone": "UTC", "categories": False, "tags": False}
    cfg = {"theme": theme("mkdocs"), "plugins": ["search", {"mindset": options}]}
    site = build_site(write_site(tmp_path, files, cfg))
    assert site.exists("a/2020/01/02/x/")  # categories still shape the URL, as in Jekyll
    assert not site.exists("categories/") and not site.exists("tags/")
    assert not content(site, "a/2020/01/02/x/").select("a.mindset-category, a.mindset-tag")
    assert site.warnings == []


def test_empty_blog_has_no_listing_pages(tmp_path: Path) -> None:
    cfg = {"theme": theme("mkdocs"), "plugins": ["search", {"mindset": {"timezone": "UTC"}}]}
    site = build_site(write_site(tmp_path, {"about.md": "# About\n"}, cfg))
    assert site.exists("about/")
    assert not site.exists("categories/") and not site.exists("tags/")
    assert site.warnings == []


def test_a_blog_without_tags_still_has_a_tags_index_for_the_documented_nav(tmp_path: Path) -> None:
    """The nav example in the docs names `tags.md`; it must build with `--strict` without tags."""
    files = {"_posts/2020-01-01-x.md": "---\ntitle: X\ncategories: [A]\n---\nx\n"}
    nav = [{"Home": "index.md"}, {"Categories": "categories.md"}, {"Tags": "tags.md"}]
    plugin = {"timezone": "UTC", "feed": False}
    cfg = {"theme": theme("mkdocs"), "nav": nav, "plugins": ["search", {"mindset": plugin}]}
    site = build_site(write_site(tmp_path, files, cfg), strict=True)
    assert "No tags yet." in site.html("tags/")
    assert site.exists("categories/a/")


@pytest.mark.parametrize(
    ("intro_path", "index_path"),
    [("categories/gis/index.md", "categories/README.md"), ("categories/gis.md", None)],
)
def test_intro_page_variants(tmp_path: Path, intro_path: str, index_path: str | None) -> None:
    files = {
        "_posts/2020-01-02-x.md": "---\ntitle: X\ncategories: [GIS]\n---\nx\n",
        intro_path: "Maps and more.\n",
    }
    if index_path:
        files[index_path] = "All the categories.\n"
    cfg = {"theme": theme("mkdocs"), "plugins": ["search", {"mindset": {"timezone": "UTC"}}]}
    site = build_site(write_site(tmp_path, files, cfg), strict=True)
    page = str(content(site, "categories/gis/"))
    assert 0 <= page.find("Maps and more.") < page.find("mindset-listing")
    assert h1s(site, "categories/gis/") == ["GIS"]
    assert [r.a.get_text() for r in entries(site, "categories/gis/")] == ["X"]
    if index_path:
        index = str(content(site, "categories/"))
        assert 0 <= index.find("All the categories.") < index.find("mindset-index")
    assert (tmp_path / "docs" / intro_path).read_text(encoding="utf-8") == "Maps and more.\n"


def test_material_search_finds_the_category_page_but_not_its_listing(cat_site: Any) -> None:
    """Listings repeat post descriptions: Material's search skips them (data-search-exclude)."""
    site, _, theme_name = cat_site
    if theme_name != "material":
        pytest.skip("data-search-exclude is a Material search feature")
    index = json.loads(site.html("search/search_index.json"))
    listing = [d for d in index["docs"] if d["location"].startswith("categories/gis/")]
    assert listing, "the category page itself stays findable"
    listed = content(site, "categories/gis/").select(".mindset-entry__title")
    assert listed
    for entry in listed:
        assert all(entry.get_text() not in d["text"] for d in listing)


@pytest.mark.parametrize("theme_name", ["material", "mkdocs"])
@pytest.mark.parametrize("in_search", [False, True])
def test_generated_listings_are_searchable_only_when_asked(
    tmp_path: Path, theme_name: str, in_search: bool
) -> None:
    """Jekyll's search indexed posts only; `listings_in_search: true` adds the listings."""
    files = {"_posts/2020-01-01-a.md": "---\ntitle: Post A\ncategories: [Food]\n---\nText.\n"}
    cfg = {
        "theme": theme(theme_name),
        "plugins": [
            "search",
            {"mindset": {"timezone": "UTC", "listings_in_search": in_search}},
        ],
    }
    site = build_site(write_site(tmp_path, files, cfg))
    index = json.loads(site.html("search/search_index.json"))
    pages = {d["location"].split("#")[0] for d in index["docs"]}
    assert "food/2020/01/01/a/" in pages
    assert ("categories/food/" in pages) is in_search
    assert ("categories/" in pages) is in_search


def test_intro_without_heading_gets_the_title_above_it(tmp_path: Path) -> None:
    files = {
        "_posts/2020-01-01-a.md": "---\ntitle: Post A\ncategories: [Food]\n---\nText.\n",
        "categories/food.md": "Recipes and **restaurants**.\n",
    }
    cfg = {"theme": theme("mkdocs"), "plugins": [{"mindset": {"timezone": "UTC"}}]}
    site = build_site(write_site(tmp_path, files, cfg))
    body = content(site, "categories/food/")
    h1 = body.find("h1")
    assert h1 is not None and h1.get_text(strip=True) == "Food"
    intro = body.find("strong")
    assert intro is not None
    order = [
        el for el in body.find_all(["h1", "strong", "ul"]) if el in (h1, intro) or el.name == "ul"
    ]
    assert order[0] is h1 and order[1] is intro and order[2].name == "ul"


@pytest.mark.parametrize("value", [False, "off"])
def test_lede_and_liquid_accept_an_unquoted_off(tmp_path: Path, value: object) -> None:
    files = {"_posts/2020-01-01-a.md": "# A\n\n> Not a lede now.\n\n{% raw %}{{ x }}{% endraw %}\n"}
    plugin = {"timezone": "UTC", "lede": value, "liquid": value}
    cfg = {"theme": theme("mkdocs"), "plugins": [{"mindset": plugin}]}
    site = build_site(write_site(tmp_path, files, cfg))
    page = site.soup("2020/01/01/a/")
    assert page.select(".mindset-pullquote--lead") == []
    assert "{% raw %}" in page.get_text()


def test_posts_index_lists_every_listed_post_sticky_first_then_newest(tmp_path: Path) -> None:
    files = {
        "_posts/2020-01-01-old.md": "---\ntitle: Old\n---\nx\n",
        "_posts/2020-02-01-pinned-second.md": "---\ntitle: Pinned second\nsticky_rank: 2\n---\nx\n",
        "_posts/2019-01-01-pinned-first.md": "---\ntitle: Pinned first\nsticky_rank: 1\n---\nx\n",
        "_posts/2021-01-01-new.md": "---\ntitle: New\n---\nx\n",
        "_posts/2021-06-01-hidden.md": "---\ntitle: Hidden\nhide: true\n---\nx\n",
        "blog.md": "# The blog\n\nEverything I wrote.\n",
    }
    cfg = {"theme": theme("mkdocs"), "plugins": [{"mindset": {"timezone": "UTC", "feed": False}}]}
    site = build_site(write_site(tmp_path, files, cfg), strict=True)
    page = content(site, "blog/")
    titles = [a.get_text() for a in page.select("a.mindset-entry__title")]
    assert titles == ["Pinned first", "Pinned second", "New", "Old"]
    assert "Everything I wrote." in page.get_text()  # the user's own page is the intro
    for a in page.select("a.mindset-entry__title"):
        assert resolve(site, "blog/", str(a["href"])).is_file()
    nav = [a.get_text(strip=True) for a in site.soup("").select(".navbar-nav a")]
    assert "Posts" in nav  # in the automatic navigation, as the category index is


def test_posts_index_can_be_moved_or_turned_off(tmp_path: Path) -> None:
    files = {"_posts/2020-01-01-x.md": "---\ntitle: X\nsticky_rank: soon\n---\nx\n"}
    moved = {"timezone": "UTC", "feed": False, "posts_index_dir": "posts"}
    cfg = {"theme": theme("mkdocs"), "plugins": [{"mindset": moved}]}
    site = build_site(write_site(tmp_path / "moved", files, cfg))
    assert site.exists("posts/") and not site.exists("blog/")
    assert [w for w in site.warnings if "'sticky_rank'" in w and "2020-01-01-x.md" in w]
    off = {"timezone": "UTC", "feed": False, "posts_index": False}
    cfg = {"theme": theme("mkdocs"), "plugins": [{"mindset": off}]}
    site = build_site(write_site(tmp_path / "off", files, cfg))
    assert not site.exists("blog/")
