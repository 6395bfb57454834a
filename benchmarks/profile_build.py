"""Profile one ``mkdocs build`` of the benchmark corpus with cProfile.

    python benchmarks/profile_build.py --posts 1000 [--builder mindset] [--out benchmarks/out]

Writes ``<out>/profile-<builder>-<N>.prof`` (open it with ``python -m pstats`` or snakeviz) and
prints the functions of ``mkdocs_mindset`` by cumulative time, then the whole build's top entries.
The build runs in a fresh process, as in ``run.py``, under ``python -m cProfile``.
"""

from __future__ import annotations

import argparse
import io
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generate import BUILDERS, write_corpora

HERE = Path(__file__).resolve().parent


def profile(builder: str, posts: int, out: Path, seed: int) -> Path:
    """Build the corpus under cProfile; return the path of the stats file."""
    out.mkdir(parents=True, exist_ok=True)
    stats = out / f"profile-{builder}-{posts}.prof"
    work = Path(tempfile.mkdtemp(prefix="mindset-profile-"))
    try:
        corpus = write_corpora(work, posts, (builder,), seed)[builder]
        cmd = [
            sys.executable,
            "-m",
            "cProfile",
            "-o",
            str(stats),
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(corpus.config_file),
            "-d",
            str(work / "site"),
        ]
        subprocess.run(cmd, check=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return stats


def report(stats_file: Path, package: str, top: int) -> str:
    """The package's functions by cumulative time, then the build's top entries overall."""
    buffer = io.StringIO()
    stats = pstats.Stats(str(stats_file), stream=buffer)
    stats.sort_stats(pstats.SortKey.CUMULATIVE)
    buffer.write(f"== {package} functions by cumulative time ==\n")
    stats.print_stats(rf"{package}[/\\]", top)
    buffer.write("== whole build, by cumulative time ==\n")
    stats.print_stats(top)
    buffer.write("== whole build, by own time ==\n")
    stats.sort_stats(pstats.SortKey.TIME).print_stats(top)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="cProfile one benchmark build.")
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--builder", choices=BUILDERS, default="mindset")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--top", type=int, default=30, help="rows per listing")
    parser.add_argument("--package", default="mkdocs_mindset", help="whose functions to list")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    stats = profile(args.builder, args.posts, args.out, args.seed)
    print(report(stats, args.package, args.top))
    print(f"wrote {stats}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
