"""Feeds: subscribers of the old blog keep reading after the move.

The site's Atom feed (jekyll-feed's `feed.xml`), one per category and tag, and a JSON Feed;
read back with feedparser, checked against the rules of RFC 4287 that matter to readers, and
compared with the feed jekyll-feed itself writes for the same posts.
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import feedparser
import pytest
import yaml
from conftest import Site, build_site, theme, write_site
from jekyll_oracle import (
    SITE,
    Blog,
    build_jekyll,
    build_mindset,
    corpus_blog,
    record,
    require_jekyll,
)

SITE_URL = "https://blog.example.org/sub/"
ATOM = "{http://www.w3.org/2005/Atom}"
NASTY = 'A <script>alert(1)</script> ]]> & "quotes" \x01\x0b end'
BODY = ']]> & "quotes" \x01 end'
READABLE = NASTY.replace("\x01", "").replace("\x0b", "")  # what XML can carry


def post(title: str, front: str = "", body: str = "Words of the post.\n") -> str:
    return f"---\ntitle: {json.dumps(title)}\n{front}\n---\n{body}"


FILES = {
    "_posts/2021-01-01-oldest.md": post("Oldest", "categories: [Python]"),
    "_posts/2021-02-01-middle.md": post(
        "Middle",
        "categories: [Python, Notes]\ntags: [alpha]\ndescription: The middle one.\n"
        "author: Ada\nlast_modified_at: 2021-03-01 10:00:00 +0100",
        "See [the oldest](2021-01-01-oldest.md), ![a chart](../images/chart.png) and\n"
        "[elsewhere](https://example.com/x).\n",
    ),
    "_posts/2021-03-01-newest.md": post("Newest", "categories: [Notes]"),
    "_posts/2021-02-15-hidden.md": post("Hidden", "categories: [Notes]\nhide: true"),
    "_posts/2021-02-20-draft.md": post("Draft", "categories: [Notes]\npublished: false"),
    "_posts/2021-02-25-nasty.md": post(NASTY, "categories: [Notes]", f"Body {BODY}\n"),
    "images/chart.png": "not really a png\n",
}


def build(tmp_path: Path, files: dict[str, str] = FILES, **options: Any) -> Site:
    plugin = {"timezone": "UTC", "permalink": "pretty", **options}
    config = {
        "site_url": SITE_URL,
        "site_author": "Site Owner",
        "theme": theme("mkdocs"),
        "plugins": ["search", {"mindset": plugin}],
    }
    return build_site(write_site(tmp_path, files, config), strict=True)


def parse(site: Site, path: str) -> Any:
    """The feed as a reader sees it; titles are HTML (`type="html"`), so entities are decoded."""
    feed = feedparser.parse((site.site_dir / path).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    for entry in feed.entries:
        entry["title"] = html.unescape(entry.title)
    return feed


def test_site_feed_lists_the_newest_posts_with_full_absolute_content(tmp_path: Path) -> None:
    site = build(tmp_path)
    feed = parse(site, "feed.xml")
    assert [e.title for e in feed.entries] == [
        "Newest",
        READABLE,
        "Middle",
        "Oldest",
    ]
    middle = feed.entries[2]
    assert middle.link == SITE_URL + "python/notes/2021/02/01/middle/"
    assert middle.id == SITE_URL.rstrip("/") + "/python/notes/2021/02/01/middle"
    assert middle.published == "2021-02-01T00:00:00+00:00"
    assert middle.updated == "2021-03-01T09:00:00+00:00"
    assert middle.author == "Ada" and feed.entries[0].author == "Site Owner"
    assert [t.term for t in middle.tags] == ["Python", "Notes", "alpha"]
    assert middle.summary == "The middle one."
    content = middle.content[0].value
    assert f'href="{SITE_URL}python/2021/01/01/oldest/"' in content
    assert f'src="{SITE_URL}images/chart.png"' in content
    assert 'href="https://example.com/x"' in content


def test_drafts_and_hidden_posts_never_reach_a_feed(tmp_path: Path) -> None:
    site = build(tmp_path)
    for path in ("feed.xml", "categories/notes/feed.xml", "feed.json"):
        text = (site.site_dir / path).read_text(encoding="utf-8")
        assert "Hidden" not in text and "Draft" not in text, path


def test_category_and_tag_feeds_hold_exactly_their_posts(tmp_path: Path) -> None:
    site = build(tmp_path)
    titles = {
        path: [e.title for e in parse(site, path).entries]
        for path in (
            "categories/python/feed.xml",
            "categories/notes/feed.xml",
            "tags/alpha/feed.xml",
        )
    }
    assert titles["categories/python/feed.xml"] == ["Middle", "Oldest"]
    assert titles["categories/notes/feed.xml"][0] == "Newest"
    assert set(titles["categories/notes/feed.xml"]) == {
        "Newest",
        "Middle",
        READABLE,
    }
    assert titles["tags/alpha/feed.xml"] == ["Middle"]


def test_atom_rules_that_matter_to_readers(tmp_path: Path) -> None:
    """RFC 4287: one id, title and updated per feed and entry, a self link, absolute links."""
    site = build(tmp_path)
    root = ET.parse(site.site_dir / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for element in [root, *root.findall(f"{ATOM}entry")]:
        for name in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{name}")) == 1, (element.tag, name)
        for link in element.findall(f"{ATOM}link"):
            assert link.get("href", "").startswith("https://"), link.attrib
    assert [link.get("href") for link in root.findall(f"{ATOM}link[@rel='self']")] == [
        SITE_URL + "feed.xml"
    ]
    ids = [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))


def test_hostile_text_round_trips_through_a_feed_reader(tmp_path: Path) -> None:
    site = build(tmp_path)
    entry = next(e for e in parse(site, "feed.xml").entries if "script" in e.title)
    assert entry.title == READABLE
    assert "<script>" not in (site.site_dir / "feed.xml").read_text(encoding="utf-8")
    body = html.unescape(entry.content[0].value)  # the post's HTML, as the page shows it
    assert body == "<p>Body ]]> & \u201cquotes\u201d  end</p>"  # curly, as kramdown writes them


def test_a_control_character_in_a_slug_leaves_the_feed_valid_xml(tmp_path: Path) -> None:
    """The entry id holds the front matter `slug`; an escape character there broke the feed.

    Found by the generated blogs of test_properties_build.py.
    """
    files = {"_posts/2021-01-01-a.md": post("A", 'slug: "\\e[31mred"')}
    site = build(tmp_path, files)
    ids = [e.id for e in parse(site, "feed.xml").entries]
    assert ids == ["https://blog.example.org/sub/2021/01/01/[31mred"]


def test_json_feed(tmp_path: Path) -> None:
    site = build(tmp_path)
    document = json.loads((site.site_dir / "feed.json").read_text(encoding="utf-8"))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == SITE_URL + "feed.json"
    assert document["items"][0]["title"] == "Newest"
    middle = next(item for item in document["items"] if item["title"] == "Middle")
    assert middle["url"] == SITE_URL + "python/notes/2021/02/01/middle/"
    assert middle["authors"] == [{"name": "Ada"}]


def test_every_page_links_the_feed_and_a_category_page_its_own(tmp_path: Path) -> None:
    site = build(tmp_path)

    def feed_links(url: str) -> list[tuple[str, str]]:
        head = site.soup(url).head
        assert head is not None
        return [(str(t["type"]), str(t["href"])) for t in head.find_all("link", rel="alternate")]

    site_feeds = [
        ("application/atom+xml", SITE_URL + "feed.xml"),
        ("application/feed+json", SITE_URL + "feed.json"),
    ]
    assert feed_links("") == site_feeds
    assert feed_links("python/2021/01/01/oldest/") == site_feeds
    own = ("application/atom+xml", SITE_URL + "categories/python/feed.xml")
    assert feed_links("categories/python/") == [*site_feeds, own]


def test_a_feed_of_a_non_ascii_category_lives_beside_its_page(tmp_path: Path) -> None:
    """The page is written to `categories/zürich/`; its feed was once in `z%C3%BCrich/`."""
    site = build(tmp_path, {"_posts/2021-01-01-a.md": post("A", "categories: [Zürich]")})
    assert site.exists("categories/zürich/") and site.exists("categories/zürich/feed.xml")
    assert not list(site.site_dir.rglob("*%*"))
    href = site.soup("categories/zürich/").head.find_all("link", rel="alternate")[-1]["href"]
    assert href == SITE_URL + "categories/z%C3%BCrich/feed.xml"
    assert unquote(href[len(SITE_URL) :]) == "categories/zürich/feed.xml"
    feed = parse(site, "categories/zürich/feed.xml")
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [href]


def test_options_limit_path_excerpt_only_and_switches(tmp_path: Path) -> None:
    site = build(
        tmp_path,
        feed_path="blog/atom.xml",
        feed_posts_limit=2,
        feed_excerpt_only=True,
        feed_tags=False,
        json_feed=False,
    )
    feed = parse(site, "blog/atom.xml")
    assert len(feed.entries) == 2
    assert all("content" not in e for e in feed.entries)
    assert not (site.site_dir / "feed.xml").exists()
    assert not (site.site_dir / "blog/atom.json").exists()
    assert not (site.site_dir / "tags/alpha/feed.xml").exists()
    assert (site.site_dir / "categories/python/feed.xml").exists()


@pytest.mark.parametrize(
    ("feed", "warned"), [(None, False), (True, True)], ids=["by default", "asked for"]
)
def test_without_site_url_no_feed_and_a_word_why(
    tmp_path: Path, feed: bool | None, warned: bool
) -> None:
    """By default an info line says why; a warning (fatal with `--strict`) when asked for."""
    plugin: dict[str, Any] = (
        {"timezone": "UTC"} if feed is None else {"timezone": "UTC", "feed": feed}
    )
    config = {"theme": theme("mkdocs"), "plugins": [{"mindset": plugin}]}
    site = build_site(write_site(tmp_path, FILES, config))
    said = site.warnings if warned else site.infos
    assert [m for m in said if "site_url" in m and "feed" in m]
    assert not [w for w in site.warnings if "feed" in w] or warned
    assert not (site.site_dir / "feed.xml").exists()


def test_feed_false_writes_none(tmp_path: Path) -> None:
    site = build(tmp_path, feed=False)
    assert not list(site.site_dir.rglob("feed.*"))
    assert 'type="application/atom+xml"' not in site.html("")


# -- against jekyll-feed ------------------------------------------------------------------------


# Where the plugin's feeds differ from jekyll-feed's on purpose; docs/feeds.md lists each.
KNOWN_DIFFERENCES = {
    "extensionless links": "a post at `/codespaces` is linked as `/codespaces.html`, the file "
    "both sites write, which every host serves",
    "order of equal dates": "posts with the same date and time come in the order Ruby's unstable "
    "sort leaves them in jekyll-feed; the plugin lists them by file name, newest first",
    "empty authors": "jekyll-feed writes an empty `<author>` when nobody is named; the plugin "
    "writes none",
    "titles": "jekyll-feed turns quotes in titles into typographic ones and strips HTML tags; the "
    "plugin keeps the title as written, as text",
}


def _comparable(entries: list[Any]) -> list[tuple[str, str, str]]:
    """(id, link, published) per entry; links with `.html` added where Jekyll leaves it off,
    and entries of one timestamp sorted, since their order is not Jekyll's to decide."""
    rows = []
    for entry in entries:
        link = entry.link
        if not link.endswith("/") and "." not in link.rsplit("/", 1)[-1]:
            link += ".html"  # KNOWN_DIFFERENCES["extensionless links"]
        rows.append((entry.published, entry.id, link))
    rows.sort(key=lambda row: row[0], reverse=True)  # stable: keeps each side's own order...
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(row)
    # ...then KNOWN_DIFFERENCES["order of equal dates"]: one timestamp's entries as a set.
    return [(i, link, p) for p, group in groups.items() for p, i, link in sorted(group)]


@pytest.mark.parametrize("name", ["jekyll-docs", "fastpages", "geoserver"])
def test_corpus_feed_equals_jekyll_feeds(name: str, tmp_path: Path) -> None:
    """Same entries, order, links, ids and publication times as jekyll-feed's `feed.xml`."""
    require_jekyll()
    blog = corpus_blog(name)
    blog.config["plugins"] = ["jekyll-seo-tag", "jekyll-feed"]
    jekyll = build_jekyll(blog, tmp_path)
    ours = build_mindset(blog, tmp_path)

    def entries(path: Path) -> list[tuple[str, str, str]]:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, feed.bozo_exception
        return _comparable(feed.entries)

    theirs, mine = entries(jekyll.site_dir / "feed.xml"), entries(ours.site_dir / "feed.xml")
    record(
        name, "feed entries", len(theirs), sum(a == b for a, b in zip(theirs, mine, strict=False))
    )
    assert mine == theirs
    for _, link, _ in mine:  # every entry leads to a page of the built site
        path = unquote(link.removeprefix(SITE["url"] + "/").split("#")[0])
        target = ours.site_dir / (path + "index.html" if path.endswith("/") or not path else path)
        assert target.is_file(), link


def test_feed_equals_jekyll_feeds_on_a_blog_of_our_own(tmp_path: Path) -> None:
    require_jekyll()
    skip = ("hidden", "nasty", "images/")  # fastpages' hide; invalid XML in jekyll-feed's feed
    files = {k: v for k, v in FILES.items() if not any(s in k for s in skip)}
    blog = Blog(files, {"permalink": "pretty", "plugins": ["jekyll-seo-tag", "jekyll-feed"]})
    jekyll = build_jekyll(blog, tmp_path)
    ours = build_mindset(blog, tmp_path)
    theirs = feedparser.parse((jekyll.site_dir / "feed.xml").read_bytes())
    mine = feedparser.parse((ours.site_dir / "feed.xml").read_bytes())
    fields = ("id", "link", "title", "published", "updated", "author")
    # KNOWN_DIFFERENCES["empty authors"]: an empty name is no name.
    got = [tuple(e.get(f) or None for f in fields) for e in mine.entries]
    want = [tuple(e.get(f) or None for f in fields) for e in theirs.entries]
    record(
        "blog: feeds",
        "feed entries",
        len(want),
        sum(a == b for a, b in zip(want, got, strict=False)),
    )
    assert got == want


def test_every_known_difference_is_documented() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "feeds.md").read_text(encoding="utf-8")
    for name in KNOWN_DIFFERENCES:
        assert f"**{name.capitalize()}**" in page, name


# -- jekyll-feed's settings in the Jekyll `_config.yml` -----------------------------------------

JEKYLL_FEED = {
    "feed": {
        "path": "/atom.xml",
        "posts_limit": 2,
        "categories": ["Python", "Notes"],
        "tags": {"only": ["alpha"]},
    }
}


def test_jekyll_feed_settings_and_urls_are_honoured(tmp_path: Path) -> None:
    """`feed:` in `_config.yml`: its path, limit, and the feeds at jekyll-feed's own URLs."""
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(JEKYLL_FEED), encoding="utf-8")
    site = build(tmp_path, jekyll_config="_config.yml")
    assert len(parse(site, "atom.xml").entries) == 2
    assert not (site.site_dir / "feed.xml").exists()
    assert [e.title for e in parse(site, "feed/Python.xml").entries] == ["Middle", "Oldest"]
    assert [e.title for e in parse(site, "feed/by_tag/alpha.xml").entries] == ["Middle"]
    assert (site.site_dir / "feed/Notes.xml").exists()


def test_jekyll_feed_urls_equal_jekyll_feeds(tmp_path: Path) -> None:
    """The same files, entries and ids as jekyll-feed writes for the same `feed:` settings."""
    require_jekyll()
    skip = ("hidden", "nasty", "images/")
    files = {k: v for k, v in FILES.items() if not any(s in k for s in skip)}
    config = {"permalink": "pretty", "plugins": ["jekyll-seo-tag", "jekyll-feed"], **JEKYLL_FEED}
    jekyll = build_jekyll(Blog(files, config), tmp_path)
    (tmp_path / "mkdocs").mkdir()
    (tmp_path / "mkdocs" / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    ours = build_mindset(
        Blog(files, {"permalink": "pretty"}, {"jekyll_config": "_config.yml"}), tmp_path
    )
    paths = ["atom.xml", "feed/Python.xml", "feed/Notes.xml", "feed/by_tag/alpha.xml"]
    for path in paths:
        theirs = feedparser.parse((jekyll.site_dir / path).read_bytes())
        mine = feedparser.parse((ours.site_dir / path).read_bytes())
        want = [(e.id, e.link, e.published) for e in theirs.entries]
        got = [(e.id, e.link, e.published) for e in mine.entries]
        record("blog: jekyll-feed settings", f"feed {path}", len(want), len(set(want) & set(got)))
        assert got == want, path


def test_a_category_feed_sits_in_its_category_folder_whatever_the_script(tmp_path: Path) -> None:
    """`categories/é/feed.xml`, not a folder literally named `%C3%A9` (nor one too long).

    Found by the generated blogs of test_properties_build.py.
    """
    files = {"_posts/2021-01-01-a.md": post("A", "categories: [é]")}
    site = build(tmp_path, files)
    assert (site.site_dir / "categories" / "é" / "feed.xml").is_file()
    assert not (site.site_dir / "categories" / "%C3%A9").exists()
    hrefs = [link["href"] for link in site.soup("categories/é/").select('link[rel="alternate"]')]
    assert "https://blog.example.org/sub/categories/%C3%A9/feed.xml" in hrefs, hrefs
