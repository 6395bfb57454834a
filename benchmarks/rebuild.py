"""Time an ``mkdocs serve`` rebuild after one post is edited, without a server.

``mkdocs serve`` keeps one Python process alive: it loads the config, calls ``on_startup``, builds,
and on every change loads the config again (plugins that define ``on_startup`` are kept) and builds
the whole site again. This worker does the same steps in the same order, edits one post between the
first and the second build, times the second build, restores the post and writes its timings as
JSON to ``--result``. ``benchmarks/run.py`` starts it once per builder in a fresh process.

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
from pathlib import Path
from statistics import median
from typing import Any

SERVE_URL = "http://127.0.0.1:8000/"


def serve_rebuilds(config_file: Path, edit: Path, rebuilds: int) -> dict[str, Any]:
    """Build once, then ``rebuilds`` times after editing ``edit``; return the timings."""
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
        start = time.perf_counter()
        build(config, serve_url=SERVE_URL)
        first = time.perf_counter() - start
        times: list[float] = []
        for k in range(rebuilds):
            edit.write_text(original + f"\n\nEdited while serving ({k + 1}).\n", encoding="utf-8")
            config = get_config()
            start = time.perf_counter()
            build(config, serve_url=SERVE_URL)
            times.append(time.perf_counter() - start)
    finally:
        edit.write_text(original, encoding="utf-8")
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return {"first_s": first, "rebuild_s": median(times), "rebuilds_s": times}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time a serve-style rebuild after one edit.")
    parser.add_argument("--config", type=Path, required=True, help="the corpus's mkdocs.yml")
    parser.add_argument("--edit", type=Path, required=True, help="the post file to edit")
    parser.add_argument("--result", type=Path, required=True, help="where to write JSON timings")
    parser.add_argument("--rebuilds", type=int, default=1, help="edits and rebuilds (default 1)")
    args = parser.parse_args(argv)
    result = serve_rebuilds(args.config, args.edit, max(1, args.rebuilds))
    args.result.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
