"""Build-time benchmark: bare MkDocs vs mkdocs-mindset vs Material's blog plugin, same posts.

For each post count N it writes the same synthetic blog three times (see ``generate.py``), then
for each repeat builds every layout once, in a fresh ``python -m mkdocs build`` process, rotating
the order from one repeat to the next so that drift and caches hit every builder alike. Wall time
is taken around the child process; peak RSS and CPU time come from ``os.wait4`` (that child only).
It also times an ``mkdocs serve``-style rebuild after one post is edited (``rebuild.py``) for bare
MkDocs and the plugin. Medians over the repeats are reported; ratios are medians of the per-repeat
ratios (each repeat's builds ran back to back, so the pairs share the machine's state).

    python benchmarks/run.py --posts 300 1000 3000 --repeats 3
    python benchmarks/run.py --smoke            # CI: N=50, one repeat; fails only if a build fails

Writes ``<out>/results.json``, ``<out>/results.md`` and ``<out>/performance.png`` (+ ``.svg``).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from statistics import median
from typing import Any

from generate import BUILDERS, Corpus, write_corpora

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# Where each builder puts one page per category (for the "category pages made" column).
CATEGORY_GLOBS: dict[str, str | None] = {
    "bare": None,
    "mindset": "categories/*/index.html",
    "blog": "blog/category/*/index.html",
}
LABELS: dict[str, str] = {
    "bare": "bare MkDocs",
    "mindset": "mkdocs-mindset",
    "blog": "Material blog plugin",
}
REBUILD_BUILDERS: tuple[str, ...] = ("bare", "mindset")


@dataclass
class Run:
    """One measured child process."""

    builder: str
    posts: int
    repeat: int
    kind: str  # "build" or "rebuild"
    seconds: float
    cpu_seconds: float
    max_rss_mb: float
    returncode: int
    pages: int = 0
    category_pages: int = 0
    first_build_s: float | None = None  # rebuild runs: the serve's initial build
    stderr_tail: str = ""


@dataclass
class Row:
    """The summary of one post count."""

    posts: int
    seconds: dict[str, float] = field(default_factory=dict)
    runs: dict[str, list[float]] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    max_rss_mb: dict[str, float] = field(default_factory=dict)
    ms_per_post: dict[str, float] = field(default_factory=dict)
    marginal_ms_per_post: dict[str, float] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    category_pages: dict[str, int] = field(default_factory=dict)
    rebuild_seconds: dict[str, float] = field(default_factory=dict)
    ratios: dict[str, float] = field(default_factory=dict)
    pairs: dict[str, list[float]] = field(default_factory=dict)
    """mindset/bare of each repeat, builds and rebuilds: how far one reading can be trusted."""


def _maxrss_mb(maxrss: int) -> float:
    # Linux reports kilobytes, macOS bytes.
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


@dataclass(frozen=True)
class Child:
    """How every measured process is started."""

    timeout: float = 3600
    cwd: Path | None = None
    pythonpath: Path | None = None  # a frozen copy of the plugin, ahead of the installed one

    def env(self) -> dict[str, str]:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        if self.pythonpath is not None:
            paths = [str(self.pythonpath), env.get("PYTHONPATH", "")]
            env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
        return env


def snapshot_plugin(work: Path) -> Path | None:
    """Copy the working tree's package, so edits made during a long run are not measured."""
    source = REPO / "mkdocs_mindset"
    if not source.is_dir():
        return None
    target = work / "code"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target / "mkdocs_mindset", ignore=shutil.ignore_patterns("__pycache__"))
    # Byte-compiled now, as `pip install` does, so no build pays for compiling the plugin.
    compileall.compile_dir(target, quiet=1)
    return target


def measure(cmd: Sequence[str], stderr_path: Path, child: Child) -> tuple[float, float, float, int]:
    """Run ``cmd``; return (wall seconds, CPU seconds, peak RSS MB, exit code) of that child."""
    with stderr_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=err, env=child.env(), cwd=child.cwd
        )
        timer = threading.Timer(child.timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code  # reaped by wait4; tell Popen so it does not wait again
    return seconds, usage.ru_utime + usage.ru_stime, _maxrss_mb(usage.ru_maxrss), code


def _tail(path: Path, lines: int = 15) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def build_once(corpus: Corpus, repeat: int, scratch: Path, child: Child) -> Run:
    """One clean ``mkdocs build`` of ``corpus`` in a fresh process."""
    site = scratch / f"site-{corpus.builder}-{corpus.posts}-{repeat}"
    shutil.rmtree(site, ignore_errors=True)
    stderr = scratch / f"stderr-{corpus.builder}-{corpus.posts}-{repeat}.txt"
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(corpus.config_file)]
    seconds, cpu, rss, code = measure([*cmd, "-d", str(site)], stderr, child)
    glob = CATEGORY_GLOBS[corpus.builder]
    run = Run(
        builder=corpus.builder,
        posts=corpus.posts,
        repeat=repeat,
        kind="build",
        seconds=seconds,
        cpu_seconds=cpu,
        max_rss_mb=rss,
        returncode=code,
        pages=sum(1 for _ in site.rglob("*.html")) if site.exists() else 0,
        category_pages=sum(1 for _ in site.glob(glob)) if glob and site.exists() else 0,
        stderr_tail=_tail(stderr) if code else "",
    )
    shutil.rmtree(site, ignore_errors=True)
    settle()
    return run


def settle() -> None:
    """Flush what the last build wrote and deleted, so the next build does not pay for it."""
    if hasattr(os, "sync"):
        os.sync()


def rebuild_once(corpus: Corpus, repeat: int, scratch: Path, child: Child) -> Run:
    """A serve-style rebuild after editing the newest post, in a fresh process."""
    result = scratch / f"rebuild-{corpus.builder}-{corpus.posts}-{repeat}.json"
    result.unlink(missing_ok=True)
    stderr = scratch / f"rebuild-{corpus.builder}-{corpus.posts}-{repeat}.txt"
    cmd = [
        sys.executable,
        str(HERE / "rebuild.py"),
        "--config",
        str(corpus.config_file),
        "--edit",
        str(corpus.first_post()),
        "--result",
        str(result),
    ]
    _, cpu, rss, code = measure(cmd, stderr, child)
    settle()  # rebuild.py deleted its site folder on the way out
    data: dict[str, Any] = json.loads(result.read_text()) if code == 0 else {}
    return Run(
        builder=corpus.builder,
        posts=corpus.posts,
        repeat=repeat,
        kind="rebuild",
        seconds=float(data.get("rebuild_s", float("nan"))),
        first_build_s=data.get("first_s"),
        cpu_seconds=cpu,
        max_rss_mb=rss,
        returncode=code,
        stderr_tail=_tail(stderr) if code else "",
    )


def _pairs(runs: list[Run], top: str, bottom: str, cpu: bool = False) -> list[float]:
    """``top``'s time / ``bottom``'s time in the same repeat, for each repeat that has both."""
    by = {
        (r.builder, r.repeat): r.cpu_seconds if cpu else r.seconds
        for r in runs
        if r.returncode == 0
    }
    repeats = sorted({r.repeat for r in runs})
    return [by[top, i] / by[bottom, i] for i in repeats if (top, i) in by and (bottom, i) in by]


def _paired_ratio(runs: list[Run], top: str, bottom: str, cpu: bool = False) -> float | None:
    """Median over repeats of ``top``'s time / ``bottom``'s time in the same repeat."""
    pairs = _pairs(runs, top, bottom, cpu)
    return median(pairs) if pairs else None


def summarise(posts: int, builds: list[Run], rebuilds: list[Run]) -> Row:
    row = Row(posts=posts)
    for builder in BUILDERS:
        ok = [r for r in builds if r.builder == builder and r.returncode == 0]
        if not ok:
            continue
        row.runs[builder] = [round(r.seconds, 3) for r in ok]
        row.seconds[builder] = median(r.seconds for r in ok)
        row.cpu_seconds[builder] = median(r.cpu_seconds for r in ok)
        row.max_rss_mb[builder] = max(r.max_rss_mb for r in ok)
        row.ms_per_post[builder] = 1000 * row.seconds[builder] / posts
        row.pages[builder] = ok[0].pages
        row.category_pages[builder] = ok[0].category_pages
    for builder in REBUILD_BUILDERS:
        ok = [r for r in rebuilds if r.builder == builder and r.returncode == 0]
        if ok:
            row.rebuild_seconds[builder] = median(r.seconds for r in ok)
    for name, top, bottom, runs, cpu in (
        ("mindset/bare", "mindset", "bare", builds, False),
        ("cpu mindset/bare", "mindset", "bare", builds, True),
        ("blog/mindset", "blog", "mindset", builds, False),
        ("blog/bare", "blog", "bare", builds, False),
        ("rebuild mindset/bare", "mindset", "bare", rebuilds, False),
    ):
        ratio = _paired_ratio(runs, top, bottom, cpu)
        if ratio is not None:
            row.ratios[name] = ratio
    for name, runs in (("mindset/bare", builds), ("rebuild mindset/bare", rebuilds)):
        pairs = _pairs(runs, "mindset", "bare")
        if pairs:
            row.pairs[name] = pairs
    if "bare" in row.max_rss_mb and "mindset" in row.max_rss_mb:
        row.ratios["rss mindset/bare"] = row.max_rss_mb["mindset"] / row.max_rss_mb["bare"]
    return row


def summarise_runs(runs: list[Run]) -> list[Row]:
    """Rows for every post count in ``runs`` (how ``--replot`` re-reads an old results.json)."""
    rows = []
    for n in sorted({r.posts for r in runs}):
        builds = [r for r in runs if r.posts == n and r.kind == "build"]
        rebuilds = [r for r in runs if r.posts == n and r.kind == "rebuild"]
        rows.append(summarise(n, builds, rebuilds))
    add_marginals(rows)
    return rows


def add_marginals(rows: list[Row]) -> None:
    """Cost of each extra post between consecutive post counts (flat means linear)."""
    for prev, row in itertools.pairwise(rows):
        for builder, seconds in row.seconds.items():
            if builder in prev.seconds:
                extra = seconds - prev.seconds[builder]
                row.marginal_ms_per_post[builder] = 1000 * extra / (row.posts - prev.posts)


def _fmt(value: float | None, spec: str = ".2f", missing: str = "-") -> str:
    return missing if value is None else format(value, spec)


COLUMNS: tuple[str, ...] = (
    "posts",
    "bare s",
    "mindset s",
    "blog s",
    "mindset/bare",
    "mindset/bare CPU",
    "blog/mindset",
    "peak RSS MB bare/mindset/blog",
    "ms/post bare/mindset",
    "marginal ms/post bare/mindset",
    "category pages mindset/blog",
    "rebuild s bare/mindset",
    "rebuild mindset/bare",
)


def table_cells(row: Row) -> list[str]:
    s, r = row.seconds, row.ratios
    rss = "/".join(_fmt(row.max_rss_mb.get(b), ".0f") for b in BUILDERS)
    per_post = "/".join(_fmt(row.ms_per_post.get(b), ".1f") for b in REBUILD_BUILDERS)
    marginal = "/".join(_fmt(row.marginal_ms_per_post.get(b), ".1f") for b in REBUILD_BUILDERS)
    cats = "/".join(
        _fmt(row.category_pages.get(b), "d") if b in row.seconds else "-"
        for b in ("mindset", "blog")
    )
    rebuild = "/".join(_fmt(row.rebuild_seconds.get(b)) for b in REBUILD_BUILDERS)
    return [
        str(row.posts),
        _fmt(s.get("bare")),
        _fmt(s.get("mindset")),
        _fmt(s.get("blog")),
        _fmt(r.get("mindset/bare"), ".3f"),
        _fmt(r.get("cpu mindset/bare"), ".3f"),
        _fmt(r.get("blog/mindset"), ".1f"),
        rss,
        per_post,
        marginal,
        cats,
        rebuild,
        _fmt(r.get("rebuild mindset/bare"), ".3f"),
    ]


SPREAD_COLUMNS: tuple[str, ...] = (
    "posts",
    "pairs",
    "mindset/bare median of pairs",
    "lowest-highest pair",
    "ratio of medians",
    "ratio of fastest builds",
)


def spread_cells(row: Row) -> list[str] | None:
    """The same mindset/bare ratio read three ways, and the range of the pairs.

    On a noisy machine the readings disagree; all of them are printed so none is picked after
    the fact. Fastest builds: the one least disturbed by anything else the machine was doing.
    """
    pairs = row.pairs.get("mindset/bare")
    fastest = {b: min(row.runs[b]) for b in ("bare", "mindset") if row.runs.get(b)}
    if not pairs or len(fastest) < 2:
        return None
    return [
        str(row.posts),
        str(len(pairs)),
        _fmt(median(pairs), ".3f"),
        f"{min(pairs):.2f}-{max(pairs):.2f}",
        _fmt(row.seconds["mindset"] / row.seconds["bare"], ".3f"),
        _fmt(fastest["mindset"] / fastest["bare"], ".3f"),
    ]


def _tables(rows: list[Row]) -> list[tuple[tuple[str, ...], list[list[str]]]]:
    spread = [cells for cells in map(spread_cells, rows) if cells is not None]
    tables = [(COLUMNS, [table_cells(row) for row in rows])]
    return [*tables, (SPREAD_COLUMNS, spread)] if spread else tables


def text_table(rows: list[Row]) -> str:
    blocks = []
    for columns, body in _tables(rows):
        cells = [list(columns), *body]
        widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
        lines = ["  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)) for line in cells]
        lines.insert(1, "  ".join("-" * w for w in widths))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def markdown_table(rows: list[Row]) -> str:
    blocks = []
    for columns, body in _tables(rows):
        lines = ["| " + " | ".join(columns) + " |", "|" + "---:|" * len(columns)]
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def environment() -> dict[str, Any]:
    """What the numbers were measured on."""

    def version(dist: str) -> str | None:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    cpu = platform.processor() or None
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD")
    dirty = bool(git("status", "--porcelain", "--", "mkdocs_mindset"))
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
        if hasattr(os, "sysconf")
        else None,
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "mkdocs-mindset": version("mkdocs-mindset"),
        "commit": commit or None,
        "plugin_uncommitted_changes": dirty,
    }


def plot(rows: list[Row], out: Path) -> list[Path]:
    """Seconds against posts (log-log) and milliseconds per post; PNG and SVG."""
    try:
        import matplotlib
    except ImportError:
        print("matplotlib is not installed: no plot (pip install matplotlib)", file=sys.stderr)
        return []
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "mindset-bench"
    styles = {"bare": ("#555555", "o"), "mindset": ("#1f77b4", "s"), "blog": ("#d62728", "^")}
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.4))
    for builder in BUILDERS:
        points = [(row.posts, row.seconds[builder]) for row in rows if builder in row.seconds]
        if not points:
            continue
        colour, marker = styles[builder]
        xs, ys = zip(*points, strict=True)
        left.plot(xs, ys, marker=marker, color=colour, label=LABELS[builder])
        right.plot(xs, [1000 * y / x for x, y in points], marker=marker, color=colour)
        if builder in REBUILD_BUILDERS:
            rebuilt = [
                (r.posts, r.rebuild_seconds[builder]) for r in rows if builder in r.rebuild_seconds
            ]
            if rebuilt:
                rx, ry = zip(*rebuilt, strict=True)
                left.plot(
                    rx,
                    ry,
                    linestyle="--",
                    color=colour,
                    alpha=0.6,
                    label=f"{LABELS[builder]}, serve rebuild",
                )
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    posts = [row.posts for row in rows]
    plain = FuncFormatter(lambda value, _: f"{value:,.0f}" if value >= 1 else f"{value:g}")
    left.set(xscale="log", yscale="log", xlabel="posts", ylabel="build time (s, median)")
    left.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    left.yaxis.set_major_formatter(plain)
    left.yaxis.set_minor_formatter(NullFormatter())
    left.set_title("Build time against posts")
    right.set(xscale="log", xlabel="posts", ylabel="ms per post (build time / posts)")
    right.set_title("Cost per post")
    right.set_ylim(bottom=0)
    for axis in (left, right):
        axis.grid(True, which="both", alpha=0.3)
        axis.set_xticks(posts)
        axis.xaxis.set_major_formatter(plain)
        axis.xaxis.set_minor_formatter(NullFormatter())
    left.legend(fontsize="small")
    fig.tight_layout()
    written = []
    for suffix in ("png", "svg"):
        path = out / f"performance.{suffix}"
        fig.savefig(path, dpi=120, metadata={"Date": None} if suffix == "svg" else None)
        written.append(path)
    plt.close(fig)
    return written


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark bare MkDocs, mkdocs-mindset and Material's blog plugin."
    )
    parser.add_argument("--posts", type=int, nargs="+", default=[300, 1000, 3000])
    parser.add_argument("--repeats", type=int, default=3, help="builds per builder and N")
    parser.add_argument(
        "--builders", nargs="+", choices=BUILDERS, default=list(BUILDERS), help="what to build"
    )
    parser.add_argument(
        "--skip-blog-above",
        type=int,
        default=3000,
        metavar="N",
        help="leave Material's blog plugin out above N posts (it takes minutes); default 3000",
    )
    parser.add_argument(
        "--skip-rebuild-above",
        type=int,
        default=3000,
        metavar="N",
        help="leave the serve-rebuild measurement out above N posts; default 3000",
    )
    parser.add_argument(
        "--blog-repeats",
        type=int,
        default=None,
        metavar="K",
        help="build Material's blog plugin in the first K repeats only (default: every repeat)",
    )
    parser.add_argument("--no-rebuild", action="store_true", help="skip the serve-rebuild timing")
    parser.add_argument("--seed", type=int, default=2020, help="corpus seed")
    parser.add_argument("--out", type=Path, default=None, help="default benchmarks/out")
    parser.add_argument("--work", type=Path, default=None, help="corpora and sites (default: temp)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per build")
    parser.add_argument(
        "--installed",
        action="store_true",
        help="build with the installed mkdocs_mindset instead of a copy of this working tree's",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="CI check: 50 posts, one repeat, every builder; exits non-zero only if a build fails",
    )
    parser.add_argument(
        "--replot",
        type=Path,
        metavar="RESULTS_JSON",
        help="measure nothing: print the table and draw the plot of an earlier results.json",
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.posts, args.repeats, args.skip_blog_above = [50], 1, 50
        args.skip_rebuild_above = 50
        args.out = args.out or HERE / "out" / "smoke"
    args.out = args.out or HERE / "out"
    args.posts = sorted(set(args.posts))
    if args.blog_repeats is None:
        args.blog_repeats = args.repeats
    return args


def _progress(run: Run, repeats: int) -> None:
    status = "" if run.returncode == 0 else f"  FAILED (exit {run.returncode})"
    print(
        f"  N={run.posts:<6} repeat {run.repeat + 1}/{repeats}  {run.builder:8} {run.kind:7} "
        f"{run.seconds:8.2f} s  {run.max_rss_mb:7.0f} MB{status}",
        flush=True,
    )


def measure_posts(
    n: int, args: argparse.Namespace, work: Path, child: Child
) -> tuple[list[Run], list[Run]]:
    """Every build and rebuild of the N-post corpus, alternating builders within each repeat."""
    builders = tuple(b for b in args.builders if not (b == "blog" and n > args.skip_blog_above))
    corpora = write_corpora(work / "corpora", n, builders, args.seed)
    builds: list[Run] = []
    rebuilds: list[Run] = []
    try:
        for repeat in range(args.repeats):
            now = [b for b in builders if b != "blog" or repeat < args.blog_repeats]
            shift = repeat % len(now)
            for builder in now[shift:] + now[:shift]:
                builds.append(build_once(corpora[builder], repeat, work, child))
                _progress(builds[-1], args.repeats)
            if args.no_rebuild or n > args.skip_rebuild_above:
                continue
            order = [b for b in REBUILD_BUILDERS if b in builders]
            for builder in order if repeat % 2 == 0 else order[::-1]:
                rebuilds.append(rebuild_once(corpora[builder], repeat, work, child))
                _progress(rebuilds[-1], args.repeats)
    finally:
        shutil.rmtree(work / "corpora", ignore_errors=True)
    return builds, rebuilds


def write_results(out: Path, result: dict[str, Any], rows: list[Row]) -> None:
    """``results.json`` (everything) and ``results.md`` (the table)."""
    (out / "results.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (out / "results.md").write_text(markdown_table(rows) + "\n", encoding="utf-8")


def rows_from_json(path: Path) -> list[Row]:
    runs = json.loads(path.read_text(encoding="utf-8"))["runs"]
    return summarise_runs([Run(**run) for run in runs])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.replot:
        replotted = rows_from_json(args.replot)
        print(text_table(replotted))
        (args.out / "results.md").write_text(markdown_table(replotted) + "\n", encoding="utf-8")
        drawn = plot(replotted, args.out)
        print("wrote " + ", ".join(str(p) for p in drawn))
        return 0

    work = (args.work or Path(tempfile.mkdtemp(prefix="mindset-bench-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    code = None if args.installed else snapshot_plugin(work)
    # From the work folder, `python -m mkdocs` cannot pick up the repository's package by accident.
    child = Child(timeout=args.timeout, cwd=work, pythonpath=code)
    env = environment()
    env["plugin_code"] = "installed package" if code is None else "snapshot of the working tree"
    env["command"] = " ".join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])])
    result: dict[str, Any] = {
        "environment": env,
        "settings": {
            "posts": args.posts,
            "repeats": args.repeats,
            "blog_repeats": args.blog_repeats,
            "builders": args.builders,
            "skip_blog_above": args.skip_blog_above,
            "skip_rebuild_above": args.skip_rebuild_above,
            "seed": args.seed,
        },
        "complete": False,
        "rows": [],
        "runs": [],
    }
    rows: list[Row] = []
    failures: list[Run] = []
    started = time.perf_counter()
    try:
        for n in args.posts:
            builds, rebuilds = measure_posts(n, args, work, child)
            failures += [r for r in builds + rebuilds if r.returncode != 0]
            rows.append(summarise(n, builds, rebuilds))
            add_marginals(rows)
            # Saved after every N, so a long run that is stopped keeps what it measured.
            env["elapsed_s"] = round(time.perf_counter() - started, 1)
            result["rows"] = [asdict(row) for row in rows]
            result["runs"] += [asdict(run) for run in builds + rebuilds]
            write_results(args.out, result, rows)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    result["complete"] = True
    write_results(args.out, result, rows)
    written = plot(rows, args.out)

    for row in rows:
        if "mindset" in row.seconds and not row.category_pages.get("mindset"):
            print(f"warning: the mindset build of {row.posts} posts made no category pages")
    print()
    print(text_table(rows))
    print()
    print(
        f"{env['date']}  {env['cpus']} CPUs  {env['cpu']}  Python {env['python']}  "
        f"mkdocs {env['mkdocs']}  material {env['mkdocs-material']}  "
        f"mindset {env['mkdocs-mindset']}  ({env['elapsed_s']} s)"
    )
    print(f"wrote {args.out / 'results.json'}, {args.out / 'results.md'}", end="")
    print("".join(f", {p}" for p in written))
    for run in failures:
        print(
            f"\nFAILED: {run.builder} {run.kind} of {run.posts} posts "
            f"(exit {run.returncode})\n{run.stderr_tail}",
            file=sys.stderr,
        )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
