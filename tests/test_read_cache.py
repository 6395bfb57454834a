"""The serve read cache: unchanged posts are not parsed again, edited ones always are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import build_site, write_site
from mkdocs.config import load_config

from mkdocs_mindset.site.collect import ReadCache, ReadSettings

POST = "---\ntitle: One\ndescription: First words.\ncategories: [a]\n---\nBody.\n"


def settings(words: int = 100) -> ReadSettings:
    return ReadSettings(dt.timezone.utc, True, None, words)


def test_same_content_is_read_once_edits_are_read_again() -> None:
    cache = ReadCache()
    cache.start(settings())
    first = cache.read("_posts/2020-01-01-one.md", POST)
    again = cache.read("_posts/2020-01-01-one.md", POST)
    assert again[0] is first[0]
    edited = cache.read("_posts/2020-01-01-one.md", POST.replace("[a]", "[b]"))
    assert edited[0] is not first[0]
    assert edited[0] is not None and edited[0].categories == ("b",)


def test_a_changed_setting_empties_the_cache_and_deleted_files_are_forgotten() -> None:
    cache = ReadCache()
    cache.start(settings())
    first = cache.read("_posts/2020-01-01-one.md", POST)
    cache.read("_posts/2020-01-02-two.md", POST)
    cache.finish()
    cache.start(settings(words=3))
    assert cache.entries == {}
    assert cache.read("_posts/2020-01-01-one.md", POST)[0] is not first[0]
    cache.finish()
    assert set(cache.entries) == {"_posts/2020-01-01-one.md"}


def test_rebuild_after_editing_a_post_shows_the_edit(tmp_path: Path) -> None:
    """Two builds through one plugin instance, as `mkdocs serve` does."""
    cfg = {"theme": {"name": "mkdocs"}, "plugins": [{"mindset": {"timezone": "UTC"}}]}
    config_file = write_site(tmp_path, {"_posts/2020-01-01-one.md": POST}, cfg)
    first = build_site(config_file)
    assert first.exists("categories/a/")
    plugin = load_config(config_file=str(config_file)).plugins["mindset"]
    cached = dict(plugin.read_cache.entries)
    post_file = tmp_path / "docs" / "_posts" / "2020-01-01-one.md"
    post_file.write_text(POST.replace("[a]", "[b]"), encoding="utf-8")
    second = build_site(config_file)
    assert second.exists("categories/b/") and not second.exists("categories/a/")
    assert (
        plugin.read_cache.entries["_posts/2020-01-01-one.md"] != cached["_posts/2020-01-01-one.md"]
    )
