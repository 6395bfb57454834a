"""Same input, same output: builds are byte-identical, and ProperDocs builds the same site.

Each build runs in a fresh process (`python -m mkdocs build` or `properdocs build`), so nothing
is shared through MkDocs' plugin cache. Between the two builds compared, the source files are
created in a different order, every directory listing the build process makes is shuffled with
a different seed, and `PYTHONHASHSEED` differs: whatever order a file system or a `set` gives,
the site must not change. Only the sitemap's dates (the day of the build) are left out.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_site

REPO = Path(__file__).resolve().parents[1]

# Runs `mkdocs` (or `properdocs`) with os.listdir and os.scandir returning entries in a random
# order (os.walk, glob and pathlib all list through them).
_SHUFFLED_CLI = """
import os, random, sys
rng = random.Random(int(os.environ["MINDSET_SHUFFLE_SEED"]))
_listdir, _scandir = os.listdir, os.scandir

def listdir(path="."):
    names = _listdir(path)
    rng.shuffle(names)
    return names

class _Shuffled:
    def __init__(self, it):
        self._it = it
        entries = list(it)
        rng.shuffle(entries)
        self._entries = iter(entries)
    def __iter__(self):
        return self
    def __next__(self):
        return next(self._entries)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self._it.close()
    def close(self):
        self._it.close()

os.listdir = listdir
os.scandir = lambda path=".": _Shuffled(_scandir(path))
host = sys.argv.pop(1)
sys.argv[0] = host
if host == "properdocs":
    from properdocs.__main__ import cli
else:
    from mkdocs.__main__ import cli
cli()
"""


def _copy_in_order(src: Path, dest: Path, reverse: bool) -> None:
    """Copy a tree creating its files (and folders) in sorted or reverse-sorted order."""
    paths = sorted(src.rglob("*"), reverse=reverse)
    for path in paths:
        target = dest / path.relative_to(src)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


def _build(root: Path, site: Path, *, seed: int, host: str = "mkdocs") -> None:
    env = {
        **os.environ,
        "PYTHONHASHSEED": str(seed),
        "MINDSET_SHUFFLE_SEED": str(seed),
        "NO_MKDOCS_2_WARNING": "1",
    }
    cmd = [sys.executable, "-c", _SHUFFLED_CLI, host, "build", "--strict", "-q", "-d", str(site)]
    done = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def _tree(site: Path) -> dict[str, bytes]:
    """Every file of a built site; the sitemap's per-build dates blanked."""
    files: dict[str, bytes] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        if rel.endswith("sitemap.xml.gz"):
            data = gzip.decompress(data)
        if "sitemap.xml" in rel:
            data = re.sub(rb"<lastmod>[^<]*</lastmod>", b"<lastmod/>", data)
        files[rel] = data
    return files


def _assert_same(first: dict[str, bytes], second: dict[str, bytes]) -> None:
    assert sorted(first) == sorted(second)
    differing = [rel for rel in first if first[rel] != second[rel]]
    assert differing == [], f"{len(differing)} files differ, e.g. {differing[:5]}"


def _demo_copy(dest: Path, reverse: bool) -> Path:
    """The repository's demo site (its docs/ and mkdocs.yml), files created in a chosen order."""
    _copy_in_order(REPO / "docs", dest / "docs", reverse)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def _tied_blog() -> dict[str, str]:
    """Posts that sort only by their tie-breakers: same dates, categories differing in case."""
    files: dict[str, str] = {}
    for day in (1, 2):
        for name, cats, tags in (
            ("zebra", "[News, Ünïcode]", "[b, a]"),
            ("apple", "[news, Zürich]", "[a]"),
            ("mango", "News Zürich", "[c, b, a]"),
            ("kiwi", "[ünïcode, 日本語]", "[日本語]"),
        ):
            files[f"_posts/2021-03-0{day}-{name}.md"] = (
                f"---\ntitle: {name.title()} {day}\ncategories: {cats}\ntags: {tags}\n"
                f"description: The {name} post of day {day}.\n---\n\n"
                f"> A lede for {name}.\n\nBody.\n"
            )
    files["_posts/2021-03-01-timed.md"] = (
        "---\ntitle: Timed\ndate: 2021-03-01 10:00:00 +0000\ncategories: [news]\n---\n\nText.\n"
    )
    return files


def test_the_demo_site_builds_byte_identical_whatever_the_order(tmp_path: Path) -> None:
    first = _demo_copy(tmp_path / "a", reverse=False)
    second = _demo_copy(tmp_path / "b", reverse=True)
    _build(first, tmp_path / "site-a", seed=1)
    _build(second, tmp_path / "site-b", seed=2)
    built = _tree(tmp_path / "site-a")
    assert "feed.xml" in built and "categories/index.html" in built
    _assert_same(built, _tree(tmp_path / "site-b"))


def test_posts_that_tie_on_date_build_byte_identical(tmp_path: Path) -> None:
    files = _tied_blog()
    cfg = {
        "site_url": "https://example.org/",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"mindset": {"timezone": "UTC"}}],
    }
    write_site(tmp_path / "src", files, cfg)
    sources = tmp_path / "src"
    for name, reverse, seed in (("a", False, 3), ("b", True, 4)):
        _copy_in_order(sources, tmp_path / name, reverse)
        _build(tmp_path / name, tmp_path / f"site-{name}", seed=seed)
    built = _tree(tmp_path / "site-a")
    assert "categories/zürich/feed.xml" in built
    _assert_same(built, _tree(tmp_path / "site-b"))


def test_properdocs_builds_the_same_demo_site_as_mkdocs(tmp_path: Path) -> None:
    """ProperDocs (the maintained MkDocs 1.x fork) loads the plugin from the same entry point."""
    if shutil.which("properdocs", path=str(Path(sys.executable).parent)) is None:
        reason = "needs ProperDocs (pip install -e '.[test]' installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    root = _demo_copy(tmp_path / "src", reverse=False)
    _build(root, tmp_path / "mkdocs-site", seed=5)
    _build(root, tmp_path / "properdocs-site", seed=5, host="properdocs")
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')

    def comparable(rel: str, data: bytes) -> bytes:
        if "sitemap.xml" in rel:  # laid out differently by MkDocs 1.6.0: compare its addresses
            return b"\n".join(sorted(re.findall(rb"<loc>[^<]*</loc>", data)))
        return generator.sub(b"", data)

    mkdocs_site, properdocs_site = (
        {rel: comparable(rel, data) for rel, data in _tree(tmp_path / name).items()}
        for name in ("mkdocs-site", "properdocs-site")
    )
    assert b"ProperDocs" in (tmp_path / "properdocs-site" / "index.html").read_bytes()
    assert "categories/mindset/index.html" in properdocs_site
    _assert_same(mkdocs_site, properdocs_site)
