"""The helper that makes the posts' output folders while MkDocs renders (real processes)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from conftest import Site, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_mindset import folders
from mkdocs_mindset.folders import DISCARD_PREFIX, MIN_FOLDERS, FolderMaker, leaf_folders


def test_leaf_folders_keep_the_deepest_inside_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    paths = [
        site / "a/b/c/index.html",
        site / "a/b/index.html",  # made along with a/b/c
        site / "a/b-x/index.html",
        site / "index.html",  # the site folder itself: MkDocs has it
        tmp_path / "elsewhere/index.html",  # outside: never touched
        site / ".." / "escaped/index.html",
    ]
    assert sorted(leaf_folders(str(site), map(str, paths))) == [
        str(site / "a/b-x"),
        str(site / "a/b/c"),
    ]


def _large_blog() -> dict[str, str]:
    """Enough posts, in two categories each, for the plugin to start its folder helper."""
    return {
        f"_posts/2020-{1 + n % 12:02d}-{1 + n % 28:02d}-post-{n}.md": (
            f"---\ntitle: Post {n}\ncategories: [c{n % 5}, d{n % 3}]\n---\nBody {n}.\n"
        )
        for n in range(MIN_FOLDERS + 20)
    }


def _outputs(site: Path, count: int) -> list[str]:
    return [str(site / f"cat/{n % 7}/2020/{n % 12:02d}/post-{n}/index.html") for n in range(count)]


def test_the_helper_makes_every_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    maker = FolderMaker()
    outputs = _outputs(site, MIN_FOLDERS + 5)
    assert maker.start(str(site), outputs)
    listing = maker._listing
    assert listing is not None
    maker.finish()
    assert all(Path(p).parent.is_dir() for p in outputs)
    assert not list(site.rglob("*.html"))  # folders only: MkDocs writes the pages
    assert not os.path.exists(listing)  # the list of folders is cleaned up
    maker.finish()  # twice is fine


def test_the_helper_creates_empty_files_and_finish_removes_unwritten_ones(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    outputs = _outputs(site, MIN_FOLDERS + 5)
    existing = Path(outputs[0])
    existing.parent.mkdir(parents=True)
    existing.write_text("already there", encoding="utf-8")
    outside = tmp_path / "elsewhere" / "index.html"
    maker = FolderMaker()
    assert maker.start(str(site), [*outputs, str(outside)], files=True)
    assert maker._process is not None
    maker._process.wait()
    assert existing.read_text(encoding="utf-8") == "already there"  # never truncated
    assert all(os.path.getsize(p) == 0 for p in outputs[1:])
    assert not outside.parent.exists()  # only inside the site folder
    filled = outputs[1::2]
    for path in filled:  # what MkDocs does for the pages it writes
        Path(path).write_text("<html>page</html>", encoding="utf-8")
    maker.finish()
    left = sorted(str(p) for p in site.rglob("*.html"))
    assert left == sorted([str(existing), *filled])  # the unwritten empty files are gone
    maker.finish()  # twice is fine


def test_small_sites_start_no_helper(tmp_path: Path) -> None:
    maker = FolderMaker()
    assert not maker.start(str(tmp_path / "site"), _outputs(tmp_path / "site", 10))
    assert not (tmp_path / "site").exists()


def test_no_python_to_start_means_no_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(folders.sys, "executable", str(tmp_path / "no-such-python"))
    maker = FolderMaker()
    assert not maker.start(str(tmp_path / "site"), _outputs(tmp_path / "site", MIN_FOLDERS))
    maker.finish()


def test_set_aside_hands_the_last_folders_to_a_deleter(tmp_path: Path) -> None:
    site = tmp_path / "site"
    maker = FolderMaker()
    assert maker.start(str(site), _outputs(site, MIN_FOLDERS + 5))
    maker.finish()
    (site / "cat" / "0" / "index.html").write_text("old page", encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "style.css").write_text("body {}", encoding="utf-8")
    (site / "index.html").write_text("home", encoding="utf-8")
    assert maker.set_aside(str(site))
    assert not (site / "cat").exists()  # moved at once, deleted in the background
    maker.finish()
    assert sorted(p.name for p in site.iterdir()) == ["assets", "index.html"]  # MkDocs' to clean
    assert not maker.set_aside(str(site))  # nothing made since


def test_set_aside_needs_folders_made_for_that_site(tmp_path: Path) -> None:
    maker = FolderMaker()
    assert not maker.set_aside(str(tmp_path / "site"))  # nothing made yet
    site = tmp_path / "site"
    assert maker.start(str(site), _outputs(site, MIN_FOLDERS + 5))
    maker.finish()
    assert not maker.set_aside(str(tmp_path / "other"))
    assert (site / "cat").is_dir()
    assert not list(tmp_path.rglob(DISCARD_PREFIX + "*"))
    assert maker.start(str(site), _outputs(site, MIN_FOLDERS + 5))
    maker.finish()
    shutil.rmtree(site)  # deleted between two builds: nothing to do, and no error
    assert not maker.set_aside(str(site))


def test_without_a_helper_set_aside_deletes_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    maker = FolderMaker()
    assert maker.start(str(site), _outputs(site, MIN_FOLDERS + 5))
    maker.finish()
    monkeypatch.setattr(folders.sys, "executable", str(tmp_path / "no-such-python"))
    assert maker.set_aside(str(site))
    assert list(site.iterdir()) == []  # the moved folders and the hidden one are gone already
    maker.finish()


def test_serve_rebuilds_set_the_old_folders_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The steps of `mkdocs serve`: one plugin instance, a build, an edit, a rebuild."""
    set_aside: list[bool] = []
    real = FolderMaker.set_aside

    def spy(self: FolderMaker, site_dir: str) -> bool:
        set_aside.append(real(self, site_dir))
        return set_aside[-1]

    monkeypatch.setattr(FolderMaker, "set_aside", spy)
    posts = _large_blog()
    config_file = write_site(
        tmp_path,
        posts,
        {"theme": {"name": "mkdocs"}, "plugins": [{"mindset": {"timezone": "UTC"}}]},
    )
    site = tmp_path / "site"
    config = load_config(config_file=str(config_file))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        for edit in range(2):
            if edit:
                post = tmp_path / "docs" / "_posts" / "2020-01-01-post-0.md"
                post.write_text(post.read_text(encoding="utf-8") + "\nEdited.\n", "utf-8")
                config = load_config(config_file=str(config_file))
            build(config)
    finally:
        config.plugins.on_shutdown()
    assert set_aside == [False, True]  # nothing to set aside before the first build
    assert "Edited." in (site / "c0/d0/2020/01/01/post-0/index.html").read_text("utf-8")
    written = [p for p in site.rglob("index.html") if "/post-" in str(p)]
    assert len(written) == len(posts)
    assert not list(site.glob(DISCARD_PREFIX + "*"))  # deleted before the build ended


def test_a_large_blog_builds_with_the_helper(
    make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[bool] = []
    real_start = FolderMaker.start

    def start(self: FolderMaker, site_dir: str, dest_paths: Iterable[str], **kw: bool) -> bool:
        started.append(real_start(self, site_dir, dest_paths, **kw))
        return started[-1]

    monkeypatch.setattr(FolderMaker, "start", start)
    posts = _large_blog()
    site = make_site(posts)
    assert site.warnings == []
    assert site.exists("c0/d0/2020/01/01/post-0/")
    written = [p for p in site.site_dir.rglob("index.html") if "/post-" in str(p)]
    assert len(written) == len(posts)
    assert started == [True]


@pytest.mark.parametrize("dirty", [False, True])
def test_clean_builds_have_their_files_made_and_never_leave_one_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dirty: bool
) -> None:
    """As `mkdocs build` runs it: `on_startup`, then a build with a draft MkDocs leaves out."""
    asked: list[bool] = []
    real_start = FolderMaker.start

    def start(self: FolderMaker, site_dir: str, dest_paths: Iterable[str], **kw: bool) -> bool:
        asked.append(kw.get("files", False))
        return real_start(self, site_dir, dest_paths, **kw)

    monkeypatch.setattr(FolderMaker, "start", start)
    posts = _large_blog()
    config_file = write_site(
        tmp_path,
        posts,
        {
            "theme": {"name": "mkdocs"},
            "plugins": [{"mindset": {"timezone": "UTC"}}],
            "draft_docs": "_posts/2020-01-01-post-0.md\n",
        },
    )
    config = load_config(config_file=str(config_file))
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    site = tmp_path / "site"
    assert asked == [not dirty]  # with --dirty, MkDocs takes an existing file as up to date
    written = [p for p in site.rglob("index.html") if "/post-" in str(p)]
    assert len(written) == len(posts) - 1  # the draft is not built, and leaves no file
    assert not (site / "c0/d0/2020/01/01/post-0/index.html").exists()
    assert [p for p in site.rglob("*") if p.is_file() and p.stat().st_size == 0] == []


def test_a_failed_build_leaves_no_empty_files(tmp_path: Path) -> None:
    """MkDocs stops at the failing page; the files made for the pages after it must go."""
    posts = _large_blog()
    (tmp_path / "fail.py").write_text(
        "def on_post_page(output, page, config):\n"
        "    if page.file.src_uri.endswith('post-100.md'):\n"
        "        raise RuntimeError('boom')\n"
        "    return output\n",
        encoding="utf-8",
    )
    config_file = write_site(
        tmp_path,
        posts,
        {
            "theme": {"name": "mkdocs"},
            "plugins": [{"mindset": {"timezone": "UTC"}}],
            "hooks": ["fail.py"],
        },
    )
    config = load_config(config_file=str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with pytest.raises(RuntimeError, match="boom"):
            build(config)
    finally:
        config.plugins.on_shutdown()
    site = tmp_path / "site"
    written = [p for p in site.rglob("index.html") if "/post-" in str(p)]
    assert 0 < len(written) < len(posts)  # some pages were written before the failure
    assert [p for p in site.rglob("*") if p.is_file() and p.stat().st_size == 0] == []
