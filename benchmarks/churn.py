"""What making a site's folders and files costs, round after round: the file-system churn test.

    python benchmarks/churn.py --posts 1000 --rounds 6

Builds the corpus once with bare MkDocs and once with the plugin, to learn which folders and
pages each site has (Jekyll URLs need about three times the folders of `posts/title/`). Then,
in each round and for each site in turn, it deletes the previous copy, calls `os.sync()`, makes
the folders again (timed), and writes a file of the same size for every file the site had
(timed). No MkDocs runs during the rounds: only the file system is measured.

Each benchmark build makes and then deletes a whole site, as repeated real builds do. Where these
times grow from round to round, a build's wall time depends on what ran before it, and the site
with more folders feels it more (docs/performance.md, "Why wall time swings on this machine").
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import write_corpora
from run import Child, settle, snapshot_plugin

BUILDERS: tuple[str, str] = ("bare", "mindset")


def site_shape(site: Path) -> tuple[list[str], list[tuple[str, int]]]:
    """The leaf folders, parents first, and every file with its size."""
    leaves: list[str] = []
    pages: list[tuple[str, int]] = []
    for root, folders, files in os.walk(site):
        relative = os.path.relpath(root, site)
        if not folders and relative != ".":
            leaves.append(relative)
        pages += [
            (os.path.join(relative, f), os.path.getsize(os.path.join(root, f))) for f in files
        ]
    leaves.sort(key=lambda folder: folder.split(os.sep))
    return leaves, pages


def one_round(target: Path, leaves: list[str], pages: list[tuple[str, int]]) -> tuple[float, float]:
    """(seconds making the folders, seconds writing the pages) into a fresh `target`."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    settle()
    start = time.perf_counter()
    for folder in leaves:
        os.makedirs(target / folder, exist_ok=True)
    made = time.perf_counter() - start
    start = time.perf_counter()
    for page, size in pages:
        (target / page).write_bytes(b"x" * size)
    return made, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000, help="posts per corpus (default 1000)")
    parser.add_argument("--rounds", type=int, default=6, help="rounds per site (default 6)")
    parser.add_argument("--seed", type=int, default=2020, help="corpus seed (default 2020)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="mindset-churn-"))
    try:
        code = snapshot_plugin(work)
        corpora = write_corpora(work / "corpora", args.posts, BUILDERS, args.seed)
        child = Child(cwd=work, pythonpath=code)
        shapes = {}
        for builder, corpus in corpora.items():
            site = work / f"site-{builder}"
            cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(corpus.config_file)]
            subprocess.run([*cmd, "-d", str(site)], env=child.env(), cwd=work, check=True)
            shapes[builder] = site_shape(site)
            shutil.rmtree(site)
        for builder, (leaves, pages) in shapes.items():
            folders = len({p for leaf in leaves for p in _parents(leaf)})
            print(f"{builder:8} {folders} folders, {len(pages)} files")
        print("\nround  " + "  ".join(f"{b + ' folders':>15} {b + ' files':>13}" for b in BUILDERS))
        for number in range(1, args.rounds + 1):
            cells = []
            for builder in BUILDERS:
                made, written = one_round(work / "tree", *shapes[builder])
                cells.append(f"{made:14.3f}s {written:12.3f}s")
            print(f"{number:5}  " + "  ".join(cells))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        settle()
    return 0


def _parents(leaf: str) -> list[str]:
    """`a/b/c` -> `a`, `a/b`, `a/b/c`: every folder a leaf needs."""
    parts = leaf.split(os.sep)
    return [os.sep.join(parts[: i + 1]) for i in range(len(parts))]


if __name__ == "__main__":
    sys.exit(main())
