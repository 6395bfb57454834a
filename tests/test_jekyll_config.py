"""The Jekyll site's `_config.yml`: pointed at it, the plugin takes its settings as Jekyll did.

Real blogs set their permalink under `defaults:` rather than at the top, and write templates
without a leading `/`; copying those by hand put a real blog at wrong URLs. Here the file itself
is read (`jekyll_config`), checked against Jekyll's own build of the same site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import Site, build_site, theme, write_site
from jekyll_oracle import Blog, build_jekyll, mindset_post_files, record, require_jekyll
from mkdocs.exceptions import Abort

from mkdocs_mindset.jekyll.site_config import Default, parse_site_config

POSTS = {
    "_posts/2020-05-20-first.md": "---\ntitle: First\ncategories: [Notes]\n---\nx\n",
    "_posts/2020-05-20-late.md": "---\ntitle: Late\ndate: 2020-05-20 23:30:00 +0000\n---\nx\n",
    "travel/_posts/2021-01-02-trip.md": "---\ntitle: Trip\n---\nx\n",
}

# Two real shapes: the permalink under `defaults:` for posts, as a template without a slash.
CONFIG = {
    "timezone": "Asia/Tokyo",
    "defaults": [
        {"scope": {"path": "", "type": "posts"}, "values": {"permalink": "blog/:year/:title/"}},
        {"scope": {"path": "travel"}, "values": {"permalink": "/trips/:title/", "tags": ["away"]}},
        {"scope": {"path": "", "type": "pages"}, "values": {"permalink": "/never/"}},
    ],
}


def build(root: Path, config: dict[str, Any], **options: Any) -> Site:
    root.mkdir(parents=True, exist_ok=True)
    (root / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    plugin = {"jekyll_config": "_config.yml", **options}
    settings = {"theme": theme("mkdocs"), "plugins": [{"mindset": plugin}]}
    return build_site(write_site(root, POSTS, settings), strict=True)


def build_from(
    root: Path,
    config: dict[str, Any] | bytes,
    files: dict[str, str] = POSTS,
    *,
    strict: bool = False,
    **mkdocs: Any,
) -> Site:
    """A site whose only plugin option is `jekyll_config`; `config` as YAML values or raw bytes."""
    root.mkdir(parents=True, exist_ok=True)
    data = config if isinstance(config, bytes) else yaml.safe_dump(config).encode("utf-8")
    (root / "_config.yml").write_bytes(data)
    plugins = [{"mindset": {"jekyll_config": "_config.yml"}}]
    settings = {"theme": theme("mkdocs"), "plugins": plugins, **mkdocs}
    return build_site(write_site(root, files, settings), strict=strict)


def test_permalink_and_timezone_come_from_config_and_defaults(tmp_path: Path) -> None:
    site = build(tmp_path, CONFIG)
    assert site.exists("blog/2020/first/")
    assert site.exists("blog/2020/late/")
    assert site.exists("trips/trip/")  # the later, narrower scope wins
    assert "#away" in site.html("trips/trip/")  # any front matter key, not only permalink
    # The Tokyo zone from `_config.yml` decides the day shown for 23:30 UTC.
    assert "May 21, 2020" in site.html("blog/2020/late/")


def test_options_written_in_mkdocs_yml_win(tmp_path: Path) -> None:
    site = build(tmp_path, {"permalink": "/old/:title/", "timezone": "UTC"}, permalink="date")
    assert site.exists("notes/2020/05/20/first.html")
    assert "May 20, 2020" in site.html("2020/05/20/late.html")


def test_unusable_values_warn_naming_file_and_key(tmp_path: Path) -> None:
    config = {"timezone": "Mars/Olympus", "permalink": "/:nope/", "future": "sometimes"}
    root = tmp_path / "bad"
    site = build_from(root, config)
    for key in ("timezone", "permalink", "future"):
        assert [w for w in site.warnings if "_config.yml" in w and f"'{key}'" in w], key
    with pytest.raises(Abort):  # `--strict` turns them into a failure
        build_from(root, config, strict=True)


def test_a_config_file_that_is_not_utf8_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    latin1 = "title: Caf\u00e9\ntimezone: UTC\n".encode("latin-1")
    site = build_from(tmp_path / "latin1", latin1)
    [warning] = site.warnings
    assert warning.startswith("mindset: jekyll_config: ")
    assert warning.endswith("_config.yml: not UTF-8 text (byte 10); it was not used")
    assert site.exists("notes/2020/05/20/first/")  # built with the defaults


def test_site_values_fill_what_mkdocs_yml_leaves_unset(tmp_path: Path) -> None:
    config = {
        **CONFIG,
        "description": "Notes from the road.",
        "author": {"name": "Ada Lovelace", "email": "ada@example.org"},
        "url": "https://blog.example.org",
        "baseurl": "/notes",
        "exclude": ["drafts/", "_posts/2020-05-20-late.md", "*.txt"],
    }
    extra = {"drafts/idea.md": "# Idea\n", "notes.txt": "scratch\n", "kept.md": "# Kept\n"}
    site = build_from(tmp_path / "site", config, {**POSTS, **extra}, strict=True)
    home = site.soup("")
    assert home.find("meta", attrs={"name": "description"})["content"] == "Notes from the road."
    feed = site.html("feed.xml")  # on: the site now has a URL
    assert '<link href="https://blog.example.org/notes/feed.xml" rel="self"' in feed
    assert "<name>Ada Lovelace</name>" in feed
    assert site.exists("blog/2020/first/") and site.exists("kept/")
    assert not site.exists("blog/2020/late/") and not site.exists("drafts/idea/")
    assert not (site.site_dir / "notes.txt").exists()
    assert any("3 files left out by the Jekyll 'exclude:' list" in line for line in site.infos)


def test_site_values_written_in_mkdocs_yml_win(tmp_path: Path) -> None:
    config = {"description": "From Jekyll", "url": "https://old.example.org", "exclude": "x"}
    site = build_from(
        tmp_path / "site",
        config,
        site_description="From MkDocs",
        site_url="https://new.example.org/",
    )
    assert site.soup("").find("meta", attrs={"name": "description"})["content"] == "From MkDocs"
    assert "https://new.example.org/" in site.html("feed.xml")
    assert "old.example.org" not in site.all_text()
    assert [w for w in site.warnings if "'exclude': expected a list of paths; ignored" in w]


def test_scope_rules() -> None:
    config = parse_site_config(yaml.safe_dump(CONFIG))
    assert config.timezone == "Asia/Tokyo" and config.permalink is None
    assert config.front_matter_defaults("_posts/2020-05-20-first.md", is_post=True) == {
        "permalink": "blog/:year/:title/"
    }
    assert config.front_matter_defaults("travel/_posts/2021-01-02-trip.md", is_post=True) == {
        "permalink": "/trips/:title/",
        "tags": ["away"],
    }
    assert config.front_matter_defaults("about.md", is_post=False) == {"permalink": "/never/"}
    assert Default("_posts", None, {}).matches("_posts/x.md", is_post=True)
    assert not Default("_posts", None, {}).matches("_postsx/x.md", is_post=True)
    bad = parse_site_config("defaults: [{scope: {path: 'a/*'}, values: {x: 1}}, 3]\n")
    assert len(bad.problems) == 2 and not bad.defaults


def test_urls_equal_jekylls_with_defaults_and_a_relative_template(tmp_path: Path) -> None:
    """Jekyll builds the same site with the same `_config.yml`; the URLs must be the same."""
    require_jekyll()
    # The scope for pages would move the harness's own dump page too: posts' scopes only.
    config = {**CONFIG, "defaults": CONFIG["defaults"][:2]}
    jekyll = build_jekyll(Blog(POSTS, config), tmp_path)
    ours = build(tmp_path / "mindset", config)
    expected, found = jekyll.post_files(), mindset_post_files(ours)
    record("blog: _config.yml defaults", "URLs", len(expected), len(expected & found))
    assert found == expected
