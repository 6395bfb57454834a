"""Whole generated blogs, built with real MkDocs and Material: hostile posts stay harmless.

Hypothesis draws each blog: the site's permalink and time zone, a pool of hostile names
(categories, tags, titles, descriptions, slugs, `permalink` and `redirect_from` values), a
seed that deals them out to 230-250 posts, and a few posts whose whole front matter is
generated (every YAML type, broken YAML, unclosed blocks). One build per blog, with
`strict=True`: MkDocs writes the whole site before it aborts, so the same build shows
whether `--strict` fails exactly when something was printed as a warning.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import re
import tempfile
import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from conftest import Site, resolve, theme, write_site
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from property_helpers import COUNTS, HOSTILE, front_matter_yaml, hostile_text

from mkdocs_mindset.jekyll.dates import resolve_timezone
from mkdocs_mindset.jekyll.permalinks import PermalinkError, expand, url_to_dest_path
from mkdocs_mindset.jekyll.posts import Post, is_post_path, read_post
from mkdocs_mindset.jekyll.taxonomy import build_taxonomy
from mkdocs_mindset.jekyll.urls import has_scheme, is_safe_url

FULL = bool(os.environ.get("MINDSET_FULL_PROPERTIES"))
# A full run (CI's main one): 25 blogs of 230-250 files, about 5,400 posts once the 1 in 11
# names that Jekyll does not read (a `\\` in the name) are left out; the floor is 5,000.
# Otherwise two small blogs.
SITES = 25 if FULL else 2
POSTS = (230, 250) if FULL else (50, 80)
SITE_URL = "https://example.com/blog/"

# Material's own inline scripts (its page bootstrap), recognised by how each one starts.
# (Material 9.5.0, the oldest supported, starts its palette script `var media,input,…`.)
THEME_SCRIPTS = (
    "__md_scope=",
    "var palette=",
    "var media,input,key,value,palette=",
    "var target=document.getElementById",
)

# The plugin's redirect page script: one JSON string, then maybe the old address's fragment.
REDIRECT_SCRIPT = re.compile(r'location\.replace\(("(?:[^"\\]|\\.)*")(?:\+location\.hash)?\)')

# Slugs that a file name can hold (no `/`, no NUL); `\\` makes a file Jekyll does not read.
FILE_SLUGS = (
    "plain",
    "..x",
    "C++",
    "%2e%2e",
    "<b>",
    "\u0645\u0631\u062d\u0628\u0627",
    "\U0001f680",
    "\u0939\u093f\u0928\u094d\u0926\u0940",
    "a b",
    "x\\y",
    "'quote\"",
)
# Permalink prefixes a post may ask for; each ends in a per-post part, so no post can take a
# listing's or feed's place (a collision there is a warning, tested elsewhere).
PERMALINK_TAILS = ("/:year/:month/:day/:title/", "/:title:output_ext", "/:categories/:title/")
REDIRECTS = ("/", "/index.html", "/feed.xml", "/categories/", "/blog/", "old/post")
SITE_PERMALINKS = ("pretty", "date", "ordinal", "weekdate", "none", "/:categories/:title/")
ZONES = ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/Los_Angeles", "Asia/Tokyo")
BODIES = (
    "Some words about the post.",
    "> Note: a callout.",
    "> A lede quote.\n\nThen words.",
    "A paragraph.\n\n<!--more-->\n\nMore words.",
    "```\ncode\n---\n```",
    "Text with & and \"quotes\" and 'single' ones.",
)


@dataclass
class Blog:
    """A generated blog: its settings and every file under `docs/`."""

    permalink: str
    timezone: str
    files: dict[str, str] = field(default_factory=dict)


@st.composite
def blogs(draw: st.DrawFn) -> Blog:
    """Hostile names drawn by Hypothesis, dealt out to many posts by a drawn seed."""
    names = [*draw(st.lists(hostile_text, min_size=3, max_size=12)), *HOSTILE]
    prose = [*draw(st.lists(hostile_text, min_size=3, max_size=12)), *HOSTILE]
    raw_front = draw(st.lists(front_matter_yaml, min_size=3, max_size=8))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    blog = Blog(draw(st.sampled_from(SITE_PERMALINKS)), draw(st.sampled_from(ZONES)))
    for index in range(draw(st.integers(*POSTS))):
        year, month, day = rng.randint(1990, 2030), rng.randint(1, 12), rng.randint(1, 28)
        folder = rng.choice(["", "", "", "travel/", "Dev Notes/"])
        name = f"{folder}_posts/{year}-{month:02d}-{day:02d}-p{index}-{rng.choice(FILE_SLUGS)}.md"
        if index < len(raw_front):
            front = raw_front[index]
            blog.files[name] = rng.choice([f"---\n{front}---\n", f"---\n{front}"]) + "Words.\n"
            continue
        data: dict[str, Any] = {
            "title": rng.choice(prose),
            "categories": rng.sample(names, rng.randint(0, 3)),
            "tags": rng.sample(names, rng.randint(0, 3)),
        }
        if rng.random() < 0.5:
            data["description"] = rng.choice(prose)
        if rng.random() < 0.2:
            data["category"] = rng.choice(names)
        if rng.random() < 0.1:
            data["categories"] = " ".join(data["categories"])  # Jekyll's space-separated form
        if rng.random() < 0.1:
            data["slug"] = rng.choice(prose)
        if rng.random() < 0.1:
            data["permalink"] = rng.choice(prose).replace(":", "") + rng.choice(PERMALINK_TAILS)
        if rng.random() < 0.05:
            data["permalink"] = rng.choice(prose)  # anything, even `:unknown` placeholders
        if rng.random() < 0.1:
            data["redirect_from"] = [rng.choice(prose), f"/old/{index}/"]
        if rng.random() < 0.03:
            data["redirect_from"] = rng.choice(REDIRECTS)
        if rng.random() < 0.1:
            data["image"] = rng.choice([*prose, "javascript:alert(1)", "/img/x.png"])
        if rng.random() < 0.1:
            data["author"] = rng.choice(prose)
        if rng.random() < 0.05:
            data["date"] = rng.choice([*prose, "0001-01-01 00:00:00 +0500", "2020-13-45"])
        for flag in ("published", "hide", "search_exclude"):
            if rng.random() < 0.05:
                data[flag] = rng.choice([True, False, "no", "yes", None, 3, "x"])
        front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        body = "\n\n".join(rng.sample(BODIES, rng.randint(1, 2)))
        if rng.random() < 0.1:
            body = f"# {data['title']}\n\n{body}"  # a leading H1 repeating the hostile title
        blog.files[name] = f"---\n{front}---\n{body}\n"
    return blog


class _Capture(logging.Handler):
    """Every warning any logger printed during the build, not only MkDocs' own."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.name}: {record.getMessage()}")


def _tree(top: Path, skip: Path) -> dict[str, str]:
    """Every file under `top` except those in `skip`, with a digest of its content."""
    found: dict[str, str] = {}
    for path in sorted(top.rglob("*")):
        if path.is_file() and skip not in path.parents:
            found[str(path.relative_to(top))] = hashlib.sha1(path.read_bytes()).hexdigest()
    return found


def _build_strict(config_file: Path) -> tuple[Site, list[str], bool]:
    """Build once in strict mode: (site, warnings printed, whether `--strict` aborted)."""
    capture = _Capture()
    root, mkdocs_logger = logging.getLogger(), logging.getLogger("mkdocs")
    level = mkdocs_logger.level
    mkdocs_logger.setLevel(logging.INFO)
    root.addHandler(capture)
    aborted = False
    try:
        cfg = load_config(config_file=str(config_file), strict=True)
        try:
            build(cfg)
        except Abort:
            aborted = True
    finally:
        root.removeHandler(capture)
        mkdocs_logger.setLevel(level)
    return Site(config_file.parent, Path(cfg.site_dir)), capture.messages, aborted


@settings(
    max_examples=SITES,
    phases=[Phase.explicit, Phase.generate],  # shrinking a 250-post build would take hours
    suppress_health_check=list(HealthCheck),
)
@given(blog=blogs())
def test_a_generated_blog_builds_safely(blog: Blog) -> None:
    COUNTS.ran_builds = True
    with tempfile.TemporaryDirectory(prefix="mindset-prop-") as tmp:
        outer = Path(tmp)
        root = outer / "blog"
        root.mkdir()
        config = {
            "theme": theme("material"),
            "site_url": SITE_URL,
            "plugins": [
                "search",
                {"mindset": {"timezone": blog.timezone, "permalink": blog.permalink}},
            ],
        }
        config_file = write_site(root, blog.files, config)
        before = _tree(outer, root / "site")

        site, warnings, aborted = _build_strict(config_file)

        COUNTS.built_sites += 1
        COUNTS.built_posts += sum(map(is_post_path, blog.files))  # Jekyll-named posts only
        assert aborted == bool(warnings), f"strict aborted={aborted}, warnings: {warnings[:5]}"
        assert _tree(outer, site.site_dir) == before, "the build wrote outside site_dir"
        _assert_no_live_markup(site)
        # A post that would need a folder where a file is written (category `sitemap.xml`) is
        # left out with a warning naming it; every other post is listed.
        dropped = [w for w in warnings if "the post was left out" in w]
        left_out = {src for src in blog.files if any(f"'{src}' would " in w for w in dropped)}
        _assert_listed_exactly_once(site, blog, left_out)


# --- no markup from posts -----------------------------------------------------------------


def _assert_safe_html(html: str, where: str) -> None:
    """No event handler, no foreign script, no `javascript:` link, no generated element."""
    with warnings.catch_warnings():  # a title such as `/etc/passwd` looks like a file name
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        handlers = [a for a in element.attrs if a.lower().startswith("on")]
        assert not handlers, f"{where}: <{element.name} {handlers}>"
        for attr in ("href", "src", "action", "formaction", "srcset"):
            value = element.get(attr)
            if isinstance(value, str) and value:
                assert is_safe_url(value), f"{where}: <{element.name} {attr}={value!r}>"
        assert not (element.name == "img" and element.get("src") == "x"), where
        assert element.name not in {"iframe", "object", "embed"}, where


def _assert_known_script(script: Any, site: Site, page: Path) -> None:
    kind, text = script.get("type"), script.string or ""
    where = str(page.relative_to(site.site_dir))
    if script.get("src"):
        src = script["src"]
        assert not has_scheme(src), f"{where}: script from {src!r}"
        base = urlsplit(SITE_URL).path  # 404.html links from the site's root path
        path = src.split("?")[0]
        target = site.site_dir / path[len(base) :] if path.startswith(base) else page.parent / path
        assert target.resolve().is_file(), f"{where}: script {src!r} is not the site's"
    elif kind in {"application/ld+json", "application/json"}:
        json.loads(text)  # data, and it stayed whole: no `</script>` ended it early
    elif redirect := REDIRECT_SCRIPT.fullmatch(text):  # the plugin's redirect pages
        target = json.loads(redirect[1])
        assert is_safe_url(target, frozenset({"http", "https"})), f"{where}: to {target!r}"
    else:
        assert text.startswith(THEME_SCRIPTS), f"{where}: unknown inline script {text[:80]!r}"
        assert "alert(" not in text and "onerror" not in text, where


def _parse_xml(path: Path, where: str) -> ET.Element:
    data = path.read_bytes()
    try:
        return ET.fromstring(data)
    except ET.ParseError as error:
        line = data.splitlines()[error.position[0] - 1]
        raise AssertionError(f"{where} is not XML ({error}): {line!r}") from None


def _assert_no_live_markup(site: Site) -> None:
    for path in sorted(site.site_dir.rglob("*")):
        if not path.is_file():
            continue
        where = str(path.relative_to(site.site_dir))
        # A redirect page is HTML whatever its name (`redirect_from: /old.xml` writes old.xml).
        is_page = path.read_bytes()[:15].lower() == b"<!doctype html>"
        if path.suffix == ".html" or is_page:
            html = path.read_text(encoding="utf-8")
            _assert_safe_html(html, where)
            for script in BeautifulSoup(html, "html.parser").find_all("script"):
                _assert_known_script(script, site, path)
        elif path.suffix == ".xml":
            tree = _parse_xml(path, where)  # well-formed, whatever a title held
            atom = "{http://www.w3.org/2005/Atom}"
            for node in tree.iter():
                if node.tag in {f"{atom}content", f"{atom}summary", f"{atom}title"} and (
                    node.get("type") == "html"
                ):
                    _assert_safe_html(node.text or "", f"{where} <{node.tag}>")
        elif path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            if "items" in data:  # JSON Feed: `content_html` is HTML (`title`, `summary` text)
                for item in data["items"]:
                    _assert_safe_html(item.get("content_html", ""), f"{where} content_html")
            for doc in data.get("docs", []):  # search index: the theme renders these as HTML
                _assert_safe_html(doc.get("title", ""), f"{where} title {doc.get('location')}")
                _assert_safe_html(doc.get("text", ""), f"{where} text {doc.get('location')}")


# --- listings -----------------------------------------------------------------------------


def _expected(blog: Blog) -> tuple[list[Post], dict[str, str]]:
    """The published posts as the pure layer reads them, and each one's output file."""
    tz = resolve_timezone(blog.timezone)
    posts: list[Post] = []
    dest: dict[str, str] = {}
    for src, text in blog.files.items():
        if not is_post_path(src):
            continue
        post, _, _ = read_post(src, text, tz)
        if post is None or not post.published:
            continue
        posts.append(post)

        def url(template: str, styles: bool, post: Post = post) -> str:
            return expand(
                template,
                date=post.date,
                title=post.slug,
                categories=post.categories,
                allow_styles=styles,
            )

        try:
            link = url(post.permalink, False) if post.permalink else url(blog.permalink, True)
        except PermalinkError:
            link = url(blog.permalink, True)
        dest[src] = url_to_dest_path(link)
    return posts, dest


def _assert_listed_exactly_once(site: Site, blog: Blog, left_out: set[str]) -> None:
    """Each category and tag page lists exactly its posts, each once, per the pure layer."""
    posts, dest = _expected(blog)
    posts = [p for p in posts if p.src_uri not in left_out]
    for kind in ("categories", "tags"):
        taxonomy = build_taxonomy(kind, posts, lambda p, k=kind: getattr(p, k))
        for group in taxonomy.groups:
            url = f"{kind}/{group.slug}/"
            assert site.exists(url), f"no page for {kind} {group.name!r} at {url}"
            soup = site.soup(url)
            shown = Counter(
                str(resolve(site, url, a["href"]).relative_to(site.site_dir))
                for a in soup.select("a.mindset-entry__title")
            )
            assert shown == Counter(dest[p.src_uri] for p in group.posts), (kind, group.name)


@pytest.mark.parametrize("theme_scripts", [THEME_SCRIPTS])
def test_the_known_theme_scripts_are_materials(
    theme_scripts: tuple[str, ...], tmp_path: Path
) -> None:
    """The allow-list above matches what Material really writes, so it cannot hide a script."""
    config = {"theme": theme("material"), "plugins": ["search", {"mindset": {"timezone": "UTC"}}]}
    files = {"_posts/2020-01-01-a.md": "---\ntitle: A\ncategories: [x]\n---\nWords.\n"}
    site, warnings, aborted = _build_strict(write_site(tmp_path, files, config))
    inline = [
        s.string or ""
        for s in site.soup("").find_all("script")
        if not s.get("src") and not s.get("type")
    ]
    assert not warnings and not aborted
    # Every inline script of Material's is on the list, and the list is Material's: each entry
    # but one version's palette script (9.5.0's or later ones') is on this page.
    assert inline and all(t.startswith(theme_scripts) for t in inline)
    used = [p for p in theme_scripts if any(t.startswith(p) for t in inline)]
    assert len(used) == len(theme_scripts) - 1
