"""Regression tests for defects that were fixed: each one fails if its defect comes back.

- An interrupted build left zero-byte pages (a helper created every page's file empty before
  MkDocs rendered it), and `mkdocs build --dirty` then kept them.
- Other plugins did not see a post's front matter (the plugin handed MkDocs the body alone and
  replaced `page.meta`), so hooks, Material's `meta` plugin and `.meta.yml` defaults were lost.
- A `search_exclude: true` post stayed findable through MkDocs' prebuilt lunr index.
- A post with `hide: 3` crashed Material's templates.
- A 300-letter category stopped the build: its folder name was too long for the file system.

Every site is a real MkDocs build, as in the other test modules.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MATERIAL_META, Site, build_site, content, h1s, resolve, theme, write_site


def front(data: dict[str, Any], body: str = "Body.\n") -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body


def write_hook(root: Path, name: str, source: str) -> str:
    """A hooks file beside `mkdocs.yml` (MkDocs' `hooks:` takes paths relative to it)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
    return name


# -- an interrupted build leaves no empty page ---------------------------------------------------

# Pauses the build inside MkDocs' page loop, between two pages, once some pages are written: the
# test's SIGTERM then lands at a known point (a build of these 400 posts takes well under a
# second, too quick to interrupt reliably from outside), never in the middle of MkDocs writing a
# file (MkDocs truncates a file, then writes it: a kill just there would leave one empty file
# that is MkDocs' doing, not the plugin's). Inert unless the variable is set.
PAUSE_HOOK = """
    import os
    import time
    from pathlib import Path

    MARKER = os.environ.get("MINDSET_TEST_PAUSE_MARKER")
    AFTER = 40
    seen = 0


    def on_post_page(output, page, config):
        global seen
        seen += 1
        if MARKER and seen > AFTER:  # AFTER pages are written; this one is not yet
            Path(MARKER).write_text(str(seen - 1), encoding="utf-8")
            time.sleep(120)  # the test sends SIGTERM long before this ends
        return output
"""

POSTS = 400


def many_posts(count: int) -> dict[str, str]:
    paragraphs = "\n\n".join(
        f"Paragraph {i} of this post, with enough words to make a real page of it."
        for i in range(4)
    )
    return {
        f"_posts/2020-01-01-post-{n}.md": front(
            {"title": f"Interrupted post {n:04d}", "categories": ["A"]}, paragraphs + "\n"
        )
        for n in range(count)
    }


def zero_byte_pages(site_dir: Path) -> list[str]:
    return sorted(
        str(p.relative_to(site_dir)) for p in site_dir.rglob("*.html") if p.stat().st_size == 0
    )


def test_sigterm_during_a_build_leaves_no_empty_page_for_dirty_to_keep(tmp_path: Path) -> None:
    """A killed build may leave pages missing, never empty: `--dirty` keeps what is there."""
    root = tmp_path / "blog"
    hook = write_hook(root, "pause_hook.py", PAUSE_HOOK)
    cfg = {"theme": theme("mkdocs"), "plugins": [{"mindset": {"timezone": "UTC"}}]}
    config_file = write_site(root, many_posts(POSTS), {**cfg, "hooks": [hook]})
    site_dir = root / "site"
    marker = tmp_path / "paused"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MINDSET_TEST_PAUSE_MARKER": str(marker)}

    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d", str(site_dir)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert marker.exists(), "the build never reached its pause point"
        written = list(site_dir.rglob("*.html"))
        assert written, "the build wrote no page before it was interrupted"
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    output = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    assert proc.returncode == -signal.SIGTERM, output  # interrupted, not finished

    assert zero_byte_pages(site_dir) == []
    # the build really stopped half way: some post pages are written, others are not there yet
    pages = {n: site_dir / f"a/2020/01/01/post-{n}/index.html" for n in range(POSTS)}
    assert 0 < sum(p.is_file() for p in pages.values()) < POSTS

    site = build_site(config_file, dirty=True)  # the hook is inert without the variable
    assert zero_byte_pages(site.site_dir) == []
    for n, page in pages.items():
        assert page.is_file(), page
        assert f"Interrupted post {n:04d}" in page.read_text("utf-8"), page
    listing = content(site, "categories/a/").select("a.mindset-entry__title")
    assert len(listing) == POSTS


# -- other plugins see a post's front matter -----------------------------------------------------

# Records `page.meta` of posts before the plugin's own `on_page_markdown` (priority 50 runs first,
# as Material's meta plugin does) and after it (`on_page_content`), and shows in the page what it
# read, so the page's HTML proves the hook's view counted.
META_HOOK = """
    import json
    from pathlib import Path

    from mkdocs.plugins import event_priority

    RECORD = Path(__file__).with_name("seen.json")


    def _record(when, page):
        seen = json.loads(RECORD.read_text("utf-8")) if RECORD.exists() else {}
        seen.setdefault(page.file.src_uri, {})[when] = {k: page.meta[k] for k in page.meta}
        RECORD.write_text(json.dumps(seen, default=str), encoding="utf-8")


    @event_priority(50)
    def on_page_markdown(markdown, page, config, files):
        if "_posts/" not in page.file.src_uri:
            return markdown
        _record("markdown", page)
        colour = page.meta.get("fav_color", "none")
        categories = ", ".join(page.meta.get("categories") or []) or "none"
        return markdown + f"\\n\\nHook saw colour {colour} and categories {categories}.\\n"


    def on_page_content(html, page, config, files):
        if "_posts/" in page.file.src_uri:
            _record("content", page)
        return html
"""

TEAL = {
    "title": "Teal thoughts",
    "categories": ["Colours"],
    "description": "A post about one colour.",
    "fav_color": "teal",
}


def build_with_hook(root: Path, files: dict[str, str], theme_name: str) -> tuple[Site, Any]:
    hook = write_hook(root, "meta_hook.py", META_HOOK)
    cfg = {
        "theme": theme(theme_name),
        "plugins": ["search", {"mindset": {"timezone": "UTC"}}],
        "hooks": [hook],
    }
    site = build_site(write_site(root, files, cfg))
    return site, json.loads((root / "seen.json").read_text("utf-8"))


@pytest.mark.parametrize("theme_name", ["material", "mkdocs"])
def test_a_hook_before_the_plugin_sees_the_posts_front_matter(
    tmp_path: Path, theme_name: str
) -> None:
    """Plugins that run first (priority 50) read the post's own keys from `page.meta`."""
    files = {"_posts/2020-04-01-teal.md": front(TEAL, "A body paragraph.\n")}
    site, seen = build_with_hook(tmp_path, files, theme_name)
    before = seen["_posts/2020-04-01-teal.md"]["markdown"]
    assert {k: before.get(k) for k in TEAL} == TEAL
    after = seen["_posts/2020-04-01-teal.md"]["content"]
    assert {k: after.get(k) for k in TEAL} == TEAL  # merged into, not replaced

    url = "colours/2020/04/01/teal/"
    main = content(site, url)
    assert "Hook saw colour teal and categories Colours." in main.get_text(" ")
    # the plugin's own output is intact: the title once, the category link, no front matter
    assert h1s(site, url) == ["Teal thoughts"]
    categories = main.select("a.mindset-category")
    assert [a.get_text() for a in categories] == ["Colours"]
    assert resolve(site, url, categories[0]["href"]) == site.path("categories/colours/")
    assert "fav_color" not in main.get_text()
    description = site.soup(url).find_all("meta", attrs={"name": "description"})
    assert [m["content"] for m in description] == ["A post about one colour."]


MATERIAL_META_FILES = {
    "_posts/.meta.yml": "hide: [navigation]\ndescription: Default description from .meta.yml\n",
    "_posts/2020-05-01-own-words.md": front(
        {"title": "Own words", "categories": ["News"], "description": "The post's own words."},
        "Body of the post.\n\n## A section\n\nMore.\n",
    ),
    "_posts/2020-05-02-hides-toc.md": front(
        {"title": "Hides its toc", "hide": ["toc"]}, "Body.\n\n## A section\n\nMore.\n"
    ),
}


@pytest.fixture(scope="module")
def material_meta(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("material-meta")
    cfg = {
        "theme": theme("material"),
        "plugins": ["search", "meta", {"mindset": {"timezone": "UTC"}}],
    }
    return build_site(write_site(root, MATERIAL_META_FILES, cfg), strict=True)


def sidebars(site: Site, url: str) -> tuple[bool, bool]:
    """Whether Material hid (primary navigation, secondary table of contents) on the page."""
    soup = site.soup(url)
    primary = soup.select_one(".md-sidebar--primary")
    secondary = soup.select_one(".md-sidebar--secondary")
    assert primary is not None and secondary is not None
    return primary.has_attr("hidden"), secondary.has_attr("hidden")


@MATERIAL_META
def test_material_meta_plugin_defaults_reach_posts(material_meta: Site) -> None:
    """`_posts/.meta.yml` defaults survive the plugin: Material hides the navigation."""
    assert sidebars(material_meta, "news/2020/05/01/own-words/") == (True, False)
    assert sidebars(material_meta, "") == (False, False)  # only the posts' folder has the default
    assert h1s(material_meta, "news/2020/05/01/own-words/") == ["Own words"]
    # the post's own list is merged with the default, as Material's meta plugin does it
    assert sidebars(material_meta, "2020/05/02/hides-toc/") == (True, True)


@MATERIAL_META
def test_post_front_matter_wins_over_material_meta_defaults(material_meta: Site) -> None:
    """What the post sets itself still decides the page: its description, not the default."""
    soup = material_meta.soup("news/2020/05/01/own-words/")
    description = soup.find_all("meta", attrs={"name": "description"})
    assert [m["content"] for m in description] == ["The post's own words."]
    main = content(material_meta, "news/2020/05/01/own-words/")
    assert [a.get_text() for a in main.select("a.mindset-category")] == ["News"]
    assert "Default description from .meta.yml" not in material_meta.html(
        "news/2020/05/01/own-words/"
    )


@MATERIAL_META
def test_fastpages_hide_flag_beside_a_material_meta_hide_list(tmp_path: Path) -> None:
    """fastpages' `hide: true` is the plugin's flag, not Material's list: merging it with a
    `.meta.yml` `hide:` list must not break the build, and the folder's default still applies."""
    files = {
        "_posts/.meta.yml": "hide: [navigation]\n",
        "_posts/2020-06-01-hidden.md": front(
            {"title": "Hidden post", "hide": True}, "Body.\n\n## A section\n\nMore.\n"
        ),
        "_posts/2020-06-02-shown.md": front({"title": "Shown post"}),
    }
    cfg = {
        "theme": theme("material"),
        "plugins": ["search", "meta", {"mindset": {"timezone": "UTC"}}],
    }
    site = build_site(write_site(tmp_path, files, cfg))
    assert h1s(site, "2020/06/01/hidden/") == ["Hidden post"]
    assert sidebars(site, "2020/06/01/hidden/") == (True, False)
    assert "Hidden post" not in site.html("2020/06/02/shown/")  # still listed nowhere


# MkDocs' YAML loader raises on this date, so MkDocs leaves the whole block in the Markdown and
# reads no meta at all; Jekyll (and the plugin) keep the other keys and warn about the date.
IMPOSSIBLE = (
    "---\ntitle: Impossible day\ndate: 2020-13-45\nfav_color: teal\ncategories: [Odd]\n---\n"
    "The real first paragraph.\n"
)


@pytest.mark.parametrize("theme_name", ["material", "mkdocs"])
def test_front_matter_mkdocs_cannot_read_is_not_shown(tmp_path: Path, theme_name: str) -> None:
    """The block is never page text; its title and keys still count, and the date warns."""
    src = "_posts/2019-02-03-impossible.md"
    site, seen = build_with_hook(tmp_path, {src: IMPOSSIBLE}, theme_name)
    url = "odd/2019/02/03/impossible/"  # the filename's date, since the front matter's is not one
    assert site.exists(url)
    main = content(site, url)
    text = main.get_text(" ")
    for shown in ("title:", "date:", "2020-13-45", "fav_color", "categories:", "---"):
        assert shown not in text, shown
    assert main.find("hr") is None  # `---` did not become a rule either
    assert "The real first paragraph." in text
    assert h1s(site, url) == ["Impossible day"]
    assert site.soup(url).title.get_text().startswith("Impossible day")

    found = [w for w in site.warnings if src in w]
    assert len(found) == 1, site.warnings
    assert "'date'" in found[0]

    # MkDocs read no meta; after the plugin, later plugins see the keys it could read
    after = seen[src]["content"]
    assert after.get("fav_color") == "teal"
    assert after.get("categories") == ["Odd"]
    assert after.get("title") == "Impossible day"


# -- search exclusion with MkDocs' built-in search -----------------------------------------------

SEARCH_FILES = {
    "_posts/2020-01-01-findable.md": front(
        {"title": "Findable post", "categories": ["news"]},
        "Pangolin words live here.\n\n## Findable section\n\nMore pangolin.\n",
    ),
    "_posts/2020-01-02-unsearchable.md": front(
        {"title": "Unsearchable post", "categories": ["news"], "search_exclude": True},
        "Zebrafinch words live here.\n\n## Quetzal section\n\nMore zebrafinch.\n",
    ),
}
EXCLUDED = "news/2020/01/02/unsearchable/"
FINDABLE = "news/2020/01/01/findable/"


def search_hits(index: dict[str, Any], query: str) -> set[str]:
    """Pages a search finds, as MkDocs' search worker would: the prebuilt index when the file
    has one, else an index built from `docs` (fields title and text, ref location)."""
    lunr = pytest.importorskip("lunr")
    from lunr.index import Index

    if "index" in index:
        idx = Index.load(index["index"])
    else:
        idx = lunr.lunr(ref="location", fields=("title", "text"), documents=index["docs"])
    return {hit["ref"].split("#", 1)[0] for hit in idx.search(query)}


@pytest.mark.parametrize("prebuild", [False, "python", True], ids=["no-prebuild", "python", "node"])
def test_search_exclude_post_cannot_be_found_with_mkdocs_search(
    tmp_path: Path, prebuild: bool | str
) -> None:
    """Dropping the post's entries is not enough: a prebuilt lunr index would still find it."""
    pytest.importorskip("lunr")  # to query the index, and for `prebuild_index: python`
    if prebuild is True and shutil.which("node") is None:
        pytest.skip("`prebuild_index: true` runs MkDocs' script with node, which is not installed")
    search: Any = {"search": {"prebuild_index": prebuild}} if prebuild else "search"
    cfg = {"theme": theme("mkdocs"), "plugins": [search, {"mindset": {"timezone": "UTC"}}]}
    site = build_site(write_site(tmp_path, SEARCH_FILES, cfg), strict=True)
    assert site.exists(EXCLUDED)  # built, only not searchable

    index = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert not [loc for loc in locations if loc.startswith(EXCLUDED)]
    assert FINDABLE in locations

    for word in ("zebrafinch", "quetzal", "unsearchable"):
        assert search_hits(index, word) == set(), word
    assert search_hits(index, "pangolin") == {FINDABLE}  # the rest is still searchable


def test_unclosed_front_matter_is_reported_by_name_and_shown_nowhere(tmp_path: Path) -> None:
    """A post whose `---` block never closes: a warning names it; its keys are never page text."""
    files = {
        "_posts/2020-01-01-unclosed.md": "---\ntitle: Half\ndescription: never closed\n\nBody.\n",
    }
    cfg = {"theme": theme("mkdocs"), "plugins": [{"mindset": {"timezone": "UTC"}}]}
    site = build_site(write_site(tmp_path, files, cfg))
    assert [w for w in site.warnings if "_posts/2020-01-01-unclosed.md" in w and "closing" in w]
    page = site.html("2020/01/01/unclosed/")
    assert "never closed" not in page and "title:" not in page


def test_a_post_with_a_number_for_hide_builds_with_a_warning(tmp_path: Path) -> None:
    """`hide: 3` crashed Material (`"navigation" in 3`); now it is a warning naming the key.

    Found by the generated blogs of test_properties_build.py.
    """
    files = {"_posts/2020-01-01-a.md": front({"title": "A", "hide": 3})}
    cfg = {"theme": theme("material"), "plugins": ["search", {"mindset": {"timezone": "UTC"}}]}
    site = build_site(write_site(tmp_path, files, cfg))
    assert site.exists("2020/01/01/a/")
    assert any("2020-01-01-a.md: 'hide'" in w for w in site.warnings), site.warnings


def test_a_category_too_long_for_a_file_name_still_builds(tmp_path: Path) -> None:
    """Found by the generated blogs of test_properties_build.py (ENAMETOOLONG before)."""
    long_name = "x" * 300
    files = {"_posts/2020-01-01-a.md": front({"title": "A", "categories": [long_name]})}
    cfg = {"theme": theme("material"), "plugins": ["search", {"mindset": {"timezone": "UTC"}}]}
    site = build_site(write_site(tmp_path, files, cfg))
    assert site.exists(f"{'x' * 255}/2020/01/01/a/")
    [page] = [p for p in (site.site_dir / "categories").iterdir() if p.name.startswith("xxx")]
    assert len(page.name) < 255 and "A" in site.html(f"categories/{page.name}/")


def test_a_category_named_like_an_output_file_builds(tmp_path: Path) -> None:
    """Category `sitemap.xml` made the post's folder `sitemap.xml/`, where MkDocs writes the
    sitemap: NotADirectoryError stopped the build. Found by test_properties_build.py.
    Such a post is left out with a warning naming it; the rest of the site builds.
    """
    files = {
        "_posts/2020-01-01-a.md": front({"title": "A", "categories": ["sitemap.xml"]}),
        "_posts/2020-01-02-b.md": front({"title": "B", "permalink": "/nul.txt"}),
        "_posts/2020-01-03-c.md": front({"title": "C", "categories": ["nul.txt"]}),
        "_posts/2020-01-04-d.md": front({"title": "D", "permalink": "/manual.txt"}),
        "manual.txt/more.md": "# More\n",
        "_posts/2020-01-05-e.md": front({"title": "E", "categories": ["fine"]}),
        "_posts/2020-01-06-f.md": front({"title": "F", "permalink": "sitemap.xml"}),
    }
    cfg = {"theme": theme("material"), "plugins": ["search", {"mindset": {"timezone": "UTC"}}]}
    site = build_site(write_site(tmp_path, files, cfg))
    assert site.exists("sitemap.xml") and site.exists("fine/2020/01/05/e/")
    assert site.exists("nul.txt") and site.exists("manual.txt/more/")
    left_out = sorted(w.split("'")[1] for w in site.warnings if "the post was left out" in w)
    assert left_out == [
        "_posts/2020-01-01-a.md",
        "_posts/2020-01-03-c.md",
        "_posts/2020-01-04-d.md",
        "_posts/2020-01-06-f.md",
    ]
    assert "<urlset" in site.html("sitemap.xml")
    assert "inside 'sitemap.xml', where 'sitemap.xml' is written as a file" in "".join(
        site.warnings
    )
