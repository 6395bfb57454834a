"""Time an ``mkdocs serve`` rebuild after one post is edited, without a server.

``mkdocs serve`` keeps one Python process alive: it loads the config, calls ``on_startup``, builds,
and on every change loads the config again (plugins that define ``on_startup`` are kept) and builds
the whole site again. This worker does the same steps in the same order, edits one post between the
first and the second build, measures the second build (CPU time of this process and any it waited
for, and wall time), restores the post and writes the numbers as JSON to ``--result``.
``benchmarks/run.py`` starts it once per builder and repeat, in a fresh process.

    python benchmarks/rebuild.py --config CORPUS/mkdocs.yml --edit CORPUS/docs/_posts/X.md \
        --result /tmp/rebuild.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SERVE_URL = "http://127.0.0.1:8000/"


def _cpu() -> float:
    """CPU seconds so far: this process, and the child processes it has waited for."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _timed(build: Callable[[], None]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one call."""
    cpu, wall = _cpu(), time.perf_counter()
    build()
    return _cpu() - cpu, time.perf_counter() - wall


def serve_rebuild(config_file: Path, edit: Path) -> dict[str, float]:
    """Build once, edit ``edit``, build again; return both builds' CPU and wall seconds."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig

    site_dir = tempfile.mkdtemp(prefix="mindset-bench-serve-")

    def get_config() -> MkDocsConfig:
        config = load_config(config_file=str(config_file), site_dir=site_dir)
        config.site_url = SERVE_URL
        return config

    original = edit.read_text(encoding="utf-8")
    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        first_cpu, first_wall = _timed(lambda: build(config, serve_url=SERVE_URL))
        edit.write_text(original + "\n\nEdited while serving.\n", encoding="utf-8")
        config = get_config()
        cpu, wall = _timed(lambda: build(config, serve_url=SERVE_URL))
    finally:
        edit.write_text(original, encoding="utf-8")
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return {"first_cpu_s": first_cpu, "first_wall_s": first_wall, "cpu_s": cpu, "wall_s": wall}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time a serve-style rebuild after one edit.")
    parser.add_argument("--config", type=Path, required=True, help="the corpus's mkdocs.yml")
    parser.add_argument("--edit", type=Path, required=True, help="the post file to edit")
    parser.add_argument("--result", type=Path, required=True, help="where to write the JSON")
    args = parser.parse_args(argv)
    result = serve_rebuild(args.config, args.edit)
    args.result.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
