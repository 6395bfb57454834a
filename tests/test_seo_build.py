"""Description metadata in real builds: Material, mkdocs and readthedocs themes.

Each site is built once per theme with MkDocs' real `build()` and read back with BeautifulSoup;
every page of every built site also goes through a head validity check and `json.loads`.
"""

from __future__ import annotations

import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import Site, build_site, needs_material, theme, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_mindset.site.head import Author, page_author, social_plugin_on

THEMES = ["material", "mkdocs", "readthedocs"]
SITE_URL = "https://example.org/blog/"
PLUGIN = {"timezone": "UTC", "permalink": "/:year/:month/:day/:title/"}
NASTY = "5 > 3 & \"x\" 'y'"
HOSTILE_TITLE = 'Hostile <script>alert("title")</script> & <b>bold</b>'

FILES = {
    # The seed's shape: description, categories, date from the file name.
    "_posts/2020-05-20-seed-post.md": """
        ---
        title: Seed post
        description: How the seed post describes itself.
        categories: [Python, Notes]
        ---
        # Seed post

        > A lede that says something else.

        Body text.
        """,
    "_posts/2020-06-01-rich-post.md": """
        ---
        title: Rich post
        description: Rich description.
        categories: Python
        tags: [alpha, beta]
        author: Ada Lovelace
        image:
          path: /images/chart.png
          alt: A chart of "things" & more
        last_modified_at: 2020-06-03 08:30:00 +0200
        ---
        Body.
        """,
    "_posts/2020-07-01-no-description.md": """
        ---
        title: Plain lede
        categories: [Notes]
        ---
        # Plain lede

        **Bold** start, a [link](https://example.com/a) and <em>inline HTML</em>.

        Second paragraph.
        """,
    "_posts/2020-08-01-nasty.md": """
        ---
        title: '5 > 3 & "x" ''y'''
        description: '5 > 3 & "x" ''y'''
        categories: [Notes]
        ---
        Body.
        """,
    "_posts/2020-09-01-hostile.md": """
        ---
        title: 'Hostile <script>alert("title")</script> & <b>bold</b>'
        description: >-
          Read <a href="https://example.com/x">the link</a> now.<script>alert("desc")</script>
        categories: [Notes]
        ---
        Body.
        """,
    "_posts/2020-10-01-repeats-lede.md": """
        ---
        title: Repeats
        description: Said once, in the lede.
        image: beside.png
        categories: [Notes]
        ---
        > Said once, in the lede.

        Body.
        """,
    "about.md": """
        ---
        description: 'About *this* <b>site</b> & "more"'
        image: images/chart.png
        ---
        # About

        Text.
        """,
    "plain.md": "# Plain page\n\nNo description here.\n",
    "images/chart.png": "not really a png",
    "_posts/beside.png": "an image kept next to the post",
}
SEED = "2020/05/20/seed-post/"
RICH = "2020/06/01/rich-post/"
NO_DESC = "2020/07/01/no-description/"
NASTY_URL = "2020/08/01/nasty/"
HOSTILE = "2020/09/01/hostile/"
REPEATS = "2020/10/01/repeats-lede/"


# --- helpers -----------------------------------------------------------------------------------


def _build(
    root: Path,
    theme_name: str,
    *,
    plugin: dict[str, Any] | None = None,
    extra_plugins: list[Any] | None = None,
    files: dict[str, str] | None = None,
    **config: Any,
) -> Site:
    plugins: list[Any] = [
        "search",
        *(extra_plugins or []),
        {"mindset": {**PLUGIN, **(plugin or {})}},
    ]
    cfg = {"theme": theme(theme_name), "plugins": plugins, **config}
    return build_site(write_site(root, FILES if files is None else files, cfg))


def head_of(site: Site, url: str) -> Tag:
    head = site.soup(url).head
    assert head is not None
    return head


def metas(head: Tag) -> dict[str, list[str]]:
    """Every meta name/property with all its values, in order."""
    found: dict[str, list[str]] = {}
    for tag in head.find_all("meta"):
        key = tag.get("name") or tag.get("property")
        if key:
            found.setdefault(str(key), []).append(str(tag.get("content")))
    return found


def one(head: Tag, key: str) -> str:
    values = metas(head).get(key, [])
    assert len(values) == 1, (key, values)
    return values[0]


def json_ld(head: Tag) -> dict[str, Any]:
    scripts = head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data: dict[str, Any] = json.loads(scripts[0].string or "")
    return data


class _HeadChecker(HTMLParser):
    """A real parser's view of the head: stray elements, unclosed or mismatched tags."""

    VOID = frozenset({"meta", "link", "base"})
    ALLOWED = frozenset({"meta", "link", "base", "title", "script", "style", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_head = False
        self.done = False
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head" and not self.done:
            self.in_head = True
        elif self.in_head:
            if tag not in self.ALLOWED:
                self.errors.append(f"<{tag}> inside <head>")
            if tag not in self.VOID:
                self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.in_head or tag in self.VOID:
            return
        if tag == "head":
            if self.stack:
                self.errors.append(f"unclosed in head: {self.stack}")
            self.in_head, self.done = False, True
        elif not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def head_problems(html: str) -> list[str]:
    """Validity of one page's head, as a list of readable problems (empty: valid)."""
    checker = _HeadChecker()
    checker.feed(html)
    checker.close()
    problems = list(checker.errors)
    if not checker.done:
        problems.append("no </head>")
    soup = BeautifulSoup(html, "html.parser")
    head = soup.head
    if head is None:
        return [*problems, "no <head>"]
    names = Counter(str(t["name"]).lower() for t in head.find_all("meta", attrs={"name": True}))
    problems += [f"meta name {n!r} x{c}" for n, c in names.items() if c > 1]
    props = Counter(str(t["property"]) for t in head.find_all("meta", attrs={"property": True}))
    problems += [f"property {p!r} x{c}" for p, c in props.items() if c > 1 and p != "article:tag"]
    canonical = [t for t in head.find_all("link") if "canonical" in (t.get("rel") or [])]
    if len(canonical) > 1:
        problems.append(f"{len(canonical)} canonical links")
    for tag in head.find_all("meta", attrs={"name": "description"}):
        if tag.get("content") in (None, "", "None"):
            problems.append(f"empty description {tag}")
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            json.loads(script.string or "")
        except ValueError as exc:
            problems.append(f"JSON-LD: {exc}")
    if len(soup.find_all("script", type="application/ld+json")) > 1:
        problems.append("more than one JSON-LD block")
    return problems


def scripts(soup: BeautifulSoup) -> list[Tag]:
    """Scripts a browser would run (JSON-LD is data: its text is checked to stay inert)."""
    return [s for s in soup.find_all("script") if s.get("type") in (None, "", "text/javascript")]


def all_pages(site: Site) -> list[Path]:
    return [p for p in sorted(site.site_dir.rglob("*.html")) if "assets" not in p.parts]


# --- the main site, built once per theme ---------------------------------------------------------


@pytest.fixture(scope="module", params=THEMES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp(f"seo-{request.param}")
    built = _build(root, request.param, site_url=SITE_URL, site_author="Site Owner")
    assert not [w for w in built.warnings if "mindset" in w.lower()], built.warnings
    return built


def test_seed_post_has_every_tag(site: Site) -> None:
    head = head_of(site, SEED)
    url = SITE_URL + SEED
    assert one(head, "description") == "How the seed post describes itself."
    canonical = [t["href"] for t in head.find_all("link") if "canonical" in (t.get("rel") or [])]
    assert canonical == [url]
    expected = {
        "og:type": "article",
        "og:title": "Seed post",
        "og:description": "How the seed post describes itself.",
        "og:url": url,
        "og:site_name": "Test blog",
        "og:locale": "en_US",
        "article:published_time": "2020-05-20T00:00:00+00:00",
        "article:modified_time": "2020-05-20T00:00:00+00:00",
        "article:section": "Python",
        "twitter:card": "summary",
        "twitter:title": "Seed post",
        "twitter:description": "How the seed post describes itself.",
        "author": "Site Owner",
    }
    for key, value in expected.items():
        assert one(head, key) == value, key
    # No tags: the categories stand in, as jekyll-seo-tag's readers expect something there.
    assert metas(head)["article:tag"] == ["Python", "Notes"]
    assert "og:image" not in metas(head) and "twitter:image" not in metas(head)
    assert json_ld(head) == {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "author": {"@type": "Person", "name": "Site Owner"},
        "dateModified": "2020-05-20T00:00:00+00:00",
        "datePublished": "2020-05-20T00:00:00+00:00",
        "description": "How the seed post describes itself.",
        "headline": "Seed post",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
    }


def test_seed_post_shows_the_subtitle(site: Site) -> None:
    subtitle = site.soup(SEED).select(".mindset-subtitle")
    assert [s.get_text() for s in subtitle] == ["How the seed post describes itself."]


def test_rich_post_image_tags_author_and_modified(site: Site) -> None:
    head = head_of(site, RICH)
    image = SITE_URL + "images/chart.png"
    assert one(head, "og:image") == image
    assert one(head, "twitter:image") == image
    assert one(head, "og:image:alt") == 'A chart of "things" & more'
    assert one(head, "twitter:card") == "summary_large_image"
    assert metas(head)["article:tag"] == ["alpha", "beta"]
    assert one(head, "article:section") == "Python"
    assert one(head, "article:published_time") == "2020-06-01T00:00:00+00:00"
    assert one(head, "article:modified_time") == "2020-06-03T06:30:00+00:00"
    # The author meta is the theme's: Material prints the post's, the built-in themes the site's.
    assert one(head, "author") in {"Ada Lovelace", "Site Owner"}
    assert ("material" in site.root.name) == (one(head, "author") == "Ada Lovelace")
    data = json_ld(head)
    assert data["image"] == image
    assert data["author"] == {"@type": "Person", "name": "Ada Lovelace"}
    assert data["dateModified"] == "2020-06-03T06:30:00+00:00"


def test_post_without_description_uses_plain_first_paragraph(site: Site) -> None:
    head = head_of(site, NO_DESC)
    text = "Bold start, a link and inline HTML."
    assert one(head, "description") == text
    assert one(head, "og:description") == text
    assert json_ld(head)["description"] == text
    # An excerpt from the body is not repeated as a subtitle.
    assert site.soup(NO_DESC).select(".mindset-subtitle") == []


def test_quotes_ampersands_and_angles_round_trip(site: Site) -> None:
    head = head_of(site, NASTY_URL)
    for key in ("description", "og:description", "twitter:description", "og:title"):
        assert one(head, key) == NASTY, key
    data = json_ld(head)
    assert data["description"] == data["headline"] == NASTY
    raw = site.html(NASTY_URL)
    ld = raw.split('type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in ld and ">" not in ld


def test_hostile_description_and_title_never_become_markup(site: Site) -> None:
    soup = site.soup(HOSTILE)
    head = head_of(site, HOSTILE)
    assert one(head, "description") == "Read the link now."
    assert json_ld(head)["description"] == "Read the link now."
    assert one(head, "og:title") == HOSTILE_TITLE
    assert json_ld(head)["headline"] == HOSTILE_TITLE
    # The subtitle keeps a working link and nothing else.
    (subtitle,) = soup.select(".mindset-subtitle")
    assert [a["href"] for a in subtitle.find_all("a")] == ["https://example.com/x"]
    assert subtitle.get_text() == "Read the link now."
    # No script from front matter anywhere on the page, and the title shows as text.
    assert not [s for s in scripts(soup) if 'alert("' in (s.string or "")]
    assert not soup.find_all("b", string="bold")
    assert HOSTILE_TITLE in [h.get_text() for h in soup.find_all("h1")]
    title = soup.title
    assert title is not None and "<script>" not in str(title)


def test_category_listing_is_plain_and_safe(site: Site) -> None:
    soup = site.soup("categories/notes/")
    assert not [s for s in scripts(soup) if 'alert("' in (s.string or "")]
    entries = {
        a.get_text(): li.select_one(".mindset-entry__description")
        for li in soup.select(".mindset-entry")
        if (a := li.select_one(".mindset-entry__title")) is not None
    }
    hostile = entries[HOSTILE_TITLE]
    assert hostile is not None and hostile.get_text() == "Read the link now."
    assert hostile.find_all(True) == []
    nasty = entries[NASTY]
    assert nasty is not None and nasty.get_text() == NASTY


def test_no_subtitle_when_it_repeats_the_lede(site: Site) -> None:
    assert site.soup(REPEATS).select(".mindset-subtitle") == []
    assert one(head_of(site, REPEATS), "description") == "Said once, in the lede."


def test_image_next_to_the_post_is_found(site: Site) -> None:
    assert one(head_of(site, REPEATS), "og:image") == SITE_URL + "_posts/beside.png"
    assert site.exists("_posts/beside.png")


def test_page_with_description_gets_plain_text_and_website_type(site: Site) -> None:
    head = head_of(site, "about/")
    text = 'About this site & "more"'
    assert one(head, "description") == text
    assert one(head, "og:description") == text
    assert one(head, "og:type") == "website"
    assert one(head, "og:title") == "About"
    assert one(head, "og:url") == SITE_URL + "about/"
    assert one(head, "og:image") == SITE_URL + "images/chart.png"
    assert not [k for k in metas(head) if k.startswith("article:")]
    assert json_ld(head)["@type"] == "WebPage"


def test_home_and_plain_pages_have_no_description_at_all(site: Site) -> None:
    for url in ("", "plain/", "categories/"):
        head = head_of(site, url)
        assert "description" not in metas(head), url
        assert 'content="None"' not in site.html(url)
    assert json_ld(head_of(site, ""))["@type"] == "WebSite"
    assert one(head_of(site, ""), "og:title") == "Test blog"


def test_every_page_has_a_valid_head(site: Site) -> None:
    pages = all_pages(site)
    assert len(pages) >= 10
    problems = {str(p.relative_to(site.site_dir)): head_problems(p.read_text()) for p in pages}
    assert {k: v for k, v in problems.items() if v} == {}


# --- other configurations ---------------------------------------------------------------------


@pytest.mark.parametrize("theme_name", THEMES)
def test_home_with_site_description_has_exactly_one(tmp_path: Path, theme_name: str) -> None:
    built = _build(tmp_path, theme_name, site_description='A blog about "things" & <stuff>')
    for url in ("", "plain/", "categories/"):
        assert one(head_of(built, url), "description") == 'A blog about "things" & <stuff>'
    assert one(head_of(built, SEED), "description") == "How the seed post describes itself."
    for page in all_pages(built):
        assert head_problems(page.read_text()) == [], page


@pytest.mark.parametrize("theme_name", ["material", "mkdocs"])
def test_without_site_url_no_canonical_and_relative_image(tmp_path: Path, theme_name: str) -> None:
    built = _build(tmp_path, theme_name)
    head = head_of(built, RICH)
    assert "og:url" not in metas(head)
    assert [t for t in head.find_all("link") if "canonical" in (t.get("rel") or [])] == []
    assert one(head, "og:image") == "../../../../images/chart.png"
    assert "url" not in json_ld(head) and "mainEntityOfPage" not in json_ld(head)


def test_each_group_switches_off(tmp_path: Path) -> None:
    options = {"open_graph": False, "twitter": False, "json_ld": False}
    built = _build(tmp_path, "material", plugin=options, site_url=SITE_URL)
    for url in (SEED, "", "about/"):
        head = head_of(built, url)
        keys = metas(head)
        assert not [k for k in keys if k.startswith(("og:", "article:", "twitter:"))], url
        assert head.find_all("script", type="application/ld+json") == []
    assert one(head_of(built, SEED), "description") == "How the seed post describes itself."


def test_twitter_off_keeps_open_graph(tmp_path: Path) -> None:
    built = _build(tmp_path, "mkdocs", plugin={"twitter": False}, site_url=SITE_URL)
    keys = metas(head_of(built, SEED))
    assert "og:title" in keys and not [k for k in keys if k.startswith("twitter:")]


def test_theme_language_gives_og_locale(tmp_path: Path) -> None:
    material = {**theme("material"), "language": "de"}
    files = {"index.md": "# Start\n"}
    built = build_site(write_site(tmp_path, files, {"theme": material, "plugins": ["mindset"]}))
    assert one(head_of(built, ""), "og:locale") == "de_DE"


def test_social_plugin_is_detected_from_a_real_config(tmp_path: Path) -> None:
    def detected(name: str, *plugins: Any) -> bool:
        settings = {"theme": theme("material"), "plugins": [*plugins, {"mindset": PLUGIN}]}
        config_file = write_site(tmp_path / name, {"index.md": "# Home\n"}, settings)
        return social_plugin_on(load_config(config_file=str(config_file)))

    assert detected("on", "social")
    assert detected("namespaced", "material/social")
    assert not detected("off", {"social": {"enabled": False}})
    assert not detected("no cards, no tags", {"social": {"cards": False}})
    assert not detected("none", "search")


@needs_material("9.6", "Material 9.5.0's social plugin ignores `cards: false`")
def test_social_plugin_without_cards_leaves_our_tags_single(tmp_path: Path) -> None:
    built = _build(
        tmp_path, "material", extra_plugins=[{"social": {"cards": False}}], site_url=SITE_URL
    )
    head = head_of(built, SEED)
    assert one(head, "og:title") == "Seed post"
    assert one(head, "twitter:card") == "summary"
    assert head_problems(built.html(SEED)) == []


# A layout without text needs no web fonts, so the real social plugin can run offline.
CARD_LAYOUT = """
size: { width: 120, height: 63 }
layers:
  - background:
      color: "#4051b5"
tags:
  og:type: website
  og:title: "{{ page.title }}"
  og:description: "{{ page.meta.description }}"
  og:image: "{{ image.url }}"
  og:url: "{{ page.canonical_url }}"
  twitter:card: summary_large_image
  twitter:title: "{{ page.title }}"
  twitter:image: "{{ image.url }}"
"""


def test_real_social_plugin_gets_no_duplicates(tmp_path: Path) -> None:
    pytest.importorskip("cairosvg", reason="Material's social plugin needs cairosvg")
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "plain.yml").write_text(CARD_LAYOUT, encoding="utf-8")
    social = {"cards_layout_dir": str(layouts), "cards_layout": "plain", "cache": False}
    plugins = ["search", {"social": social}, {"mindset": PLUGIN}]
    settings = {"theme": theme("material"), "plugins": plugins, "site_url": SITE_URL}
    config = load_config(config_file=str(write_site(tmp_path, FILES, settings)))
    # The CLI runs these events around a build; the social plugin sets up its workers there.
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    built = Site(tmp_path, Path(config.site_dir))
    head = head_of(built, SEED)
    card = SITE_URL + "assets/images/social/2020/05/20/seed-post.png"
    # Social's tags win; ours fill in what it does not write.
    assert one(head, "og:image") == card
    assert one(head, "twitter:image") == card
    assert one(head, "og:type") == "website"
    assert one(head, "og:title") == "Seed post"
    assert one(head, "og:site_name") == "Test blog"
    assert one(head, "twitter:description") == "How the seed post describes itself."
    assert one(head, "article:published_time") == "2020-05-20T00:00:00+00:00"
    assert one(head, "description") == "How the seed post describes itself."
    assert json_ld(head)["headline"] == "Seed post"
    for page in all_pages(built):
        assert head_problems(page.read_text()) == [], page


# --- authors and titles as jekyll-seo-tag read them ---------------------------------------------


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"author": "Ada"}, Author("Ada")),
        ({"author": {"name": "Grace", "url": "https://g.org/"}}, Author("Grace", "https://g.org/")),
        (
            {"author": {"name": "Team", "type": "Organization"}},
            Author("Team", None, "Organization"),
        ),
        ({"author": {"name": "X", "type": "Robot"}}, Author("X")),
        ({"author": {"name": "X", "url": "javascript:alert(1)"}}, Author("X")),
        ({"author": ["Ada", "Grace"]}, Author("Ada, Grace")),
        ({"authors": ["Katherine", "Dorothy"]}, Author("Katherine")),
        ({"authors": [{"name": "Mary", "url": "/mary/"}]}, Author("Mary", "/mary/")),
        ({"author": "Ada", "authors": ["Katherine"]}, Author("Ada")),
        ({"author": ""}, Author("Site Owner")),
        ({}, Author("Site Owner")),
    ],
)
def test_page_author_follows_jekyll_seo_tag(meta: dict[str, Any], expected: Author) -> None:
    assert page_author(meta, "Site Owner") == expected


def test_author_mapping_authors_list_and_spaced_title_reach_the_head(tmp_path: Path) -> None:
    files = {
        "_posts/2020-05-20-a.md": """
            ---
            title: "Spaced  out:\tthe   title"
            author:
              name: Grace Hopper
              url: https://example.org/grace
            ---
            Body.
            """,
        "_posts/2020-05-21-b.md": """
            ---
            title: B
            authors: [Katherine Johnson, Dorothy Vaughan]
            ---
            Body.
            """,
    }
    site = _build(tmp_path, "mkdocs", files=files, site_url=SITE_URL)
    head = head_of(site, "2020/05/20/a/")
    assert one(head, "og:title") == one(head, "twitter:title") == "Spaced out: the title"
    assert json_ld(head)["headline"] == "Spaced out: the title"
    assert json_ld(head)["author"] == {
        "@type": "Person",
        "name": "Grace Hopper",
        "url": "https://example.org/grace",
    }
    assert json_ld(head_of(site, "2020/05/21/b/"))["author"] == {
        "@type": "Person",
        "name": "Katherine Johnson",
    }
