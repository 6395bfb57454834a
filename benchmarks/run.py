"""Build-cost benchmark: bare MkDocs, mkdocs-mindset and Material's blog plugin on the same posts.

For each post count N, ``generate.py`` writes the same synthetic blog once per builder (Material
theme, search, every default feature of the plugin). Bare MkDocs builds it twice: with the posts
under ``posts/`` (``bare``), and with each post where the plugin's Jekyll URL puts it
(``bare-urls``), so the plugin's own work shows apart from what those deeper folders cost.
Each repeat then builds every builder once, each build a fresh ``python -m mkdocs build``
process, the order rotating from one repeat to the next; after the builds, ``rebuild.py``
times an ``mkdocs serve`` rebuild after one edited post, for bare MkDocs and the plugin.

The measure is CPU time: user + system time of the build process and every process it started
and waited for (``os.wait4``). It counts all the work a build does, on any core, and moves far
less than wall time when the machine is busy. Wall time is shown beside it.

Each number is the median over the repeats; each ratio is the median of the per-repeat ratios
(the two builds of a repeat ran one after the other, so they share the machine's state).
"CPU ms/added post" is the CPU cost of each post added since the previous post count: flat
means the build scales linearly.

    python benchmarks/run.py --posts 300 1000 3000 --repeats 5
    python benchmarks/run.py --smoke        # CI: 50 posts, one repeat; fails only if a build fails

Writes ``<out>/results.json`` (every run, the summary, the machine), ``<out>/results.md`` (the
tables) and, with two or more post counts, ``<out>/performance.png``.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from statistics import median
from typing import Any

from generate import BUILDERS, Corpus, write_corpora

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
REBUILT: tuple[str, ...] = ("bare", "mindset")  # builders whose serve rebuild is timed
# Each ratio, numerator and denominator. The plugin against bare MkDocs with the posts at the
# same URLs is its own work; against `bare` it also pays for the folders of Jekyll's URLs.
COMPARED: tuple[tuple[str, str], ...] = (
    ("bare-urls", "bare"),
    ("mindset", "bare"),
    ("mindset", "bare-urls"),
    ("blog", "mindset"),
)


@dataclass
class Run:
    """One measured build (or serve rebuild)."""

    builder: str
    posts: int
    repeat: int
    kind: str  # "build" or "rebuild"
    cpu_s: float
    wall_s: float
    rss_mb: float
    returncode: int
    pages: int = 0
    error: str = ""


@dataclass
class Row:
    """The summary of one post count: medians per builder, and the ratios."""

    posts: int
    repeats: dict[str, int] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)
    wall_s: dict[str, float] = field(default_factory=dict)
    rss_mb: dict[str, float] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    rebuild_cpu_s: dict[str, float] = field(default_factory=dict)
    cpu_ratio: dict[str, float] = field(default_factory=dict)  # "top/bottom" -> ratio
    wall_ratio: dict[str, float] = field(default_factory=dict)
    rebuild_cpu_ratio: dict[str, float] = field(default_factory=dict)
    cpu_ms_per_added_post: dict[str, float] = field(default_factory=dict)


# Measuring


def snapshot_plugin(work: Path) -> Path:
    """Copy and byte-compile the working tree's plugin, so edits during a run are not measured.

    Compiled now, as ``pip install`` does: with ``PYTHONDONTWRITEBYTECODE`` set, an editable
    install would otherwise compile the plugin again in every build.
    """
    target = work / "code"
    shutil.copytree(
        REPO / "mkdocs_mindset",
        target / "mkdocs_mindset",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    compileall.compile_dir(target, quiet=1)
    return target


def child_env(code: Path) -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(code), os.environ.get("PYTHONPATH", "")) if p)
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=path)


def run_child(cmd: list[str], log: Path, work: Path, code: Path) -> tuple[float, float, float, int]:
    """Run ``cmd``; return its (CPU seconds, wall seconds, peak RSS MB, exit code)."""
    with log.open("wb") as stderr:
        start = time.perf_counter()
        # From the work folder: `python -m` puts the current folder first on sys.path, and the
        # repository's package must not shadow the snapshot.
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=stderr, cwd=work, env=child_env(code)
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: Popen must not wait
    rss = usage.ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)  # bytes or KiB
    return usage.ru_utime + usage.ru_stime, wall, rss, proc.returncode


def _tail(log: Path) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:])


def build(corpus: Corpus, repeat: int, work: Path, code: Path) -> Run:
    """One clean ``mkdocs build`` in a fresh process."""
    site, log = work / "site", work / f"{corpus.builder}-{corpus.posts}-{repeat}.log"
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(corpus.config_file)]
    cpu, wall, rss, returncode = run_child([*cmd, "-d", str(site)], log, work, code)
    pages = sum(1 for _ in site.rglob("*.html")) if site.exists() else 0
    shutil.rmtree(site, ignore_errors=True)
    os.sync()  # the next build does not pay for writing back this one's files
    error = _tail(log) if returncode else ""
    return Run(
        corpus.builder, corpus.posts, repeat, "build", cpu, wall, rss, returncode, pages, error
    )


def rebuild(corpus: Corpus, repeat: int, work: Path, code: Path) -> Run:
    """An ``mkdocs serve``-style rebuild after editing the newest post (``rebuild.py``)."""
    result = work / "rebuild.json"
    log = work / f"rebuild-{corpus.builder}-{corpus.posts}-{repeat}.log"
    cmd = [sys.executable, str(HERE / "rebuild.py"), "--config", str(corpus.config_file)]
    cmd += ["--edit", str(corpus.newest), "--result", str(result)]
    _, _, rss, returncode = run_child(cmd, log, work, code)
    os.sync()
    # The rebuild alone, as rebuild.py measured it, not the process's first build.
    data = json.loads(result.read_text()) if returncode == 0 else {}
    result.unlink(missing_ok=True)
    cpu, wall = data.get("cpu_s", float("nan")), data.get("wall_s", float("nan"))
    error = _tail(log) if returncode else ""
    return Run(
        corpus.builder, corpus.posts, repeat, "rebuild", cpu, wall, rss, returncode, 0, error
    )


def measure(n: int, args: argparse.Namespace, work: Path, code: Path) -> list[Run]:
    """Every build and rebuild of the N-post blog, builders taking turns within each repeat."""
    corpora = write_corpora(work / "corpora", n, tuple(args.builders), args.seed)
    runs: list[Run] = []
    try:
        for repeat in range(args.repeats):
            now = [b for b in args.builders if b != "blog" or repeat < args.blog_repeats]
            shift = repeat % max(len(now), 1)
            jobs = [(build, b) for b in now[shift:] + now[:shift]]
            rebuilt = [b for b in REBUILT if b in args.builders]
            jobs += [(rebuild, b) for b in (rebuilt if repeat % 2 == 0 else rebuilt[::-1])]
            for job, builder in jobs:
                run = job(corpora[builder], repeat, work, code)
                runs.append(run)
                failed = f"  FAILED (exit {run.returncode})" if run.returncode else ""
                print(
                    f"  {n:>6} posts  repeat {repeat + 1}/{args.repeats}  {builder:8} "
                    f"{run.kind:7}  CPU {run.cpu_s:7.2f} s  wall {run.wall_s:7.2f} s  "
                    f"{run.rss_mb:5.0f} MB{failed}",
                    flush=True,
                )
    finally:
        shutil.rmtree(work / "corpora", ignore_errors=True)
    return runs


# Summarising


def paired_ratio(runs: list[Run], kind: str, top: str, bottom: str, what: str) -> float | None:
    """Median over repeats of ``top``'s ``what`` / ``bottom``'s, both from the same repeat."""
    value = {(r.builder, r.repeat): getattr(r, what) for r in runs if r.kind == kind}
    pairs = [
        value[top, i] / value[bottom, i]
        for i in sorted({r.repeat for r in runs})
        if (top, i) in value and (bottom, i) in value
    ]
    return median(pairs) if pairs else None


def summarise(n: int, runs: list[Run], previous: Row | None) -> Row:
    row = Row(posts=n)
    ok = [r for r in runs if r.returncode == 0]
    for builder in BUILDERS:
        builds = [r for r in ok if r.builder == builder and r.kind == "build"]
        if builds:
            row.repeats[builder] = len(builds)
            row.cpu_s[builder] = median(r.cpu_s for r in builds)
            row.wall_s[builder] = median(r.wall_s for r in builds)
            row.rss_mb[builder] = max(r.rss_mb for r in builds)
            row.pages[builder] = builds[0].pages
        rebuilds = [r.cpu_s for r in ok if r.builder == builder and r.kind == "rebuild"]
        if rebuilds:
            row.rebuild_cpu_s[builder] = median(rebuilds)
        if previous and builder in row.cpu_s and builder in previous.cpu_s:
            extra = row.cpu_s[builder] - previous.cpu_s[builder]
            row.cpu_ms_per_added_post[builder] = 1000 * extra / (n - previous.posts)
    for top, bottom in COMPARED:
        for ratios, kind, what in (
            (row.cpu_ratio, "build", "cpu_s"),
            (row.wall_ratio, "build", "wall_s"),
            (row.rebuild_cpu_ratio, "rebuild", "cpu_s"),
        ):
            ratio = paired_ratio(ok, kind, top, bottom, what)
            if ratio is not None:
                ratios[f"{top}/{bottom}"] = ratio
    return row


COLUMNS = (
    "builder",
    "CPU s",
    "wall s",
    "peak RSS MB",
    "pages",
    "CPU ratio",
    "wall ratio",
    "rebuild CPU s",
    "rebuild CPU ratio",
    "CPU ms/added post",
)
LEGEND = (
    "CPU: user + system time of the build and the processes it started; wall: elapsed time. "
    "Medians over the repeats; each ratio is the median of the per-repeat ratios against the "
    "builder it names. rebuild: an `mkdocs serve` rebuild after one post is edited. "
    "CPU ms/added post: CPU time added per post since the previous post count."
)


def _cell(value: float | int | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _ratio(ratios: dict[str, float], builder: str) -> str:
    """Every ratio of `builder` against another, e.g. `1.213 x bare, 1.120 x bare-urls`."""
    cells = [
        f"{value:.3f} x {key.split('/')[1]}"
        for key, value in ratios.items()
        if key.split("/")[0] == builder
    ]
    return ", ".join(cells) or "-"


def table(row: Row, markdown: bool = False) -> str:
    """One post count: a line per builder, each ratio against the builder named in it."""
    body = [
        [
            builder,
            _cell(row.cpu_s[builder], ".2f"),
            _cell(row.wall_s[builder], ".2f"),
            _cell(row.rss_mb[builder], ".0f"),
            _cell(row.pages[builder], "d"),
            _ratio(row.cpu_ratio, builder),
            _ratio(row.wall_ratio, builder),
            _cell(row.rebuild_cpu_s.get(builder), ".2f"),
            _ratio(row.rebuild_cpu_ratio, builder),
            _cell(row.cpu_ms_per_added_post.get(builder), ".2f"),
        ]
        for builder in BUILDERS
        if builder in row.cpu_s
    ]
    counts = {str(k) for k in row.repeats.values()}
    k = counts.pop() if len(counts) == 1 else ", ".join(f"{b} {k}" for b, k in row.repeats.items())
    title = f"{row.posts} posts, " + ("one build each" if k == "1" else f"medians of {k} builds")
    if markdown:
        lines = ["| " + " | ".join(COLUMNS) + " |", "|---" + "|---:" * (len(COLUMNS) - 1) + "|"]
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
        return f"### {title}\n\n" + "\n".join(lines)
    widths = [max(len(cells[i]) for cells in [list(COLUMNS), *body]) for i in range(len(COLUMNS))]

    def line(cells: list[str]) -> str:
        rest = zip(cells[1:], widths[1:], strict=True)
        return "  ".join([cells[0].ljust(widths[0]), *(c.rjust(w) for c, w in rest)])

    lines = [line(cells) for cells in [list(COLUMNS), ["-" * w for w in widths], *body]]
    return "\n".join([title, *lines])


def plot(rows: list[Row], out: Path) -> Path | None:
    """CPU seconds against posts (log-log), and the CPU cost of each added post."""
    if len(rows) < 2:
        return None
    try:
        import matplotlib
    except ImportError:
        print("no plot: matplotlib is not installed (pip install -e '.[bench]')", file=sys.stderr)
        return None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    labels = {
        "bare": "bare MkDocs",
        "bare-urls": "bare MkDocs, Jekyll's URLs",
        "mindset": "mkdocs-mindset",
        "blog": "Material blog plugin",
    }
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), sharex=True)
    for builder, style in zip(BUILDERS, ("o-", "o--", "s-", "^-"), strict=True):
        cpu = [(r.posts, r.cpu_s[builder]) for r in rows if builder in r.cpu_s]
        added = [
            (r.posts, r.cpu_ms_per_added_post[builder])
            for r in rows
            if builder in r.cpu_ms_per_added_post
        ]
        for axis, points in ((left, cpu), (right, added)):
            if points:
                axis.plot(*zip(*points, strict=True), style, label=labels[builder])
    left.set(xscale="log", yscale="log", xlabel="posts", ylabel="CPU s per build (median)")
    right.set(xscale="log", xlabel="posts", ylabel="CPU ms per post added since the last count")
    right.set_ylim(bottom=0)
    plain = FuncFormatter(lambda value, _: f"{value:,.0f}")
    for axis in (left, right):
        axis.grid(True, which="both", alpha=0.3)
        axis.set_xticks([r.posts for r in rows])
        axis.xaxis.set_major_formatter(plain)
        axis.xaxis.set_minor_formatter(NullFormatter())
    left.yaxis.set_major_locator(LogLocator(subs=(1, 2, 5)))
    left.yaxis.set_major_formatter(plain)
    left.yaxis.set_minor_formatter(NullFormatter())
    left.legend()
    fig.tight_layout()
    path = out / "performance.png"
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


# Running


def environment() -> dict[str, Any]:
    """What the numbers were measured on."""

    def version(dist: str) -> str | None:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    def git(*args: str) -> str:
        cmd = ["git", "-C", str(REPO), *args]
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()

    cpu = platform.processor()
    if Path("/proc/cpuinfo").exists():
        names = [
            line for line in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in line
        ]
        cpu = names[0].split(":", 1)[1].strip() if names else cpu
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "commit": git("rev-parse", "--short", "HEAD"),
        "plugin_uncommitted_changes": bool(git("status", "--porcelain", "--", "mkdocs_mindset")),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Build the same blog with bare MkDocs, mkdocs-mindset and Material's blog "
        "plugin; report CPU time (and wall time) and their ratios."
    )
    parser.add_argument(
        "--posts",
        type=int,
        nargs="+",
        default=[300, 1000, 3000],
        metavar="N",
        help="post counts (default 300 1000 3000)",
    )
    parser.add_argument(
        "--repeats", type=int, default=5, metavar="R", help="builds per builder (default 5)"
    )
    parser.add_argument(
        "--builders", nargs="+", choices=BUILDERS, default=list(BUILDERS), help="(default: all)"
    )
    parser.add_argument(
        "--blog-repeats",
        type=int,
        metavar="K",
        help="build Material's blog plugin in the first K repeats only (default: all of them); "
        "one build of it takes minutes at 3,000 posts",
    )
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="results folder (default benchmarks/out)"
    )
    parser.add_argument("--seed", type=int, default=2020, help="corpus seed (default 2020)")
    parser.add_argument(
        "--smoke", action="store_true", help="CI: 50 posts, one repeat; fails only if a build fails"
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.posts, args.repeats = [50], 1
        args.out = args.out or HERE / "out" / "smoke"
    args.out = args.out or HERE / "out"
    args.posts = sorted(set(args.posts))
    args.builders = [b for b in BUILDERS if b in args.builders]
    args.blog_repeats = args.repeats if args.blog_repeats is None else args.blog_repeats
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    env = environment()
    result: dict[str, Any] = {"environment": env, "settings": {}, "rows": [], "runs": []}
    result["settings"] = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}
    rows: list[Row] = []
    runs: list[Run] = []
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="mindset-bench-"))
    try:
        code = snapshot_plugin(work)
        for n in args.posts:
            new = measure(n, args, work, code)
            runs += new
            rows.append(summarise(n, new, rows[-1] if rows else None))
            # Written after every post count, so a long run that is stopped keeps what it did.
            env["elapsed_s"] = round(time.perf_counter() - started)
            result["rows"] = [asdict(row) for row in rows]
            result["runs"] = [asdict(run) for run in runs]
            (args.out / "results.json").write_text(json.dumps(result, indent=1) + "\n")
            markdown = [table(row, markdown=True) for row in rows]
            (args.out / "results.md").write_text("\n\n".join([*markdown, LEGEND]) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    drawn = plot(rows, args.out)

    print()
    for row in rows:
        print(table(row), end="\n\n")
    print(textwrap.fill(LEGEND, 100), end="\n\n")
    print(
        f"{env['date']}  {env['cpus']} CPUs ({env['cpu']})  Python {env['python']}  "
        f"MkDocs {env['mkdocs']}  Material {env['mkdocs-material']}  commit {env['commit']}"
        f"{' + uncommitted plugin changes' if env['plugin_uncommitted_changes'] else ''}  "
        f"({env['elapsed_s']} s)"
    )
    written = [args.out / "results.json", args.out / "results.md", *([drawn] if drawn else [])]
    print("wrote " + ", ".join(map(str, written)))
    failures = [run for run in runs if run.returncode]
    for run in failures:
        print(
            f"\nFAILED: {run.builder} {run.kind}, {run.posts} posts, exit {run.returncode}\n"
            f"{run.error}",
            file=sys.stderr,
        )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
