"""The helper that makes the posts' output folders while MkDocs renders (real processes)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from conftest import Site

from mkdocs_mindset import folders
from mkdocs_mindset.folders import MIN_FOLDERS, FolderMaker, leaf_folders


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


def test_a_large_blog_builds_with_the_helper(
    make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[bool] = []
    real_start = FolderMaker.start

    def start(self: FolderMaker, site_dir: str, dest_paths: Iterable[str]) -> bool:
        started.append(real_start(self, site_dir, dest_paths))
        return started[-1]

    monkeypatch.setattr(FolderMaker, "start", start)
    posts = {
        f"_posts/2020-{1 + n % 12:02d}-{1 + n % 28:02d}-post-{n}.md": (
            f"---\ntitle: Post {n}\ncategories: [c{n % 5}, d{n % 3}]\n---\nBody {n}.\n"
        )
        for n in range(MIN_FOLDERS + 20)
    }
    site = make_site(posts)
    assert site.warnings == []
    assert site.exists("c0/d0/2020/01/01/post-0/")
    written = [p for p in site.site_dir.rglob("index.html") if "/post-" in str(p)]
    assert len(written) == len(posts)
    assert started == [True]
