"""Where a build's time goes, phase by phase: bare MkDocs against the plugin, same posts.

    python benchmarks/phases.py --posts 1000 --pairs 8
    python benchmarks/phases.py --smoke          # 30 posts, one pair: checks that it runs

Each build runs in a fresh process, alternating (bare then mindset, then mindset then bare, ...),
with the frozen copy of the plugin that `run.py` uses. Inside the child, MkDocs' `build()` is
timed at its phase boundaries (see `PHASES`); the parent adds the process's start-up and exit.
It prints the median of each phase for both builders and their difference, then the per-pair
ratio of whole-process wall time.

`run.py` is the benchmark of record and `instructions.py` the noise-free count of user-space
work. This one answers "which part of the build does the difference sit in?".
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from run import Child

# The child process imports only what it measures: `run` and `generate` are imported in the
# parent's functions, so their import time does not count as the build's start-up.

PHASES: tuple[tuple[str, str], ...] = (
    ("config", "on_config, on_pre_build, emptying the site folder"),
    ("files", "finding the files, on_files"),
    ("nav", "the navigation, on_nav"),
    ("markdown", "every page's Markdown and page events up to on_page_content, on_env"),
    ("static", "copying the theme's files, 404 page, sitemap"),
    ("pages", "every page's template, on_page_context, on_post_page, writing the page"),
    ("post_build", "on_post_build (search index, waiting for helpers)"),
)
BUILDERS: tuple[str, str] = ("bare", "mindset")


def child(config_file: str, site: str) -> None:
    """Build once, print {phase: [wall, user, system]} as JSON on the last line."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    import logging

    import mkdocs.commands.build as build_module
    from mkdocs.config import load_config
    from mkdocs.plugins import PluginCollection
    from mkdocs.structure.files import Files

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    marks: list[tuple[str, float, float, float]] = []

    def mark(phase: str) -> None:
        if not any(m[0] == phase for m in marks):  # the first call starts the phase
            times = os.times()
            marks.append((phase, time.perf_counter(), times.user, times.system))

    def at(phase: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            mark(phase)
            return function(*args, **kwargs)

        return wrapper

    patches: tuple[tuple[object, str, str], ...] = (
        (build_module, "get_files", "files"),
        (build_module, "get_navigation", "nav"),
        (build_module, "_populate_page", "markdown"),
        (Files, "copy_static_files", "static"),
        (build_module, "_build_page", "pages"),
        (PluginCollection, "on_post_build", "post_build"),
    )
    for owner, name, phase in patches:
        setattr(owner, name, at(phase, getattr(owner, name)))

    config = load_config(config_file, site_dir=site)
    mark("config")
    build_module.build(config)
    mark("end")
    result = {
        a[0]: [round(b[1] - a[1], 4), round(b[2] - a[2], 4), round(b[3] - a[3], 4)]
        for a, b in itertools.pairwise(marks)
    }
    print(json.dumps(result))


def measure(config_file: Path, site: Path, child_env: Child) -> dict[str, Any]:
    """One fresh-process build: its phases, and the whole process's wall time."""
    from run import settle

    shutil.rmtree(site, ignore_errors=True)
    settle()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(config_file), str(site)],
        env=child_env.env(),
        cwd=child_env.cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    shutil.rmtree(site, ignore_errors=True)
    settle()
    if done.returncode != 0:
        raise RuntimeError(f"build of {config_file} failed:\n{done.stderr[-3000:]}")
    phases: dict[str, list[float]] = json.loads(done.stdout.strip().splitlines()[-1])
    return {"process": seconds, "phases": phases}


def table(results: dict[str, list[dict[str, Any]]]) -> str:
    """Median wall seconds per phase, both builders, and the difference."""

    def med(builder: str, phase: str) -> float:
        return float(median(r["phases"].get(phase, [0.0])[0] for r in results[builder]))

    def outside(builder: str) -> float:
        return float(
            median(r["process"] - sum(p[0] for p in r["phases"].values()) for r in results[builder])
        )

    lines = [f"{'phase':12} {'bare s':>8} {'mindset s':>10} {'difference':>11}   what it covers"]
    for phase, what in PHASES:
        bare, mindset = med("bare", phase), med("mindset", phase)
        lines.append(f"{phase:12} {bare:8.3f} {mindset:10.3f} {mindset - bare:+11.3f}   {what}")
    bare, mindset = outside("bare"), outside("mindset")
    lines.append(
        f"{'outside':12} {bare:8.3f} {mindset:10.3f} {mindset - bare:+11.3f}   "
        "start-up, imports, exit"
    )
    bare = median(r["process"] for r in results["bare"])
    mindset = median(r["process"] for r in results["mindset"])
    lines.append(
        f"{'process':12} {bare:8.3f} {mindset:10.3f} {mindset - bare:+11.3f}   "
        "the whole process, median"
    )
    ratios = [
        m["process"] / b["process"]
        for b, m in zip(results["bare"], results["mindset"], strict=True)
    ]
    shown = " ".join(f"{r:.2f}" for r in ratios)
    lines.append(f"\nmindset/bare per pair: {shown}   median {median(ratios):.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000, help="posts per corpus (default 1000)")
    parser.add_argument("--pairs", type=int, default=8, help="alternating pairs (default 8)")
    parser.add_argument("--seed", type=int, default=2020, help="corpus seed (default 2020)")
    parser.add_argument("--smoke", action="store_true", help="30 posts, one pair")
    args = parser.parse_args(argv)
    if args.smoke:
        args.posts, args.pairs = 30, 1
    from generate import write_corpora
    from run import Child, snapshot_plugin

    work = Path(tempfile.mkdtemp(prefix="mindset-phases-"))
    try:
        code = snapshot_plugin(work)
        corpora = write_corpora(work / "corpora", args.posts, BUILDERS, args.seed)
        # Run from the work folder, like run.py, so nothing shadows the frozen copy.
        child_env = Child(cwd=work, pythonpath=code)
        results: dict[str, list[dict[str, Any]]] = {b: [] for b in BUILDERS}
        for pair in range(args.pairs):
            order = BUILDERS if pair % 2 == 0 else BUILDERS[::-1]
            for builder in order:
                run = measure(corpora[builder].config_file, work / f"site-{builder}", child_env)
                results[builder].append(run)
                print(
                    f"pair {pair + 1}/{args.pairs}  {builder:8} {run['process']:6.2f} s",
                    file=sys.stderr,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{args.posts} posts, {args.pairs} pairs, wall seconds (medians)\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
